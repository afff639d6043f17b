"""Duplicates: the same job on two sources, or reposted under a new id, is one cluster."""

from __future__ import annotations

import json

from jobtrends.clusters import group_copies, jaccard, shingles
from jobtrends.config import SourceConfig
from jobtrends.postings import dedup_key
from jobtrends.sample_server import serve

from .conftest import copy_boards, crawl, rows

TEXT = ("<p>Northwind builds forecasting tools for grocery chains. You will train demand models, "
        "run experiments with store managers and ship them to production on our Python stack.</p>"
        "<ul><li>Five years of machine learning in production</li><li>Solid SQL and statistics</li></ul>")


def greenhouse_job(job_id: int, title: str, content: str) -> dict:
    return {"id": job_id, "internal_job_id": job_id + 50000, "title": title, "updated_at": "2024-03-04T09:00:00Z",
            "first_published": "2024-03-04T09:00:00Z", "requisition_id": f"R-{job_id}",
            "location": {"name": "Lisbon, Portugal"}, "absolute_url": f"https://job-boards.example/northwind/jobs/{job_id}",
            "company_name": "Northwind Analytics, Inc.", "metadata": None,
            "content": content.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"),
            "departments": [], "offices": []}


def ashby_job(job_id: str, title: str, html: str) -> dict:
    return {"id": job_id, "title": title, "department": "Data", "team": "Forecasting", "employmentType": "FullTime",
            "location": "Lisbon", "secondaryLocations": [], "publishedAt": "2024-03-05T10:00:00.000+00:00",
            "isListed": True, "isRemote": False, "workplaceType": "OnSite",
            "jobUrl": f"https://jobs.example/northwind/{job_id}", "applyUrl": f"https://jobs.example/northwind/{job_id}/apply",
            "descriptionHtml": html, "descriptionPlain": None}


def test_cross_source_copy_and_repost_share_one_cluster(tmp_path):
    boards = copy_boards(tmp_path / "boards")
    (boards / "greenhouse" / "northwind.json").write_text(json.dumps({"jobs": [
        greenhouse_job(7001, "Senior ML Engineer", TEXT),
        greenhouse_job(7002, "Senior ML Engineer (Lisbon)", TEXT.replace("Five years", "Five or more years")),  # repost
        greenhouse_job(7003, "Senior ML Engineer", "<p>A different job: you will build our search ranking "
                                                   "and own its evaluation, with a team in Porto.</p>"),
    ], "meta": {"total": 3}}))
    (boards / "ashby" / "northwind.json").write_text(json.dumps({"apiVersion": "1", "jobs": [
        ashby_job("nw-ml-1", "Senior ML Engineer", TEXT + "<p>Apply by March.</p>"),
        ashby_job("nw-ds-1", "Data Scientist", TEXT),  # same text, another role: not a copy
    ]}))
    db = tmp_path / "jobs.duckdb"
    with serve(boards) as base:
        sources = [SourceConfig(kind="greenhouse", board="northwind", base_url=base),
                   SourceConfig(kind="ashby", board="northwind", base_url=base, company="Northwind Analytics")]
        assert crawl(sources, db).exit_code == 0
        again = crawl(list(reversed(sources)), db)  # order of crawling changes nothing
    assert again.exit_code == 0
    found = {r["source_id"]: r for r in rows(db, "SELECT source_id, posting_id, cluster_id, url FROM postings")}
    copies = [found[s] for s in ("7001", "7002", "nw-ml-1")]
    cluster = min(p["posting_id"] for p in copies)
    assert [p["cluster_id"] for p in copies] == [cluster] * 3
    assert found["7003"]["cluster_id"] == found["7003"]["posting_id"]   # same title, other text
    assert found["nw-ds-1"]["cluster_id"] == found["nw-ds-1"]["posting_id"]  # same text, other title
    assert len({p["url"] for p in copies}) == 3  # every source URL is kept
    assert rows(db, "SELECT count(*) AS n FROM postings_unique") == [{"n": 3}]
    stored = rows(db, "SELECT source_id, cluster_id FROM store.postings WHERE source_id IN ('7003', 'nw-ds-1')")
    assert all(r["cluster_id"] is None for r in stored)  # no copy: its own cluster


def test_a_copy_whose_text_drifts_away_leaves_the_cluster(tmp_path):
    boards = copy_boards(tmp_path / "boards")
    board = boards / "greenhouse" / "northwind.json"
    jobs = [greenhouse_job(7001, "Senior ML Engineer", TEXT), greenhouse_job(7002, "Senior ML Engineer", TEXT)]
    board.write_text(json.dumps({"jobs": jobs, "meta": {"total": 2}}))
    db = tmp_path / "jobs.duckdb"
    with serve(boards) as base:
        source = [SourceConfig(kind="greenhouse", board="northwind", base_url=base)]
        crawl(source, db)
        clustered = rows(db, "SELECT count(DISTINCT cluster_id) AS n FROM postings")
        jobs[1] = greenhouse_job(7002, "Senior ML Engineer", "<p>Rewritten: a research role on causal inference "
                                                             "for supply chains, with a reading group.</p>")
        board.write_text(json.dumps({"jobs": jobs, "meta": {"total": 2}}))
        crawl(source, db)
    assert clustered == [{"n": 1}]
    assert rows(db, "SELECT count(DISTINCT cluster_id) AS n FROM postings") == [{"n": 2}]


def test_dedup_key_normalises_employer_and_title():
    assert dedup_key({"company": "Northwind Analytics, Inc.", "title": "Senior ML Engineer (Remote)"}) == \
        dedup_key({"company": "northwind analytics", "title": "Senior  ML-Engineer"})
    assert dedup_key({"company": None, "title": "ML Engineer"}) is None


def test_group_copies_is_transitive_and_deterministic():
    a = "one two three four five six seven eight nine ten"
    postings = [("b", a), ("c", a + " eleven"), ("a", "something else entirely and unrelated here"), ("d", a)]
    assert group_copies(postings) == {"a": None, "b": "b", "c": "b", "d": "b"}
    assert group_copies(list(reversed(postings))) == group_copies(postings)
    assert jaccard(shingles(a), shingles(a)) == 1.0 and jaccard(shingles(""), shingles(a)) == 0.0
