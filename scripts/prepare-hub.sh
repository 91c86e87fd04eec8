#!/usr/bin/env bash
# Prepares the built hub (target/whatsapp-agent-hub.jar) for a fast start, once per build; idempotent:
#  1. extracts the jar into target/app (Spring Boot's `-Djarmode=tools extract`: a thin application jar plus lib/),
#     so classes load from plain jars, and Camel's scan for routes/*.yaml reads the small application jar instead
#     of inflating every nested jar of the fat jar;
#  2. builds a class data sharing archive of the classes the start-up loads (target/app/hub.jsa) with a training
#     run that stops once the application context is refreshed (-Dspring.context.exit=onRefresh). The training run
#     creates the beans, so it needs the database of the real run (SPRING_DATASOURCE_URL); its embedded Kafka
#     broker and web server use free ports and a scratch log directory.
# Prints nothing when both are up to date. The JVM options come from scripts/hub-jvm-options.sh.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$ROOT/target/whatsapp-agent-hub.jar
APP=$ROOT/target/app
source "$ROOT/scripts/hub-jvm-options.sh"

[ -f "$JAR" ] || { echo "prepare-hub: $JAR is missing: mvn -DskipTests package" >&2; exit 1; }
if [ ! -f "$APP/whatsapp-agent-hub.jar" ] || [ "$JAR" -nt "$APP/whatsapp-agent-hub.jar" ]; then
  rm -rf "$APP"
  java -Djarmode=tools -jar "$JAR" extract --destination "$APP" >/dev/null
fi
# an archive is only valid for the JVM options it was trained with
[ "$(cat "$APP/hub.jsa.options" 2>/dev/null)" = "$HUB_JVM_OPTIONS" ] || rm -f "$APP/hub.jsa"
if [ ! -f "$APP/hub.jsa" ]; then
  echo "prepare-hub: training the class data sharing archive target/app/hub.jsa (once per build)"
  # shellcheck disable=SC2086
  if ! SERVER_PORT=0 HUB_KAFKA_EMBEDDED_PORT=0 HUB_KAFKA_DATA_DIR="$APP/training-kafka" HUB_DEMO_ENABLED=false \
       timeout 300 java $HUB_JVM_OPTIONS -XX:ArchiveClassesAtExit="$APP/hub.jsa" -Dspring.context.exit=onRefresh \
       -jar "$APP/whatsapp-agent-hub.jar" >"$APP/training.log" 2>&1 || [ ! -f "$APP/hub.jsa" ]; then
    echo "prepare-hub: the training run failed (see $APP/training.log); the hub starts without the archive" >&2
  fi
  rm -rf "$APP/training-kafka"
  echo "$HUB_JVM_OPTIONS" >"$APP/hub.jsa.options"
fi
