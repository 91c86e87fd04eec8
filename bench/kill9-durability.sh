#!/usr/bin/env bash
# Durability under kill -9: signed webhooks are posted by 50 workers for DURATION seconds while the
# hub is killed with SIGKILL every KILL_EVERY seconds and restarted. Afterwards every wamid the hub
# had answered 200 must be on whatsapp.inbound. Prints the figures and a PASS/FAIL line.
#   DURATION (60)  KILL_EVERY (20)  CONNECTIONS (50)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DURATION=${DURATION:-60}
KILL_EVERY=${KILL_EVERY:-20}
CONNECTIONS=${CONNECTIONS:-50}
prepare

run=k$(date +%s)
rm -rf "$OUT/kafka"
log="$OUT/hub-kill9.log"; : >"$log"
trap stop_hub EXIT
start_hub "$log"

java "$BENCH_DIR/src/AckedLoad.java" "http://127.0.0.1:$HUB_PORT/webhook" "$APP_SECRET" "$PHONE_NUMBER_ID" \
  "$run" "$CONNECTIONS" "$DURATION" "$OUT/acked-$run.txt" >"$OUT/load-$run.txt" 2>&1 &
load=$!
kills=0
start=$(date +%s)
while [ $(( $(date +%s) - start + KILL_EVERY )) -lt "$DURATION" ]; do
  sleep "$KILL_EVERY"
  kill -9 "$HUB_PID"; wait "$HUB_PID" 2>/dev/null || true
  kills=$((kills + 1))
  echo "killed the hub with SIGKILL ($kills) at +$(( $(date +%s) - start ))s; restarting"
  start_hub "$log"
done
wait "$load"
cat "$OUT/load-$run.txt"
topic=$(count_topic "wamid.$run." "$OUT/acked-$run.txt")
echo "$topic"
missing=$(sed -n 's/.*missing=\([0-9]*\).*/\1/p' <<<"$topic")
acked=$(sed -n 's/.*acknowledged=\([0-9]*\).*/\1/p' <<<"$topic")
if [ "$kills" -ge 1 ] && [ "$acked" -gt 0 ] && [ "$missing" -eq 0 ]; then
  echo "PASS kill -9 durability: $kills kills, all $acked acknowledged messages on whatsapp.inbound"
else
  echo "FAIL kill -9 durability: $kills kills, $missing of $acked acknowledged messages missing"
  exit 1
fi
