# `make run`: set up everything, ingest and print the example reports, then serve the dashboard; `make test`: ruff, then the test suite.
# Overrides: make run PORT=8001 HOST=127.0.0.1 DB=other.db SEEDS="reports.jsonl articles/" AGREEMENTS=
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
DB ?= $(or $(WATCHPOST_DB),watchpost.db)
SEEDS ?= examples/reports.jsonl
AGREEMENTS ?= examples/agreements/idlib-ceasefire-2020.yml
VENDOR := watchpost/web/vendor
NODE := node_modules

.PHONY: setup run test clean port-free

$(BIN)/watchpost: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# Browser libraries for the dashboard and the API docs page, copied into the package (no CDN at run time).
$(VENDOR)/.stamp: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	rm -rf $(VENDOR)
	mkdir -p $(VENDOR)/leaflet $(VENDOR)/world-atlas $(VENDOR)/topojson-client $(VENDOR)/swagger-ui
	cp -r $(NODE)/leaflet/dist/leaflet.js $(NODE)/leaflet/dist/leaflet.css $(NODE)/leaflet/dist/images $(NODE)/leaflet/LICENSE $(VENDOR)/leaflet/
	cp $(NODE)/world-atlas/countries-50m.json $(NODE)/world-atlas/LICENSE $(VENDOR)/world-atlas/
	cp $(NODE)/topojson-client/dist/topojson-client.min.js $(NODE)/topojson-client/LICENSE $(VENDOR)/topojson-client/
	cp $(NODE)/swagger-ui-dist/swagger-ui-bundle.js $(NODE)/swagger-ui-dist/swagger-ui.css $(NODE)/swagger-ui-dist/LICENSE $(NODE)/swagger-ui-dist/NOTICE $(VENDOR)/swagger-ui/
	touch $@

setup: $(BIN)/watchpost $(VENDOR)/.stamp

# Before the slow steps: is the dashboard's port free? (SO_REUSEADDR as uvicorn binds, so only a listener counts)
port-free:
	@$(PY) -c 'import socket; s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("$(HOST)", $(PORT)))' 2>/dev/null \
	  || { echo "make run: port $(PORT) on $(HOST) is taken (a Watchpost already serving?): stop it, or make run PORT=8001" >&2; exit 1; }

run: port-free setup
	$(BIN)/watchpost ingest $(SEEDS) --db $(DB)
	$(if $(strip $(AGREEMENTS)),$(BIN)/watchpost agreements add $(AGREEMENTS) --db $(DB) > /dev/null)
	$(BIN)/watchpost events --db $(DB) --status all
	$(BIN)/watchpost serve --db $(DB) --host $(HOST) --port $(PORT)

test: setup
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) $(VENDOR) $(NODE) build *.egg-info
