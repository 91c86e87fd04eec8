#!/usr/bin/env bash
# Fault scenarios under load, each ending with an exact reconciliation of every acknowledged webhook:
#   acknowledged = stored inbound messages = answered + not answered with the reason (delivery_failed, ...),
#   no customer receives two replies to one message, nothing billed that was not answered, nothing left open,
#   and no reply lost to a crash mid-send (the fake sends Meta's status webhooks back: a cut send is proved by its
#   status or sent again; "uncertain" counts as lost).
# The fake Graph API (bench/fake/meta-and-llm.js) records which customer message each reply answers (its context).
#   bench/faults.sh [SCENARIO...]   kill9 graph-outage llm-errors postgres-stop duplicates (default: all five)
#                                   soak: 50 messages/s for SOAK_SECONDS (1800), live heap (after a full GC)
#                                   and RSS sampled every 2 minutes: no growth trend, no error, all answered
#   SHORT=1                         the CI form: shorter loads and faults
#   RATE (40 messages/s)
#   BENCH_DB (hub)                  the database of the hub under test and of the reconciliation
# Prints each scenario's figures and a PASS/FAIL line; exits non-zero when one fails.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RATE=${RATE:-40}
SHORT=${SHORT:-}
FAULT_PHONE=300000000000001
SCENARIOS=${*:-kill9 graph-outage llm-errors postgres-stop duplicates}
prepare
[ -n "${BENCH_DB:-}" ] && export SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$BENCH_DB
HUB_LOGS=$OUT/hub-faults.log

export HUB_WHATSAPP_GRAPH_BASE_URL=http://127.0.0.1:$FAKE_PORT
export HUB_LLM_OPENAI_API_KEY=bench-key HUB_LLM_OPENAI_BASE_URL=http://127.0.0.1:$FAKE_PORT/v1
export SPRING_APPLICATION_JSON='{"hub":{"plans":{"enterprise":{"messages-per-hour":100000000}}}}'
export SENDERS=unique

postgres_up() { pg_isready -h 127.0.0.1 -q; }
cleanup() {
  postgres_up || start_postgres
  stop_fake
  stop_hub || true
}
trap cleanup EXIT
start_postgres() { pg_ctlcluster 15 main start; for _ in $(seq 1 60); do postgres_up && return 0; sleep 0.5; done; }

SCENARIO_INDEX=0
begin() { # begin NAME: a fresh fake, a running hub and the scenario's own chatbot; sets RUN and PHONE
  RUN=f$(date +%s)$1
  PHONE=$((FAULT_PHONE + SCENARIO_INDEX)); SCENARIO_INDEX=$((SCENARIO_INDEX + 1))
  start_fake "$OUT/fake-faults.log" "http://127.0.0.1:$HUB_PORT/webhook"
  [ -n "${HUB_PID:-}" ] && kill -0 "$HUB_PID" 2>/dev/null || start_hub "$OUT/hub-faults.log"
  echo "== $1 (run $RUN)"
}
finish() { # finish NAME [all-answered]
  wait "$LOAD_PID" || true
  faults "graph=ok&llm=ok"
  cat "$OUT/load-$RUN.txt"
  drain "$RUN"
  reconcile "$RUN" "$1" "${2:-}"
}

kill9() { # the hub killed with SIGKILL every KILL_EVERY seconds during the load, and restarted
  local seconds=$(pick 35 120) every=$(pick 12 20) kills=0 start
  begin kill9
  load "$RUN" "$seconds"; start=$(date +%s)
  while [ $(( $(date +%s) - start + every )) -lt "$seconds" ]; do
    sleep "$every"
    # the Graph API stalling for the last 2 s: the kill lands with replies mid-send, some delivered, some not
    faults "graph=stall"; sleep 2
    kill -9 "$HUB_PID"; wait "$HUB_PID" 2>/dev/null || true
    kills=$((kills + 1)); echo "killed the hub with SIGKILL ($kills) at +$(( $(date +%s) - start ))s, replies mid-send; restarting"
    faults "graph=ok"
    start_hub "$OUT/hub-faults.log"
  done
  # the reply in flight at a kill is proved by its status webhook, or sent again after the uncertain-send wait
  finish kill9 all-answered
}

graph_outage() { # the Graph API answers 500, then times out, then recovers
  local seconds=$(pick 30 120) outage=$(pick 16 60)
  begin graph-outage
  load "$RUN" "$seconds"
  sleep 5; faults "graph=500"; echo "Graph API: HTTP 500 for $((outage / 2)) s"
  sleep $((outage / 2)); faults "graph=timeout"; echo "Graph API: no answer (timeouts) for $((outage / 2)) s"
  sleep $((outage / 2)); faults "graph=ok"; echo "Graph API: recovered"
  finish graph-outage all-answered
  echo "graph-outage: DELIVERY_FAILURE alerts open: $(psql_hub -c "SELECT count(*) FROM system_alerts a JOIN chatbots c ON c.id = a.chatbot_id
    WHERE c.whatsapp_phone_number_id = '$PHONE' AND a.type = 'DELIVERY_FAILURE' AND a.created_at > now() - interval '1 hour'")"
}

