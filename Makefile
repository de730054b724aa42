# Havre's everyday commands. Each creates .venv on first use (Python 3.12+).
.DEFAULT_GOAL := help
PY := .venv/bin/python
export PYTHONDONTWRITEBYTECODE := 1

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

demo: ## Run a demonstration helpline on http://127.0.0.1:8000 (fictitious data)
	@scripts/bootstrap
	.venv/bin/havre demo

test: ## Run every test: on SQLite, then on PostgreSQL, and the front-end tests
	@scripts/bootstrap dev
	@scripts/test-deps
	@scripts/run-tests

check: ## Run what CI runs besides the tests: format, lint, types, migrations, bundle
	@scripts/bootstrap dev
	@scripts/test-deps
	$(PY) -m ruff format --check .
	$(PY) -m ruff check .
	$(PY) -m mypy
	.venv/bin/lint-imports --no-cache
	HAVRE_MODE=test HAVRE_DATA_DIR=$$(mktemp -d) $(PY) -m django makemigrations --check --dry-run --settings=havre.settings
	cd frontend && npm run --silent typecheck && npm run --silent check-bundle
	$(PY) scripts/check-translations
	$(PY) scripts/triage-tables --check

surge: ## Play the issue's surge: 3,000 new conversations, every text delivered once
	@scripts/bootstrap dev
	HAVRE_TEST_SURGE=3000 $(PY) -m pytest -q -x tests/conversations/test_held_texts.py -k surge

durability: ## Kill the server twice in a stream of 8,000 texts, both modes: every text stored once
	@scripts/bootstrap dev
	HAVRE_TEST_DURABILITY=8000 $(PY) -m pytest -q -x tests/gateways/test_durability.py

bench: ## Run the benchmarks and print their figures
	@scripts/bootstrap dev
	$(PY) -m bench

format: ## Reformat the code
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

bundle: ## Rebuild the committed browser bundle from frontend/src
	cd frontend && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build

.PHONY: help demo test check surge durability bench format bundle
