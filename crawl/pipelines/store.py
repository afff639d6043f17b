"""store: merge postings into DuckDB in short bursts and record the run.

DuckDB has one writer at a time, so the write lock is never held while crawling: records
are buffered and every JOBTRENDS_FLUSH_EVERY items (and at the end) the pipeline opens the
database, merges, and closes it. The run row is started when the spider opens and finished
when it closes; postings a *complete* listing no longer has are closed then (never after a
failure, a reject, or for sources that are not complete listings such as JSON-LD sites).
"""

from __future__ import annotations

from scrapy import signals

from crawl.items import PostingItem
from crawl.pipelines.base import SourcePipeline
from jobtrends.errors import JobtrendsError
from jobtrends.postings import close_unseen, merge_postings
from jobtrends.runs import add_rejects, finish_run, start_run
from jobtrends.store import transaction, utcnow, writing

RECORD_KEYS = tuple(PostingItem.fields)


class StorePipeline(SourcePipeline):
    def __init__(self, crawler) -> None:
        super().__init__(crawler)
        self.db = crawler.settings.get("JOBTRENDS_DB")
        self.flush_every = crawler.settings.getint("JOBTRENDS_FLUSH_EVERY", 200)
        self.buffer: list[dict] = []
        crawler.signals.connect(self.item_failed, signal=signals.item_error)

    def open_spider(self):
        state = self.state
        with writing(self.db) as con:
            state.run_id = start_run(con, state.source.source_name, state.source.kind, state.started_at)

    def process_item(self, item):
        self.buffer.append({key: item.get(key) for key in RECORD_KEYS})
        if len(self.buffer) >= self.flush_every:
            try:
                self.flush()
            except JobtrendsError as error:  # e.g. the database is busy: keep buffering, retry later
                self.crawler.spider.logger.warning("cannot store yet: %s", error)
        return item

    def item_failed(self, item, response, spider, failure):
        """A pipeline raised: the item is kept as a reject and the listing is not trusted."""
        self.state.fail(f"item processing error: {failure.value!r}")
        self.state.reject(f"processing error: {failure.value!r}", item.get("url"), dict(item))

    def flush(self) -> None:
        """Merge the buffered records and write pending rejects; both stay buffered on error."""
        records, rejects = self.buffer, self.state.rejects
        if not records and not rejects:
            return
        with writing(self.db) as con, transaction(con):  # postings and rejects land together
            counts = merge_postings(con, records, seen_at=self.state.started_at)
            add_rejects(con, self.state.run_id, self.state.source.source_name, rejects)
        self.buffer = []
        self.state.take_rejects()
        self.state.count("items_new", counts.new)
        self.state.count("items_updated", counts.updated)
        self.state.count("items_stored", len(records))

    def close_spider(self):
        state = self.state
        self.flush()
        complete = state.complete and self.spider.complete_listing
        counts = state.counts()
        status = run_status(state, stored=int(state.stats.get_value("jobtrends/items_stored", 0)))
        with writing(self.db) as con:
            if complete and not counts["items_rejected"]:
                counts["items_closed"] = close_unseen(con, state.source.source_name, since=state.started_at,
                                                      closed_at=utcnow())
                state.count("items_closed", counts["items_closed"])
            finish_run(con, state.run_id, status, counts, complete=complete, message=state.message())
        state.result = {"source": state.source.source_name, "run_id": state.run_id, "status": status,
                        "counts": counts, "message": state.message()}


def run_status(state, stored: int) -> str:
    """ok; partial when something failed but postings were stored; failed when nothing was."""
    if not state.failures:
        return "ok"
    return "partial" if stored else "failed"
