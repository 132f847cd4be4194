# Two commands do everything on a fresh machine with Python 3.11+ and make: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test bench setup lint simulate clean

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet "uv>=0.5"

setup: $(if $(findstring .tools,$(UV)),.tools/bin/uv)
	$(UV) sync --frozen --extra offline

run: setup
	mkdir -p data
	$(UV) run coach migrate
	$(UV) run coach serve --host $(HOST) --port $(PORT)

test: setup
	@bash scripts/ensure-browser.sh || echo "chromium not installed: browser tests will be skipped"
	$(UV) run pytest $(PYTEST_ARGS)

bench: setup
	$(UV) run python -m bench

simulate: setup
	$(UV) run coach simulate

lint: setup
	$(UV) run ruff check .

clean:
	rm -rf .venv .tools .pytest_cache
