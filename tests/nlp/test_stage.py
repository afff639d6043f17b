from dataclasses import replace

import pytest

from jobtrends.config import Config, TagConfig
from jobtrends.postings import make_posting_id, merge_postings
from jobtrends.store import _select_in_range, reading, utcnow, writing
from nlp import stage
from nlp.stage import run_tag

HOSPITALS = ("<h2>About us</h2><p>We run hospitals and clinics; our nurses and physicians care for patients.</p>"
             "<h2>What you'll do</h2><ul><li>You will run our Kubernetes clusters</li>"
             "<li>Deploy models to production with MLflow</li></ul>"
             "<h2>Benefits</h2><p>Free courses on data pipelines and SQL.</p>")


def record(source_id, title, description, company=None, industry=None):
    return {
        "posting_id": make_posting_id("import", "test", source_id), "source": "test", "source_kind": "import",
        "source_id": source_id, "title": title, "description": description, "company": company,
        "source_industry": industry,
    }


RECORDS = [
    record("1", "Senior Machine Learning Engineer", HOSPITALS, "Maple Row Care"),
    record("2", "Data Scientist II", "You will build statistical models in Python or R. Experience with SQL.",
           "Bramblecrest Bank", "Banking"),
    record("3", "Staff Data Engineer", "Requirements\n- Build data pipelines with Airflow, dbt and Spark",
           "Maple Row Care"),
    record("4", "Account Executive", "Sell our product to retailers. We offer health insurance.", "Quillfern Analytics"),
]


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "test.duckdb"
    with writing(path) as con:
        merge_postings(con, RECORDS, utcnow())
    return str(path)


@pytest.fixture()
def config():
    return replace(Config(), tag=TagConfig(batch_size=2, workers=1))  # several chunks, in this process


def query(db, sql, params=None):
    with reading(db) as con:
        return con.execute(sql, params or []).fetchall()


def pid(source_id):
    return make_posting_id("import", "test", source_id)


def test_run_tag_fills_the_views(db, config):
    summary = run_tag(db, config, progress=False)
    # the calibrated model (data/models/themes.json) brings its IDF: nothing to refit
    assert (summary.tagged, summary.skipped, summary.failed, summary.idf_refitted) == (4, 0, 0, False)
    assert summary.tagger_version == stage.Tagger().version
    assert query(db, "SELECT count(*), count(DISTINCT posting_id) FROM posting_themes") == [(24, 4)]
    assert query(db, "SELECT count(*) FROM themes") == [(6,)]
    rows = {r[0]: r[1:] for r in query(
        db, "SELECT source_id, role, seniority, industry, industry_source FROM postings")}
    assert rows["1"] == ("ml_engineer", "senior", "healthcare", "inferred")
    assert rows["2"] == ("data_scientist", "mid", "finance", "source")
    assert rows["3"] == ("data_engineer", "senior", "healthcare", "inferred")  # pooled with posting 1
    assert rows["4"] == ("other", "mid", "technology", "company_map")
    tagged = {(r[0], r[1]) for r in query(
        db, "SELECT p.source_id, t.theme FROM posting_themes t JOIN postings p USING (posting_id) WHERE t.tagged")}
    assert ("1", "systems") in tagged and ("1", "production") in tagged
    assert ("1", "data") not in tagged  # only the benefits mention data pipelines
    assert ("3", "data") in tagged
    skills = {(r[0], r[1]) for r in query(
        db, "SELECT p.source_id, s.skill FROM posting_skills s JOIN postings p USING (posting_id)")}
    assert {("1", "Kubernetes"), ("1", "MLflow"), ("2", "R"), ("3", "Airflow")} <= skills
    assert ("1", "SQL") not in skills
    evidence = query(db, "SELECT evidence FROM posting_themes WHERE posting_id = ? AND theme = 'systems'", [pid("1")])
    assert evidence == [(["You will run our Kubernetes clusters"],)]


def test_second_run_is_incremental_and_changes_retag_only_the_changed(db, config):
    run_tag(db, config, progress=False)
    before = query(db, "SELECT posting_id, theme, score, tagged, evidence FROM posting_themes ORDER BY 1, 2")
    again = run_tag(db, config, progress=False)
    assert (again.tagged, again.skipped, again.idf_refitted) == (0, 4, False)

    changed = dict(RECORDS[3], description="You will run our Kubernetes clusters and Terraform on AWS.")
    with writing(db) as con:
        merge_postings(con, [changed], utcnow())
    third = run_tag(db, config, progress=False)
    assert (third.tagged, third.skipped) == (1, 3)
    after = query(db, "SELECT posting_id, theme, score, tagged, evidence FROM posting_themes ORDER BY 1, 2")
    hashable = lambda rows: {(*row[:4], tuple(row[4])) for row in rows}  # noqa: E731
    differing = {row[0] for row in hashable(after) ^ hashable(before)}
    assert differing == {pid("4")}
    assert query(db, "SELECT tagged FROM posting_themes WHERE posting_id = ? AND theme = 'systems'", [pid("4")]) == [(True,)]
    assert query(db, "SELECT count(*) FROM postings WHERE NOT tags_current") == [(0,)]


def test_all_postings_retags_everything_deterministically(db, config):
    run_tag(db, config, progress=False)
    first = query(db, "SELECT * EXCLUDE (tagged_at) FROM store.posting_tags ORDER BY posting_id")
    themes = query(db, "SELECT * FROM store.theme_tags ORDER BY posting_id, theme")
    summary = run_tag(db, config, all_postings=True, progress=False)
    assert (summary.tagged, summary.skipped, summary.idf_refitted) == (4, 0, False)
    assert query(db, "SELECT * EXCLUDE (tagged_at) FROM store.posting_tags ORDER BY posting_id") == first
    assert query(db, "SELECT * FROM store.theme_tags ORDER BY posting_id, theme") == themes
    assert query(db, "SELECT count(*) FROM store.skill_tags") == query(
        db, "SELECT count(*) FROM (SELECT DISTINCT posting_id, skill FROM store.skill_tags)")