llm_errors() { # the LLM answers 429, then 500, then recovers: the customers get the fallback texts
  local seconds=$(pick 20 90) phase=$(pick 6 30)
  begin llm-errors
  load "$RUN" "$seconds"
  sleep 3; faults "llm=429"; echo "LLM: HTTP 429 for $phase s"
  sleep "$phase"; faults "llm=500"; echo "LLM: HTTP 500 for $phase s"
  sleep "$phase"; faults "llm=ok"; echo "LLM: recovered"
  finish llm-errors all-answered
}

# PostgreSQL stopped during the load as a crash stops it (immediate: no checkpoint, WAL not yet written is lost, so
# a take committed without waiting for its flush may be gone); the webhook keeps acknowledging into Kafka
postgres_stop() {
  local seconds=$(pick 30 90) down=$(pick 10 30)
  command -v pg_ctlcluster >/dev/null || { echo "postgres-stop: SKIPPED (needs pg_ctlcluster to stop the local cluster)"; return; }
  begin postgres-stop
  load "$RUN" "$seconds"
  sleep 8; pg_ctlcluster 15 main stop -m immediate; echo "PostgreSQL stopped for $down s"
  sleep "$down"; start_postgres; echo "PostgreSQL started"
  finish postgres-stop all-answered
}

duplicates() { # every webhook delivered three times, concurrently and out of order
  begin duplicates
  load "$RUN" "$(pick 15 60)" 3
  finish duplicates all-answered
}

soak() {
  local seconds=${SOAK_SECONDS:-1800} start samples="$OUT/soak-samples.txt" errors_before errors
  begin soak
  errors_before=$(grep -c ' ERROR ' "$OUT/hub-faults.log" || true)
  RATE=50 load "$RUN" "$seconds"; start=$(date +%s)
  : >"$samples"
  while kill -0 "$LOAD_PID" 2>/dev/null; do
    sleep 120
    kill -0 "$LOAD_PID" 2>/dev/null || break
    jcmd "$HUB_PID" GC.run >/dev/null
    local heap rss
    heap=$(jstat -gc "$HUB_PID" | awk 'NR == 2 {print int(($3 + $4 + $6 + $8) / 1024)}')
    rss=$(( $(awk '/VmRSS/ {print $2}' "/proc/$HUB_PID/status") / 1024 ))
    echo "$(( $(date +%s) - start )) $heap $rss" | tee -a "$samples"
  done
  finish soak all-answered
  errors=$(( $(grep -c ' ERROR ' "$OUT/hub-faults.log" || true) - errors_before ))
  # growth: the second half's mean against the first half's, after the first sample (warm-up)
  read -r heap_growth rss_growth <<<"$(awk 'NR > 1 {n++; h[n] = $2; r[n] = $3}
    END {m = int(n / 2); for (i = 1; i <= n; i++) if (i <= m) {h1 += h[i]; r1 += r[i]} else {h2 += h[i]; r2 += r[i]}
         if (m == 0) {print 0, 0; exit} printf "%.1f %.1f", (h2 / (n - m) / (h1 / m) - 1) * 100, (r2 / (n - m) / (r1 / m) - 1) * 100}' "$samples")"
  echo "soak: samples (seconds, live heap MB, RSS MB) in $samples; growth second half vs first: heap ${heap_growth}% RSS ${rss_growth}%; errors logged: $errors"
  if awk -v h="$heap_growth" -v r="$rss_growth" 'BEGIN {exit !(h < 10 && r < 10)}' && [ "$errors" -eq 0 ]; then
    echo "PASS soak: no growth trend (heap ${heap_growth}%, RSS ${rss_growth}%), no error"
  else
    echo "FAIL soak"; status=1
  fi
}

rm -rf "$OUT/kafka"
start_fake "$OUT/fake-faults.log" "http://127.0.0.1:$HUB_PORT/webhook"
start_hub "$OUT/hub-faults.log"
# one organisation with a chatbot per scenario (FAULT_PHONE + n: a scenario's open circuit breaker does not
# spill into the next one)
bench_tenant fault-scenarios "Fault scenarios" "$FAULT_PHONE" 10
for scenario in $SCENARIOS; do
  "${scenario//-/_}"
done
exit ${status:-0}
