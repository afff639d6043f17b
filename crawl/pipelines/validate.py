"""validate: an item lacking source_id, title or description becomes a reject with a reason.

A reject is not an error of the crawl: it is written to store.rejects with the item as its
payload (nothing is lost), counted as items_rejected, and the crawl goes on.
"""

from __future__ import annotations

from scrapy.exceptions import DropItem

from crawl.pipelines.base import SourcePipeline

REQUIRED = ("source_id", "title", "description")


class ValidatePipeline(SourcePipeline):
    def process_item(self, item):
        missing = [key for key in REQUIRED if not str(item.get(key) or "").strip()]
        if not missing:
            return item
        reason = "missing " + ", ".join(missing)
        self.state.reject(reason, item.get("url"), reject_payload(item), item.get("posting_id"))
        raise DropItem(reason, log_level="DEBUG")


def reject_payload(item) -> dict:
    """The item as received from the source (raw) plus what the spider read from it."""
    return {key: value for key, value in dict(item).items() if value is not None}