def test_a_new_posting_realigns_its_company_industry(db, config):
    # Company known only from postings without a pitch: 'other'; a later posting with an
    # about-text about hospitals moves all of them to healthcare (one company, one industry).
    plain = [record("10", "Data Engineer", "Requirements\n- SQL and Airflow", "Linden Way"),
             record("11", "ML Engineer", "Requirements\n- PyTorch", "Linden Way")]
    with writing(db) as con:
        merge_postings(con, plain, utcnow())
    run_tag(db, config, progress=False)
    assert query(db, "SELECT DISTINCT industry FROM postings WHERE company = 'Linden Way'") == [("other",)]
    with writing(db) as con:
        merge_postings(con, [record("12", "Data Scientist", HOSPITALS, "Linden Way")], utcnow())
    assert run_tag(db, config, progress=False).tagged == 1
    assert query(db, "SELECT DISTINCT industry FROM postings WHERE company = 'Linden Way'") == [("healthcare",)]


def test_a_company_pools_the_about_texts_of_postings_tagged_earlier(db, config):
    # Only the new posting is due: its company's pitch is in a posting tagged before, which
    # is read from the store for the pooled inference (the tagging pass did not see it).
    with writing(db) as con:
        merge_postings(con, [record("13", "ML Engineer", HOSPITALS, "Quiet Harbor")], utcnow())
    run_tag(db, config, progress=False)
    with writing(db) as con:
        merge_postings(con, [record("14", "ML Engineer", "Requirements\n- PyTorch", "Quiet Harbor")], utcnow())
    assert run_tag(db, config, progress=False).tagged == 1
    assert query(db, "SELECT industry, industry_source FROM postings WHERE posting_id = ?", [pid("14")]) == [
        ("healthcare", "inferred")]


def test_a_run_stopped_before_the_company_industries_is_finished_by_the_next(db, config, monkeypatch):
    def stop(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(stage, "write_company_industries", stop)
    with pytest.raises(KeyboardInterrupt):
        run_tag(db, config, progress=False)
    # the tags are written, the pooled industries are not: pending, and due again
    assert query(db, "SELECT count(*) FROM store.posting_tags WHERE industry IS NULL") == [(2,)]
    monkeypatch.undo()
    assert run_tag(db, config, progress=False).tagged == 2
    rows = dict(query(db, "SELECT source_id, industry FROM postings"))
    assert rows == {"1": "healthcare", "2": "finance", "3": "healthcare", "4": "technology"}


def test_a_posting_that_fails_is_rejected_and_the_rest_goes_on(db, config, monkeypatch):
    from nlp import tagger as tagger_module

    real = tagger_module.posting_text

    def fragile(description, html):
        if description and description.startswith("Sell our product"):
            raise ValueError("unreadable markup")
        return real(description, html)

    monkeypatch.setattr(tagger_module, "posting_text", fragile)
    summary = run_tag(db, config, progress=False)
    assert (summary.tagged, summary.failed) == (3, 1)
    rejects = query(db, "SELECT source, reason, payload FROM rejects")
    assert rejects == [("test", "tag: text extraction failed: ValueError: unreadable markup", pid("4"))]
    assert query(db, "SELECT role FROM postings WHERE posting_id = ?", [pid("4")]) == [(None,)]
    assert run_tag(db, config, progress=False).tagged == 0  # not retried until it changes


def _all_tag_rows(db):
    return (
        query(db, "SELECT posting_id, role, seniority, industry, industry_source, industry_confidence, content_hash,"
                  " tagger_version FROM store.posting_tags ORDER BY posting_id"),
        query(db, "SELECT * FROM store.theme_tags ORDER BY posting_id, theme"),
        query(db, "SELECT * FROM store.skill_tags ORDER BY posting_id, skill"),
    )


def test_two_worker_processes_write_the_same_rows_as_one(tmp_path, config):
    more = [record(str(n), title, HOSPITALS if n % 3 else RECORDS[n % 4]["description"], f"Company {n % 4}")
            for n, title in enumerate(["ML Engineer", "Data Engineer", "Data Scientist", "Analyst"] * 3, start=20)]
    paths = []
    for workers in (1, 2):
        path = tmp_path / f"w{workers}.duckdb"
        with writing(path) as con:
            merge_postings(con, RECORDS + more, utcnow())
        summary = run_tag(str(path), replace(config, tag=TagConfig(batch_size=3, workers=workers)), progress=False)
        assert summary.tagged == len(RECORDS) + len(more)
        paths.append(str(path))
    one, two = (_all_tag_rows(p) for p in paths)
    assert one == two
    assert len(one[1]) == 6 * (len(RECORDS) + len(more)) and one[2]


def test_a_chunk_is_read_by_its_rowid_range_and_moved_rows_by_id(db):
    with writing(db) as con:
        due = stage._due(con, "any version", everything=True)
        (chunk,) = due.chunks(10)
        assert chunk.ids == [r[0] for r in con.execute("SELECT posting_id FROM store.postings ORDER BY rowid").fetchall()]
        assert stage._read_batch(con, chunk).column("posting_id").to_pylist() == sorted(chunk.ids)
        # a range that no longer holds the rows (another process rewrote them): found by id
        stale = stage.DueChunk(chunk.ids, (10_000, 10_010))
        assert stage._read_batch(con, stale).column("posting_id").to_pylist() == sorted(chunk.ids)
        assert _select_in_range(con, "posting_id", chunk.ids, (10_000, 10_010)).num_rows == 0
