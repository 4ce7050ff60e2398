# The two quick-start commands: `make demo` and `make test`. Both set themselves up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint types unit bench compiled pure clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --upgrade pip
	$(BIN)/python -m pip install -qq -e '.[dev,bench]'
	touch $(STAMP)

## demo: print the compliance summary of Iran's steel sector from the bundled fixtures
demo: $(STAMP)
	$(BIN)/sanctions-tracker summary --sector steel

## test: lint, types and the whole test suite
test: lint types unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python tools/compiled.py check
	$(BIN)/pytest

## bench: install the benchmarks' own packages (the bench and compare extras); then run
## any script of benchmarks/ with $(BIN)/python (docs/benchmarks.md says what each measures)
bench: $(STAMP)
	$(BIN)/python -m pip install -qq -e '.[dev,bench,compare]'

## compiled: compile the screening core with mypyc, in place (needs a C compiler; the
## results are the same, faster: docs/screening.md, "A compiled build"); pure: back to
## the pure-Python modules
compiled: $(STAMP)
	$(BIN)/python -m pip install -qq -e '.[dev,bench,compiled]'
	$(BIN)/python tools/compiled.py build

pure: $(STAMP)
	$(BIN)/python tools/compiled.py remove

clean:
	$(PYTHON) tools/compiled.py remove
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache .hypothesis
