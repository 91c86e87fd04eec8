#!/usr/bin/env bash
# Scale-out on a real Kafka cluster: 3 KRaft brokers (bench/cluster.sh), one ingress-only hub and two worker hubs on
# one PostgreSQL, topics replicated 3 times (min.insync.replicas 2), the fake Graph API sending Meta's status webhooks
# back to the ingress. Load over many conversations (CONVERSATIONS customers, each writing several messages); during it
# worker 2 and broker 2 are killed with kill -9 and each is restarted later. Then:
#   - the exact reconciliation of bench/faults.sh (lib.sh reconcile): every acknowledged message answered once or not
#     answered with its reason, none answered twice, each customer's replies in the order of their messages, 0 lost
#     ("uncertain" counts as lost);
#   - every scheduled job run once per schedule: no two runs of one job, on any instance, within one period (the
#     workers log each run), and each job ran;
#   - throughput with 1 and with 2 workers: a backlog of BACKLOG messages taken by worker 1 alone, then another by
#     both (answered per second, workers' CPU per answered message); each backlog reconciled the same way.
#   SHORT=1                       the CI form (under 5 minutes)
#   RATE (30/s)  DURATION (150 s; SHORT 50)  CONVERSATIONS (240)  BACKLOG (6000; SHORT 1500)
#   BENCH_DB (hub)                the database of the hubs and of the reconciliation
# Prints the figures and PASS/FAIL lines; exits non-zero when one fails. Logs under bench/out/scale-*.log.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
SHORT=${SHORT:-}
RATE=${RATE:-30}
SECONDS_OF_LOAD=${DURATION:-$(pick 50 150)}
CONVERSATIONS=${CONVERSATIONS:-240}
BACKLOG=${BACKLOG:-$(pick 1500 6000)}
FIRST_PHONE=400000000000001
WORKER_PORTS=(0 $((HUB_PORT + 1)) $((HUB_PORT + 2)))
WORKER_PIDS=(0 "" "")
prepare
[ -n "${BENCH_DB:-}" ] && export SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$BENCH_DB
HUB_LOGS="$OUT/scale-ingress.log $OUT/scale-worker-1.log $OUT/scale-worker-2.log"
# shellcheck disable=SC2086
rm -f $HUB_LOGS "$OUT/scale-fake.log"
cluster() { bash "$BENCH_DIR/cluster.sh" "$@"; }

export HUB_KAFKA_BROKERS HUB_KAFKA_REPLICATION_FACTOR=3
HUB_KAFKA_BROKERS=$(cluster bootstrap)
export HUB_WHATSAPP_GRAPH_BASE_URL=http://127.0.0.1:$FAKE_PORT
export HUB_LLM_OPENAI_API_KEY=bench-key HUB_LLM_OPENAI_BASE_URL=http://127.0.0.1:$FAKE_PORT/v1
export SPRING_APPLICATION_JSON='{"hub":{"plans":{"enterprise":{"messages-per-hour":100000000}}}}'
# every customer writes many messages: the per-customer limit would answer some with its text instead of the agent
export HUB_CONVERSATION_CUSTOMER_RATE_LIMIT_MESSAGES=0
# one reply per message, so the fake can tell which message each reply answers and their order (a burst's reply
# answers several; bursts are proved by BurstIT and the fault scenarios, whose customers write once each)
export HUB_CONVERSATION_BURST_WINDOW=0
# a message whose worker was killed is put back on the topic 20 s after its lease ran out (default 2 minutes)
export HUB_JOBS_STUCK_MESSAGES_AFTER=20s
# each scheduled job's run is logged (hub.jobs.OncePerSchedule)
export LOGGING_LEVEL_HUB_JOBS=DEBUG
export SENDERS=$CONVERSATIONS

start_worker() { # start_worker N: launched in the background; wait_ready follows
  HUB_ROLES=conversation,knowledge,jobs HUB_INSTANCE_ID=scale-worker-$1 launch_hub "$OUT/scale-worker-$1.log" "${WORKER_PORTS[$1]}"
  WORKER_PIDS[$1]=$HUB_PID
}
ready_worker() { wait_ready "${WORKER_PIDS[$1]}" "${WORKER_PORTS[$1]}" "$OUT/scale-worker-$1.log"; }
ingress_pid=
cleanup() {
  stop_fake
  for pid in "$ingress_pid" "${WORKER_PIDS[1]}" "${WORKER_PIDS[2]}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  cluster stop >/dev/null
}
trap cleanup EXIT
since() { echo $(( $(date +%s) - $1 )); }

