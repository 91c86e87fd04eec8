#!/usr/bin/env bash
# The hub's webhook ingress side by side with the old system's Node.js ingress (SEED_DIR: its peer folder with
# run-peer.sh, stop-peer.sh and post.lua), in one run and with the same load shape: wrk -t2 -c50, a WARMUP s warm-up,
# then DURATION s measured, unique wamids. Each is measured alone, on a fresh process, alternating hub / old /
# hub / old ... for ROUNDS rounds so drift on a shared machine shows. The hub (ingress role only, embedded broker)
# gets signed realistic single-message webhooks and every message it acknowledged is counted on whatsapp.inbound;
# the old ingress gets its own post.lua (it checks no signature and stores nothing) and logs to /dev/null, its
# fastest mode. With BEFORE_JAR set, another build of the hub is measured in each round too (after the old one).
# Prints every run, the medians, the ratio hub/old and PASS/FAIL lines: ratio >= 1.0, hub p99 <= 50 ms, nothing
# acknowledged missing from the topic.
#   ROUNDS (2)  WARMUP (30)  DURATION (20)  CONNECTIONS (50)  HUB_JAR (target/whatsapp-agent-hub.jar)  BEFORE_JAR (none)
#   SEED_DIR (/work/shared/peers/seed-webhook)  SEED_PORT, SEED_STUB_PORT, SEED_REDIS_PORT (BENCH_HUB_PORT + 2, 3, 4)
#   SEED_DB_NAME (seedpeer)  the old ingress's PostgreSQL database (plan tiers of its chatbots)
#   READY_SECONDS (120)  how long a hub may take to start on a busy machine
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ROUNDS=${ROUNDS:-2}
WARMUP=${WARMUP:-30}
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-50}
SEED_DIR=${SEED_DIR:-/work/shared/peers/seed-webhook}
SEED_PORT=${SEED_PORT:-$((HUB_PORT + 2))}
SEED_STUB_PORT=${SEED_STUB_PORT:-$((HUB_PORT + 3))}
SEED_REDIS_PORT=${SEED_REDIS_PORT:-$((HUB_PORT + 4))}
SEED=$OUT/seed-webhook
HUB_JAR=${HUB_JAR:-$ROOT/target/whatsapp-agent-hub.jar}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
prepare

# the peer's scripts write pids, logs and node_modules beside themselves: they run from a copy
[ -d "$SEED" ] || { cp -r "$SEED_DIR" "$SEED" && chmod -R u+w "$SEED"; }
seed_env() { PORT=$SEED_PORT STUB_PORT=$SEED_STUB_PORT REDIS_PORT=$SEED_REDIS_PORT DB_NAME=${SEED_DB_NAME:-seedpeer} "$@"; }
cleanup() { stop_hub || true; seed_env "$SEED/stop-peer.sh" app stub redis >/dev/null 2>&1 || true; }
trap cleanup EXIT

run=$(date +%s)
java "$BENCH_DIR/src/GenerateSignedWebhooks.java" 300000 "$APP_SECRET" "$PHONE_NUMBER_ID" "warm$run" "$OUT/vs-warmup.txt"
val() { sed -n "s/.*[ ]$1=\([0-9.]*\).*/\1/p" <<<" $2"; }
per_s() { awk -v a="$1" -v d="$2" 'BEGIN {printf "%.0f", a / d}'; }
results=$OUT/vs-$run.txt
: >"$results"

