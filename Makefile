# `make run` installs and serves on SQLite; `make test` installs and runs lint, types and the suite.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: install run test lint check-pg bench

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(BIN)/.installed

run: install
	$(BIN)/ticketry serve

lint: install
	$(BIN)/ruff check ticketry tests scripts
	$(BIN)/mypy ticketry

test: lint
	BIN=$(BIN) bash scripts/test.sh

# `make bench`: tier S end to end (import, server, reference, load, report); see docs/benchmarks.md.
$(BIN)/.bench-installed: $(BIN)/.installed pyproject.toml
	$(BIN)/pip install -q -e '.[test,bench]'
	touch $@

bench: $(BIN)/.bench-installed
	BIN=$(BIN) bash benchmarks/run.sh $(BENCH_ARGS)
