#!/usr/bin/env bash
# The suite on SQLite, then on PostgreSQL (127.0.0.1:5432). Under CI, PostgreSQL is required.
set -euo pipefail
BIN=${BIN:-.venv/bin}
status=0

echo "== tests on SQLite =="
TICKETRY_TEST_DB=sqlite "$BIN/pytest" -q -n "${TEST_WORKERS:-4}" -p no:cacheprovider "$@" || status=$?

if "$BIN/python" -c "import psycopg; psycopg.connect('postgresql://postgres@127.0.0.1:5432/postgres', connect_timeout=3).close()" 2>/dev/null; then
  echo "== tests on PostgreSQL =="
  TICKETRY_TEST_DB=postgres "$BIN/pytest" -q -n "${TEST_WORKERS:-4}" -p no:cacheprovider "$@" || status=$?
elif [ "${CI:-}" = "true" ] || [ "${TICKETRY_REQUIRE_PG:-}" = "1" ]; then
  echo "PostgreSQL is not reachable on 127.0.0.1:5432, and CI requires it." >&2
  status=1
else
  echo "!! PostgreSQL is not reachable on 127.0.0.1:5432: the PostgreSQL run was SKIPPED (SQLite only)."
fi
exit $status
