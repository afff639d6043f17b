"""Clustering stays linear in a big dedup group, and gives the full pairwise answer in small ones."""

import time

from jobtrends.clusters import group_copies

TEXT = "We build pipelines for payments data and ship them to production every week with care"


def test_identical_texts_in_a_big_group_form_one_cluster_quickly():
    postings = [(f"p{i:05d}", TEXT) for i in range(5000)]
    started = time.monotonic()
    clusters = group_copies(postings)
    assert set(clusters.values()) == {"p00000"}
    assert time.monotonic() - started < 5  # pairwise would be 12.5 million comparisons


def test_window_links_copies_transitively_beyond_it():
    # Each text differs from its neighbour by one word at the end: neighbours are copies,
    # far ends are not, yet all are one cluster through the chain.
    words = TEXT.split()
    postings = [(f"p{i}", " ".join(words + [f"extra{j}" for j in range(i)])) for i in range(6)]
    assert set(group_copies(postings, window=1).values()) == {"p0"}
    assert group_copies(postings, window=1) == group_copies(postings)


def test_empty_texts_never_match():
    assert group_copies([("a", ""), ("b", ""), ("c", None)]) == {"a": None, "b": None, "c": None}
