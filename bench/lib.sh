# Shared helpers of the benchmark and fault scripts: build, start and stop a hub on its own ports
# with its own embedded Kafka log under bench/out/, so a local run of the hub is not disturbed; and the fake
# Graph API / LLM, paced load and exact reconciliation shared by the fault and scale-out scenarios.
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
OUT=${BENCH_OUT:-$BENCH_DIR/out}
HUB_PORT=${BENCH_HUB_PORT:-18080}
KAFKA_PORT=${BENCH_KAFKA_PORT:-19092}
FAKE_PORT=${BENCH_FAKE_PORT:-18089}
APP_SECRET=bench-app-secret
# a fixed key for the secrets at rest of the benchmark hubs: the same in every checkout of the project
SECRETS_KEY=YmVuY2gtb25seS1zZWNyZXRzLWtleS0zMi1ieXRlcyE=
PHONE_NUMBER_ID=${BENCH_PHONE_NUMBER_ID:-100000000000001}
mkdir -p "$OUT"

prepare() {
  bash "$ROOT/db/setup.sh"
  if [ ! -f "$ROOT/target/whatsapp-agent-hub.jar" ] || [ -n "${BENCH_REBUILD:-}" ]; then
    (cd "$ROOT" && mvn -B -q -DskipTests package)
  fi
  build_classpath
}

