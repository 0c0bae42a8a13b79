#!/usr/bin/env bash
# Tier S end to end in under five minutes: `make bench` or `bash benchmarks/run.sh [--db postgres] [...]`.
# Extra arguments go to `python -m benchmarks` (see `python -m benchmarks --help`).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
exec "$BIN/python" -m benchmarks --tier S "$@"
