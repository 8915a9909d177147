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

.PHONY: site release serve preview lint test test-fast bench fuzz clean wheel lock

# The exact versions in requirements.lock (hashes checked), then the package itself without
# its dependencies: editable by default; CI passes the built wheel (PACKAGE=build/wheel/*.whl).
PACKAGE ?= -e .
$(VENV)/.site-installed: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --force-reinstall $(PACKAGE)
	touch $@

# requirements.lock holds the test tools too: one set of versions for building and testing.
$(VENV)/.test-installed: $(VENV)/.site-installed
	touch $@

## wheel: build the package as it is published, into build/wheel/
wheel:
	rm -rf build
	$(PYTHON) -m pip wheel --quiet --no-deps --wheel-dir build/wheel .

## lock: resolve pyproject.toml's ranges again into requirements.lock (after changing them);
## the versions already locked are kept where they still fit (`make lock UPGRADE=--upgrade`: newest)
lock: $(VENV)/.site-installed
	$(BIN)/python -m pip install --quiet uv==0.13.9
	cp requirements.lock requirements.lock.new
	$(BIN)/uv pip compile pyproject.toml --extra test --universal --python-version 3.11.5 $(UPGRADE) \
	  --generate-hashes --no-header --no-annotate --quiet --output-file requirements.lock.new
	{ sed -n '1,4p' requirements.lock; cat requirements.lock.new; } > requirements.lock.tmp
	rm requirements.lock.new && mv requirements.lock.tmp requirements.lock

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
	rm -rf site dist build .pytest_cache .mypy_cache .ruff_cache node_modules
