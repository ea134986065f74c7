# 临沂技术成果交易平台 — everyday commands. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | sha1sum | cut -c1-12)

# What the test suite talks to (scripts/ starts each on loopback).
TEST_ENV := DATABASE_URL=$${TEST_DATABASE_URL:-postgres://linyi@127.0.0.1:54329/linyi} \
	REDIS_URL=$${TEST_REDIS_URL:-redis://127.0.0.1:63790/0} \
	ELASTICSEARCH_INDEX_PREFIX=$${TEST_ES_PREFIX:-test_linyi}

.PHONY: help install run test lint format services services-down lock worker messages clean backup restore
help:
	@grep -E '^[a-z-]+:.*## ' Makefile | sed 's/:.*## /\t/' | expand -t 16

install: $(STAMP) ## create .venv and install the pinned dependencies
$(STAMP):
	@echo "==> installing Python dependencies into $(VENV)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/pip install -q --disable-pip-version-check -r requirements.lock
	@rm -f $(VENV)/.installed-* && touch $@

run: install ## serve the demo site at http://127.0.0.1:8000 (SQLite + local Elasticsearch)
	@scripts/services up
	@echo "==> migrating"
	@mkdir -p var
	@$(MANAGE) migrate --noinput -v 0
	@echo "==> loading demo data"
	@$(MANAGE) load_demo
	@echo "==> building search indices"
	@$(MANAGE) rebuild_index
	@$(MANAGE) update_index
	@echo "==> serving on http://127.0.0.1:8000 (admin: /admin/) — Ctrl+C to stop"
	@$(MANAGE) runserver 127.0.0.1:8000

test: install ## lint, then the whole suite against PostgreSQL, Redis, Elasticsearch and Chromium
	@scripts/services up --with-tests
	@echo "==> ruff check"
	@$(BIN)/ruff check .
	@echo "==> ruff format --check"
	@$(BIN)/ruff format --check .
	@echo "==> pytest"
	@$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

lint: install ## ruff check + format check only
	@$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: install ## apply ruff's fixes and formatting
	@$(BIN)/ruff check --fix . && $(BIN)/ruff format .

services: ## start Elasticsearch, PostgreSQL, Redis (and make sure Chromium is installed)
	@scripts/services up --with-tests

services-down: ## stop the local services
	@scripts/services down

worker: install ## run the background task worker (django-tasks database backend)
	@TASKS_BACKEND=django_tasks_db.DatabaseBackend $(MANAGE) db_worker

backup: install ## back up the database and media to var/backups/<time>/ (BACKUP_ROOT)
	@$(MANAGE) backup

restore: install ## restore a backup: make restore BACKUP=var/backups/<time>
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=var/backups/<time>"; exit 2; }
	@$(MANAGE) restore "$(BACKUP)"

messages: install ## extract new strings into locale/en/…/django.po, then compile (after translating)
	@$(MANAGE) makemessages -l en --no-obsolete --ignore=.venv --ignore=var --ignore=tests --ignore=bench
	@$(MANAGE) compilemessages -l en -l zh_Hans --ignore=.venv --ignore=var

lock: ## re-resolve pyproject.toml's dependencies into requirements.lock
	@rm -rf var/lock-venv && $(PYTHON) -m venv var/lock-venv
	@var/lock-venv/bin/pip install -q --disable-pip-version-check ".[dev]"
	@var/lock-venv/bin/pip freeze --exclude linyi-portal > requirements.lock
	@rm -rf var/lock-venv && echo "requirements.lock updated"

clean: ## remove the virtualenv and local data (not the Elasticsearch download cache)
	@scripts/services down || true
	@rm -rf $(VENV) var
