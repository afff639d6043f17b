"""Synthetic tags (for report and query timing only): complete, well-shaped and deterministic."""

from benchmarks.run import QUERIES
from benchmarks.synthetic_tags import TAGGER_VERSION, fill_synthetic_tags, vocabularies
from jobtrends.postings import merge_postings
from jobtrends.store import reading, utcnow, writing

COMPANIES = ["Quillfern", "Fieldstone Labs", "Linden Way", "Harrow Bank"]
TITLES = ["ML Engineer", "Data Scientist", "Senior Data Engineer"]


def make_db(db_path, n=60):
    records = [{"posting_id": f"p{i:03d}", "source": "bench", "source_kind": "import", "source_id": str(i),
                "title": TITLES[i % 3], "company": COMPANIES[i % 4],
                "date_posted": utcnow().replace(month=1 + i % 12, day=1),
                "description": f"Posting {i}: we build pipelines and ship models to production every week."}
               for i in range(n)]
    with writing(db_path) as con:
        merge_postings(con, records, utcnow())
    return n


def tag_rows(db_path):
    with reading(db_path) as con:
        return [con.execute(f"SELECT * EXCLUDE ({skip}) FROM store.{table} ORDER BY ALL").fetchall()
                for table, skip in (("posting_tags", "tagged_at"), ("theme_tags", "posting_id, theme, score"),
                                    ("skill_tags", "category"))]


def test_every_posting_gets_a_full_set_of_labelled_tags(db_path):
    n = make_db(db_path)
    assert fill_synthetic_tags(db_path) == n
    labels = vocabularies()
    themes = set(labels["synthetic_themes"].column("theme").to_pylist())
    with reading(db_path) as con:
        versions = con.execute("SELECT DISTINCT tagger_version FROM store.posting_tags").fetchall()
        per_posting = con.execute("SELECT count(*), count(DISTINCT theme) FROM store.theme_tags GROUP BY posting_id"
                                  ).fetchall()
        stored_themes = {t for (t,) in con.execute("SELECT theme FROM themes").fetchall()}
        current = con.execute("SELECT count(*) FILTER (WHERE tags_current) FROM postings").fetchall()[0][0]
        tagged_share = con.execute("SELECT avg(tagged::INT) FROM store.theme_tags").fetchall()[0][0]
        skills = con.execute("SELECT count(*) FROM store.skill_tags").fetchall()[0][0]
        by_title = con.execute("SELECT count(DISTINCT role) FROM postings GROUP BY title").fetchall()
    assert versions == [(TAGGER_VERSION,)]
    assert set(per_posting) == {(len(themes), len(themes))} and stored_themes == themes
    assert current == n and 0.3 < tagged_share < 0.8 and n <= skills <= 6 * n
    assert {c for (c,) in by_title} == {1}   # one title, one role (as the tagger)


def test_same_database_same_tags_and_the_benchmark_queries_run(db_path):
    make_db(db_path)
    fill_synthetic_tags(db_path)
    first = tag_rows(db_path)
    fill_synthetic_tags(db_path)   # replaces, never adds
    assert tag_rows(db_path) == first
    with reading(db_path) as con:
        results = {label: con.execute(sql).fetchall() for label, sql in QUERIES.items()}
    assert results["theme by industry"] and results["monthly trend"]
