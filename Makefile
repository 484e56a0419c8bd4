# TalentHub: `make run` serves the demo, `make test` runs the gate and the suite.
# Everything lives in .venv, installed from the hashed lock file; nothing global is needed.

PYTHON ?= python3
PORT ?= 8000
SCALE ?= S
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# Re-install only when a lock file changes, so a second `make run` starts at once.
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install run test lint fix messages lock worker bench clean

help:  ## List the targets.
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements/dev.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/dev.lock
	@touch $@

install: $(STAMP)  ## Create .venv and install the locked dependencies.

run: $(STAMP)  ## Migrate, load the demo data and serve on http://127.0.0.1:$(PORT).
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: lint  ## The gate (ruff, migrations, system checks) and the test suite.
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)  ## The fast gate only.
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check

fix: $(STAMP)  ## Apply ruff's fixes and formatting.
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(STAMP)  ## Refresh the Finnish catalogue and compile it (needs gettext).
	$(MANAGE) makemessages --locale fi --no-obsolete --add-location file --ignore '.venv/*' --ignore 'var/*' --ignore 'node_modules/*'
	$(MANAGE) compilemessages --locale fi --ignore '.venv/*'

lock: $(STAMP)  ## Re-resolve the lock files from pyproject.toml.
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -q -o requirements/base.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -q -o requirements/dev.lock

worker: $(STAMP)  ## A Celery worker with beat (needs CELERY_BROKER_URL or REDIS_URL).
	DJANGO_SETTINGS_MODULE=talenthub.settings.dev $(BIN)/celery -A talenthub worker --beat --loglevel INFO

bench: $(STAMP)  ## Benchmark at SCALE=XS|S|L (needs DATABASE_URL: PostgreSQL, REDIS_URL).
	$(BIN)/python -m bench --scale $(SCALE)

clean:  ## Remove .venv and local data (var/).
	rm -rf $(VENV) var
