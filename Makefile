# ECMS: `make run` (fresh machine to a serving demo) and `make test` (the whole suite).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
MANAGE := $(BIN)/python manage.py

.DEFAULT_GOAL := help
.PHONY: help run serve setup install test lint format worker sweep messages clean bench browser-deps staff-guide-screenshots

help:
	@echo "make run     set up (virtualenv, install, migrate, seed, demo users) and serve on 127.0.0.1:$(PORT)"
	@echo "make test    run the whole test suite"
	@echo "make lint    ruff, formatting and migration checks"
	@echo "make worker  RQ worker + scheduler + cron (needs REDIS_URL)"
	@echo "make serve   production web process (gunicorn, WORKERS=4 BIND=0.0.0.0:8000)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed

setup: install
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo

# The web server and, beside it without Redis, the periodic jobs (SLA sweep and escalation, outbox sweep,
# clean-up, audit check); with REDIS_URL set, `make worker` runs them under rqcron instead. Ctrl-C stops both.
run: setup
	@trap 'kill 0' EXIT INT TERM; \
	if [ -z "$$REDIS_URL" ]; then $(MANAGE) run_periodic & fi; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# Production web process (gunicorn); settings from the environment (DJANGO_SETTINGS_MODULE, ...).
WORKERS ?= 4
BIND    ?= 0.0.0.0:$(PORT)
serve: install
	bin/ecms-web --workers $(WORKERS) --bind $(BIND)

test: install browser-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Browser tests drive Debian's chromium (never a downloaded browser) and axe-core from npm. Without root,
# apt-get or npm, the browser tests are skipped, not failed.
browser-deps:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 \
	    || echo "chromium could not be installed: browser tests will be skipped"; fi
	@if [ ! -f node_modules/axe-core/axe.min.js ] && command -v npm >/dev/null; then \
	  npm install --silent --no-audit --no-fund >/dev/null 2>&1 || echo "axe-core could not be installed"; fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PYTHONPATH=platform:. $(BIN)/lint-imports --no-cache
	DJANGO_SETTINGS_MODULE=ecms.settings.test $(MANAGE) makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

worker: install
	@test -n "$$REDIS_URL" || { echo "Set REDIS_URL (e.g. redis://127.0.0.1:6379/0) to run workers."; exit 2; }
	@trap 'kill 0' EXIT INT TERM; \
	$(MANAGE) rqcron ecms.cron & \
	$(MANAGE) rqworker --with-scheduler default

sweep: install
	$(MANAGE) sweep_jobs

messages: install
	$(MANAGE) makemessages --locale ar --locale en --no-obsolete --ignore '*/migrations/*' \
	  --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'var/*' --ignore 'tests/*' --ignore 'bench/*' \
	  --ignore 'test-artifacts/*'
	$(MANAGE) compilemessages --ignore '.venv'

clean:
	rm -rf $(VENV) var

bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Screenshots of the staff guide (docs/staff-guide.md), taken by the staff browser tests.
staff-guide-screenshots: install browser-deps
	ECMS_DOC_SCREENSHOTS=1 $(BIN)/python -m pytest -q -p no:cacheprovider tests/browser/test_staff_browser.py
