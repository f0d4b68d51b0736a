# Two commands: `make run` (set up and serve on http://127.0.0.1:8000) and `make test` (the whole suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install migrate seed messages worker beat lint bench check-deploy clean backup restore web

# DEBUG is off unless DJANGO_DEBUG=1 (a deployment that forgets it is safe). The local server, the tests
# and the benchmarks run with it on; the set-up steps default to it when nothing else is set.
run test bench: export DJANGO_DEBUG = 1
messages migrate seed backup restore: export DJANGO_DEBUG ?= 1

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

messages: install
	$(PY) manage.py compile_translations

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

run: install messages migrate seed
	@echo ""
	@echo "  Sistem LSP: http://$(HOST):$(PORT)/   (kata sandi semua akun demo: Demo12345!)"
	@echo "  Akun demo: admin, komite, direktur, validator, asesor1-asesor3, asesi1-asesi5"
	@echo ""
	@if [ -n "$$CELERY_BROKER_URL" ]; then \
	  echo "  CELERY_BROKER_URL diset: menjalankan worker + beat Celery"; \
	  $(VENV)/bin/celery -A lsp worker --beat --schedule $(VENV)/celerybeat-schedule \
	    --loglevel=INFO --concurrency=2 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	fi; \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install messages
	$(PY) -m pytest

worker: install
	$(VENV)/bin/celery -A lsp worker --loglevel=INFO

beat: install
	$(VENV)/bin/celery -A lsp beat --schedule $(VENV)/celerybeat-schedule --loglevel=INFO

lint: install
	$(VENV)/bin/ruff check .

# Figures for every page at the volume of a large LSP (seed_bench: BENCH_ASESI asesi, 100000 by default;
# BENCH_ASESI=2000 make bench for a quick run). DATABASE_URL picks Postgres; SQLite otherwise.
bench: install
	$(PY) bench/run.py

# Backup: pg_dump + every stored file + SHA-256 manifest into BACKUP (default backups/<UTC time>).
# Restore: into the EMPTY database DATABASE_URL names (createdb it first); refuses a non-empty one.
backup: install
	$(PY) manage.py backup $(if $(BACKUP),--to $(BACKUP))

restore: install
	@test -n "$(BACKUP)" || { echo "make restore BACKUP=<folder backup>"; exit 2; }
	$(PY) manage.py restore --from $(BACKUP)

# One web node (production): gunicorn with deploy/gunicorn.conf.py (GUNICORN_BIND, GUNICORN_WORKERS, ...).
web: install
	$(VENV)/bin/gunicorn -c deploy/gunicorn.conf.py lsp.wsgi

check-deploy: install
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets;print(secrets.token_urlsafe(50))') \
	DJANGO_ALLOWED_HOSTS=lsp.example.id CACHE_URL=redis://127.0.0.1:6379/1 \
	$(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
