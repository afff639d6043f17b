# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test install install-test system-deps clean

demo: $(VENV)/.installed
	$(BIN)/jobtrends demo

test: $(VENV)/.installed-test system-deps
	$(BIN)/python -m pytest -q

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(VENV)/.installed $@

# System packages the tests need (none yet beyond Python; a browser test will add chromium).
system-deps:
	@true

clean:
	rm -rf $(VENV) data/demo.duckdb reports/demo
