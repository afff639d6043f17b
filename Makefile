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

# System packages the tests need: Debian's chromium for the browser test and PNG export.
system-deps:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing Debian's chromium (browser tests, PNG export)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

clean:
	rm -rf $(VENV) data/demo.duckdb reports/demo
