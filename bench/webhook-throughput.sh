#!/usr/bin/env bash
# Webhook ingress throughput: wrk posts signed, realistic single-message webhooks with unique wamids
# (50 connections, 20 s, after a 40 s warm-up so the JIT has compiled the hot path) to a hub with its embedded broker, then every
# acknowledged message is counted on whatsapp.inbound. Targets: >= 5,500 acknowledged/s, p99 < 50 ms,
# nothing acknowledged missing. Prints the figures, the hub's peak RSS and a PASS/FAIL line.
#   CONNECTIONS (50)  DURATION (20s)  WARMUP (20s)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
CONNECTIONS=${CONNECTIONS:-50}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-40}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
prepare

run=$(date +%s)
rm -rf "$OUT/kafka"
java "$BENCH_DIR/src/GenerateSignedWebhooks.java" 200000 "$APP_SECRET" "$PHONE_NUMBER_ID" "warm$run" "$OUT/warmup.txt"
java "$BENCH_DIR/src/GenerateSignedWebhooks.java" 300000 "$APP_SECRET" "$PHONE_NUMBER_ID" "m$run" "$OUT/measured.txt"

trap stop_hub EXIT
# an ingress-only hub: nothing consumes whatsapp.inbound while it is measured
HUB_ROLES=ingress start_hub "$OUT/hub-throughput.log"
echo "warm-up ${WARMUP}s..."
THREADS=2 BODIES="$OUT/warmup.txt" wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$BENCH_DIR/webhook.lua" "http://127.0.0.1:$HUB_PORT" >/dev/null
echo "measuring ${DURATION}s with $CONNECTIONS connections..."
result=$(THREADS=2 BODIES="$OUT/measured.txt" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$BENCH_DIR/webhook.lua" "http://127.0.0.1:$HUB_PORT" | grep '^RESULT')
rss_kb=$(awk '/VmHWM/ {print $2}' /proc/$HUB_PID/status)
echo "$result"
topic=$(count_topic "wamid.m$run.")
echo "$topic"

val() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"; }
requests=$(val requests "$result"); non2xx=$(val non2xx "$result"); errors=$(val socket_errors "$result")
acked=$((requests - non2xx))
rps=$(awk -v a="$acked" -v d="$(val duration_s "$result")" 'BEGIN {printf "%.0f", a / d}')
p99=$(val p99_ms "$result"); distinct=$(val distinct "$topic")
echo "acknowledged=$acked acknowledged_per_s=$rps p99_ms=$p99 on_topic=$distinct peak_rss_mb=$((rss_kb / 1024)) socket_errors=$errors"
if [ "$rps" -ge 5500 ] && awk -v p="$p99" 'BEGIN {exit !(p < 50)}' && [ "$distinct" -ge "$acked" ] && [ "$non2xx" -eq 0 ]; then
  echo "PASS webhook throughput: $rps/s >= 5500/s, p99 ${p99} ms < 50 ms, all $acked acknowledged messages on whatsapp.inbound"
else
  echo "FAIL webhook throughput: $rps/s (target 5500), p99 ${p99} ms (target < 50), on topic $distinct of $acked acknowledged, non-2xx $non2xx"
  exit 1
fi
