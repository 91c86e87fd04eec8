#!/usr/bin/env bash
# Start-up time and memory of the hub started exactly as ./run.sh starts it: scripts/start-hub.sh, so the same JVM
# options, class data sharing archive, demo data and sandbox Graph API; only the ports, Kafka log directory and
# database are the benchmark's (BENCH_HUB_PORT, BENCH_KAFKA_PORT, BENCH_DB, BENCH_OUT).
#   1. time from the process's start to /actuator/health/readiness 200 — target ≤ 10 s (and the CPU time the JVM
#      spent until then, a figure that depends less on what else the machine runs)
#   2. RSS idle: 10 s after one demo message (scripts/send-demo-message.sh) was answered — target < 512 MB
#   3. peak RSS through bench/conversation-throughput.sh — target < 768 MB. That script starts its own hub; with
#      BENCH_AS_RUN=1 it starts it through the same scripts/start-hub.sh, adding only the benchmark's settings (fake
#      Graph API and LLM, benchmark secrets); this script reads that hub's high-water mark (VmHWM, of the process
#      listening on BENCH_HUB_PORT) every second, so the whole run counts even if the benchmark stops early.
# The class data sharing archive is built before the clock starts (scripts/prepare-hub.sh), as it is on every start
# but the first of a build; every start gets a fresh embedded Kafka log. RUNS (1) start-ups; CONVERSATION=0 skips
# step 3; WARMUP, DURATION and RATE pass through to conversation-throughput.sh. Prints the figures and PASS/FAIL.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RUNS=${RUNS:-1}
export SPRING_DATASOURCE_URL=${SPRING_DATASOURCE_URL:-jdbc:postgresql://127.0.0.1:5432/${BENCH_DB:-hub}}
HUB_DB_NAME=${BENCH_DB:-hub} bash "$ROOT/db/setup.sh"
if [ ! -f "$ROOT/target/whatsapp-agent-hub.jar" ] || [ -n "${BENCH_REBUILD:-}" ]; then
  (cd "$ROOT" && mvn -B -q -DskipTests package)
fi
bash "$ROOT/scripts/prepare-hub.sh"

pid=
trap '[ -z "$pid" ] || { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }' EXIT
rss_mb() { awk -v k="$2:" '$1 == k {printf "%d", $2 / 1024}' "/proc/$1/status"; }
status=0

for run in $(seq 1 "$RUNS"); do
  rm -rf "$OUT/kafka"
  log=$OUT/hub-startup-$run.log
  started=$(date +%s%N)
  (cd "$ROOT" && HUB_KAFKA_DATA_DIR="$OUT/kafka" HUB_KAFKA_EMBEDDED_PORT=$KAFKA_PORT SERVER_PORT=$HUB_PORT \
    exec bash scripts/start-hub.sh) >"$log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$HUB_PORT/actuator/health/readiness" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "the hub did not start; see $log"; exit 1; }
    [ $(( ($(date +%s%N) - started) / 1000000000 )) -lt 180 ] || { echo "the hub was not ready in 180 s; see $log"; exit 1; }
    sleep 0.05
  done
  ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
  ready_cpu_ms=$(( $(cpu_ticks "$pid") * 1000 / $(getconf CLK_TCK) ))
  rss_ready=$(rss_mb "$pid" VmRSS)

  wamid=$(HUB_URL=http://127.0.0.1:$HUB_PORT bash "$ROOT/scripts/send-demo-message.sh" | sed -n 's/.*wamid=//p')
  for _ in $(seq 1 120); do
    [ -n "$(psql_hub -c "SELECT 1 FROM webhook_events WHERE whatsapp_message_id = '$wamid'
                           AND status IN ('completed', 'skipped', 'failed')")" ] && break
    sleep 0.5
  done
  answer=$(psql_hub -c "SELECT status || '/' || coalesce(reply_status, '-') FROM webhook_events WHERE whatsapp_message_id = '$wamid'")
  sleep 10
  rss_idle=$(rss_mb "$pid" VmRSS)
  echo "start-up $run: ready_ms=$ready_ms cpu_ms_to_ready=$ready_cpu_ms rss_at_ready_mb=$rss_ready demo_message=${answer:-none} rss_idle_mb=$rss_idle" \
       "peak_rss_mb=$(rss_mb "$pid" VmHWM) threads=$(awk '$1 == "Threads:" {print $2}' "/proc/$pid/status")"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=

  if [ "$ready_ms" -le 10000 ]; then echo "PASS start-up: ready in $ready_ms ms <= 10000"
  else echo "FAIL start-up: ready in $ready_ms ms (target <= 10000)"; status=1; fi
  if [ "$rss_idle" -lt 512 ] && [ "$answer" = "completed/sent" ]; then echo "PASS idle memory: $rss_idle MB RSS < 512 after one demo message"
  else echo "FAIL idle memory: $rss_idle MB RSS (target < 512), demo message ${answer:-not answered}"; status=1; fi
done

if [ "${CONVERSATION:-1}" != 0 ]; then
  # the high-water mark of whichever process listens on HUB_PORT, read every second: the benchmark's hub
  rm -f "$OUT/peak-rss.txt"
  while sleep 1; do
    hub=$(ss -ltnpH "sport = :$HUB_PORT" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)
    if [ -n "$hub" ] && rss_mb "$hub" VmHWM >"$OUT/peak-rss.txt.new" 2>/dev/null; then mv "$OUT/peak-rss.txt.new" "$OUT/peak-rss.txt"; fi
  done &
  sampler=$!
  BENCH_AS_RUN=1 bash "$BENCH_DIR/conversation-throughput.sh" | tee "$OUT/startup-memory-conversation.txt" || status=1
  kill "$sampler"
  peak=$(cat "$OUT/peak-rss.txt" 2>/dev/null || true)
  if [ -n "$peak" ] && [ "$peak" -lt 768 ]; then echo "PASS peak memory: $peak MB RSS < 768 through the conversation benchmark"
  else echo "FAIL peak memory: ${peak:-unknown} MB RSS (target < 768) through the conversation benchmark"; status=1; fi
fi
exit $status
