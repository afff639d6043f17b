"""What one source's crawl knows about itself while it runs: its run row, failures, rejects.

The spider and the pipelines of one source share a `RunState` (it hangs on the spider as
`spider.state`). Counters live in the crawler's stats under `jobtrends/<counter>` so Scrapy's
own stats dump shows them too; the store pipeline copies them into crawl_runs at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from jobtrends.config import SourceConfig
from jobtrends.runs import COUNTERS

STAT_PREFIX = "jobtrends/"
MAX_MESSAGES = 3  # failures named in crawl_runs.message; the rest are counted


def run_clock() -> datetime:
    """Naive UTC with microseconds: a run's start must differ from the previous run's,
    because postings last seen before it are the ones a complete listing closes."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


@dataclass
class RunState:
    source: SourceConfig
    crawler: Any                                 # its stats are set only once the crawl starts
    started_at: datetime = field(default_factory=run_clock)
    run_id: int | None = None
    listing_read: bool = False                   # the spider reached the end of the listing
    pending: int = 0                             # tracked requests not yet answered
    failures: list[str] = field(default_factory=list)
    rejects: list[dict] = field(default_factory=list)   # not yet written to store.rejects
    rejected_ids: list[str] = field(default_factory=list)  # posting_ids of rejects, not yet touched
    unidentified_rejects: int = 0                # rejects without a posting_id: block closing
    result: dict | None = None                   # set by the store pipeline when the run ends

    @property
    def stats(self):
        return self.crawler.stats

    def count(self, counter: str, n: int = 1) -> None:
        self.stats.inc_value(STAT_PREFIX + counter, n)

    def counts(self) -> dict[str, int]:
        return {c: int(self.stats.get_value(STAT_PREFIX + c, 0)) for c in COUNTERS}

    def fail(self, message: str) -> None:
        """Something went wrong that makes this run's listing untrustworthy (no closing)."""
        self.failures.append(message)
        self.stats.inc_value(STAT_PREFIX + "errors")

    def reject(self, reason: str, url: str | None, payload: Any, posting_id: str | None = None) -> None:
        """Keep a bad item as a reject. With its posting_id the stored posting stays open (it
        is still listed); without one we cannot tell which posting it was, so nothing closes."""
        self.rejects.append({"reason": reason, "url": url, "payload": payload})
        if posting_id:
            self.rejected_ids.append(posting_id)
        else:
            self.unidentified_rejects += 1
        self.count("items_rejected")

    def take_rejects(self) -> tuple[list[dict], list[str]]:
        taken, ids = self.rejects, self.rejected_ids
        self.rejects, self.rejected_ids = [], []
        return taken, ids

    @property
    def complete(self) -> bool:
        """The whole listing was read: every tracked request answered, no failure."""
        return self.listing_read and self.pending == 0 and not self.failures

    def message(self) -> str | None:
        if not self.failures:
            return None
        shown = "; ".join(self.failures[:MAX_MESSAGES])
        more = len(self.failures) - MAX_MESSAGES
        return shown + (f" (and {more} more errors)" if more > 0 else "")
