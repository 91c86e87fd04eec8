#!/usr/bin/env bash
# Runs the hub locally with its embedded defaults: the machine's PostgreSQL (+pgvector, set up if
# needed), an embedded Kafka broker under ./data/kafka, and demo data (its API key is printed once).
# Any hub.* setting can be overridden with its HUB_* environment variable (see README.md).
set -euo pipefail
cd "$(dirname "$0")"

bash db/setup.sh
command -v mvn >/dev/null 2>&1 || { echo "installing Maven"; apt-get update -qq && apt-get install -y -qq maven >/dev/null; }

mvn -B -q -DskipTests package
exec bash scripts/start-hub.sh "$@"
