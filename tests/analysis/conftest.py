"""A small DuckDB store built in tmp_path, with postings, tags and themes inserted by SQL
with parameters, so each test knows exactly which counts the report should find."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from jobtrends import store

THEMES = ("data", "production")
BASE_DAY = datetime(2024, 3, 1)


class Fixture:
    """Adds postings (and their tags) to a store database through one write connection."""

    def __init__(self, con):
        self.con = con
        self.count = 0

    def posting(self, *, industry=None, role="ml_engineer", themes=(), cluster=None, tagged=True,
                title="Machine learning engineer", company="Example Co", source="board-a", day=0,
                seniority="mid", remote=None, salary=(None, None, None, None), skills=()):
        """One posting; `themes` are those tagged yes (the others get a 'no' row).
        salary = (min, max, currency, period); skills are (skill, category) pairs."""
        self.count += 1
        pid = f"p{self.count:04d}"
        seen = BASE_DAY + timedelta(days=day)
        self.con.execute(
            "INSERT INTO store.postings (posting_id, source, source_kind, source_id, cluster_id, title, "
            "company, first_seen, last_seen, description, content_hash, remote, salary_min, salary_max, "
            "salary_currency, salary_period) "
            "VALUES (?, ?, 'import', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [pid, source, pid, cluster, title, company, seen, seen, "Written for the test.", "h" + pid,
             remote, *salary],
        )
        for skill, category in skills:
            self.con.execute("INSERT INTO store.skill_tags VALUES (?, ?, ?)", [pid, skill, category])
        if tagged:
            self.con.execute(
                "INSERT INTO store.posting_tags (posting_id, role, seniority, industry, industry_source, "
                "industry_confidence, content_hash, tagger_version, tagged_at) "
                "VALUES (?, ?, ?, ?, 'source', 1.0, ?, 'test', ?)",
                [pid, role, seniority, industry, "h" + pid, seen],
            )
            for theme in THEMES:
                yes = theme in themes
                self.con.execute(
                    "INSERT INTO store.theme_tags (posting_id, theme, score, tagged, evidence) VALUES (?, ?, ?, ?, [])",
                    [pid, theme, 0.9 if yes else 0.1, yes],
                )
        return pid

    def many(self, n, *, with_theme: dict[str, int], **kwargs):
        """n postings, the first with_theme[t] of them tagged with theme t."""
        return [self.posting(themes={t for t, k in with_theme.items() if i < k}, **kwargs) for i in range(n)]

    def topic_run(self, postings, titles_topic=0):
        """A topic run with two topics (the first emerging), `postings` split between them, and
        rows in term_trends, distinctive_terms, crawl_runs and rejects."""
        self.con.execute("INSERT INTO store.topic_runs VALUES (1, ?, 2, ?, 50, '{}')", [BASE_DAY, len(postings)])
        self.con.execute("INSERT INTO store.topics VALUES (1, 0, 'serving', ?, ?, 'production', 0.8, true), "
                         "(1, 1, NULL, ?, ?, 'data', 0.5, false)",
                         ['[{"term": "serving", "weight": 0.9}, {"term": "latency", "weight": 0.5}]',
                          len(postings) - len(postings) // 2, '["pipelines", "warehouse"]', len(postings) // 2])
        for i, pid in enumerate(postings):
            self.con.execute("INSERT INTO store.posting_topics VALUES (1, ?, ?, 0.9), (1, ?, ?, 0.1)",
                             [pid, i % 2, pid, 1 - i % 2])
        for month, shares in ((datetime(2023, 9, 1), (0.2, 0.5)), (datetime(2024, 3, 1), (0.6, 0.3))):
            self.con.execute("INSERT INTO store.term_trends VALUES (?, 'skill', 'Kubernetes', 5, ?, ?, NULL), "
                             "(?, 'skill', 'Excel', 5, ?, ?, NULL)", [month, shares[0], shares[0], month, shares[1], shares[1]])
        self.con.execute("INSERT INTO store.distinctive_terms VALUES ('industry', 'finance', 'risk', 4.2, 7), "
                         "('industry', 'finance', 'trading', 3.1, 5), ('industry', 'technology', 'latency', 2.5, 4)")
        self.con.execute("INSERT INTO store.crawl_runs (run_id, source, kind, started_at, status, items_seen, "
                         "items_rejected) VALUES (1, 'board-a', 'greenhouse', ?, 'partial', 30, 2)", [BASE_DAY])
        self.con.execute("INSERT INTO store.rejects VALUES (1, 'board-a', 'http://127.0.0.1/x', 'no title', ?, '{}'), "
                         "(1, 'board-a', 'http://127.0.0.1/y', 'no title', ?, '{}')", [BASE_DAY, BASE_DAY])

    def theme_names(self):
        self.con.execute("INSERT INTO store.themes VALUES ('production', 'Production (MLOps)', ''), "
                         "('data', 'Data', '')")


@pytest.fixture
def make_db(tmp_path):
    """make_db(fill) -> path of a fresh store database filled by fill(Fixture)."""

    def make(fill, name="t.duckdb") -> Path:
        path = tmp_path / name
        with store.writing(path) as con:
            fill(Fixture(con))
        return path

    return make


def standard(f: Fixture) -> None:
    """The hand-computed case the tests check (role ml_engineer unless said):
    finance 10 jobs (production 3, data 8) plus a later copy of one of them,
    technology 6 (production 5, data 3), healthcare 3 (production 2, data 1),
    retail_consumer 2 (production 1, data 2); data_scientist: finance 4 (production 4)."""
    f.theme_names()
    finance = f.many(10, industry="finance", with_theme={"production": 3, "data": 8})
    # A repost of the last finance job, seen later and tagged differently: must not count.
    f.posting(industry="finance", themes={"production", "data"}, cluster=finance[-1], source="board-b", day=5)
    f.con.execute("UPDATE store.postings SET cluster_id = ? WHERE posting_id = ?", [finance[-1], finance[-1]])
    f.many(6, industry="technology", with_theme={"production": 5, "data": 3}, day=1)
    f.many(3, industry="healthcare", with_theme={"production": 2, "data": 1}, day=2)
    f.many(2, industry="retail_consumer", with_theme={"production": 1, "data": 2}, day=3)
    f.many(4, industry="finance", role="data_scientist", with_theme={"production": 4}, day=4)


def rich(f: Fixture) -> None:
    """standard() plus everything the other charts read: months, roles, seniority, workplace,
    salaries, skills, a topic run. Used by the browser test and the filter tests."""
    standard(f)
    python, sql = ("Python", "language"), ("SQL", "language")
    for month in range(4):  # 2024-03 .. 2024-06, 6 ml_engineer postings a month in technology
        f.many(6, industry="technology", with_theme={"production": 2 + month, "data": 3}, day=31 * month + 10,
               remote=("remote", "hybrid", "onsite")[month % 3], seniority=("junior", "senior")[month % 2],
               salary=(100000.0 + 10000 * month, 140000.0, "USD", "year"), skills=(python,) if month else (python, sql),
               source="board-c")
    f.many(6, industry="finance", role="data_engineer", with_theme={"data": 6}, skills=(sql,),
           salary=(8000.0, 10000.0, "USD", "month"), day=40)
    posted = f.many(5, industry="finance", title="<script>alert(1)</script>", with_theme={"data": 2},
                    skills=(sql,), salary=(50.0, 70.0, "USD", "hour"), day=41)
    f.topic_run(posted + ["p0001", "p0002", "p0003"])