# a conversation route of a worker stopped or started through the operator's Jolokia (the Camel route lifecycle)
route() { # route PORT start|stop
  curl -sf -H "Authorization: Bearer bench" -H "Origin: http://127.0.0.1:$1" -H "Content-Type: application/json" \
    -d "{\"type\":\"exec\",\"mbean\":\"org.apache.camel:context=whatsapp-agent-hub,type=routes,name=\\\"conversation\\\"\",\"operation\":\"$2()\"}" \
    "http://127.0.0.1:$1/actuator/jolokia" | grep -q '"status":200' || { echo "could not $2 the conversation route on :$1"; return 1; }
}

bench_started=$(psql_hub -c "SELECT timezone('utc', now())")
echo "== a fresh 3-broker cluster, one ingress and two workers"
cluster wipe >/dev/null
cluster start
start_fake "$OUT/scale-fake.log" "http://127.0.0.1:$HUB_PORT/webhook"
HUB_ROLES=ingress HUB_INSTANCE_ID=scale-ingress launch_hub "$OUT/scale-ingress.log" "$HUB_PORT"; ingress_pid=$HUB_PID
start_worker 1; start_worker 2
wait_ready "$ingress_pid" "$HUB_PORT" "$OUT/scale-ingress.log"; ready_worker 1; ready_worker 2
cluster status | grep -E '^(CLUSTER|TOPIC)'
bench_tenant scale-out "Scale-out" "$FIRST_PHONE" 4
PHONE=$(seq -s, "$FIRST_PHONE" $((FIRST_PHONE + 3)))

RUN=s$(date +%s)
echo "== $RATE messages/s for ${SECONDS_OF_LOAD}s over $CONVERSATIONS conversations (run $RUN); worker 2 and broker 2 killed and restarted"
# the LLM takes 1 s per answer, like a real model: each worker has many turns in flight when it is killed
faults "llm=slow"
load "$RUN" "$SECONDS_OF_LOAD"; start=$(date +%s)
at() { local wait=$(( $1 * SECONDS_OF_LOAD / 100 - $(since "$start") )); [ "$wait" -gt 0 ] && sleep "$wait"; return 0; }
at 25; kill -9 "${WORKER_PIDS[2]}"; wait "${WORKER_PIDS[2]}" 2>/dev/null || true; echo "+$(since "$start")s worker 2 killed (kill -9)"
at 40; cluster kill 2 | sed "s/^/+$(since "$start")s /"
at 60; start_worker 2; echo "+$(since "$start")s worker 2 starting again"
at 75; cluster start 2 | sed "s/^/+$(since "$start")s /"
wait "$LOAD_PID" || true
ready_worker 2
faults "llm=ok"
cat "$OUT/load-$RUN.txt"
echo "worker 2 had $(grep -o 'Released [0-9]* message(s) an earlier run of scale-worker-2' "$OUT/scale-worker-2.log" \
  | grep -o '[0-9]*' | head -1 || echo 0) message(s) in hand when it was killed (released by its restart)"
drain "$RUN"
reconcile "$RUN" scale-out all-answered
for _ in $(seq 1 30); do cluster status 3 >/dev/null 2>&1 && break; sleep 2; done
if cluster status 3 >"$OUT/scale-cluster.txt" 2>&1; then
  echo "cluster: broker 2 back, every partition fully replicated again ($(grep -c '^TOPIC' "$OUT/scale-cluster.txt") topics)"
else
  echo "FAIL cluster: not all partitions in sync after broker 2 came back"; grep -E '^(CLUSTER|TOPIC)' "$OUT/scale-cluster.txt"; status=1
fi