# the hub's runtime dependencies (Kafka clients and server included), one class path in $OUT/classpath.txt
build_classpath() {
  if [ ! -s "$OUT/classpath.txt" ]; then
    (cd "$ROOT" && mvn -B -q dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" -Dmdep.includeScope=runtime >/dev/null)
  fi
}

# launch_hub LOG [PORT]: starts a hub in the background without waiting; sets HUB_PID. The caller's environment
# (HUB_ROLES, HUB_KAFKA_BROKERS, HUB_INSTANCE_ID ...) goes with it; HUB_JAR runs another build. BENCH_AS_RUN=1: started
# as ./run.sh starts it (scripts/start-hub.sh: its JVM options, class data sharing archive and demo data) instead of
# with BENCH_JAVA_OPTS.
launch_hub() {
  local java=(java ${BENCH_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseParallelGC} -jar "${HUB_JAR:-$ROOT/target/whatsapp-agent-hub.jar}")
  [ -z "${BENCH_AS_RUN:-}" ] || java=(bash "$ROOT/scripts/start-hub.sh")
  HUB_WHATSAPP_APP_SECRET=$APP_SECRET HUB_WHATSAPP_VERIFY_TOKEN=bench HUB_ADMIN_TOKEN=bench HUB_SECRETS_KEY=$SECRETS_KEY \
  HUB_KAFKA_DATA_DIR="$OUT/kafka" HUB_KAFKA_EMBEDDED_PORT=$KAFKA_PORT SERVER_PORT=${2:-$HUB_PORT} \
    "${java[@]}" >>"$1" 2>&1 &
  HUB_PID=$!
}

# wait_ready PID PORT LOG: waits until the hub on PORT is ready for its roles (at most READY_SECONDS, 120)
wait_ready() {
  for _ in $(seq 1 $(( ${READY_SECONDS:-120} * 2 ))); do
    curl -sf "http://127.0.0.1:$2/actuator/health/readiness" >/dev/null 2>&1 && return 0
    kill -0 "$1" 2>/dev/null || { echo "the hub did not start; see $3"; return 1; }
    sleep 0.5
  done
  echo "the hub did not become ready; see $3"; return 1
}

# start_hub LOG [PORT]: starts the hub in the background and waits until it is ready; sets HUB_PID
start_hub() {
  launch_hub "$@"
  wait_ready "$HUB_PID" "${2:-$HUB_PORT}" "$1"
}

stop_hub() {
  [ -n "${HUB_PID:-}" ] && kill "$HUB_PID" 2>/dev/null && wait "$HUB_PID" 2>/dev/null
  HUB_PID=
}

count_topic() { # count_topic PREFIX [ACKED_FILE]
  java -cp "$(cat "$OUT/classpath.txt")" "$BENCH_DIR/src/CountInbound.java" "127.0.0.1:$KAFKA_PORT" whatsapp.inbound "$@" 2>&1 | grep '^TOPIC' 
}

# A production PostgreSQL runs autovacuum; this machine's may not (CI turns it off). Without it the tables the pipeline
# updates keep every dead row version, and the plans a connection made while they were empty (the foreign keys' checks
# among them) are never made again, as nothing analyzes the tables. autovacuum_stand_in: while autovacuum is off,
# VACUUM (ANALYZE) the benchmark's database every AUTOVACUUM_NAPTIME seconds (60, autovacuum's default naptime), in
# the background, its CPU counted as PostgreSQL's; sets VACUUM_PID. stop_autovacuum_stand_in ends it.
VACUUM_PID=
autovacuum_stand_in() {
  local setting
  setting=$(psql_hub -c 'SHOW autovacuum' 2>/dev/null || echo unknown)
  if [ "$setting" != off ]; then echo "autovacuum: $setting"; return 0; fi
  echo "autovacuum: off on this server; the benchmark vacuums and analyzes its database every ${AUTOVACUUM_NAPTIME:-60} s instead"
  (while sleep "${AUTOVACUUM_NAPTIME:-60}"; do psql_hub -c 'VACUUM (ANALYZE)' >/dev/null 2>&1 || true; done) &
  VACUUM_PID=$!
}
# the loop's sleep or VACUUM first: killed alone, the loop's shell would leave them running
stop_autovacuum_stand_in() {
  if [ -n "$VACUUM_PID" ]; then pkill -P "$VACUUM_PID" 2>/dev/null || true; kill "$VACUUM_PID" 2>/dev/null || true; VACUUM_PID=; fi
}

psql_hub() { psql -h 127.0.0.1 -U hub -d "${BENCH_DB:-hub}" -v ON_ERROR_STOP=1 -Atq "$@"; }
pick() { if [ -n "${SHORT:-}" ]; then echo "$1"; else echo "$2"; fi; } # pick SHORT_VALUE FULL_VALUE
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# start_fake LOG [STATUS_WEBHOOK_URL]: the fake Graph API and LLM (bench/fake/meta-and-llm.js) on FAKE_PORT, fresh;
# with a URL it sends Meta's signed status webhooks there. Sets FAKE_PID.
FAKE_PID=
start_fake() {
  command -v node >/dev/null || { echo "installing Node.js for the fake Graph API / LLM"; apt-get update -qq && apt-get install -y -qq nodejs >/dev/null; }
  stop_fake
  STATUS_WEBHOOK_URL=${2:-} STATUS_APP_SECRET="$APP_SECRET" node "$BENCH_DIR/fake/meta-and-llm.js" "$FAKE_PORT" >>"$1" 2>&1 &
  FAKE_PID=$!
  for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$FAKE_PORT/stats" >/dev/null && return 0; sleep 0.1; done
}
stop_fake() { if [ -n "$FAKE_PID" ]; then kill "$FAKE_PID" 2>/dev/null || true; wait "$FAKE_PID" 2>/dev/null || true; fi; FAKE_PID=; }
faults() { curl -sf -X POST "http://127.0.0.1:$FAKE_PORT/faults?$1" >/dev/null; }

# bench_tenant SLUG NAME FIRST_PHONE COUNT: an organisation with COUNT chatbots on phone number ids FIRST_PHONE ...;
# enterprise plan, nothing limits it
bench_tenant() {
  psql_hub <<SQL
INSERT INTO organizations (name, slug, plan_tier, message_limit_monthly, token_limit_monthly)
VALUES ('$2', '$1', 'enterprise', 100000000, 100000000000)
ON CONFLICT (slug) DO UPDATE SET plan_tier = 'enterprise', message_limit_monthly = 100000000, token_limit_monthly = 100000000000;
INSERT INTO chatbots (organization_id, name, whatsapp_phone_number_id, model_name, whatsapp_access_token)
SELECT o.id, '$2 bot ' || n, ($3 + n)::text, 'gpt-4o-mini', 'bench-token'
  FROM organizations o, generate_series(0, $4 - 1) n WHERE o.slug = '$1'
ON CONFLICT (whatsapp_phone_number_id) DO UPDATE SET whatsapp_access_token = EXCLUDED.whatsapp_access_token;
SQL
}

# load RUN SECONDS [COPIES]: paced signed webhooks (RATE per second, to the phone number ids in PHONE, from SENDERS)
# posted to the hub on HUB_PORT in the background; sets LOAD_PID
load() {
  COPIES=${3:-1} java "$BENCH_DIR/src/AckedLoad.java" "http://127.0.0.1:$HUB_PORT/webhook" "$APP_SECRET" "$PHONE" \
    "$1" 20 "$2" "$OUT/acked-$1.txt" "$RATE" >"$OUT/load-$1.txt" 2>&1 &
  LOAD_PID=$!
}

# drain RUN: waits until every acknowledged message of RUN is stored and every stored one has a final state (at most 6
# or 10 minutes: a turn that died with its database is taken back by the stuck-message recovery, its lease (2 min), then
# 2 min more and the job's period (1 min) later). Acknowledged messages are looked up one by one: a post the load saw
# cut may still be stored, so counting them would end the wait before the last acknowledged ones arrive.
drain() {
  local deadline=$(( $(date +%s) + $(pick 360 600) )) open
  while [ "$(date +%s)" -lt "$deadline" ]; do
    open=$(psql_hub 2>/dev/null <<SQL || echo unknown
CREATE TEMP TABLE acked (wamid text PRIMARY KEY);
\copy acked FROM '$OUT/acked-$1.txt'
SELECT (SELECT count(*) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.whatsapp_message_id = a.wamid))
     + (SELECT count(*) FROM messages m LEFT JOIN webhook_events e ON e.whatsapp_message_id = m.whatsapp_message_id
         WHERE m.role = 'user' AND m.whatsapp_message_id LIKE 'wamid.$1.%'
           AND (e.id IS NULL OR e.status NOT IN ('completed', 'skipped', 'failed')));
SQL
)
    [ "$open" = 0 ] && return 0
    sleep 2
  done
}