# measure_hub NAME JAR ROUND: a fresh ingress-only hub from JAR, warmed up, measured, its acknowledged messages counted
measure_hub() {
  local name=$1 jar=$2 prefix="m$run-$3-$1" result topic requests non2xx acked distinct
  java "$BENCH_DIR/src/GenerateSignedWebhooks.java" 300000 "$APP_SECRET" "$PHONE_NUMBER_ID" "$prefix" "$OUT/vs-measured.txt"
  rm -rf "$OUT/kafka"
  HUB_JAR=$jar HUB_ROLES=ingress start_hub "$OUT/vs-hub-$name.log"
  THREADS=2 BODIES="$OUT/vs-warmup.txt" wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$BENCH_DIR/webhook.lua" "http://127.0.0.1:$HUB_PORT" >/dev/null
  result=$(THREADS=2 BODIES="$OUT/vs-measured.txt" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$BENCH_DIR/webhook.lua" \
             "http://127.0.0.1:$HUB_PORT" | grep '^RESULT')
  topic=$(count_topic "wamid.$prefix.")
  stop_hub || true
  requests=$(val requests "$result"); non2xx=$(val non2xx "$result"); acked=$((requests - non2xx)); distinct=$(val distinct "$topic")
  echo "$name round=$3 acknowledged=$acked acknowledged_per_s=$(per_s "$acked" "$(val duration_s "$result")") p99_ms=$(val p99_ms "$result")" \
       "non2xx=$non2xx socket_errors=$(val socket_errors "$result") on_topic=$distinct missing=$((acked > distinct ? acked - distinct : 0))" | tee -a "$results"
}

# measure_seed ROUND: a fresh old ingress (its Redis and stub kept, the rate limiter's counts cleared), warmed up, measured
measure_seed() {
  local result requests non2xx acked
  seed_env "$SEED/stop-peer.sh" app >/dev/null
  SEED_LOG=/dev/null seed_env "$SEED/run-peer.sh" >>"$OUT/vs-seed.log"
  RUN_ID="W$run$1" WRK_THREADS=2 wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$SEED/post.lua" "http://127.0.0.1:$SEED_PORT/" >/dev/null
  redis-cli -h 127.0.0.1 -p "$SEED_REDIS_PORT" flushdb >/dev/null
  result=$(RUN_ID="M$run$1" WRK_THREADS=2 wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$SEED/post.lua" \
             "http://127.0.0.1:$SEED_PORT/" | grep '^RESULT')
  seed_env "$SEED/stop-peer.sh" app >/dev/null
  requests=$(val requests "$result"); non2xx=$(val non2xx "$result"); acked=$((requests - non2xx))
  echo "old round=$1 acknowledged=$acked acknowledged_per_s=$(per_s "$acked" "$(val duration_s "$result")") p99_ms=$(val lat_p99_ms "$result")" \
       "non2xx=$non2xx socket_errors=$(( $(val connect_err "$result") + $(val read_err "$result") + $(val write_err "$result") + $(val timeout_err "$result") ))" \
       | tee -a "$results"
}

for round in $(seq 1 "$ROUNDS"); do
  measure_hub hub "$HUB_JAR" "$round"
  measure_seed "$round"
  [ -z "${BEFORE_JAR:-}" ] || measure_hub before "$BEFORE_JAR" "$round"
done

median() { grep "^$1 " "$results" | sed -n "s/.* $2=\([0-9.]*\).*/\1/p" | sort -n | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
hub_rate=$(median hub acknowledged_per_s); old_rate=$(median old acknowledged_per_s); hub_p99=$(median hub p99_ms)
missing=$(grep '^hub ' "$results" | sed -n 's/.* missing=\([0-9]*\).*/\1/p' | awk '{s += $1} END {print s + 0}')
hub_non2xx=$(grep '^hub ' "$results" | sed -n 's/.* non2xx=\([0-9]*\).*/\1/p' | awk '{s += $1} END {print s + 0}')
ratio=$(awk -v h="$hub_rate" -v o="$old_rate" 'BEGIN {printf "%.2f", h / o}')
echo "median of $ROUNDS rounds: hub $hub_rate/s p99 $hub_p99 ms, old $old_rate/s p99 $(median old p99_ms) ms, ratio $ratio"
[ -z "${BEFORE_JAR:-}" ] || echo "median of $ROUNDS rounds: before $(median before acknowledged_per_s)/s p99 $(median before p99_ms) ms," \
  "ratio $(awk -v b="$(median before acknowledged_per_s)" -v o="$old_rate" 'BEGIN {printf "%.2f", b / o}')"
status=0
check() { if eval "$2"; then echo "PASS $1"; else echo "FAIL $1"; status=1; fi; }
check "ratio hub/old $ratio >= 1.0" "awk -v r=$ratio 'BEGIN {exit !(r >= 1.0)}'"
check "hub p99 $hub_p99 ms <= 50 ms" "awk -v p=$hub_p99 'BEGIN {exit !(p <= 50)}'"
check "every acknowledged hub message on whatsapp.inbound (missing $missing, non-2xx $hub_non2xx)" "[ $missing -eq 0 ] && [ $hub_non2xx -eq 0 ]"
exit $status
