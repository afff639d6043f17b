import shutil
import subprocess
import sys
import textwrap

import duckdb
import pytest

from jobtrends import store
from jobtrends.errors import DatabaseBusy, StoreError
from jobtrends.paths import views_dir


def test_fresh_database_gets_every_migration_and_view(db_path):
    with store.writing(db_path) as con:
        applied = store.applied_migrations(con)
        views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    assert applied == [v for v, _, _ in store.available_migrations()]
    assert set(store.view_definitions()) <= views


def test_reopening_applies_nothing_twice(db_path):
    with store.writing(db_path) as con:
        con.execute("INSERT INTO store.meta VALUES ('probe', 'kept')")
    with store.writing(db_path) as con:
        assert store.migrate(con) == []
        assert store.sync_views(con) is False
        assert con.execute("SELECT value FROM store.meta WHERE key = 'probe'").fetchall() == [("kept",)]


def test_upgrade_applies_only_the_new_migration_and_keeps_data(db_path, tmp_path, monkeypatch):
    old = tmp_path / "old"
    old.mkdir()
    for _, _, file in store.available_migrations():
        shutil.copy(file, old / file.name)
    monkeypatch.setattr(store, "migrations_dir", lambda: old)
    with store.writing(db_path) as con:
        con.execute("INSERT INTO store.meta VALUES ('probe', 'before upgrade')")
    (old / "9999_add_probe_table.sql").write_text("CREATE TABLE store.probe (x INTEGER);")
    with store.writing(db_path) as con:
        versions = store.applied_migrations(con)
        assert versions[-1] == 9999
        assert con.execute("SELECT count(*) FROM store.probe").fetchall() == [(0,)]
        assert con.execute("SELECT value FROM store.meta WHERE key = 'probe'").fetchall() == [("before upgrade",)]


def test_a_failing_migration_leaves_the_database_as_it_was(db_path, tmp_path, monkeypatch):
    folder = tmp_path / "migrations"
    folder.mkdir()
    for _, _, file in store.available_migrations():
        shutil.copy(file, folder / file.name)
    monkeypatch.setattr(store, "migrations_dir", lambda: folder)
    with store.writing(db_path):
        pass
    (folder / "9998_broken.sql").write_text("CREATE TABLE store.half (x INTEGER); SELECT * FROM no_such_table;")
    with pytest.raises(duckdb.Error):
        with store.writing(db_path):
            pass
    (folder / "9998_broken.sql").unlink()
    with store.writing(db_path) as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert "half" not in tables
        assert 9998 not in store.applied_migrations(con)


def test_each_view_file_defines_the_view_it_is_named_after():
    for file in views_dir().glob("*.sql"):
        text = file.read_text()
        assert f"CREATE OR REPLACE VIEW {file.stem} AS" in text, file.name
        assert text.startswith(f"-- {file.stem}: "), f"{file.name} must open with a one-line description"


def test_interface_views_have_the_contract_columns(db_path):
    contract = {
        "postings": "posting_id, cluster_id, source, source_id, url, title, company, location, country, remote, "
        "employment_type, date_posted, first_seen, last_seen, closed_at, description, role, seniority, industry, "
        "industry_source, industry_confidence, salary_min, salary_max, salary_currency, salary_period",
        "posting_themes": "posting_id, theme, score, tagged, evidence",
        "posting_skills": "posting_id, skill, category",
        "themes": "theme, name, description",
        "theme_by_industry": "industry, theme, postings, tagged, share, ci_low, ci_high",
        "theme_by_month": "month, theme, postings, tagged, share",
        "crawl_runs": "run_id, source, started_at, finished_at, status, items_seen, items_new, items_updated, "
        "items_closed, items_rejected",
        "rejects": "run_id, source, url, reason, at",
        "topic_runs": "run_id, fitted_at, n_topics, n_postings, vocabulary_size, params",
        "topics": "run_id, topic, label, top_terms, size, nearest_theme, similarity, emerging",
        "posting_topics": "run_id, posting_id, topic, weight",
        "distinctive_terms": "group_kind, group_value, term, z, postings",
        "term_trends": "month, kind, term, postings, share, share_3m, yoy_change",
    }
    with store.writing(db_path) as con:
        for view, columns in contract.items():
            have = [d[0] for d in con.execute(f"SELECT * FROM {view} LIMIT 0").description]
            missing = [c for c in columns.split(", ") if c not in have]
            assert not missing, f"{view} lacks {missing}"


def test_changed_view_sql_is_recreated(db_path, tmp_path, monkeypatch):
    folder = tmp_path / "views"
    shutil.copytree(views_dir(), folder)
    monkeypatch.setattr(store, "views_dir", lambda: folder)
    with store.writing(db_path):
        pass
    (folder / "probe_view.sql").write_text("-- probe_view: a test view.\nCREATE OR REPLACE VIEW probe_view AS SELECT 42 AS answer;\n")
    with store.writing(db_path) as con:
        assert con.execute("SELECT answer FROM probe_view").fetchall() == [(42,)]


def test_reading_refuses_a_missing_database(db_path):
    with pytest.raises(StoreError, match="no database"):
        with store.reading(db_path):
            pass
    assert not db_path.exists()


def test_reading_connection_cannot_write(db_path):
    with store.writing(db_path):
        pass
    with store.reading(db_path) as con:
        with pytest.raises(duckdb.Error):
            con.execute("INSERT INTO store.meta VALUES ('x', 'y')")


def test_busy_database_waits_then_names_the_holder(db_path):
    with store.writing(db_path):
        pass
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import duckdb, sys, time
            con = duckdb.connect({str(db_path)!r})
            print("locked", flush=True)
            time.sleep(30)
        """)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(DatabaseBusy, match=rf"process {holder.pid} .*within 0.5s"):
            with store.reading(db_path, wait=0.5):
                pass
    finally:
        holder.kill()
        holder.wait()
    with store.reading(db_path, wait=5) as con:  # released: readable again
        assert con.execute("SELECT count(*) FROM postings").fetchall() == [(0,)]


def test_select_postings_reads_a_rowid_range_and_finds_moved_rows_by_id(db_path):
    from jobtrends.postings import make_posting_id, merge_postings

    records = [{"posting_id": make_posting_id("import", "t", str(i)), "source": "t", "source_kind": "import",
                "source_id": str(i), "title": f"Engineer {i}", "description": f"Posting number {i}."}
               for i in range(6)]
    with store.writing(db_path) as con:
        merge_postings(con, records, store.utcnow())
        rows = con.execute("SELECT rowid, posting_id FROM store.postings ORDER BY rowid").fetchall()
        ids = [pid for _, pid in rows]
        first_three = store.select_postings(con, "posting_id, title", ids[:3], (rows[0][0], rows[2][0]))
        assert first_three.column("posting_id").to_pylist() == sorted(ids[:3])
        # only the range's rows are scanned: the others are not found there ...
        assert store._select_in_range(con, "posting_id", ids[3:], (rows[0][0], rows[2][0])).num_rows == 0
        # ... but ids missing from a stale range are looked up in the whole table; deleted ones are absent
        con.execute("DELETE FROM store.postings WHERE posting_id = ?", [ids[5]])
        found = store.select_postings(con, "posting_id", ids[3:], (rows[0][0], rows[1][0]))
        assert found.column("posting_id").to_pylist() == sorted(ids[3:5])