# reconcile RUN NAME [all-answered]: the exact accounting of every acknowledged message of RUN against the database and
# the replies the fake Graph API received (by the customer message each one answered); prints the figures and
# PASS/FAIL, and sets status=1 on a failure. all-answered: every message answered; a reply left uncertain (its send
# cut, neither proved nor sent again) is lost. HUB_LOGS: the hubs' logs, where cut sends are reported.
reconcile() {
  local run=$1 name=$2 figures
  curl -sf "http://127.0.0.1:$FAKE_PORT/answered" >"$OUT/answered-$run.txt"
  # replies received per customer message, and customers whose replies came out of the order of their messages
  awk -v run="wamid.$run." '{for (i = 2; i <= NF; i++) if (index($i, run) == 1) n[$i]++} END {for (w in n) print w, n[w]}' \
    "$OUT/answered-$run.txt" >"$OUT/received-$run.txt"
  awk -v run="wamid.$run." '{last = -1; for (i = 2; i <= NF; i++) if (index($i, run) == 1) {
         seq = substr($i, length(run) + 1) + 0; if (seq < last) {print; break} last = seq}}' \
    "$OUT/answered-$run.txt" >"$OUT/out-of-order-$run.txt"
  figures=$(psql_hub -F ' ' <<SQL
CREATE TEMP TABLE acked (wamid text PRIMARY KEY);
\copy acked FROM '$OUT/acked-$run.txt'
CREATE TEMP TABLE received (wamid text PRIMARY KEY, replies int);
\copy received FROM '$OUT/received-$run.txt' WITH (DELIMITER ' ')
CREATE TEMP TABLE outcome AS
SELECT m.id, m.not_answered_reason, e.status, e.reply_status, e.skip_reason,
       (SELECT count(*) FROM usage_logs u WHERE u.webhook_event_id = e.id) AS usage_rows,
       coalesce(r.replies, 0) AS received
  FROM messages m
  LEFT JOIN webhook_events e ON e.whatsapp_message_id = m.whatsapp_message_id
  LEFT JOIN received r ON r.wamid = m.whatsapp_message_id
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
  local out_of_order proved resent
  out_of_order=$(wc -l <"$OUT/out-of-order-$run.txt")
  # shellcheck disable=SC2086
  proved=$(cat ${HUB_LOGS:-/dev/null} | grep "was sent before its run stopped" | grep -c "wamid\.$run\." || true)
  # shellcheck disable=SC2086
  resent=$(cat ${HUB_LOGS:-/dev/null} | grep "sent again: no status" | grep -c "wamid\.$run\." || true)
  echo "$name: acknowledged=$acked stored=$stored (acknowledged but not stored: $lost) answered=$sent" \
       "not_answered=$not_answered ($reasons) lost_uncertain=$uncertain still_open=$open" \
       "messages_answered_twice=$twice sent_but_not_received=$sent_unseen received_but_not_recorded=$unsent_seen" \
       "billed_unanswered=$billed_unanswered billed_twice=$billed_twice customers_answered_out_of_order=$out_of_order"
  echo "$name: sends cut by a fault: proved by their status webhook $proved, sent again $resent"
  [ "$out_of_order" -eq 0 ] || { echo "$name: replies out of order (customer, then the messages answered in order):"; head -5 "$OUT/out-of-order-$run.txt"; }
  local accounted=$(( sent + not_answered ))
  if [ "$acked" -gt 0 ] && [ "$lost" -eq 0 ] && [ "$accounted" -eq "$stored" ] && [ "$open" -eq 0 ] && [ "$twice" -eq 0 ] \
     && [ "$uncertain" -eq 0 ] && [ "$sent_unseen" -eq 0 ] && [ "$unsent_seen" -eq 0 ] && [ "$billed_unanswered" -eq 0 ] \
     && [ "$billed_twice" -eq 0 ] && [ "$out_of_order" -eq 0 ] && { [ "${3:-}" != "all-answered" ] || [ "$sent" -eq "$stored" ]; }; then
    echo "PASS $name: all $acked acknowledged messages accounted for, none answered twice, every conversation in order"
  else
    echo "FAIL $name"
    status=1
  fi
}
