# Two commands on a fresh machine: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

export PREFECT_HOME := $(CURDIR)/.chitieu/prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1

.PHONY: setup run test lint bench server clean

setup: $(STAMP)

# Re-install only when the lock or the project metadata changes.
$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON) on PATH"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $(STAMP)

run: setup
	$(BIN)/chitieu run

test: setup
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy chitieu scrapers flows expectations

bench: setup
	$(BIN)/python -m bench.run

clean:
	rm -rf .chitieu warehouse/*.duckdb warehouse/report warehouse/validation
