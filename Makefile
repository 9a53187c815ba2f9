# Two commands on a fresh machine: `make site` builds the bundled site, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test lint serve check golden bench clean

$(VENV)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.test-installed: $(VENV)/.installed package.json package-lock.json
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@test -x /usr/bin/chromium || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; }
	@command -v java >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq default-jre-headless; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

site: $(VENV)/.installed
	$(BIN)/attune build
	@echo "Preview it with: $(BIN)/attune serve   (or make serve). dist/ is for a web server;"
	@echo "for a copy that opens from disk (file://), run: $(BIN)/attune export site"

serve: $(VENV)/.installed
	$(BIN)/attune serve

check: $(VENV)/.installed
	$(BIN)/attune check

lint: $(VENV)/.test-installed
	$(BIN)/ruff check attunement tests bench build.py
	$(BIN)/ruff format --check attunement tests bench build.py
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest
	@if ls tests/js/*.test.js >/dev/null 2>&1; then node --test tests/js/; fi

golden: $(VENV)/.test-installed
	$(BIN)/python -m pytest tests/test_golden.py --update-golden

bench: $(VENV)/.test-installed
	$(BIN)/python bench/run.py
	$(BIN)/python bench/quiz_budget.py

clean:
	rm -rf dist .attune-cache
