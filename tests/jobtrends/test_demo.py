"""The demo end to end: sample boards served on loopback, crawled, tagged and reported."""

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jobtrends import store


def jobtrends(*args, cwd):
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOBTRENDS_")}
    return subprocess.run(
        [sys.executable, "-m", "jobtrends", *args], cwd=cwd, env=env,
        capture_output=True, text=True, timeout=300,
    )


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    """Run the demo twice in a fresh folder; the second run must change nothing."""
    folder = tmp_path_factory.mktemp("demo")
    first = jobtrends("demo", cwd=folder)
    assert first.returncode == 0, first.stderr[-3000:]
    report = folder / "reports" / "demo"
    csvs = {p.name: p.read_bytes() for p in report.glob("*.csv")}
    second = jobtrends("demo", cwd=folder)
    assert second.returncode == 0, second.stderr[-3000:]
    return folder, first, second, csvs


def test_demo_prints_the_report_path_and_writes_the_report(demo_dir):
    folder, first, _, _ = demo_dir
    index = folder / "reports" / "demo" / "index.html"
    assert f"report: {index}" in first.stdout
    html = index.read_text()
    assert "plotly" in html.lower() and '<script src="http' not in html


def test_demo_database_has_the_sample_in_it(demo_dir):
    folder = demo_dir[0]
    with store.reading(folder / "data" / "demo.duckdb") as con:
        postings, companies, industries, months, kinds = con.execute(
            "SELECT count(*), count(DISTINCT company), count(DISTINCT industry), count(DISTINCT month), "
            "count(DISTINCT source_kind) FROM postings"
        ).fetchone()
        untagged = con.execute("SELECT count(*) FROM postings WHERE NOT tags_current").fetchone()[0]
        shares = con.execute("SELECT count(*) FROM theme_by_industry").fetchone()[0]
    assert postings >= 600 and companies >= 40 and industries >= 10 and months >= 24
    assert kinds == 6
    assert untagged == 0
    assert shares > 0


def test_second_demo_run_finds_nothing_new_and_rewrites_the_same_report(demo_dir):
    folder, _, _, first_csvs = demo_dir
    with store.reading(folder / "data" / "demo.duckdb") as con:
        runs = con.execute(
            "SELECT source, items_new, items_seen FROM crawl_runs "
            "QUALIFY row_number() OVER (PARTITION BY source ORDER BY run_id DESC) = 1"
        ).fetchall()
        duplicates = con.execute("SELECT count(*) - count(DISTINCT posting_id) FROM postings").fetchone()[0]
    assert runs and all(new == 0 and seen > 0 for _, new, seen in runs), runs
    assert duplicates == 0
    report = folder / "reports" / "demo"
    assert {p.name: p.read_bytes() for p in report.glob("*.csv")} == first_csvs


def test_sql_answers_on_the_demo_database(demo_dir):
    folder = demo_dir[0]
    result = jobtrends("--db", "data/demo.duckdb", "sql", "--format", "json",
                       "select industry, count(*) as n from postings group by 1", cwd=folder)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) >= 10 and sum(r["n"] for r in rows) >= 600
    refused = jobtrends("--db", "data/demo.duckdb", "sql", "delete from postings", cwd=folder)
    assert refused.returncode == 2 and "read-only" in refused.stderr
