#!/usr/bin/env bash
# Retrieval quality in Spanish: mean reciprocal rank (and hit@1, hit@3) of the right passage for the
# paraphrased customer questions of src/test/resources/retrieval/faq-es.json, with the local embedding
# model on the machine's PostgreSQL + pgvector, side by side in one run: without the chatbot's language
# (simple text search, equal fusion weights), with Spanish stemming only, and with the language also
# weighing the fusion (the hub's behaviour). Runs SpanishRetrievalIT (which asserts MRR >= 0.85) in its
# own database (BENCH_DB, default hub_bench_mrr, created by db/setup.sh) and prints its table.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DB=${BENCH_DB:-hub_bench_mrr}

HUB_DB_EXTRA="$DB" bash "$ROOT/db/setup.sh"
cd "$ROOT"
SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" \
  mvn -B -q verify -Dtest=SpanishRetrievalIT -Dsurefire.failIfNoSpecifiedTests=false >/dev/null 2>&1 \
  || { echo "retrieval-mrr: SpanishRetrievalIT failed, see target/surefire-reports" >&2; cat target/retrieval-mrr.txt 2>/dev/null; exit 1; }
cat target/retrieval-mrr.txt
