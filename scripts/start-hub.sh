#!/usr/bin/env bash
# Starts the built hub in the foreground exactly as ./run.sh does: its local defaults (demo data, sandbox Graph API,
# demo secrets, each overridable with its HUB_* variable), its JVM options (scripts/hub-jvm-options.sh) and its
# class data sharing archive (scripts/prepare-hub.sh). java replaces this script's process (same PID).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)

export HUB_DEMO_ENABLED=${HUB_DEMO_ENABLED:-true}
export HUB_WHATSAPP_VERIFY_TOKEN=${HUB_WHATSAPP_VERIFY_TOKEN:-demo-verify-token}
export HUB_WHATSAPP_APP_SECRET=${HUB_WHATSAPP_APP_SECRET:-demo-app-secret}
export HUB_ADMIN_TOKEN=${HUB_ADMIN_TOKEN:-demo-admin-token}
# without a real Meta setup, replies are recorded in the hub (GET /api/sandbox/messages) instead of sent
export HUB_WHATSAPP_GRAPH_BASE_URL=${HUB_WHATSAPP_GRAPH_BASE_URL:-sandbox}

bash "$ROOT/scripts/prepare-hub.sh"
source "$ROOT/scripts/hub-jvm-options.sh"
archive=()
[ -f "$ROOT/target/app/hub.jsa" ] && archive=(-XX:SharedArchiveFile="$ROOT/target/app/hub.jsa")
# shellcheck disable=SC2086
exec java $HUB_JVM_OPTIONS "${archive[@]}" -jar "$ROOT/target/app/whatsapp-agent-hub.jar" "$@"
