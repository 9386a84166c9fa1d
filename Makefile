# Satja: `make run` serves the demo, `make test` runs the suite. Both set up .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run serve worker test lint translations extract-messages eval bench bench-extraction bench-scaling bench-csv bench-search bench-matching bench-pages bench-load bench-imports bench-quick clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

translations: $(VENV)/.runtime
	@$(BIN)/pybabel compile -d app/translations 2>&1 | grep -v "^compiling" || true

# Public pages, feeds and ClaimReview name the site by SATJA_PUBLIC_URL; locally, the address served.
export SATJA_PUBLIC_URL ?= http://$(HOST):$(PORT)

run: $(VENV)/.runtime translations
	$(FLASK) db upgrade
	$(FLASK) search reindex --if-empty
	SATJA_SITE=http://$(HOST):$(PORT) $(FLASK) demo load
	$(FLASK) run --host $(HOST) --port $(PORT)

# Production shape (docs/deploy.md): gunicorn on the configured DATABASE_URL; with REDIS_URL set,
# background jobs go to RQ workers: run `make worker` (or `flask --app wsgi jobs worker`) once per
# core beside it, e.g. 2 on a 2-core server. Settings: gunicorn.conf.py.
serve: $(VENV)/.runtime translations
	$(FLASK) db upgrade
	$(FLASK) search reindex --if-empty
	SATJA_BIND=$${SATJA_BIND:-$(HOST):$(PORT)} $(BIN)/gunicorn --config gunicorn.conf.py wsgi:app

worker: $(VENV)/.runtime translations
	$(FLASK) jobs worker

test: $(VENV)/.dev translations
	$(BIN)/python -m pytest

# Quality of claim extraction (tests/data/extraction) and of claim matching (tests/data/matching).
eval: $(VENV)/.dev
	$(BIN)/python -m tests.extraction_set
	$(BIN)/python -m tests.matching_set

bench: $(if $(QUICK),bench-quick,bench-extraction bench-scaling bench-csv bench-search bench-matching bench-pages bench-load bench-imports)

# Every benchmark at a size that runs in CI's time (each under 3 minutes here): `make bench-quick`
# or `make bench QUICK=1`. PostgreSQL and Redis as the full runs use them.
bench-quick: $(VENV)/.dev translations
	$(BIN)/python -m bench.extraction --rounds 2
	$(BIN)/python -m bench.scaling --rounds 1
	$(BIN)/python -m bench.csv_export --rows 10000
	$(BIN)/python -m bench.search --claims 10000 --queries 50
	$(BIN)/python -m bench.matching --claims 10000 --queries 50 --brute-force 5
	$(BIN)/python -m bench.pages --quick --postgres-url $(PAGES_POSTGRES_URL)
	$(BIN)/python -m bench.load --quick --postgres-url $(PAGES_POSTGRES_URL)
	$(BIN)/python -m bench.imports --quick

bench-extraction: $(VENV)/.dev
	$(BIN)/python -m bench.extraction

# An article's cost per KB from 2 KB to 512 KB, extracted and ingested (flat = linear).
bench-scaling: $(VENV)/.dev
	$(BIN)/python -m bench.scaling

bench-csv: $(VENV)/.dev
	$(BIN)/python -m bench.csv_export

# Search against a LIKE scan at 100k and 1M claims (about 40 minutes); SQLite, and PostgreSQL too
# when BENCH_POSTGRES_URL names a database (a scratch database is made beside it).
SEARCH_CLAIMS ?= 100000 1000000
BENCH_POSTGRES_URL ?=
bench-search: $(VENV)/.dev
	$(BIN)/python -m bench.search --claims $(SEARCH_CLAIMS)
	$(if $(BENCH_POSTGRES_URL),$(BIN)/python -m bench.search --claims $(SEARCH_CLAIMS) --database-url $(BENCH_POSTGRES_URL))

# Matching a new claim against N claims (index postings against a brute-force scan) and the
# cost matching adds to ingesting an article; MATCH_KEEP reuses a database bench-search kept.
MATCH_CLAIMS ?= 100000
MATCH_KEEP ?=
bench-matching: $(VENV)/.dev
	$(BIN)/python -m bench.matching --claims $(MATCH_CLAIMS) $(if $(MATCH_KEEP),--keep $(MATCH_KEEP))

# The main pages' p50/p95 in ms (also × /healthz, and SQL statements a request) on archives of
# PAGES_CLAIMS claims seeded by `flask dev seed`'s generator: PostgreSQL databases <name>_10k …
# made beside PAGES_POSTGRES_URL, SQLite files up to 100k. PAGES_ARGS=--keep reuses (and keeps)
# the databases, so the 1M seed is done once; PAGES_ARGS=--quick is 10k only, for CI.
PAGES_CLAIMS ?= 10000 100000 1000000
PAGES_POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/bench_pages
PAGES_ARGS ?=
bench-pages: $(VENV)/.dev translations
	$(BIN)/python -m bench.pages --claims $(PAGES_CLAIMS) --postgres-url $(PAGES_POSTGRES_URL) $(PAGES_ARGS)

# HTTP under load (wrk, Debian's package) against gunicorn on a seeded PostgreSQL database of
# LOAD_CLAIMS claims (beside PAGES_POSTGRES_URL; LOAD_ARGS=--keep reuses it, --quick is 10k).
LOAD_CLAIMS ?= 100000
LOAD_ARGS ?=
bench-load: $(VENV)/.dev translations
	$(BIN)/python -m bench.load --claims $(LOAD_CLAIMS) --postgres-url $(PAGES_POSTGRES_URL) $(LOAD_ARGS)

# A bulk import of IMPORT_ARTICLES real-shaped articles on 2 RQ workers (Redis) against
# in-process, each into a fresh PostgreSQL scratch database; IMPORT_ARGS=--quick is 300.
IMPORT_ARTICLES ?= 10000
IMPORT_ARGS ?=
bench-imports: $(VENV)/.dev translations
	$(BIN)/python -m bench.imports --articles $(IMPORT_ARTICLES) $(IMPORT_ARGS)

lint: $(VENV)/.dev
	$(BIN)/ruff check app tests migrations bench gunicorn.conf.py
	$(BIN)/ruff format --check app tests bench migrations/env.py gunicorn.conf.py

# Refresh app/translations/messages.pot and the catalogs after changing user-facing strings.
extract-messages: $(VENV)/.runtime
	$(BIN)/pybabel extract -F babel.cfg -k _l -k N_ -k N_plural:1,2 -o app/translations/messages.pot --no-location --sort-output .
	$(BIN)/pybabel update -i app/translations/messages.pot -d app/translations --no-fuzzy-matching

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
