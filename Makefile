# The two commands of README.md: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml setup.py
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py load_directory_demo
	$(BIN)/python manage.py load_events_demo
	$(BIN)/python manage.py load_blog_demo
	$(BIN)/python manage.py load_contact_demo
	$(BIN)/python manage.py load_network_demo
	$(BIN)/python manage.py load_accessibility_demo
	$(BIN)/python manage.py load_search_vocabulary
	$(BIN)/python manage.py ensure_admin
	$(BIN)/python manage.py ensure_member
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Extract the UI strings (Python and templates; the admin's JavaScript) and compile them with
# locale_wagtail/ (needs GNU gettext; the .mo files are committed).
MESSAGES_IGNORE := --ignore=.venv --ignore=tests --ignore=benchmarks --ignore=staticfiles
messages: $(STAMP)
	$(BIN)/python manage.py makemessages --all --no-location $(MESSAGES_IGNORE)
	$(BIN)/python manage.py makemessages --all --no-location -d djangojs $(MESSAGES_IGNORE)
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles
