#!/usr/bin/env bash
# Runs the hub locally with its embedded defaults: the machine's PostgreSQL (+pgvector, set up if
# needed), an embedded Kafka broker under ./data/kafka, and demo data (its API key is printed once).
# Any hub.* setting can be overridden with its HUB_* environment variable (see README.md).
set -euo pipefail
cd "$(dirname "$0")"

bash db/setup.sh
command -v mvn >/dev/null 2>&1 || { echo "installing Maven"; apt-get update -qq && apt-get install -y -qq maven >/dev/null; }

export HUB_DEMO_ENABLED=${HUB_DEMO_ENABLED:-true}
export HUB_WHATSAPP_VERIFY_TOKEN=${HUB_WHATSAPP_VERIFY_TOKEN:-demo-verify-token}
export HUB_WHATSAPP_APP_SECRET=${HUB_WHATSAPP_APP_SECRET:-demo-app-secret}
export HUB_ADMIN_TOKEN=${HUB_ADMIN_TOKEN:-demo-admin-token}
# without a real Meta setup, replies are recorded in the hub (GET /api/sandbox/messages) instead of sent
export HUB_WHATSAPP_GRAPH_BASE_URL=${HUB_WHATSAPP_GRAPH_BASE_URL:-sandbox}

mvn -B -q -DskipTests package
exec java ${JAVA_OPTS:--XX:+UseParallelGC} -jar target/whatsapp-agent-hub.jar "$@"
