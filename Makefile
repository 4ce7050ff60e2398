# The two quick-start commands: `make demo` and `make test`. Both set themselves up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint types unit bench clean

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
	$(BIN)/pytest

## bench: install the benchmarks' own packages (the bench and compare extras); then run
## any script of benchmarks/ with $(BIN)/python (docs/benchmarks.md says what each measures)
bench: $(STAMP)
	$(BIN)/python -m pip install -qq -e '.[dev,bench,compare]'

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache .hypothesis
