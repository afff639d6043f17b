"""crawl --lake (Parquet postings per shard and run) and sql --lake over the lake."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from crawl.runner import run_crawl, run_crawl_to_lake
from jobtrends import lake
from jobtrends.config import Config
from jobtrends.errors import JobtrendsError
from jobtrends.sample_server import serve
from jobtrends.shard import Shard, select_shard
from jobtrends.text import posting_text
from tests.conftest import run_jobtrends
from tests.crawl.conftest import FAST, all_kinds, copy_boards


def _lake_files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.glob("postings/month=*/*.parquet"))}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """The fixture boards crawled into a database, and into a lake as two shards; then shard 1
    crawled again under the same run name: (db, lake, lake files before the re-run)."""
    tmp = tmp_path_factory.mktemp("lake")
    boards = copy_boards(tmp / "boards")
    db, root = tmp / "jobs.duckdb", tmp / "lake"
    with serve(boards) as base:
        sources = all_kinds(base)
        assert run_crawl(Config(), sources, str(db), settings=FAST, quiet=True).ok
        for index in (1, 2):
            shard = Shard(index, 2)
            run_crawl_to_lake(Config(), select_shard(sources, shard), str(root), lake.file_stem(shard, [], "r1"),
                              settings=FAST, quiet=True)
        before = _lake_files(root)
        run_crawl_to_lake(Config(), select_shard(sources, Shard(1, 2)), str(root),
                          lake.file_stem(Shard(1, 2), [], "r1"), settings=FAST, quiet=True)
    return db, root, before


def _ids(con, sql: str) -> list[str]:
    return [r[0] for r in con.execute(sql).fetchall()]


def test_the_lake_holds_one_row_per_crawled_posting(crawled):
    db, root, _ = crawled
    with duckdb.connect(str(db), read_only=True) as con:
        stored = sorted(_ids(con, "SELECT posting_id FROM store.postings"))
    files = duckdb.sql(f"SELECT posting_id FROM read_parquet('{root}/postings/*/*.parquet')").fetchall()
    assert len(stored) > 10
    assert sorted(r[0] for r in files) == stored  # every posting once, across both shards


def test_lake_files_are_named_per_shard_and_month(crawled):
    _, root, before = crawled
    names = {Path(name).name.rsplit("_", 1)[0] for name in before}
    assert names == {"shard-1-of-2-r1", "shard-2-of-2-r1"}
    assert all(Path(name).parent.name.startswith("month=") for name in before)


def test_a_rerun_of_a_shard_replaces_its_own_files(crawled):
    _, root, before = crawled
    after = _lake_files(root)
    assert after.keys() == before.keys()
    shard2 = [name for name in before if "shard-2-of-2" in name]
    assert shard2 and all(after[name] == before[name] for name in shard2)  # the other shard is untouched


def test_description_alone_gives_the_tagger_its_text(crawled):
    """The lake carries `description` but not the HTML: it must be enough for tagging."""
    db, _, _ = crawled
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT description, description_html FROM store.postings").fetchall()
    assert any(html for _, html in rows)
    assert all(posting_text(text, None) == posting_text(text, html) for text, html in rows)


def test_views_over_the_lake_match_the_database(crawled):
    db, root, _ = crawled
    query = ("SELECT posting_id, cluster_id, source, title, company, month, source_industry, config_industry, "
             "content_hash, role FROM postings ORDER BY posting_id")
    with duckdb.connect(str(db), read_only=True) as con:
        expected = con.execute(query).fetchall()
    with lake.reading(root) as con:
        assert con.execute(query).fetchall() == expected
        assert con.execute("SELECT count(*) FROM themes").fetchall()[0][0] >= 6  # from data/themes.toml


def test_a_crawl_snapshot_from_another_run_counts_once(crawled, tmp_path):
    """Runs append snapshots; the lake's postings keep the last seen copy of each posting."""
    db, root, _ = crawled
    copy = tmp_path / "lake"
    (copy / "postings").mkdir(parents=True)
    for name, data in _lake_files(root).items():
        target = copy / name
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(data)
        target.with_name(target.name.replace("-r1_", "-r0_")).write_bytes(data)
    with lake.reading(copy) as con:
        total, distinct = con.execute("SELECT count(*), count(DISTINCT posting_id) FROM postings").fetchall()[0]
    assert total == distinct == len(duckdb.connect(str(db), read_only=True).execute(
        "SELECT posting_id FROM store.postings").fetchall())


