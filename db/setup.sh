#!/usr/bin/env bash
# Prepares the local PostgreSQL for the hub: server running, pgvector installed, role, databases
# and the `vector` and `unaccent` extensions. Idempotent; prints nothing when there is nothing to do.
#   HUB_DB_NAME (hub)  HUB_DB_USER (hub)  HUB_DB_PASSWORD (hub)  HUB_DB_EXTRA (hub_test: extra databases)
set -euo pipefail

DB_NAME=${HUB_DB_NAME:-hub}
DB_USER=${HUB_DB_USER:-hub}
DB_PASSWORD=${HUB_DB_PASSWORD:-hub}
DB_EXTRA=${HUB_DB_EXTRA:-hub_test}
PG_MAJOR=${HUB_PG_MAJOR:-15}
WORK_DIR=${HUB_SETUP_DIR:-/var/cache/whatsapp-agent-hub}

say() { echo "db/setup: $*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=
apt_install() {
  [ -n "$apt_updated" ] || { as_root apt-get update -qq >/dev/null; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null 2>&1 || { say "apt-get install $* failed"; exit 1; }
}

# 1. PostgreSQL server, running
if ! command -v pg_lsclusters >/dev/null 2>&1 || [ ! -x "/usr/lib/postgresql/$PG_MAJOR/bin/postgres" ]; then
  say "installing PostgreSQL $PG_MAJOR"
  apt_install "postgresql-$PG_MAJOR"
fi
if ! pg_lsclusters -h 2>/dev/null | awk -v v="$PG_MAJOR" '$1==v && $2=="main" {print $4}' | grep -q online; then
  say "starting PostgreSQL $PG_MAJOR/main"
  as_root pg_ctlcluster --skip-systemctl-redirect "$PG_MAJOR" main start
fi

PG_CONFIG=/usr/lib/postgresql/$PG_MAJOR/bin/pg_config
SHAREDIR=/usr/share/postgresql/$PG_MAJOR

# 2. pgvector 0.5+ (HNSW). Bookworm ships none, so build Debian's source package from the next release.
if [ ! -f "$SHAREDIR/extension/vector.control" ]; then
  say "building pgvector from Debian's source package"
  apt_install "postgresql-server-dev-$PG_MAJOR" build-essential dpkg-dev
  mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$mirror" ] || mirror=$(awk '/^deb / && $3 !~ /security/ {print $2; exit}' /etc/apt/sources.list)
  as_root mkdir -p "$WORK_DIR/apt/lists/partial" "$WORK_DIR/src"
  echo "deb-src $mirror trixie main" | as_root tee "$WORK_DIR/apt/sources.list" >/dev/null
  apt_src=(-o "Dir::Etc::SourceList=$WORK_DIR/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
           -o "Dir::State::Lists=$WORK_DIR/apt/lists" -o APT::Sandbox::User=root)
  as_root apt-get "${apt_src[@]}" update -qq >/dev/null
  (cd "$WORK_DIR/src" && as_root rm -rf pgvector-* && as_root apt-get "${apt_src[@]}" source -qq pgvector >/dev/null 2>&1)
  src=$(find "$WORK_DIR/src" -maxdepth 1 -type d -name 'pgvector-*' | head -n 1)
  as_root make -s -C "$src" PG_CONFIG="$PG_CONFIG" OPTFLAGS="" >/dev/null
  as_root make -s -C "$src" PG_CONFIG="$PG_CONFIG" install >/dev/null
  say "pgvector $(awk -F\' '/default_version/ {print $2}' "$SHAREDIR/extension/vector.control") installed"
fi

# 3. Role, databases, extension (the extension needs a superuser; the hub's role does not get one)
superuser_psql() {
  if psql -h 127.0.0.1 -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
    psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -Atq "$@"
  else
    as_root runuser -u postgres -- psql -v ON_ERROR_STOP=1 -Atq "$@"
  fi
}
if [ -z "$(superuser_psql -d postgres -c "select 1 from pg_roles where rolname = '$DB_USER'")" ]; then
  superuser_psql -d postgres -c "create role \"$DB_USER\" login password '$DB_PASSWORD'"
  say "created role $DB_USER"
fi
for db in $DB_NAME $DB_EXTRA; do
  if [ -z "$(superuser_psql -d postgres -c "select 1 from pg_database where datname = '$db'")" ]; then
    superuser_psql -d postgres -c "create database \"$db\" owner \"$DB_USER\""
    say "created database $db"
  fi
  superuser_psql -d "$db" -c "create extension if not exists vector" 2>/dev/null
  superuser_psql -d "$db" -c "create extension if not exists pgcrypto" 2>/dev/null
  superuser_psql -d "$db" -c "create extension if not exists unaccent" 2>/dev/null
done
