"""Topic stability on bootstrap resamples: the share of a fit's topics that a fit on a
resample finds again, matched by top terms (Greene, O'Callaghan & Cunningham 2014, "How many
topics? Stability analysis for topic models", which matches topics by their top-term lists).

A topic counts as found again when some topic of the resample fit shares at least half of
its top 10 terms (Jaccard >= 1/3, i.e. >= 5 of 10 in common). Run:

    .venv/bin/python -m nlp.topics.stability [--db data/demo.duckdb] [--resamples 5]

Without --db it measures on generated postings (nlp/topics/synthetic.py).
"""

from __future__ import annotations

import argparse
import random
import warnings

from sklearn.exceptions import ConvergenceWarning

from .corpus import documents
from .model import ModelSettings, TopicFit, fit_topics, top_terms

MIN_SHARED = 5              # of the top 10 terms


def _term_sets(fit: TopicFit) -> list[set[str]]:
    return [{t for t, _ in terms} for terms in top_terms(fit, 10)]


def matched_share(reference: TopicFit, other: TopicFit) -> float:
    """Share of the reference's topics with a topic in `other` sharing >= MIN_SHARED top terms."""
    theirs = _term_sets(other)
    mine = _term_sets(reference)
    return sum(any(len(a & b) >= MIN_SHARED for b in theirs) for a in mine) / len(mine)


def bootstrap_stability(docs: list[str], resamples: int = 5, seed: int = 0,
                        settings: ModelSettings = ModelSettings()) -> tuple[TopicFit, list[float]]:
    """The reference fit (K by coherence) and, per resample, the share of its topics found
    again by a fit with the same K on a bootstrap resample (drawn with replacement)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        reference = fit_topics(docs, settings)
        rng = random.Random(seed)
        shares = []
        for _ in range(resamples):
            sample = [docs[rng.randrange(len(docs))] for _ in docs]
            shares.append(matched_share(reference, fit_topics(sample, settings, n_topics=reference.n_topics)))
    return reference, shares


def _docs_from_db(db: str) -> list[str]:
    from jobtrends.store import reading

    with reading(db) as con:
        rows = con.execute(
            "SELECT s.description, s.description_html, s.company, s.location FROM postings_unique AS u "
            "JOIN store.postings AS s USING (posting_id) ORDER BY u.posting_id").fetchall()
    return documents(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="a jobtrends database (default: generated postings)")
    parser.add_argument("--postings", type=int, default=3000, help="generated postings (without --db)")
    parser.add_argument("--resamples", type=int, default=5)
    args = parser.parse_args()
    if args.db:
        docs = _docs_from_db(args.db)
    else:
        from .synthetic import generate

        docs = documents([(p.description, None) for p in generate(args.postings)])
    reference, shares = bootstrap_stability(docs, args.resamples)
    print(f"{len(docs)} postings, {reference.n_topics} topics; share of topics found again per resample: "
          + ", ".join(f"{s:.2f}" for s in shares) + f"; mean {sum(shares) / len(shares):.2f}")


if __name__ == "__main__":
    main()