def test_sql_lake_answers_a_view_query(crawled, tmp_path):
    db, root, _ = crawled
    result = run_jobtrends("sql", "--lake", root, "--format", "csv",
                           "select source, count(*) as n from postings group by 1 order by 1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    expected = run_jobtrends("--db", db, "sql", "--format", "csv",
                             "select source, count(*) as n from postings group by 1 order by 1", cwd=tmp_path)
    assert result.stdout == expected.stdout and result.stdout.count("\n") > 3


def test_a_folder_without_postings_is_refused(tmp_path):
    with pytest.raises(JobtrendsError, match="no postings dataset"):
        with lake.reading(tmp_path):
            pass


def test_an_empty_crawl_leaves_earlier_files(crawled, tmp_path):
    db, root, before = crawled
    empty = tmp_path / "empty.duckdb"
    from jobtrends.store import writing

    with writing(empty):
        pass
    assert lake.write_postings(empty, root, "shard-1-of-2-r1") == 0
    assert _lake_files(root).keys() == before.keys()


def test_run_names_cannot_collide_with_other_stems():
    with pytest.raises(JobtrendsError, match="--run"):
        lake.file_stem(None, [], "a_b")
    assert lake.file_stem(None, ["lever:x", "greenhouse:y"], "r") == lake.file_stem(None, ["greenhouse:y", "lever:x"], "r")
    assert lake.file_stem(Shard(1, 2), [], "r") != lake.file_stem(Shard(1, 20), [], "r")


def test_report_lake_writes_the_report_from_the_lake(crawled, tmp_path):
    _, root, _ = crawled
    result = run_jobtrends("report", "--lake", root, "--out", tmp_path / "out", "--role", "all", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "index.html").exists() and "coverage_by_source.csv" in {
        p.name for p in (tmp_path / "out").glob("*.csv")}


def test_crawl_run_name_needs_a_lake(tmp_path):
    (tmp_path / "jobtrends.toml").write_text('[[sources]]\nkind = "greenhouse"\nboard = "acme"\n')
    result = run_jobtrends("crawl", "--run", "r1", cwd=tmp_path, timeout=60)
    assert result.returncode == 2 and "--lake" in result.stderr


def test_crawl_lake_from_the_command_line_writes_parquet_and_no_database(tmp_path):
    boards = copy_boards(tmp_path / "boards")
    with serve(boards) as base:
        (tmp_path / "jobtrends.toml").write_text(
            'db = "never.duckdb"\n'
            f'[[sources]]\nkind = "greenhouse"\nboard = "acme"\nbase_url = "{base}"\n'
            f'[[sources]]\nkind = "lever"\nboard = "globex"\nbase_url = "{base}"\ncompany = "Globex"\n')
        result = run_jobtrends("crawl", "--shard", "1/1", "--lake", "lake", "--run", "cli", cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    files = sorted((tmp_path / "lake").glob("postings/month=*/*.parquet"))
    assert files and all(f.name.startswith("shard-1-of-1-cli_") for f in files)
    rows = duckdb.sql(f"SELECT source, count(*) FROM read_parquet('{tmp_path}/lake/postings/*/*.parquet') "
                      "GROUP BY source ORDER BY source").fetchall()
    assert [source for source, _ in rows] == ["greenhouse:acme", "lever:globex"] and all(n > 0 for _, n in rows)
    assert f"{sum(n for _, n in rows)} postings written" in result.stdout
    assert not (tmp_path / "never.duckdb").exists()
