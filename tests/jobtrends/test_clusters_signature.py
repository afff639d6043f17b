"""Signatures are stored (store.postings.cluster_signature): a faster signature() must give
exactly the values of the original formula, or new postings would stop matching stored ones."""

import random
import zlib

import numpy as np

from jobtrends import clusters
from jobtrends.clusters import signature

TEXTS = [
    "one", "two words", "Three words here", "Ship models to production, every week; measure twice.",
    "Über-fast café ML: naïve Bayes vs. transformers — 2024 edition " * 20, "x " * 700,
]


def original_signature(text):
    """The formula as first written (one shift a shingle, temporaries everywhere)."""
    words = np.array([clusters._word_hashes[w] for w in clusters._words(text)], dtype=np.uint64)
    if words.size == 0:
        return np.empty(0, dtype=np.uint32)
    width = min(clusters.SHINGLE_WORDS, words.size)
    count = words.size - width + 1
    with np.errstate(over="ignore"):
        hashed = sum(words[i:i + count] * clusters._WORD_MIX[i] for i in range(width))
        mixed = hashed[:, None] * clusters._MULTIPLIERS + clusters._OFFSETS
    return (mixed >> np.uint64(32)).min(axis=0).astype(np.uint32)


def test_signature_equals_the_original_formula():
    for text in TEXTS:
        assert np.array_equal(signature(text), original_signature(text)), text[:30]
        assert signature(text).dtype == np.uint32 and signature(text).size == clusters.SIGNATURE_SIZE


def test_signature_values_are_pinned():
    # crc32 word hashes and fixed seeds: the same values in every process and release (this
    # sum was computed by the code that wrote the first stored signatures).
    assert int(signature("Ship models to production").astype(np.uint64).sum()) == 99606871681


def test_ascii_fast_path_gives_the_words_and_hashes_of_the_regex():
    # word_hashes reads ASCII texts as bytes (translate + split), others by the `\w+` regex:
    # both must give crc32 of exactly _words(text), or stored signatures would stop matching.
    rng = random.Random(7)
    alphabet = [chr(c) for c in range(0, 128)] + ["é", "ß", "İ", "ﬁ", "٣", "\u00a0", "\u3000", "²"]
    texts = TEXTS + ["", None, "___ a_b __", "Tab\tand\nnew-line\r\x0bvt\x0cff", "ÀB cd", "İ K"]
    texts += ["".join(rng.choice(alphabet[:128]) for _ in range(rng.randint(0, 80))) for _ in range(300)]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))) for _ in range(300)]
    for text in texts:
        expected = np.array([zlib.crc32(w.encode()) for w in clusters._words(text)], dtype=np.uint64)
        assert np.array_equal(clusters.word_hashes(text), expected), repr(text)
        assert np.array_equal(signature(text), original_signature(text)), repr(text)
