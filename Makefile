# Pocket Guide. `make site` builds the guide; `make test` runs every test. Both set up a
# fresh machine first (a virtualenv in .venv; Debian's chromium for the browser tests).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8001
# Silence the MkDocs 2 banner that Material and a dependency print on every run.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: site release serve preview lint test test-fast bench fuzz clean

$(VENV)/.site-installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.site-installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# ESLint for the guide's browser scripts, pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	bash scripts/ensure-node.sh
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## site: build the guide into site/ and check it
site: $(VENV)/.site-installed
	$(BIN)/python -m pocketguide.build

## release: like site, but every page must record who clinically reviewed it (reviewed_by)
release: $(VENV)/.site-installed
	POCKETGUIDE_RELEASE=true $(BIN)/python -m pocketguide.build

## serve: live preview while editing (no service worker)
serve: $(VENV)/.site-installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## preview: serve the built site/ on 127.0.0.1 to try the real offline app
preview: $(VENV)/.site-installed
	$(BIN)/python -m pocketguide.devserver site --port $(PORT)

## lint: ruff, mypy and eslint
lint: $(VENV)/.test-installed node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	npx --no-install eslint src/pocketguide tests/js eslint.config.js

## test: every test, browser tests in Debian's chromium included
test: $(VENV)/.test-installed
	bash scripts/ensure-chromium.sh
	$(MAKE) --no-print-directory lint
	node --test tests/js/
	$(BIN)/python -m pytest

## test-fast: every test but the browser ones
test-fast: $(VENV)/.test-installed
	node --test tests/js/
	$(BIN)/python -m pytest -m 'not browser'

## bench: build time, install size and check timings (not a test)
bench: $(VENV)/.test-installed
	bash scripts/ensure-chromium.sh
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_checks.py

## fuzz: a bounded hostile-input pass over Markdown, YAML and HTML (a few minutes; not a test)
fuzz: $(VENV)/.test-installed
	$(BIN)/python scripts/fuzz.py

clean:
	rm -rf site dist .pytest_cache .mypy_cache .ruff_cache node_modules
