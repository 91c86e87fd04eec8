#!/usr/bin/env bash
# Fault scenarios under load, each ending with an exact reconciliation of every acknowledged webhook:
#   acknowledged = stored inbound messages = answered + not answered with the reason (delivery_failed, ...),
#   no customer receives two replies to one message, nothing billed that was not answered, nothing left open,
#   and no reply lost to a crash mid-send (the fake sends Meta's status webhooks back: a cut send is proved by its
#   status or sent again; "uncertain" counts as lost).
# Customers are unique per message, so the fake Graph API (bench/fake/meta-and-llm.js) tells which message
# each reply answers.
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
FAKE_PORT=${BENCH_FAKE_PORT:-18089}
FAULT_PHONE=300000000000001
SCENARIOS=${*:-kill9 graph-outage llm-errors postgres-stop duplicates}
prepare
command -v node >/dev/null || { echo "installing Node.js for the fake Graph API / LLM"; apt-get update -qq && apt-get install -y -qq nodejs >/dev/null; }
psql_hub() { psql -h 127.0.0.1 -U hub -d "${BENCH_DB:-hub}" -v ON_ERROR_STOP=1 -Atq "$@"; }
[ -n "${BENCH_DB:-}" ] && export SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$BENCH_DB
pick() { if [ -n "$SHORT" ]; then echo "$1"; else echo "$2"; fi; } # pick SHORT_VALUE FULL_VALUE

export HUB_WHATSAPP_GRAPH_BASE_URL=http://127.0.0.1:$FAKE_PORT
export HUB_LLM_OPENAI_API_KEY=bench-key HUB_LLM_OPENAI_BASE_URL=http://127.0.0.1:$FAKE_PORT/v1
export SPRING_APPLICATION_JSON='{"hub":{"plans":{"enterprise":{"messages-per-hour":100000000}}}}'
export SENDERS=unique

fake=
start_fake() {
  [ -n "$fake" ] && kill "$fake" 2>/dev/null && wait "$fake" 2>/dev/null || true
  STATUS_WEBHOOK_URL="http://127.0.0.1:$HUB_PORT/webhook" STATUS_APP_SECRET="$APP_SECRET" \
    node "$BENCH_DIR/fake/meta-and-llm.js" "$FAKE_PORT" >>"$OUT/fake-faults.log" 2>&1 &
  fake=$!
  for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$FAKE_PORT/stats" >/dev/null && return 0; sleep 0.1; done
}
faults() { curl -sf -X POST "http://127.0.0.1:$FAKE_PORT/faults?$1" >/dev/null; }
postgres_up() { pg_isready -h 127.0.0.1 -q; }
cleanup() {
  postgres_up || start_postgres
  [ -n "$fake" ] && kill "$fake" 2>/dev/null
  stop_hub || true
}
trap cleanup EXIT
start_postgres() { pg_ctlcluster 15 main start; for _ in $(seq 1 60); do postgres_up && return 0; sleep 0.5; done; }

# one organisation with a chatbot per scenario (FAULT_PHONE + n: a scenario's open circuit breaker does not
# spill into the next one): enterprise plan, nothing limits it
tenant() {
  psql_hub <<SQL
INSERT INTO organizations (name, slug, plan_tier, message_limit_monthly, token_limit_monthly)
VALUES ('Fault scenarios', 'fault-scenarios', 'enterprise', 100000000, 100000000000)
ON CONFLICT (slug) DO UPDATE SET plan_tier = 'enterprise', message_limit_monthly = 100000000, token_limit_monthly = 100000000000;
INSERT INTO chatbots (organization_id, name, whatsapp_phone_number_id, model_name, whatsapp_access_token)
SELECT o.id, 'Fault bot ' || n, ($FAULT_PHONE + n)::text, 'gpt-4o-mini', 'fault-token'
  FROM organizations o, generate_series(0, 9) n WHERE o.slug = 'fault-scenarios'
ON CONFLICT (whatsapp_phone_number_id) DO UPDATE SET whatsapp_access_token = EXCLUDED.whatsapp_access_token;
SQL
}

load() { # load RUN SECONDS [COPIES]: paced signed webhooks in the background; sets LOAD_PID
  COPIES=${3:-1} java "$BENCH_DIR/src/AckedLoad.java" "http://127.0.0.1:$HUB_PORT/webhook" "$APP_SECRET" "$PHONE" \
    "$1" 20 "$2" "$OUT/acked-$1.txt" "$RATE" >"$OUT/load-$1.txt" 2>&1 &
  LOAD_PID=$!
}

