# diklat: two commands for people, `make run` and `make test` (see README.md).
# The other targets are the steps those two are made of.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV   := .venv
PYTHON := $(VENV)/bin/python
# Touched after a successful pip install: pip runs again only when
# requirements.txt is newer than it.
STAMP  := $(VENV)/.requirements-installed
PORT   ?= 8000
export PORT

# Debian packages: compilemessages (gettext), PDF text in tests (poppler-utils),
# fonts (fonts-dejavu-core) and Pango for WeasyPrint's PDFs; the browser tests drive Debian's
# chromium (never `playwright install`).
DEB_PACKAGES      := gettext poppler-utils fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
DEB_TEST_PACKAGES := chromium
# Target-specific, so it reaches the system-deps prerequisite too: `make test`
# installs both lists with one apt-get update.
test: DEB = $(DEB_PACKAGES) $(DEB_TEST_PACKAGES)
DEB ?= $(DEB_PACKAGES)

.PHONY: help run test install system-deps messages migrate demo lint cek-worker clean

help:
	@echo "make run   install, migrate, load the demo data, start a Celery worker and the site (PORT=$(PORT))"
	@echo "make test  install, find PostgreSQL and Redis, lint, run the whole test suite"

run: install messages demo
	@scripts/run.sh

test: install messages
	@scripts/test.sh

install: system-deps $(STAMP)

system-deps:
	@scripts/system-deps.sh $(DEB)

$(PYTHON):
	@scripts/venv.sh $(VENV)

$(STAMP): requirements.txt | $(PYTHON)
	$(PYTHON) -m pip install -r requirements.txt
	@touch $@

# The .mo files are generated (git-ignored); skip when there is nothing to compile.
messages: install
	@if find . \( -path ./$(VENV) -o -path ./var -o -path ./.git -o -path ./node_modules \) -prune \
	    -o -type d -name locale -print | grep -q .; then \
	  $(PYTHON) manage.py compilemessages --ignore=$(VENV) --ignore=var --ignore=.git --ignore=node_modules; \
	else \
	  echo "Tidak ada folder locale/: kompilasi terjemahan dilewati."; \
	fi

migrate: install
	$(PYTHON) manage.py migrate --noinput

# The demo signs its certificates with a self-signed development key (kept if it exists);
# muat_demo takes Angkatan III, IV and V of 2022 to graduation and starts Angkatan VI around today;
# muat_demo_sertifikat makes the 2022 graduates' certificates, so the Sertifikat tab has something to show.
demo: migrate
	$(PYTHON) manage.py muat_demo
	$(PYTHON) manage.py buat_kunci_dev
	$(PYTHON) manage.py muat_demo_sertifikat

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates --check
	$(VENV)/bin/djlint templates --lint

cek-worker: install
	$(PYTHON) manage.py cek_worker --timeout 20

clean:
	rm -rf $(VENV) var/staticfiles var/broker var/log
