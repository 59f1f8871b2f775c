# The two commands a user needs: `make demo` and `make test`. Both bootstrap their own
# environment from uv.lock (uv is installed with pip when missing).
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
PORT ?= 8000

.PHONY: setup demo test lint typecheck bench check-demo

setup:
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	@$(UV) sync --frozen --quiet

demo: setup  ## start the whole system on SQLite with demo data for the five agencies
	$(UV) run pantau demo --port $(PORT)

test: setup  ## run the whole suite (lint, types, tests; the database tests again on PostgreSQL)
	$(UV) run ruff check src tests benchmarks
	$(UV) run mypy
	$(UV) run pytest
	@if [ -n "$$PANTAU_TEST_POSTGRES_URL" ]; then \
	  echo "pytest: the web and API tests again on PostgreSQL"; \
	  PANTAU_TEST_DB=postgres PANTAU_DATABASE_URL="$$PANTAU_TEST_POSTGRES_URL" \
	    $(UV) run pytest -q -m "not browser" tests/web tests/e2e/test_api_fuzz.py; \
	elif [ "$$PANTAU_REQUIRE_ALL" = "1" ]; then \
	  echo "PANTAU_REQUIRE_ALL=1 but PANTAU_TEST_POSTGRES_URL is not set"; exit 1; \
	else \
	  echo "PostgreSQL pass skipped: set PANTAU_TEST_POSTGRES_URL (bash .ci/run does)"; \
	fi

check-demo: setup  ## `pantau check` on the shipped example activities, with a summary
	$(UV) run pantau check --summary examples/activities.jsonl

bench: setup  ## run every benchmark (prints ratios against a baseline measured in the same run)
	$(UV) run python -m benchmarks
