import csv
import json

import duckdb
import pytest
from click.testing import CliRunner

from jobtrends import store
from jobtrends.cli import cli
from jobtrends.errors import JobtrendsError
from jobtrends.export import export_views, public_views

ROWS = [
    {"id": "1", "title": "ML Engineer", "description": "Models.", "date_posted": "2025-01-10"},
    {"id": "2", "title": "Data Engineer", "description": "Pipelines.", "date_posted": "2025-01-20"},
    {"id": "3", "title": "Data Scientist", "description": "Statistics.", "date_posted": "2025-03-02"},
]


@pytest.fixture
def loaded_db(db_path, tmp_path):
    path = tmp_path / "jobs.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in ROWS))
    assert CliRunner().invoke(cli, ["--db", str(db_path), "import", str(path)]).exit_code == 0
    return db_path


def test_parquet_export_partitions_postings_by_month_and_round_trips(loaded_db, tmp_path):
    out = tmp_path / "lake"
    written = {e.view: e for e in export_views(loaded_db, out, "parquet")}
    with store.reading(loaded_db) as con:
        assert set(written) == set(public_views(con)) >= {"postings", "posting_themes", "crawl_runs"}
    months = sorted(p.name for p in (out / "postings").iterdir())
    assert months == ["month=2025-01-01", "month=2025-03-01"]
    rows = duckdb.sql(
        f"SELECT source_id, title, month FROM read_parquet('{out}/postings/*/*.parquet', hive_partitioning = true) "
        "ORDER BY source_id").fetchall()
    assert [(r[0], r[1], str(r[2])) for r in rows] == [
        ("1", "ML Engineer", "2025-01-01"), ("2", "Data Engineer", "2025-01-01"), ("3", "Data Scientist", "2025-03-01")]
    assert written["postings"].rows == 3
    assert duckdb.sql(f"SELECT count(*) FROM '{out}/crawl_runs.parquet'").fetchall() == [(1,)]


def test_export_again_replaces_the_previous_dataset(loaded_db, tmp_path):
    out = tmp_path / "lake"
    export_views(loaded_db, out, "parquet", ["postings"])
    stale = out / "postings" / "month=1999-01-01"
    stale.mkdir()
    export_views(loaded_db, out, "parquet", ["postings"])
    assert not stale.exists()
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no staging left behind


def test_csv_export_writes_one_file_per_view(loaded_db, tmp_path):
    result = CliRunner().invoke(cli, ["--db", str(loaded_db), "export", "--format", "csv", "--out",
                                      str(tmp_path / "csv"), "--view", "postings"])
    assert result.exit_code == 0, result.output
    with open(tmp_path / "csv" / "postings.csv") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["title"] for r in rows) == ["Data Engineer", "Data Scientist", "ML Engineer"]


def test_unknown_view_is_refused(loaded_db, tmp_path):
    with pytest.raises(JobtrendsError, match="unknown view nope"):
        export_views(loaded_db, tmp_path / "x", "parquet", ["nope"])
