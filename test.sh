#!/usr/bin/env bash
# Runs every test against real services: the machine's PostgreSQL with pgvector (database hub_test,
# set up if needed), an embedded Kafka broker, WireMock for the outside world and Debian's headless Chromium for
# the console's browser tests.
set -euo pipefail
cd "$(dirname "$0")"

bash db/setup.sh
command -v mvn >/dev/null 2>&1 || { echo "installing Maven"; apt-get update -qq && apt-get install -y -qq maven >/dev/null; }

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "installing chromium for the console's browser tests"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

exec mvn -B verify "$@"
