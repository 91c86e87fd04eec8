#!/usr/bin/env bash
# Knowledge search benchmark: search p50/p99 and recall@5 over TARGET (100,000) chunks of one chatbot
# among TOTAL (300,000) in document_chunks, on synthetic 384-dimension vectors (Gaussian clusters)
# and Zipf-distributed texts; index build time and table size. Runs in its own database (hub_bench,
# created by db/setup.sh) so it never touches hub or hub_test. The data is loaded once (COPY, ~5 min
# with the index builds) and reused by later runs while the schema and the sizes are unchanged.
#   TOTAL TARGET CLUSTERS QUERIES (200) EF_SEARCH (40,64,100,200) HYBRID_EF (64) BENCH_RELOAD=1
# Targets (issue 4): p99 < 50 ms, recall@5 against an exact scan >= 0.95.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
OUT=${BENCH_OUT:-$BENCH_DIR/out}
DB=${BENCH_DB:-hub_bench}
mkdir -p "$OUT"

HUB_DB_EXTRA="hub_test $DB" bash "$ROOT/db/setup.sh"
psql_bench() { psql -h 127.0.0.1 -U hub -d "$DB" -v ON_ERROR_STOP=1 -Atq "$@"; }

# schema = the project's migrations; rebuilt (and the data reloaded) when they change
schema_md5=$(cat "$ROOT"/db/migration/V*.sql | md5sum | cut -d' ' -f1)
current=$(psql_bench -c "SELECT md5 FROM bench_schema" 2>/dev/null || true)
if [ "$current" != "$schema_md5" ] || [ -n "${BENCH_RELOAD:-}" ]; then
  echo "knowledge-search: (re)creating the schema of $DB from db/migration"
  psql_bench -c "DROP OWNED BY hub CASCADE"
  for f in "$ROOT"/db/migration/V*.sql; do psql_bench -f "$f" >/dev/null; done
  psql_bench -c "CREATE TABLE bench_schema (md5 text); INSERT INTO bench_schema VALUES ('$schema_md5')"
fi

pgjdbc=$(find "$HOME/.m2/repository/org/postgresql/postgresql" -name 'postgresql-*.jar' | sort -V | tail -n 1)
[ -n "$pgjdbc" ] || { echo "the PostgreSQL JDBC driver is not in the local Maven repository (build the hub once)"; exit 1; }
export BENCH_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB"

java -Xmx2g -cp "$pgjdbc" "$BENCH_DIR/src/KnowledgeSearchBench.java" load | tee "$OUT/knowledge-search-load.txt"
java -Xmx3g -cp "$pgjdbc" "$BENCH_DIR/src/KnowledgeSearchBench.java" run | tee "$OUT/knowledge-search.txt" | grep -v '^QVEC'

# The plan PostgreSQL really runs inside knowledge_nearest_chunks (auto_explain of nested statements;
# needs a superuser, skipped when there is none).
chatbot=$(awk '/^CHATBOT/ {print $2}' "$OUT/knowledge-search.txt")
qvec=$(awk '/^QVEC/ {print $2}' "$OUT/knowledge-search.txt")
if psql -h 127.0.0.1 -U postgres -d "$DB" -Atqc 'select 1' >/dev/null 2>&1; then
  psql -h 127.0.0.1 -U postgres -d "$DB" -q 2>&1 <<SQL | sed -n '/Limit\|Index Scan\|Sort\|Bitmap\|Seq Scan\|Execution Time\|Buffers/p' | cut -c1-150 | head -20 | sed 's/^/FUNCTION PLAN /' | tee -a "$OUT/knowledge-search.txt"
LOAD 'auto_explain';
SET auto_explain.log_min_duration = 0;
SET auto_explain.log_nested_statements = on;
SET auto_explain.log_analyze = on;
SET auto_explain.log_buffers = on;
SET client_min_messages = log;
SELECT count(*) FROM knowledge_nearest_chunks('$chatbot', '$qvec'::vector, 5, 'bench-384', ${HYBRID_EF:-64}, NULL);
SQL
fi
