"""Shared fixtures: one Tagger (building the spaCy pipeline takes a fraction of a second)."""

from __future__ import annotations

import pytest

from nlp.tagger import Analysis, PostingInput, Tagger


@pytest.fixture(scope="session")
def tagger() -> Tagger:
    return Tagger()


def fitted(tagger: Tagger, postings: list[PostingInput]) -> list[Analysis]:
    """Analyse postings and fit the IDF on them (the tests' reference corpus)."""
    analyses = tagger.analyse(postings)
    tagger.fit_idf(analyses)
    return analyses
