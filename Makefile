# thidua — two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test lint bench venv browser-deps lock clean messages worker

$(VENV)/.installed: requirements.lock
	@PYTHON=$$(scripts/find-python) || exit 1; \
	  if [ ! -x $(PY) ]; then echo "Creating $(VENV) with $$PYTHON"; $$PYTHON -m venv $(VENV); fi
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

venv: $(VENV)/.installed

## make run: environment, SQLite database under var/, demo data, task worker, server on http://127.0.0.1:8000
run: venv
	@mkdir -p var
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py seed_demo --if-empty
	@echo ""
	@echo "thidua: http://127.0.0.1:$(PORT)/  — đăng nhập (log in): vanphong / Thidua@2025 (cán bộ thi đua)"
	@echo "        other demo accounts: admin, giamdoc, truongphong, nhanvien, hoidong, thuky, congdoan, doanthanhnien,"
	@echo "        truongkhoi (Trưởng khối KT–KT), bantdkt (Ban Thi đua – Khen thưởng tỉnh)"
	@echo "        (same password). Stop with Ctrl+C."
	@$(PY) manage.py db_worker >var/worker.log 2>&1 & echo $$! > var/worker.pid; \
	  trap 'kill $$(cat var/worker.pid) 2>/dev/null; rm -f var/worker.pid' EXIT INT TERM; \
	  $(PY) manage.py runserver 127.0.0.1:$(PORT)

## make worker: a task worker for the configured backend (the database's db_worker, or RQ's rqworker when
## THIDUA_TASKS_BACKEND=django_tasks_rq.RQBackend; docs/operations.md "Workers")
worker: venv
	@if [ "$${THIDUA_TASKS_BACKEND:-}" = "django_tasks_rq.RQBackend" ]; then \
	  $(PY) manage.py rqworker default --job-class django_tasks_rq.Job; \
	else $(PY) manage.py db_worker; fi

## make test: lint, types, the whole suite (browser tests included) on SQLite, or on DATABASE_URL when set
## (THIDUA_ONLY_DATABASE_TESTS=1, the PostgreSQL pass of .ci/run: the static checks and the pure tests already
## passed in the SQLite pass of the same run on the same code; the tests that reach the database run again, but for
## the layout checks and the browser tests, whose server code the view tests cover — conftest.py.)
test: venv browser-deps
	@if [ "$${THIDUA_ONLY_DATABASE_TESTS:-}" != "1" ]; then \
	  set -e; \
	  $(PY) -m ruff check .; \
	  $(PY) -m ruff format --check .; \
	  $(PY) -m mypy thidua; \
	  $(VENV)/bin/lint-imports --no-cache; \
	fi
	$(PY) -m pytest

lint: venv
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy thidua
	$(VENV)/bin/lint-imports --no-cache

## Browser tests drive Debian's Chromium; install it when missing (needs root, as on CI).
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "Installing Debian's chromium for browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi; \
	fi

bench: venv
	$(PY) benchmarks/run.py

## make bench-scale: national scale on PostgreSQL (benchmarks/scale.py; BENCH_SCALE_DATABASE_URL, seeded by
## make seed-scale): the import of a million historical award rows against COPY of the same file, peak memory
.PHONY: bench-scale
bench-scale: venv
	$(PY) benchmarks/scale.py

## make seed-scale: generated national data through COPY (docs/scale.md); DATABASE_URL, PEOPLE (100000), YEARS (10)
.PHONY: seed-scale
PEOPLE ?= 100000
YEARS ?= 10
seed-scale: venv
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py seed_scale --people $(PEOPLE) --years $(YEARS)

## make fuzz-api: a long schemathesis run against the API (two roles, ≥ 5,000 calls); prints calls, errors, violations
.PHONY: fuzz-api
fuzz-api: venv
	$(PY) scripts/fuzz_api.py --examples 40

messages: venv
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=var --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv

lock: venv
	$(PY) -m pip freeze --exclude-editable | LC_ALL=C sort -f > requirements.lock

clean:
	rm -rf $(VENV) var
