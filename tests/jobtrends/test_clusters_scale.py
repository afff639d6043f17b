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


# --- signatures and incremental clustering in the store ----------------------------------

import numpy as np  # noqa: E402

from jobtrends.clusters import estimated_jaccard, jaccard, shingles, signature  # noqa: E402
from jobtrends.postings import merge_postings  # noqa: E402
from jobtrends.store import utcnow, writing  # noqa: E402

BASE = ("Our team designs streaming services for grocery logistics and measures every release "
        "against clear service goals while mentoring new colleagues in code review and testing")


def record(pid: str, description: str, company: str = "Fieldstone Labs", title: str = "Data Engineer") -> dict:
    return {"posting_id": pid, "source": "test", "source_kind": "import", "source_id": pid,
            "title": title, "company": company, "description": description}


def clusters(con) -> dict:
    return dict(con.execute("SELECT posting_id, cluster_id FROM store.postings").fetchall())


def test_signature_estimate_is_close_to_the_exact_jaccard():
    words = BASE.split()
    for cut in (0, 1, 3, 6, 10):
        other = " ".join(words[:len(words) - cut] + [f"tail{i}" for i in range(cut)])
        exact = jaccard(shingles(BASE), shingles(other))
        assert abs(estimated_jaccard(signature(BASE), signature(other)) - exact) < 0.2, cut
    assert estimated_jaccard(signature(BASE), signature(BASE)) == 1.0
    assert signature("").size == 0 and estimated_jaccard(signature(""), signature(BASE)) == 0.0
    assert signature(BASE).dtype == np.uint32 and np.array_equal(signature(BASE), signature(BASE.upper()))


def test_new_copies_are_matched_by_stored_signatures_not_stored_text(tmp_path):
    with writing(tmp_path / "db.duckdb") as con:
        merge_postings(con, [record("b", BASE), record("z", "an unrelated text about something else")], utcnow())
        # Blank the stored text: clustering must not need it any more.
        con.execute("UPDATE store.postings SET description = ''")
        merge_postings(con, [record("c", BASE + " apply soon")], utcnow())
        assert clusters(con) == {"b": "b", "c": "b", "z": None}
        merge_postings(con, [record("a", BASE)], utcnow())  # a smaller id becomes the cluster id
        assert clusters(con) == {"a": "a", "b": "a", "c": "a", "z": None}


def test_a_changed_bridge_posting_splits_its_cluster(tmp_path):
    # left ~ bridge (Jaccard 0.77) and bridge ~ right (0.77), but left and right only 0.59.
    words = BASE.split()
    left = " ".join(words[:-3] + ["left0", "left1", "left2"])
    bridge = BASE
    right = " ".join(["right0", "right1", "right2"] + words[3:])
    with writing(tmp_path / "db.duckdb") as con:
        merge_postings(con, [record("a", left), record("b", bridge), record("c", right)], utcnow())
        assert clusters(con) == {"a": "a", "b": "a", "c": "a"}
        merge_postings(con, [record("b", "rewritten entirely: a research post on causal inference")], utcnow())
        assert clusters(con) == {"a": None, "b": None, "c": None}


def test_postings_stored_before_signatures_get_one_when_their_group_is_clustered(tmp_path):
    with writing(tmp_path / "db.duckdb") as con:
        merge_postings(con, [record("b", BASE), record("q", BASE, title="Analyst")], utcnow())
        con.execute("UPDATE store.postings SET cluster_signature = NULL")  # as after migration 0005
        merge_postings(con, [record("c", BASE)], utcnow())
        assert clusters(con) == {"b": "b", "c": "b", "q": None}
        missing = con.execute("SELECT posting_id FROM store.postings WHERE cluster_signature IS NULL").fetchall()
        assert missing == [("q",)]  # only the touched group was filled
        merge_postings(con, [record("c", BASE)], utcnow())  # unchanged: keeps its signature
        assert con.execute("SELECT len(cluster_signature) FROM store.postings WHERE posting_id = 'c'").fetchall() == [(64,)]
