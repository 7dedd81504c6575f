# Everything runs inside a local .venv made from the pinned requirements.
# Quick start: `make serve` (preview the example site), `make test` (all tests).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
RUN_STAMP  := $(VENV)/.run-installed
TEST_STAMP := $(VENV)/.test-installed
BENCH_STAMP := $(VENV)/.bench-installed

.DEFAULT_GOAL := help
.PHONY: help build check links serve schema from-issue pull-request-from-issue test lint fuzz screenshots bench clean

help: ## show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-23s %s\n", $$1, $$2}'

$(PY):
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed" if sys.version_info < (3, 11) else 0)'
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): $(PY) requirements/run.txt pyproject.toml
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/run.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . 2>/dev/null \
	  || $(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

$(TEST_STAMP): $(RUN_STAMP) requirements/test.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/test.txt
	@touch $@

$(BENCH_STAMP): $(RUN_STAMP) requirements/bench.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/bench.txt
	@touch $@

build: $(RUN_STAMP) ## check the content and build the site into site/ (BASE_URL=… for another address)
	$(PY) build.py build $(if $(BASE_URL),--base-url "$(BASE_URL)")

check: $(RUN_STAMP) ## check the content, write nothing (FORMAT=github or json for tools)
	$(PY) build.py check $(if $(FORMAT),--format $(FORMAT))

links: $(TEST_STAMP) ## check every internal link and #fragment of the site built in site/
	$(PY) -m tests.linkcheck site

serve: $(RUN_STAMP) ## build and preview on http://127.0.0.1:8000 with live reload
	$(PY) build.py serve

schema: $(RUN_STAMP) ## write the JSON Schemas of the front matter into schema/ (after a change to the vocabulary)
	$(PY) build.py schema

from-issue: $(RUN_STAMP) ## turn a story issue's body (ISSUE=file) into content/stories/<slug>.md, or list what is missing
	$(PY) build.py from-issue "$(ISSUE)"

pull-request-from-issue: $(RUN_STAMP) ## (GitHub workflow) story from the issue in ISSUE_BODY/ISSUE_NUMBER, then a pull request
	PY="$(PY)" bash scripts/verhaal-uit-issue.sh

test: $(TEST_STAMP) ## lint, type-check and run all tests, browser tests included (they need chromium and java; see README)
	$(BIN)/ruff check
	$(BIN)/mypy
	$(PY) -m pytest

lint: $(TEST_STAMP) ## only the linter (ruff) and the type checker (mypy)
	$(BIN)/ruff check
	$(BIN)/mypy

fuzz: $(TEST_STAMP) ## run the property-based tests long (5,000 examples each, about 25 min)
	HYPOTHESIS_PROFILE=long $(PY) -m pytest -q -p no:cacheprovider tests/test_fuzz.py

bench: $(BENCH_STAMP) ## time builds of 1,000 and 10,000 generated stories beside Hugo (15-20 min; BENCH_ARGS="--stories 200")
	$(PY) bench/build_bench.py $(BENCH_ARGS)

screenshots: $(TEST_STAMP) ## build the example site and write screenshots and a print PDF to review/
	$(PY) -m tests.browser.screenshots review

clean: ## remove the built site and the virtual environment
	rm -rf site review $(VENV)
