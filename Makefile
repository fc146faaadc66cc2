# Two commands matter: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint layers format messages check-deploy bench bench-growth loadtest audit-deps chaos clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	touch $@ $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## run: install, migrate, load demo data, serve on http://127.0.0.1:8000 with worker and beat
run: $(VENV)/.installed
	DEBUG=$${DEBUG:-1} bin/dev

# Test processes for the parallel part (pytest-xdist): one per CPU core by default
# (2 on the development machine); e.g. `make test-fast TEST_WORKERS=4`.
TEST_WORKERS ?= auto
# Browser tests need a live server and Chromium: they run on their own, E2E_WORKERS at a
# time (each with its own live server, test database and browser; mostly waiting on the
# browser, so two halve the time even on two cores). Worker tests start a real Celery
# worker on the shared broker: they run serially. Everything else runs in parallel.
SERIAL_TESTS := e2e or worker
E2E_WORKERS ?= 2
# The fast loop also leaves out the sweeps marked slow (hostile input and CSRF on every
# page, the large-academy query budgets): together more than half of the backend's time.
FAST_TESTS := not ($(SERIAL_TESTS) or slow)

.PHONY: test-fast test-tools
# test-tools must come before the venv and npm install (it may install python3-venv, npm).
.NOTPARALLEL: test

## test: install what tests need, lint, and run the whole suite (browser tests included)
test: test-tools $(VENV)/.installed-dev node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=tests.settings
	$(BIN)/pytest -n $(TEST_WORKERS) -m "not ($(SERIAL_TESTS))" --ignore=tests/e2e
	$(BIN)/pytest -n $(E2E_WORKERS) -m "e2e and not worker"
	$(BIN)/pytest -m "worker and not e2e"

## test-fast: the backend tests in parallel; no browser, worker or slow tests, no lint (README: Tests)
test-fast: $(VENV)/.installed-dev
	$(BIN)/pytest -q -n $(TEST_WORKERS) -m "$(FAST_TESTS)" --ignore=tests/e2e

## test-tools: install Chromium, fonts, npm and python3-venv from Debian packages if missing
test-tools:
	PYTHON=$(PYTHON) bin/test-tools

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## layers: list imports from an app to one above it (README "Layers"); expected: none
layers:
	$(PYTHON) bin/layers

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## messages: update the Dutch translation file after changing strings, then compile it
messages: $(VENV)/.installed-dev
	DEBUG=1 $(BIN)/python manage.py makemessages -l nl --no-obsolete --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=tests
	DEBUG=1 $(BIN)/python manage.py compilemessages -l nl --ignore=.venv

## bench: generate a large academy in <db>_benchmark, time every key page (docs/performance.md)
bench: $(VENV)/.installed-dev
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py benchmark $(BENCH_ARGS)

## bench-growth: scale 1 and scale 3 (results in var/benchmark/), then each page's growth
bench-growth: $(VENV)/.installed-dev
	mkdir -p var/benchmark
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py benchmark --scale 1 --json var/benchmark/scale1.json $(BENCH_ARGS)
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py benchmark --scale 3 --json var/benchmark/scale3.json $(BENCH_ARGS)
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py benchmark --compare var/benchmark/scale1.json var/benchmark/scale3.json

## chaos: kill workers, restart Redis, run two of each: reminders lost/doubled (docs/reliability.md; not in `make test`)
chaos: $(VENV)/.installed-dev
	$(BIN)/python bin/chaos

## loadtest: gunicorn on 127.0.0.1 + locust, 50 users for 60 s (needs DATABASE_URL=postgres://...)
loadtest: $(VENV)/.installed-dev
	bin/loadtest

## audit-deps: known vulnerabilities in the locked dependencies (fails if any package cannot be checked)
audit-deps: $(VENV)/.installed-dev
	bin/audit-deps

clean:
	rm -rf $(VENV) node_modules staticfiles var
