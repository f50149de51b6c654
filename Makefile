# `make run`: set up everything, ingest and print the seed articles, then serve the dashboard; `make test`: the test suite.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEEDS ?= ../shared/seeds/articles.jsonl
VENDOR := watchpost/web/vendor
NODE := node_modules

.PHONY: setup run test clean

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

run: setup
	$(BIN)/watchpost ingest $(SEEDS) --db seeds.db
	$(BIN)/watchpost events --db seeds.db --status all
	$(BIN)/watchpost serve --db seeds.db

test: setup
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) $(VENDOR) $(NODE) build *.egg-info
