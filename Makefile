# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test bench install install-test system-deps clean

demo: $(VENV)/.installed
	$(BIN)/jobtrends demo

test: $(VENV)/.installed-test system-deps
	$(BIN)/python -m pytest -q

# The import's CPU a posting, part by part (what it could reach at best), then speed and
# memory of every stage on 10k and 100k generated postings -> docs/benchmarks.md,
# then tagging speed on 10k postings built from the labelled texts (the NLP issue's measure,
# docs/quality.md), then Spark local-mode tagging next to the local engine.
# BENCH_SIZES="10000 100000 1000000" for the 1M run (generating its corpus takes ~15 min).
BENCH_SIZES ?= 10000 100000
SPARK_BENCH_SIZES ?= 10000
bench: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.import_ceiling benchmarks/data/10000.parquet --rows 10000 --out benchmarks/results/import_ceiling.json
	$(BIN)/python -m benchmarks.run --sizes $(BENCH_SIZES)
	$(BIN)/python benchmarks/tag_speed.py 10000 2 --out benchmarks/results/tag_speed_10000.json
	$(BIN)/python -m benchmarks.spark_speed --sizes $(SPARK_BENCH_SIZES)

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

# System packages the tests need: Debian's chromium for the browser test and PNG export, and
# a Java runtime for Spark (tag --engine spark; Spark 4 needs Java 17+).
system-deps:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing Debian's chromium (browser tests, PNG export)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@command -v java >/dev/null 2>&1 || { \
		echo "installing Debian's default-jre-headless (Spark tests)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }

clean:
	rm -rf $(VENV) data/demo.duckdb reports/demo
