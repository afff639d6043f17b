"""What every pipeline shares: access to the crawler, its spider and the run's state."""

from __future__ import annotations

from typing import Self


class SourcePipeline:
    def __init__(self, crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler) -> Self:
        return cls(crawler)

    @property
    def spider(self):
        return self.crawler.spider

    @property
    def state(self):
        return self.crawler.spider.state
