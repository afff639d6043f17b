"""Spark in local mode gives the same tags and the same report as the local engine.

One Spark session for the module (local[2], 2 shuffle partitions, no UI). The postings are
2,000 generated ones (benchmarks/corpus.py), imported into a database that `jobtrends tag`
tags locally; the database's export is the lake Spark tags.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from analysis.report import build_report
from benchmarks.corpus import CorpusWriter
from jobtrends import lake
from jobtrends.config import Config
from jobtrends.errors import JobtrendsError
from jobtrends.export import export_views
from jobtrends.importer import import_file
from jobtrends.spark_tag import local_session, require_spark, tag_postings
from nlp.stage import run_tag
from tests.conftest import run_jobtrends

POSTINGS = 2000
QUERIES = {
    "posting_tags": "SELECT posting_id, role, seniority, industry, industry_source, industry_confidence, "
                    "content_hash, tagger_version FROM {} ORDER BY posting_id",
    "theme_tags": "SELECT posting_id, theme, score, tagged, evidence FROM {} ORDER BY posting_id, theme",
    "skill_tags": "SELECT posting_id, skill, category FROM {} ORDER BY posting_id, skill",
}


def _csvs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


@pytest.fixture(scope="module")
def tagged(tmp_path_factory):
    """(work folder, locally tagged db, untagged copy, lake = the db's export plus Spark's tags,
    report CSVs from the plain export before Spark wrote into it)."""
    work = tmp_path_factory.mktemp("spark")
    corpus = CorpusWriter(POSTINGS, seed=5).write(work / "corpus.parquet")
    db, untagged, lake_dir = work / "local.duckdb", work / "untagged.duckdb", work / "lake"
    import_file(db, corpus, "bench")
    shutil.copy(db, untagged)
    run_tag(str(db), Config(), progress=False)
    export_views(db, lake_dir)
    build_report(lake_dir, work / "report-export", role=None, reader=lake.reading)
    spark = local_session("local[2]", shuffle_partitions=2)
    try:
        summary = tag_postings(spark, str(lake_dir / "postings"), str(lake_dir))
    finally:
        spark.stop()
    assert summary.postings == POSTINGS
    return work, db, untagged, lake_dir, _csvs(work / "report-export")


def _rows(con, table: str, source: str) -> list[tuple]:
    return con.execute(QUERIES[table].format(source)).fetchall()


def test_spark_tags_are_identical_row_for_row_to_local_tags(tagged):
    _, db, _, lake_dir, _ = tagged
    con = duckdb.connect(str(db), read_only=True)
    try:
        for table in QUERIES:
            local = _rows(con, table, f"store.{table}")
            spark = _rows(con, table, f"read_parquet('{lake_dir}/{table}/*/*.parquet', hive_partitioning = true)")
            assert len(local) > 0, table
            assert spark == local, table
    finally:
        con.close()


def test_tag_datasets_are_partitioned_by_month(tagged):
    _, db, _, lake_dir, _ = tagged
    months = {p.name for p in (lake_dir / "postings").glob("month=*")}
    for table in QUERIES:
        written = {p.name for p in (lake_dir / table).glob("month=*")}
        assert written and written <= months, table


@pytest.mark.parametrize("role", [None, "ml_engineer"])
def test_the_lake_report_from_spark_output_equals_the_database_report(tagged, role):
    work, db, _, lake_dir, _ = tagged
    from_db = build_report(db, work / f"report-db-{role}", role=role)
    from_lake = build_report(lake_dir, work / f"report-lake-{role}", role=role, reader=lake.reading)
    assert from_lake.tagged_postings == from_db.tagged_postings > 0
    assert _csvs(work / f"report-lake-{role}") == _csvs(work / f"report-db-{role}")


def test_the_lake_report_from_a_plain_export_equals_the_database_report(tagged):
    work, db, _, _, export_csvs = tagged
    build_report(db, work / "report-db-export", role=None)
    assert export_csvs == _csvs(work / "report-db-export")


def test_import_tags_loads_spark_output_into_a_database_once(tagged):
    _, db, untagged, lake_dir, _ = tagged
    first = lake.import_tags(untagged, lake_dir)
    again = lake.import_tags(untagged, lake_dir)
    assert first == again and first["posting_tags"] == POSTINGS
    local = duckdb.connect(str(db), read_only=True)
    loaded = duckdb.connect(str(untagged), read_only=True)
    try:
        for table in QUERIES:
            assert _rows(loaded, table, f"store.{table}") == _rows(local, table, f"store.{table}"), table
        themes = "SELECT * FROM store.themes ORDER BY theme"
        assert loaded.execute(themes).fetchall() == local.execute(themes).fetchall()
    finally:
        local.close()
        loaded.close()


def test_import_tags_refuses_a_folder_without_tags(tagged, tmp_path):
    _, _, untagged, _, _ = tagged
    with pytest.raises(JobtrendsError, match="no tag datasets"):
        lake.import_tags(untagged, tmp_path)


def test_missing_java_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    with pytest.raises(JobtrendsError, match="needs Java"):
        require_spark()


def test_the_cli_wants_input_and_output_with_spark(tmp_path):
    result = run_jobtrends("tag", "--engine", "spark", "--input", tmp_path, cwd=tmp_path, timeout=60)
    assert result.returncode == 2 and "--output" in result.stderr
