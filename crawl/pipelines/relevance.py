"""relevance: keep machine-learning, AI and data roles; drop the rest as skipped (not rejected).

A title is kept when it matches any default pattern or any crawl.title_filter pattern from
the configuration (JOBTRENDS_TITLE_FILTER). JOBTRENDS_KEEP_ALL_TITLES turns the filter off.
Items without a title pass through: validate rejects them with a reason.
"""

from __future__ import annotations

import re

from scrapy.exceptions import DropItem

from crawl.pipelines.base import SourcePipeline

DEFAULT_TITLE_PATTERNS = (
    r"machine[- ]?learning", r"\bml\b", r"\bmlops\b", r"\bml ?ops\b", r"\bai\b", r"\ba\.i\.",
    r"artificial intelligence", r"deep[- ]learning", r"\bnlp\b", r"natural language",
    r"computer vision", r"\bllms?\b", r"\bgen ?ai\b", r"generative", r"data scien",
    r"data engineer", r"analytics engineer", r"data analy", r"applied scien", r"research scien",
    r"research engineer", r"\bperception\b", r"recommend", r"\bstatistic", r"quantitative research",
    r"\bdata platform", r"\bbig data\b",
)


def title_matcher(extra_patterns: list[str]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in (*DEFAULT_TITLE_PATTERNS, *extra_patterns)), re.I)


class RelevancePipeline(SourcePipeline):
    def __init__(self, crawler) -> None:
        super().__init__(crawler)
        self.keep_all = crawler.settings.getbool("JOBTRENDS_KEEP_ALL_TITLES")
        self.matcher = title_matcher(crawler.settings.getlist("JOBTRENDS_TITLE_FILTER"))

    def process_item(self, item):
        title = item.get("title")
        if self.keep_all or not title or self.matcher.search(title):
            return item
        self.state.count("items_skipped")
        raise DropItem(f"title not in scope: {title!r}", log_level="DEBUG")
