# healthclean: `make run` cleans raw/ into clean/, `make test` runs the tests.
# Both create .venv from requirements.lock on first use (needs Python 3.11 and PyPI).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

# Embedded Prefect: state under the repo, no telemetry, patience for the temporary server.
export PREFECT_HOME ?= $(CURDIR)/.prefect
export DO_NOT_TRACK := 1
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS := 120

.PHONY: install run test schema golden lock fresh-check clean-output bench bench-catalog bench-copies bench-commands bench-langid bench-quality bench-revisions bench-textdumps fuzz server server-stop deploy worker

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml setup.py $(wildcard extractors/copies/*.c)
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "healthclean needs Python 3.11, got " + sys.version'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	PYTHONWARNINGS=ignore $(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

run: install
	$(BIN)/healthclean clean raw --out clean

test: install
	$(BIN)/pytest

# The fuzz campaign: 10,000 hypothesis examples per property (CI runs 60): page bytes, text and
# HTML (tests/test_properties.py), raw file names (tests/test_name_properties.py), URL lists.
FUZZ_PROPERTIES := tests/test_properties.py tests/test_name_properties.py \
	tests/test_scrape_limits.py::test_every_line_of_any_url_list_is_classified_and_nothing_raises \
	tests/test_scrape_limits.py::test_well_formed_urls_are_accepted_and_land_under_their_host
fuzz: install
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -p no:cacheprovider -q $(FUZZ_PROPERTIES) --hypothesis-show-statistics

# The JSON Schemas in docs/schema (from extractors/contract.py) and the rule table of docs/rules.md
# (from extractors/registry.py) are generated; tests fail when they are stale.
schema: install
	$(BIN)/healthclean schema docs/schema
	$(BIN)/healthclean rules --write docs/rules.md

# Golden files: written by the code, then read line by line before committing.
golden: install
	for f in raw/*.txt; do $(BIN)/healthclean preview "$$f" > tests/golden/$$(basename "$$f" .txt).json; done
	for f in tests/data/html/*.html raw/*.html; do $(BIN)/healthclean preview "$$f" > tests/golden/html/$$(basename "$$f" .html).json; done

# Re-resolve the lock from pyproject.toml in a throwaway venv.
lock:
	rm -rf /tmp/healthclean-lock && $(PYTHON) -m venv /tmp/healthclean-lock
	/tmp/healthclean-lock/bin/pip install --quiet ".[test]"
	{ sed -n '1,3p' requirements.lock; /tmp/healthclean-lock/bin/pip freeze --exclude-editable | grep -v '^healthclean'; } > requirements.lock.new
	mv requirements.lock.new requirements.lock

# Prove the lock installs and passes on a fresh venv, as on a new machine.
fresh-check:
	rm -rf /tmp/healthclean-fresh && git clone --quiet . /tmp/healthclean-fresh
	$(MAKE) -C /tmp/healthclean-fresh test PREFECT_HOME=/tmp/healthclean-fresh/.prefect

clean-output:
	rm -rf clean/articles clean/rejected clean/runs

# Speed and memory at scale next to bare trafilatura (see bench/scale.py): ~30 min on 2 cores.
bench: install
	$(BIN)/python -m bench.scale --sizes 1000 10000 --rounds 3 2 --json bench/results/scale.json

# The catalog update and the export against the clean run they follow, at 10,000 articles (bench/catalog.py).
bench-catalog: install
	$(BIN)/python -m bench.catalog --pages 10000

# Copies across languages (issue 21): pair precision/recall on real copies (bench/copies.py), then
# the copies step against the clean run at 100,000 synthetic variations (bench/copies_scale.py).
bench-copies: install
	$(BIN)/python -m bench.copies --shares 0.15 0.175 0.25 0.35
	$(BIN)/python -m bench.copies_scale --pages 100000

# How long a person waits for `healthclean clean`, temporary server vs local server (bench/commands.py).
bench-commands: install
	$(BIN)/python -m bench.commands --rounds 3 --json bench/results/commands.json

# The library's speed at BASE against HEAD, side by side (see bench/revisions.py): a refactor's cost.
BASE ?= HEAD~1
bench-revisions: install
	$(BIN)/python -m bench.revisions $(BASE) HEAD --rounds 15

# Line-level quality on the labelled pages-dev text dumps, next to jusText and the raw dump
# (see bench/pages_dev and docs/labels.md).
bench-textdumps: install
	$(BIN)/python -m bench.pages_dev --json bench/results/textdumps.json

# Language decisions on the langid corpus, next to plain langdetect (see bench/langid.py).
bench-langid: install
	$(BIN)/python -m bench.langid

# Extraction quality next to bare trafilatura, on ../shared/corpora (see bench/quality.py).
bench-quality: install
	$(BIN)/python -m bench.quality --json bench/results/quality.json

# The scheduled path (see README): a local server in the background (later commands find
# it: `make run` then takes seconds), the deployments of prefect.yaml, a worker. deploy and
# worker use PREFECT_API_URL if set, else the server `make server` started.
API_URL = $${PREFECT_API_URL:-$$($(BIN)/healthclean server url)}

server: install
	$(BIN)/healthclean server start

server-stop: install
	$(BIN)/healthclean server stop

deploy: install
	PREFECT_API_URL=$(API_URL) $(BIN)/prefect work-pool create healthclean-local --type process 2>/dev/null || true
	PREFECT_API_URL=$(API_URL) HEALTHCLEAN_REPO=$(CURDIR) HEALTHCLEAN_DASK_ADDRESS=$${HEALTHCLEAN_DASK_ADDRESS:-tcp://127.0.0.1:8786} \
		$(BIN)/prefect --no-prompt deploy --all

worker: install
	PREFECT_API_URL=$(API_URL) HEALTHCLEAN_REPO=$(CURDIR) $(BIN)/prefect worker start --pool healthclean-local
