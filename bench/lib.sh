# Shared helpers of the benchmark and fault scripts: build, start and stop a hub on its own ports
# with its own embedded Kafka log under bench/out/, so a local run of the hub is not disturbed.
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
OUT=${BENCH_OUT:-$BENCH_DIR/out}
HUB_PORT=${BENCH_HUB_PORT:-18080}
KAFKA_PORT=${BENCH_KAFKA_PORT:-19092}
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
  if [ ! -s "$OUT/classpath.txt" ]; then
    (cd "$ROOT" && mvn -B -q dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" -Dmdep.includeScope=runtime >/dev/null)
  fi
}

# start_hub LOG: starts the hub in the background and waits until it is healthy; sets HUB_PID
start_hub() {
  HUB_WHATSAPP_APP_SECRET=$APP_SECRET HUB_WHATSAPP_VERIFY_TOKEN=bench HUB_ADMIN_TOKEN=bench HUB_SECRETS_KEY=$SECRETS_KEY \
  HUB_KAFKA_DATA_DIR="$OUT/kafka" HUB_KAFKA_EMBEDDED_PORT=$KAFKA_PORT SERVER_PORT=$HUB_PORT \
    java ${BENCH_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseParallelGC} -jar "$ROOT/target/whatsapp-agent-hub.jar" >>"$1" 2>&1 &
  HUB_PID=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$HUB_PORT/actuator/health" >/dev/null 2>&1 && return 0
    kill -0 "$HUB_PID" 2>/dev/null || { echo "the hub did not start; see $1"; return 1; }
    sleep 0.5
  done
  echo "the hub did not become healthy; see $1"; return 1
}

stop_hub() {
  [ -n "${HUB_PID:-}" ] && kill "$HUB_PID" 2>/dev/null && wait "$HUB_PID" 2>/dev/null
  HUB_PID=
}

count_topic() { # count_topic PREFIX [ACKED_FILE]
  java -cp "$(cat "$OUT/classpath.txt")" "$BENCH_DIR/src/CountInbound.java" "127.0.0.1:$KAFKA_PORT" whatsapp.inbound "$@" 2>&1 | grep '^TOPIC' 
}
