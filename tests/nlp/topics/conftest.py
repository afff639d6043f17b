"""Shared fixtures: generated corpora (nlp/topics/synthetic.py) as documents and as databases."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from jobtrends.config import Config, TopicsConfig
from jobtrends.postings import merge_postings
from jobtrends.store import utcnow, writing
from nlp.topics.prepare import documents
from nlp.topics.synthetic import generate

N_POSTINGS = 1500


def topics_config(**changes) -> Config:
    """Small K range so the tests stay fast; min_support suits a corpus of ~1,500."""
    return replace(Config(), topics=replace(TopicsConfig(min_topics=8, max_topics=12, min_support=10), **changes))


def add_postings(db, postings) -> None:
    """Merge generated postings and give them role/industry tags as `jobtrends tag` would."""
    with writing(db) as con:
        merge_postings(con, [{
            "posting_id": p.posting_id, "source": "syn", "source_kind": "import", "source_id": p.posting_id,
            "title": p.title, "description": p.description, "date_posted": datetime(p.month.year, p.month.month, 3),
        } for p in postings], utcnow())
        con.executemany(
            "INSERT INTO store.posting_tags VALUES (?, ?, 'mid', ?, 'source', 1.0, 'h', 'test', ?)",
            [[p.posting_id, p.role, p.industry, utcnow()] for p in postings],
        )


@pytest.fixture(scope="session")
def synthetic():
    return generate(N_POSTINGS)


@pytest.fixture(scope="session")
def synthetic_docs(synthetic):
    return documents([(p.description, None) for p in synthetic])


@pytest.fixture()
def synthetic_db(tmp_path, synthetic):
    path = tmp_path / "topics.duckdb"
    add_postings(path, synthetic)
    return str(path)


@pytest.fixture()
def make_config():
    return topics_config


@pytest.fixture()
def add_synthetic():
    return add_postings
