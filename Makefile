# `make run`: set up everything and extract the seed articles; `make test`: the test suite.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEEDS ?= ../shared/seeds/articles.jsonl

.PHONY: setup run test clean

$(BIN)/watchpost: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

setup: $(BIN)/watchpost

run: setup
	$(BIN)/watchpost ingest $(SEEDS) --db seeds.db
	$(BIN)/watchpost events --db seeds.db --status all

test: setup
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) build *.egg-info
