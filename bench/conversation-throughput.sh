#!/usr/bin/env bash
# End-to-end conversation throughput: signed webhooks → Kafka → conversation pipeline → reply received
# by a fake Graph API, with a fake LLM answering at once (bench/fake/meta-and-llm.js on Node).
# Messages are spread over TENANTS (10) organisations with one chatbot each; TENANTS=1 puts the whole
# load on one chatbot (every message then waits for the same per-chatbot rate-limit and usage rows).
#   phase 1: RATE (300) messages/s for DURATION (60) s — target: ≥ 250 answered/s, nothing lost or duplicated
#   phase 2: 50 messages/s for 30 s — target: p99 of the hub's own time per message < 100 ms
# Before phase 1, WARMUP (120) s at 150 messages/s: with less, the JIT compiler still takes a large part
# of the CPU (39 % of the hub's CPU at 40 s), and a long-running hub does not pay that.
# Prints the figures and PASS/FAIL lines.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RATE=${RATE:-300}
DURATION=${DURATION:-60}
TENANTS=${TENANTS:-10}
WARMUP=${WARMUP:-120}
BENCH_PHONE=200000000000001
FAKE_PORT=${BENCH_FAKE_PORT:-18089}
prepare
command -v node >/dev/null || { echo "node is needed for the fake Graph API / LLM (apt-get install nodejs)"; exit 1; }

node "$BENCH_DIR/fake/meta-and-llm.js" "$FAKE_PORT" >"$OUT/fake.log" 2>&1 &
fake=$!
trap 'kill $fake 2>/dev/null; stop_autovacuum_stand_in; stop_hub || true' EXIT

rm -rf "$OUT/kafka"
export HUB_WHATSAPP_GRAPH_BASE_URL=http://127.0.0.1:$FAKE_PORT
export HUB_LLM_OPENAI_API_KEY=bench-key HUB_LLM_OPENAI_BASE_URL=http://127.0.0.1:$FAKE_PORT/v1
export SPRING_APPLICATION_JSON='{"hub":{"plans":{"enterprise":{"messages-per-hour":100000000}}}}'
# bursts off: the hub's own time per message, without the wait for a burst (BURST_WINDOW=2s measures with them)
export HUB_CONVERSATION_BURST_WINDOW=${BURST_WINDOW:-0}
start_hub "$OUT/hub-conversation.log"

# the benchmark's tenants (TENANTS organisations, one chatbot each, messages spread evenly over them):
# enterprise plan, quotas and hourly limits that do not interfere
psql_hub <<SQL
INSERT INTO organizations (name, slug, plan_tier, message_limit_monthly, token_limit_monthly)
SELECT 'Benchmark ' || n, 'benchmark-' || n, 'enterprise', 100000000, 100000000000 FROM generate_series(1, $TENANTS) n
ON CONFLICT (slug) DO UPDATE SET plan_tier = 'enterprise', message_limit_monthly = 100000000, token_limit_monthly = 100000000000;
INSERT INTO chatbots (organization_id, name, whatsapp_phone_number_id, model_name, whatsapp_access_token)
SELECT o.id, 'Benchmark bot', ($BENCH_PHONE + n)::text, 'gpt-4o-mini', 'bench-token'
  FROM generate_series(1, $TENANTS) n JOIN organizations o ON o.slug = 'benchmark-' || n
ON CONFLICT (whatsapp_phone_number_id) DO UPDATE SET whatsapp_access_token = EXCLUDED.whatsapp_access_token;
SQL
PHONES=$(seq -s, $((BENCH_PHONE + 1)) $((BENCH_PHONE + TENANTS)))
autovacuum_stand_in

# phase_figures RUN: answered, sent, completed, first claim → last completion, p50/p99 of the hub's time
phase_figures() {
  psql_hub -F ' ' <<SQL
SELECT count(*) FILTER (WHERE reply_status = 'sent'),
       count(*) FILTER (WHERE status = 'completed'),
       round(extract(epoch FROM max(processed_at) - min(received_at))::numeric, 2),
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM processed_at - received_at)) * 1000)::numeric, 1),
       round((percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM processed_at - received_at)) * 1000)::numeric, 1)
  FROM webhook_events WHERE whatsapp_message_id LIKE 'wamid.$1.%';
SQL
}
duplicates() {
  psql_hub <<SQL
SELECT count(*) FROM (SELECT m.reply_to_message_id FROM messages m JOIN messages u ON u.id = m.reply_to_message_id
 WHERE m.role = 'assistant' AND u.whatsapp_message_id LIKE 'wamid.$1.%' GROUP BY m.reply_to_message_id HAVING count(*) > 1) d;
SQL
}
wait_done() { # wait_done RUN EXPECTED
  for _ in $(seq 1 240); do
    [ "$(psql_hub -c "SELECT count(*) FROM webhook_events WHERE whatsapp_message_id LIKE 'wamid.$1.%' AND status IN ('completed','failed','skipped')")" -ge "$2" ] && return 0
    sleep 0.5
  done
}
run_phase() { # run_phase RUN RATE SECONDS
  java "$BENCH_DIR/src/AckedLoad.java" "http://127.0.0.1:$HUB_PORT/webhook" "$APP_SECRET" "$PHONES" "$1" 50 "$3" \
    "$OUT/acked-$1.txt" "$2" | tee "$OUT/load-$1.txt"
  acked=$(wc -l <"$OUT/acked-$1.txt")
  wait_done "$1" "$acked"
}

echo "warm-up (JIT): 150 messages/s for ${WARMUP}s"
warmup=cw$(date +%s)
run_phase "$warmup" 150 "$WARMUP" >/dev/null

# PostgreSQL's CPU: its live processes plus the backends that exited (counted in the postmaster's children time)
postgres_ticks() {
  local t=0 postmaster
  for p in $(pgrep -x postgres); do t=$(( t + $(cpu_ticks "$p" 2>/dev/null || echo 0) )); done
  postmaster=$(pgrep -o -x postgres)
  echo $(( t + $(awk '{print $16 + $17}' "/proc/$postmaster/stat") ))
}
replies_received() { curl -s "http://127.0.0.1:$FAKE_PORT/stats" | grep -o '"replies":[0-9]*' | cut -d: -f2; }

run=c$(date +%s)
throughput_run=$run
echo "phase 1: $RATE messages/s for ${DURATION}s"
replies_before=$(replies_received)
cpu_before=$(cpu_ticks "$HUB_PID"); pg_before=$(postgres_ticks)
run_phase "$run" "$RATE" "$DURATION"
received=$(( $(replies_received) - replies_before ))
hub_cpu_ms=$(( ($(cpu_ticks "$HUB_PID") - cpu_before) * 1000 / $(getconf CLK_TCK) ))
pg_cpu_ms=$(( ($(postgres_ticks) - pg_before) * 1000 / $(getconf CLK_TCK) ))
read -r answered completed span p50 p99 <<<"$(phase_figures "$run")"
dups=$(duplicates "$run")
rate_answered=$(awk -v a="$answered" -v s="$span" 'BEGIN {printf "%.0f", a / s}')
echo "acknowledged=$acked answered=$answered completed=$completed span_s=$span answered_per_s=$rate_answered duplicate_replies=$dups replies_received_by_fake_graph=$received hub_p50_ms=$p50 hub_p99_ms=$p99"
echo "cpu_per_answered_message: hub_ms=$(awk -v c="$hub_cpu_ms" -v n="$answered" 'BEGIN {printf "%.2f", c / n}') postgres_ms=$(awk -v c="$pg_cpu_ms" -v n="$answered" 'BEGIN {printf "%.2f", c / n}')"
if [ "$answered" -eq "$acked" ] && [ "$received" -eq "$acked" ] && [ "$dups" -eq 0 ] && [ "$rate_answered" -ge 250 ]; then
  echo "PASS conversation throughput: $rate_answered answered/s >= 250 for ${DURATION}s, all $acked answered once"
else
  echo "FAIL conversation throughput: $rate_answered answered/s (target 250), $answered of $acked answered, $dups duplicated"
  status=1
fi

run=l$(date +%s)
echo "phase 2: 50 messages/s for 30 s"
run_phase "$run" 50 30 >/dev/null
read -r answered completed span p50 p99 <<<"$(phase_figures "$run")"
echo "answered=$answered hub_p50_ms=$p50 hub_p99_ms=$p99 peak_rss_mb=$(( $(awk '/VmHWM/ {print $2}' /proc/$HUB_PID/status) / 1024 ))"
if awk -v p="$p99" 'BEGIN {exit !(p < 100)}'; then
  echo "PASS conversation latency: p99 of the hub's own time ${p99} ms < 100 ms at 50 messages/s"
else
  echo "FAIL conversation latency: p99 ${p99} ms (target < 100 ms)"
  status=1
fi

# the business metrics of this hub's life (all three phases) against the database
latency_run=$run
read -r db_answered db_tokens <<<"$(psql_hub -F ' ' -c "SELECT count(*) FILTER (WHERE e.reply_status = 'sent'),
       (SELECT coalesce(sum(u.tokens_total), 0) FROM usage_logs u JOIN webhook_events w ON w.id = u.webhook_event_id
         WHERE w.whatsapp_message_id ~ '^wamid\.($warmup|$throughput_run|$latency_run)\.')
  FROM webhook_events e WHERE e.whatsapp_message_id ~ '^wamid\.($warmup|$throughput_run|$latency_run)\.'")"
scrape=$(curl -sf -H "Authorization: Bearer bench" "http://127.0.0.1:$HUB_PORT/actuator/prometheus")
metric_sum() { echo "$scrape" | awk -v m="$1" '$1 ~ "^" m "({|$)" {s += $NF} END {printf "%d", s}'; }
echo "metrics: hub_messages_answered_total=$(metric_sum hub_messages_answered_total) (database: $db_answered)" \
     "hub_usage_tokens_total=$(metric_sum hub_usage_tokens_total) (database: $db_tokens)"
if [ "$(metric_sum hub_messages_answered_total)" -eq "$db_answered" ] && [ "$(metric_sum hub_usage_tokens_total)" -eq "$db_tokens" ]; then
  echo "PASS business metrics: answered messages and tokens in /actuator/prometheus match the database"
else
  echo "FAIL business metrics: /actuator/prometheus and the database disagree"
  status=1
fi
exit ${status:-0}
