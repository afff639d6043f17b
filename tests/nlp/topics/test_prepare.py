"""The streamed corpus (prepare.py, transform.py) against the whole-corpus computations it replaces."""

import os
import random
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

from nlp.topics import prepare, transform
from nlp.topics.clean import (
    BOILERPLATE_MIN_POSTINGS,
    BOILERPLATE_ONE_EMPLOYER,
    boilerplate_keys,
    line_key,
    name_stop_words,
)
from nlp.topics.corpus import job_lines
from nlp.topics.model import ModelSettings, fit_topics
from nlp.topics.prepare import documents, in_chunks, prepare_corpus

PITCH = "Corvane sells tills to cafes and bakeries."


def _rows(n: int = 60) -> list[tuple]:
    """Postings of a few employers: Corvane's carry its pitch line and its name; all share job lines."""
    rng = random.Random(3)
    jobs = ["You will tune Spark jobs.", "Build feature pipelines in Python.", "Own the Kubernetes clusters.",
            "Write SQL models for finance.", "Review pull requests with the team."]
    rows = []
    for i in range(n):
        company = ["Corvane Systems", "Driftwood Logistics", "", None][i % 4]
        lines = rng.sample(jobs, 3) + ([PITCH] if company == "Corvane Systems" else [])
        if company == "Driftwood Logistics" and i % 8 == 1:
            lines.append("We ship logistics software to Leeds.")
        rows.append((" ".join(lines), None, company, "Leeds" if i % 3 else "London"))
    return rows


def _whole_corpus_documents(rows: list[tuple]) -> list[str]:
    """The documents as earlier versions built them: every posting's lines in memory at once."""
    from nlp.topics.clean import employer_boilerplate

    lines = [job_lines(r[0], r[1]) for r in rows]
    boilerplate = employer_boilerplate([[low for low, _ in doc] for doc in lines], [r[2] for r in rows])
    docs = [" ".join(text for low, text in doc if text and low not in boilerplate) for doc in lines]
    names = [set(prepare.name_words(r[2], r[3])) for r in rows]
    stops = name_stop_words([set(d.split()) for d in docs], names)
    return [" ".join(w for w in d.split() if w not in stops) for d in docs]


def test_streamed_documents_equal_whole_corpus_cleaning_in_any_chunking(monkeypatch):
    rows = _rows()
    expected = _whole_corpus_documents(rows)
    assert all("tills" not in d and "corvane" not in d for d in expected)   # the pitch and the name went
    assert any("spark" in d for d in expected)
    for chunk, workers in ((1000, 1), (7, 1), (7, 2)):
        monkeypatch.setattr(prepare, "CHUNK", chunk)
        monkeypatch.setattr(prepare, "PARALLEL_FROM", 10)
        assert documents(rows, workers=workers) == expected


def _reference_boilerplate(keys, owners) -> set[int]:
    by_line = defaultdict(Counter)
    for key, owner in zip(keys, owners):
        by_line[key][owner] += 1
    found = set()
    for key, counts in by_line.items():
        owner, top = counts.most_common(1)[0]
        total = sum(counts.values())
        if owner != -1 and total >= BOILERPLATE_MIN_POSTINGS and top >= BOILERPLATE_ONE_EMPLOYER * total:
            found.add(key)
    return found


def test_boilerplate_keys_match_a_dictionary_count():
    rng = np.random.default_rng(5)
    keys = rng.integers(0, 40, 3000)
    owners = np.where(rng.random(3000) < 0.8, keys % 5, rng.integers(-1, 5, 3000))
    found = set(boilerplate_keys(keys, owners, -1).tolist())
    assert found == _reference_boilerplate(keys.tolist(), owners.tolist()) and found


def test_line_keys_are_stable_across_processes():
    assert line_key("corvane sells tills.") == line_key("corvane sells tills.") != line_key("corvane sells till.")
    # worker processes key lines for the parent: Python's hash() of a str would differ per process
    code = "from nlp.topics.clean import line_key; print(line_key('corvane sells tills.'))"
    for seed in ("1", "2"):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": seed}, cwd=Path(__file__).resolve().parents[3])
        assert int(out.stdout) == line_key("corvane sells tills.")


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
def test_chunked_transform_counts_what_the_whole_presence_matrix_counts(synthetic, monkeypatch):
    rows = [(p.description, None, None, None) for p in synthetic[:600]]
    industries = np.array([["healthcare", "finance", "retail"].index(p.industry) if p.industry in
                           ("healthcare", "finance", "retail") else -1 for p in synthetic[:600]])
    monkeypatch.setattr(prepare, "CHUNK", 128)
    monkeypatch.setattr(prepare, "PARALLEL_FROM", 10)
    monkeypatch.setattr(transform, "PARALLEL_FROM", 10)
    fit = fit_topics(documents(rows, workers=1), ModelSettings(max_iter=50), n_topics=5)
    empty = np.full(len(rows), -1)
    with prepare_corpus(in_chunks([r[:2] for r in rows]), empty, [frozenset()], np.zeros(len(rows), int), 1,
                        len(rows)) as prepared:
        whole = sp.csr_matrix((fit.vectorizer.transform(list(prepared.documents())) > 0).astype(np.float32))
        todo = np.arange(len(rows)) % 2 == 0
        grouping = [transform.Grouping(3, industries)]
        serial = transform.transform_corpus(prepared, fit.pipeline, todo, grouping, workers=1)
        pooled = transform.transform_corpus(prepared, fit.pipeline, todo, grouping, workers=2)
    assert np.array_equal(serial.totals, np.asarray(whole.sum(axis=0)).ravel())
    for g in range(3):
        assert np.array_equal(serial.counts[0][g], np.asarray(whole[industries == g].sum(axis=0)).ravel())
    assert serial.weights.shape == (300, 5) and np.allclose(serial.weights.sum(axis=1)[serial.weights.max(axis=1) > 0], 1)
    assert np.array_equal(serial.weights, pooled.weights) and np.array_equal(serial.counts[0], pooled.counts[0])


def test_sample_documents_are_the_sample_postings_documents_in_the_sample_order(monkeypatch):
    rows = _rows()
    whole = _whole_corpus_documents(rows)
    sample = np.array([41, 3, 17, 0, 59, 8])
    employers, names, name_of = _codes_of(rows)
    monkeypatch.setattr(prepare, "CHUNK", 7)
    monkeypatch.setattr(prepare, "PARALLEL_FROM", 10)
    for workers in (1, 2):
        with prepare_corpus(in_chunks([r[:2] for r in rows]), employers, names, name_of, workers, len(rows),
                            sample) as prepared:
            assert prepared.sample_documents() == [whole[i] for i in sample]
            assert list(prepared.documents()) == whole
            spills = sorted(p.name for p in prepared.directory.iterdir())
        # a sample spill only for the chunks holding sample postings (0-6, 7-13, 14-20, 35-41, 56-59)
        assert sum(name.endswith(".sample.pkl") for name in spills) == 5


def _codes_of(rows: list[tuple]):
    codes: dict[str, int] = {}
    employers = np.array([codes.setdefault(r[2], len(codes)) if r[2] else prepare.NO_EMPLOYER for r in rows])
    index: dict[frozenset, int] = {}
    name_of = np.array([index.setdefault(prepare.name_words(r[2], r[3]), len(index)) for r in rows])
    return employers, list(index), name_of
