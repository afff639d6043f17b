"""Crawl partitioning: `jobtrends crawl --shard I/N` runs a stable 1/N share of the sources.

A source belongs to shard I of N when sha256(source name) mod N == I - 1. The hash is
sha256, not Python's hash() (salted per process), so every machine and every run agrees on
the split without talking to each other, and a source keeps its shard as long as N stays.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from .errors import ConfigError

_SPEC = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")


@dataclass(frozen=True)
class Shard:
    index: int   # 1-based
    count: int

    @property
    def label(self) -> str:
        """The shard in file names: shard-2-of-8."""
        return f"shard-{self.index}-of-{self.count}"

    def holds(self, source_name: str) -> bool:
        return shard_of(source_name, self.count) == self.index


def parse_shard(spec: str) -> Shard:
    """'2/8' -> Shard(2, 8); a clear error for anything else."""
    match = _SPEC.fullmatch(spec or "")
    if not match:
        raise ConfigError(f"--shard {spec!r} is not I/N (e.g. 2/8: the second of eight shares)")
    index, count = int(match[1]), int(match[2])
    if count < 1 or not 1 <= index <= count:
        raise ConfigError(f"--shard {spec!r}: I must be between 1 and N, and N at least 1")
    return Shard(index, count)


def shard_of(source_name: str, count: int) -> int:
    """The 1-based shard of `count` that holds the source."""
    digest = hashlib.sha256(source_name.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def select_shard(sources: list, shard: Shard | None) -> list:
    """The sources (SourceConfig) of the shard, in their configured order; all without one."""
    if shard is None:
        return list(sources)
    return [s for s in sources if shard.holds(s.source_name)]