# throughput: a backlog taken by worker 1 alone, then one taken by both workers
backlog() { # backlog RUN: BACKLOG messages acknowledged by the ingress while no worker consumes
  RATE=400 load "$1" $(( BACKLOG / 400 )); wait "$LOAD_PID" || true
}
answered_per_second() { # answered_per_second RUN: answered / (last reply - first reply)
  psql_hub -c "SELECT round(count(*) FILTER (WHERE reply_status = 'sent') / greatest(extract(epoch FROM max(processed_at) - min(processed_at)), 0.001))
                 FROM webhook_events WHERE whatsapp_message_id LIKE 'wamid.$1.%'"
}
throughput() { # throughput RUN WORKER...: drains RUN's backlog with the given workers; prints the figures
  local run=$1 n before=0 after=0 cpu_ms answered; shift
  for n in "$@"; do before=$(( before + $(cpu_ticks "${WORKER_PIDS[$n]}") )); done
  for n in "$@"; do route "${WORKER_PORTS[$n]}" start; done
  drain "$run"
  for n in "$@"; do after=$(( after + $(cpu_ticks "${WORKER_PIDS[$n]}") )); done
  for n in "$@"; do route "${WORKER_PORTS[$n]}" stop; done
  answered=$(psql_hub -c "SELECT count(*) FROM webhook_events WHERE whatsapp_message_id LIKE 'wamid.$run.%' AND reply_status = 'sent'")
  cpu_ms=$(( (after - before) * 1000 / $(getconf CLK_TCK) ))
  echo "throughput with $# worker(s): answered=$answered answered_per_s=$(answered_per_second "$run")" \
       "worker_cpu_ms_per_answered=$(awk -v c="$cpu_ms" -v n="$answered" 'BEGIN {printf "%.2f", c / n}')" \
       "answered_per_worker_core_s=$(awk -v c="$cpu_ms" -v n="$answered" 'BEGIN {printf "%.0f", n / (c / 1000)}')"
}
echo "== throughput: a backlog of $BACKLOG messages for 1 worker, then for 2"
export SENDERS=$(( CONVERSATIONS * 4 ))
route "${WORKER_PORTS[1]}" stop; route "${WORKER_PORTS[2]}" stop
one=t1$(date +%s); backlog "$one"; cat "$OUT/load-$one.txt"
throughput "$one" 1
reconcile "$one" "backlog, 1 worker" all-answered
two=t2$(date +%s); backlog "$two"; cat "$OUT/load-$two.txt"
throughput "$two" 1 2
reconcile "$two" "backlog, 2 workers" all-answered

# every scheduled job ran, and no job twice within one period (the lock is held for 90 % of it)
jobs_checked() {
  local expected runs
  # every job whose timer ticked on some instance: each tick logs that the job runs there or ran elsewhere
  # shellcheck disable=SC2086
  expected=$(cat $HUB_LOGS | grep -E "runs on this instance this period|ran on another instance this period" \
    | gawk '{for (i = 2; i <= NF; i++) if ($i == "runs" || $i == "ran") {print $(i - 1); break}}' | sort -u)
  # shellcheck disable=SC2086
  runs=$(cat $HUB_LOGS | grep "runs on this instance this period" | gawk '{
      split($1, d, /[-T:.+Z]/); t = mktime(d[1] " " d[2] " " d[3] " " d[4] " " d[5] " " d[6]);
      for (i = 1; i <= NF; i++) if ($i == "runs") {name = $(i - 1)}
      match($0, /\(([0-9]+) ms\)/, p); print name, t, p[1]}' | sort -k1,1 -k2n)
  echo "$runs" | gawk 'NF == 3 {n[$1]++; if ($1 == last && $2 - prev < 0.9 * $3 / 1000 - 2) twice[$1]++; last = $1; prev = $2}
    END {for (j in n) printf "job %s: %d run(s)%s\n", j, n[j], twice[j] ? ", " twice[j] " twice within one period" : ""}' | sort
  local ran twice missing=0 job held
  twice=$(echo "$runs" | gawk 'NF == 3 {if ($1 == last && $2 - prev < 0.9 * $3 / 1000 - 2) t++; last = $1; prev = $2} END {print t + 0}')
  ran=$(echo "$runs" | gawk 'NF == 3 {print $1}' | sort -u)
  # a job whose lock was held during the benchmark ran in that period before it (another hub on this database)
  for job in $expected; do
    echo "$ran" | grep -qx "$job" && continue
    held=$(psql_hub -c "SELECT locked_by || ' at ' || locked_at FROM scheduled_job_locks WHERE name = '$job' AND lock_until > '$bench_started'")
    if [ -n "$held" ]; then echo "job $job: ran this period before the benchmark ($held)"
    else echo "job $job: did not run"; missing=$((missing + 1)); fi
  done
  if [ "$twice" -eq 0 ] && [ "$missing" -eq 0 ] && [ -n "$expected" ]; then
    echo "PASS scheduled jobs: each of the $(echo "$expected" | wc -w) that came due ran, none twice within one period," \
         "over 2 workers (one killed and restarted)"
  else
    echo "FAIL scheduled jobs: $twice run(s) twice within one period, $missing job(s) never ran"; status=1
  fi
}
jobs_checked
exit ${status:-0}
