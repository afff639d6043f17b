"""crawl --shard I/N: stable shares of the sources that cover each source exactly once."""

from collections import Counter

import pytest

from jobtrends.config import SourceConfig
from jobtrends.errors import ConfigError
from jobtrends.shard import Shard, parse_shard, select_shard, shard_of
from tests.conftest import run_jobtrends

KINDS = ("greenhouse", "lever", "ashby", "smartrecruiters")
SOURCES = [SourceConfig(kind=KINDS[i % 4], board=f"board{i:02d}") for i in range(20)]


@pytest.mark.parametrize("count", [1, 2, 3, 5, 7, 20])
def test_shards_cover_every_source_exactly_once(count):
    seen = Counter(s.source_name for i in range(1, count + 1) for s in select_shard(SOURCES, Shard(i, count)))
    assert set(seen) == {s.source_name for s in SOURCES}
    assert set(seen.values()) == {1}


def test_shards_are_stable_and_not_all_in_one():
    # sha256, not Python's salted hash(): the same split in every process and on every machine.
    assert shard_of("greenhouse:board00", 5) == shard_of("greenhouse:board00", 5)
    assert shard_of("greenhouse:acme", 1_000_003) == int.from_bytes(
        __import__("hashlib").sha256(b"greenhouse:acme").digest()[:8], "big") % 1_000_003 + 1
    sizes = [len(select_shard(SOURCES, Shard(i, 4))) for i in range(1, 5)]
    assert max(sizes) < len(SOURCES) and sum(sizes) == len(SOURCES)


def test_a_shard_keeps_the_configured_order_and_combines_with_named_sources():
    shard = Shard(2, 3)
    chosen = select_shard(SOURCES, shard)
    assert chosen == [s for s in SOURCES if shard_of(s.source_name, 3) == 2]
    named = SOURCES[:6]
    assert select_shard(named, shard) == [s for s in named if s in chosen]


@pytest.mark.parametrize("spec", ["", "3", "0/3", "4/3", "1/0", "a/b", "1/2/3", "-1/2"])
def test_a_bad_shard_is_refused(spec):
    with pytest.raises(ConfigError, match="--shard"):
        parse_shard(spec)


def test_parse_shard():
    assert parse_shard("2/8") == Shard(2, 8) and parse_shard(" 1 / 1 ").label == "shard-1-of-1"


def test_the_cli_refuses_a_bad_shard_before_crawling(tmp_path):
    (tmp_path / "jobtrends.toml").write_text('[[sources]]\nkind = "greenhouse"\nboard = "acme"\n')
    result = run_jobtrends("crawl", "--shard", "5/4", cwd=tmp_path, timeout=60)
    assert result.returncode == 2 and "--shard" in result.stderr
    assert not (tmp_path / "data" / "jobtrends.duckdb").exists()
