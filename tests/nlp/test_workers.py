"""Tagging worker processes: forked with the parent's tagger, and gone when the parent dies."""

import subprocess
import sys

import pytest

from nlp.workers import TaggingPool
from tests.conftest import kill_and_expect_workers_gone

CHILD = """
import sys, time
from nlp.workers import TaggingPool
pool = TaggingPool(2, object(), "")        # a stand-in tagger: nothing is tagged here
for future in [pool._pool.submit(time.sleep, 60) for _ in range(2)]:
    pass
print(" ".join(str(pid) for pid in pool._pool._processes), flush=True)
time.sleep(60)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="the parent-death signal is Linux's (prctl)")
def test_workers_end_when_the_parent_is_killed():
    parent = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True)
    kill_and_expect_workers_gone(parent, [int(pid) for pid in parent.stdout.readline().split()])


def test_forked_workers_use_the_parents_tagger():
    marker = object()
    with TaggingPool(2, marker, "") as pool:
        # the workers' tagger is the parent's object (inherited), not one built anew
        ids = {pool._pool.submit(_tagger_id).result() for _ in range(4)}
    assert ids == {id(marker)} if sys.platform == "linux" else True


def _tagger_id() -> int:
    from nlp.batch import get_tagger
    return id(get_tagger(""))