# waits until every acknowledged message of RUN is stored and has a final state (at most 3 or 10 minutes)
drain() {
  local deadline=$(( $(date +%s) + $(pick 180 600) )) open
  while [ "$(date +%s)" -lt "$deadline" ]; do
    open=$(psql_hub -c "SELECT count(*) FROM messages m LEFT JOIN webhook_events e ON e.whatsapp_message_id = m.whatsapp_message_id
                         WHERE m.role = 'user' AND m.whatsapp_message_id LIKE 'wamid.$1.%'
                           AND (e.id IS NULL OR e.status NOT IN ('completed', 'skipped', 'failed'))" 2>/dev/null || echo unknown)
    [ "$open" = 0 ] && [ "$(wc -l <"$OUT/acked-$1.txt")" -le "$(psql_hub -c \
      "SELECT count(*) FROM messages WHERE role = 'user' AND whatsapp_message_id LIKE 'wamid.$1.%'")" ] && return 0
    sleep 2
  done
}

# reconcile RUN NAME [all-answered]: the exact accounting; prints the figures and PASS/FAIL.
# all-answered: every message answered; a reply left uncertain (its send cut, neither proved nor sent again) is lost
reconcile() {
  local run=$1 name=$2 figures
  curl -sf "http://127.0.0.1:$FAKE_PORT/replies" >"$OUT/replies-$run.txt"
  figures=$(psql_hub -F ' ' <<SQL
CREATE TEMP TABLE acked (wamid text PRIMARY KEY);
\copy acked FROM '$OUT/acked-$run.txt'
CREATE TEMP TABLE received (phone text PRIMARY KEY, replies int);
\copy received FROM '$OUT/replies-$run.txt' WITH (DELIMITER ' ')
CREATE TEMP TABLE outcome AS
SELECT m.id, m.phone_number, m.not_answered_reason, e.status, e.reply_status, e.skip_reason,
       (SELECT count(*) FROM usage_logs u WHERE u.webhook_event_id = e.id) AS usage_rows,
       coalesce(r.replies, 0) AS received
  FROM messages m
  LEFT JOIN webhook_events e ON e.whatsapp_message_id = m.whatsapp_message_id
  LEFT JOIN received r ON r.phone = m.phone_number
 WHERE m.role = 'user' AND m.whatsapp_message_id LIKE 'wamid.$run.%';
SELECT (SELECT count(*) FROM acked),
       (SELECT count(*) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.whatsapp_message_id = a.wamid)),
       count(*),
       count(*) FILTER (WHERE reply_status = 'sent' AND not_answered_reason IS NULL),
       count(*) FILTER (WHERE not_answered_reason IS NOT NULL),
       count(*) FILTER (WHERE reply_status IN ('sending', 'uncertain') AND not_answered_reason IS NULL),
       count(*) FILTER (WHERE status IS NULL OR status NOT IN ('completed', 'skipped', 'failed')),
       count(*) FILTER (WHERE received > 1),
       count(*) FILTER (WHERE reply_status = 'sent' AND received = 0),
       count(*) FILTER (WHERE received > 0 AND reply_status IS DISTINCT FROM 'sent' AND reply_status IS DISTINCT FROM 'sending'),
       count(*) FILTER (WHERE usage_rows > 0 AND reply_status IS DISTINCT FROM 'sent'),
       count(*) FILTER (WHERE usage_rows > 1),
       coalesce((SELECT string_agg(reason || '=' || n, ',') FROM (SELECT not_answered_reason AS reason, count(*) AS n FROM outcome
                  WHERE not_answered_reason IS NOT NULL GROUP BY 1 ORDER BY 1) r), 'none')
  FROM outcome;
SQL
)
  read -r acked lost stored sent not_answered uncertain open twice sent_unseen unsent_seen billed_unanswered billed_twice reasons <<<"$figures"
  echo "$name: acknowledged=$acked stored=$stored (acknowledged but not stored: $lost) answered=$sent" \
       "not_answered=$not_answered ($reasons) lost_uncertain=$uncertain still_open=$open" \
       "customers_answered_twice=$twice sent_but_not_received=$sent_unseen received_but_not_recorded=$unsent_seen" \
       "billed_unanswered=$billed_unanswered billed_twice=$billed_twice"
  echo "$name: sends cut by a fault: proved by their status webhook $(grep "was sent before its run stopped" "$OUT/hub-faults.log" \
       | grep -c "wamid\.$run\." || true), sent again $(grep "sent again: no status" "$OUT/hub-faults.log" | grep -c "wamid\.$run\." || true)"
  local accounted=$(( sent + not_answered ))
  if [ "$acked" -gt 0 ] && [ "$lost" -eq 0 ] && [ "$accounted" -eq "$stored" ] && [ "$open" -eq 0 ] && [ "$twice" -eq 0 ] \
     && [ "$uncertain" -eq 0 ] && [ "$sent_unseen" -eq 0 ] && [ "$unsent_seen" -eq 0 ] && [ "$billed_unanswered" -eq 0 ] \
     && [ "$billed_twice" -eq 0 ] && { [ "${3:-}" != "all-answered" ] || [ "$sent" -eq "$stored" ]; }; then
    echo "PASS $name: all $acked acknowledged messages accounted for, none answered twice"
  else
    echo "FAIL $name"
    status=1
  fi
}

SCENARIO_INDEX=0
begin() { # begin NAME: a fresh fake, a running hub and the scenario's own chatbot; sets RUN and PHONE
  RUN=f$(date +%s)$1
  PHONE=$((FAULT_PHONE + SCENARIO_INDEX)); SCENARIO_INDEX=$((SCENARIO_INDEX + 1))
  start_fake
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

postgres_stop() { # PostgreSQL stopped during the load: the webhook keeps acknowledging into Kafka
  local seconds=$(pick 30 90) down=$(pick 10 30)
  command -v pg_ctlcluster >/dev/null || { echo "postgres-stop: SKIPPED (needs pg_ctlcluster to stop the local cluster)"; return; }
  begin postgres-stop
  load "$RUN" "$seconds"
  sleep 8; pg_ctlcluster 15 main stop -m fast; echo "PostgreSQL stopped for $down s"
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
start_fake
start_hub "$OUT/hub-faults.log"
tenant
for scenario in $SCENARIOS; do
  "${scenario//-/_}"
done
exit ${status:-0}
