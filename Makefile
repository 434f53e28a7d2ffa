# Two commands on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The versions the tests passed with: every install takes them from the lock (`make lock`).
LOCK := requirements.lock
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml $(LOCK) | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes (pytest-xdist): the machines this runs on have two cores. Tests are handed
# out in their collected order (tests/conftest.py puts the longest first, the browser's last:
# a worker that ran a browser test keeps Playwright's event loop in its thread).
TEST_WORKERS ?= 2
XDIST := -n $(TEST_WORKERS) --dist load

.PHONY: install install-test run test test-db lint bench coverage lock clean

$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) tools/check_lock.py pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c $(LOCK) -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# After changing the dependencies in pyproject.toml: pin the new ones (the versions already
# pinned are kept; `make lock UPGRADE=--upgrade` moves every package to its newest), then
# commit requirements.lock.
lock:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet "uv>=0.5"
	$(BIN)/uv pip compile pyproject.toml --extra test --universal --python-version 3.11 \
		--quiet $(UPGRADE) -o $(LOCK)

# bpmn-moddle for the modeler round-trip test (tests/modeler): reinstalled only when
# node_modules is missing or the lock file changed.
MODELER := tests/modeler
MODELER_STAMP := $(MODELER)/node_modules/.installed-$(shell cksum $(MODELER)/package-lock.json | cut -d' ' -f1)

$(MODELER_STAMP): $(MODELER)/package-lock.json
	npm ci --prefix $(MODELER) --no-audit --no-fund
	touch $(MODELER_STAMP)

# axe-core for the accessibility test (tests/browser/test_accessibility.py), the same way.
AXE := tests/browser/axe
AXE_STAMP := $(AXE)/node_modules/.installed-$(shell cksum $(AXE)/package-lock.json | cut -d' ' -f1)

$(AXE_STAMP): $(AXE)/package-lock.json
	npm ci --prefix $(AXE) --no-audit --no-fund
	touch $(AXE_STAMP)

install: $(STAMP)

# What the tests need on top: bpmn.io's model layer for the modeler round-trip test, axe-core
# for the accessibility test; in a git checkout, the merge driver for forms/i18n (.gitattributes).
install-test: $(STAMP) $(MODELER_STAMP) $(AXE_STAMP)
	-@git rev-parse --git-dir >/dev/null 2>&1 && \
		git config merge.i18n.driver "python3 tools/merge_i18n.py %O %A %B"

run: install
	$(BIN)/nrm migrate
	$(BIN)/nrm demo
	$(BIN)/nrm deploy
	$(BIN)/nrm serve --host $(HOST) --port $(PORT)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/pytest $(XDIST)
	$(BIN)/nrm coverage --check

# Which scenario covers which sequence flow (reports/path-coverage.md and .html).
coverage: install-test
	$(BIN)/pytest tests/features -q
	$(BIN)/nrm coverage --markdown

# The database-dependent suite alone (CI runs it again on PostgreSQL).
test-db: install-test
	$(BIN)/pytest $(XDIST) -m "not browser" -p no:cacheprovider

bench: install
	$(BIN)/python -m bench --with-api --with-worker --with-statistics --save

clean:
	rm -rf $(VENV) nrm.db nrm.db-* .pytest_cache .mypy_cache .ruff_cache tests/artifacts
