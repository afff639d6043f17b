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
                title="Machine learning engineer", company="Example Co", source="board-a", day=0):
        """One posting; `themes` are those tagged yes (the others get a 'no' row)."""
        self.count += 1
        pid = f"p{self.count:04d}"
        seen = BASE_DAY + timedelta(days=day)
        self.con.execute(
            "INSERT INTO store.postings (posting_id, source, source_kind, source_id, cluster_id, title, "
            "company, first_seen, last_seen, description, content_hash) "
            "VALUES (?, ?, 'import', ?, ?, ?, ?, ?, ?, ?, ?)",
            [pid, source, pid, cluster, title, company, seen, seen, "Written for the test.", "h" + pid],
        )
        if tagged:
            self.con.execute(
                "INSERT INTO store.posting_tags (posting_id, role, seniority, industry, industry_source, "
                "industry_confidence, content_hash, tagger_version, tagged_at) "
                "VALUES (?, ?, 'mid', ?, 'source', 1.0, ?, 'test', ?)",
                [pid, role, industry, "h" + pid, seen],
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
