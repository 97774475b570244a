# Two commands on a fresh machine: `make run` and `make test`. Both set up .venv first.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

export PREFECT_HOME := $(CURDIR)/.chitieu/prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1

.PHONY: setup browser compat run test lint bench server clean

setup: $(STAMP)

# Re-install only when the lock or the project metadata changes.
$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON) on PATH"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]' \
	  2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }
	touch $(STAMP)

# Headless Chromium (Debian's package) for the tests that open HTML reports.
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null; }

# An older DuckDB, as bundled in BI drivers, to prove the published file opens there.
COMPAT_DUCKDB ?= 1.1.3
compat: .venv-compat/.installed
.venv-compat/.installed:
	$(PYTHON) -m venv .venv-compat
	.venv-compat/bin/pip install --quiet --disable-pip-version-check duckdb==$(COMPAT_DUCKDB) \
	  2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }
	touch $@

run: setup
	$(BIN)/chitieu run

test: setup browser compat
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy chitieu scrapers flows expectations

bench: setup
	$(BIN)/python -m bench.run

clean:
	rm -rf .chitieu warehouse/*.duckdb warehouse/report warehouse/validation
