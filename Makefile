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

.PHONY: setup browser compat run test test-fast lint bench server clean

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

# The domain logic in under 90 s (figures, parsing, schema, registry, checks): for quick
# iterations. `make test` stays the whole suite.
test-fast: setup
	$(BIN)/pytest -q -m "not slow"

lint: setup
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy chitieu scrapers flows expectations app

# The benchmarks (docs/performance.md): 1,000 and 10,000 synthetic pages end to end.
# The trafilatura baseline runs in its own venv so that it never enters requirements.lock.
TRAFILATURA ?= 2.3.1
bench: setup .venv-bench/.installed
	$(BIN)/python -m bench.run $(BENCH_ARGS)
.venv-bench/.installed:
	$(PYTHON) -m venv .venv-bench
	.venv-bench/bin/pip install --quiet --disable-pip-version-check \
	  trafilatura==$(TRAFILATURA) lxml_html_clean==0.4.6 \
	  2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }
	touch $@

# A real Prefect server on 127.0.0.1:4200 (state in .chitieu/prefect-server), the flows of
# prefect.yaml deployed with their schedules, one local worker. See docs/operations.md.
server: setup
	$(BIN)/chitieu server

clean:
	rm -rf .chitieu warehouse/*.duckdb warehouse/report warehouse/validation
