# Two commands on a fresh machine: `make site` builds the bundled site, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test lint serve check golden bench clean i18n i18n-extract i18n-update i18n-compile

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
	$(BIN)/python bench/search.py

# Interface strings (docs/design-languages.md). The build reads templates/locale/<code>/LC_MESSAGES/messages.po as
# they are, so nothing needs compiling before `make site`: i18n-compile only checks that every catalog compiles.
# `plurals(singular, plural)` in templates/_strings.html is a plural message for the browser, like ngettext.
POT := templates/locale/messages.pot
PYBABEL := $(BIN)/pybabel

i18n: i18n-extract i18n-update

i18n-extract: $(VENV)/.installed
	$(PYBABEL) extract -F babel.cfg -k plurals:1,2 -k say -c Translators: --add-location=file --sort-output --no-wrap \
		--project=Attunement --copyright-holder="Attunement contributors" -o $(POT) .

i18n-update: $(VENV)/.installed
	$(PYBABEL) update -i $(POT) -d templates/locale --no-wrap --ignore-obsolete

i18n-compile: $(VENV)/.installed
	@for po in templates/locale/*/LC_MESSAGES/messages.po; do \
		$(PYBABEL) compile --statistics -i $$po -o /dev/null || exit 1; done

clean:
	rm -rf dist .attune-cache
