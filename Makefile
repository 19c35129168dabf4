# The two commands of the README: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench lint clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed: set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/recoupe analyze examples/ankara --out out/ankara

# the whole suite, slow tests included (the quick loop: .venv/bin/pytest -m "not slow"), after the lint
test: $(STAMP) lint
	command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[bench]'
	mkdir -p bench/results
	$(BIN)/python bench/quality.py --by-language --json bench/results/quality.json
	$(BIN)/python bench/extraction.py --json bench/results/extraction.json
	$(BIN)/python bench/crosslingual.py --json bench/results/crosslingual.json
	$(BIN)/python bench/stories_scale.py --sizes 1000,5000,20000 --full-limit 60 --json bench/results/stories_scale.json
	$(BIN)/python bench/web_latency.py --json bench/results/web_latency.json
	$(BIN)/python bench/pipeline_scale.py --json bench/results/pipeline_scale.json
	$(BIN)/python bench/stability.py --json bench/results/stability.json
	$(BIN)/python bench/fetch.py --json bench/results/fetch.json

# ruff on the code, tests and benchmarks; mypy on src/ (its settings: [tool.mypy] in pyproject.toml)
lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache
