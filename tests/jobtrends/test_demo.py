"""The demo end to end: sample boards served on loopback, crawled, tagged and reported."""

import json

from jobtrends import store
from tests.conftest import run_jobtrends


def test_demo_prints_the_report_path_and_writes_the_report(demo_run):
    index = demo_run.folder / "reports" / "demo" / "index.html"
    assert f"report: {index}" in demo_run.first.stdout
    html = index.read_text()
    assert "plotly" in html.lower() and '<script src="http' not in html


def test_demo_database_has_the_sample_in_it(demo_run):
    with store.reading(demo_run.db) as con:
        postings, companies, industries, months, kinds = con.execute(
            "SELECT count(*), count(DISTINCT company), count(DISTINCT industry), count(DISTINCT month), "
            "count(DISTINCT source_kind) FROM postings"
        ).fetchall()[0]
        untagged = store.scalar(con, "SELECT count(*) FROM postings WHERE NOT tags_current")
        shares = store.scalar(con, "SELECT count(*) FROM theme_by_industry")
    assert postings >= 600 and companies >= 40 and industries >= 10 and months >= 24
    assert kinds == 6
    assert untagged == 0
    assert shares > 0


def test_second_demo_run_finds_nothing_new_and_rewrites_the_same_report(demo_run):
    with store.reading(demo_run.db) as con:
        runs = con.execute(
            "SELECT source, items_new, items_seen FROM crawl_runs "
            "QUALIFY row_number() OVER (PARTITION BY source ORDER BY run_id DESC) = 1"
        ).fetchall()
        duplicates = store.scalar(con, "SELECT count(*) - count(DISTINCT posting_id) FROM postings")
    assert runs and all(new == 0 and seen > 0 for _, new, seen in runs), runs
    assert duplicates == 0
    report = demo_run.folder / "reports" / "demo"
    assert {p.name: p.read_bytes() for p in report.glob("*.csv")} == demo_run.first_csvs


def test_sql_answers_on_the_demo_database(demo_run):
    folder = demo_run.folder
    result = run_jobtrends("--db", "data/demo.duckdb", "sql", "--format", "json",
                           "select industry, count(*) as n from postings group by 1", cwd=folder)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) >= 10 and sum(r["n"] for r in rows) >= 600
    refused = run_jobtrends("--db", "data/demo.duckdb", "sql", "delete from postings", cwd=folder)
    assert refused.returncode == 2 and "read-only" in refused.stderr
