"""store: merge postings into DuckDB in short bursts and record the run.

DuckDB has one writer at a time, so the write lock is never held while crawling: records
are buffered and every JOBTRENDS_FLUSH_EVERY items (and at the end) the pipeline opens the
database, merges in one transaction, and closes it (docs/crawling.md). The run row is started
when the spider opens (after marking the rows of dead runs `aborted`) and finished when it
closes; postings a *complete* listing no longer has are closed then, in the same transaction
as the run's end. Never after a failure, an unidentified reject, for sources that are not
complete listings (JSON-LD sites), nor on the first empty listing of a board that had postings.
"""

from __future__ import annotations

from scrapy import signals

from crawl.items import PostingItem
from crawl.pipelines.base import SourcePipeline
from jobtrends.errors import JobtrendsError
from jobtrends.postings import close_unseen, merge_postings, touch_seen
from jobtrends.runs import add_rejects, finish_run, mark_dead_runs, start_run
from jobtrends.store import scalar, transaction, utcnow, writing

RECORD_KEYS = tuple(PostingItem.fields)
EMPTY_LISTING = ("the listing was empty: nothing closed until the next complete run confirms "
                 "the board has no postings")


class StorePipeline(SourcePipeline):
    def __init__(self, crawler) -> None:
        super().__init__(crawler)
        self.db = crawler.settings.get("JOBTRENDS_DB")
        self.flush_every = crawler.settings.getint("JOBTRENDS_FLUSH_EVERY", 200)
        self.buffer: list[dict] = []
        crawler.signals.connect(self.item_failed, signal=signals.item_error)

    def open_spider(self):
        state = self.state
        with writing(self.db) as con, transaction(con):
            mark_dead_runs(con)
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
        self.state.reject(f"processing error: {failure.value!r}", item.get("url"), dict(item), item.get("posting_id"))

    def flush(self) -> None:
        """Merge the buffered records (which clusters copies), write pending rejects; all stay buffered on error."""
        state = self.state
        records = self.buffer
        if not records and not state.rejects and not state.rejected_ids:
            return
        with writing(self.db) as con, transaction(con):  # all of it lands, or none of it
            counts = merge_postings(con, records, seen_at=state.started_at)
            touch_seen(con, state.rejected_ids, state.started_at)
            add_rejects(con, state.run_id, state.source.source_name, state.rejects)
        self.buffer = []
        state.take_rejects()
        state.count("items_new", counts.new)
        state.count("items_updated", counts.updated)
        state.count("items_reopened", counts.reopened)
        state.count("items_stored", len(records))

    def close_spider(self):
        state = self.state
        self.flush()
        complete = state.complete and self.spider.complete_listing
        status = run_status(state, stored=int(state.stats.get_value("jobtrends/items_stored", 0)))
        notes = []
        with writing(self.db) as con, transaction(con):
            if complete and not state.unidentified_rejects:
                if state.counts()["items_seen"] == 0 and not confirmed_empty(con, state):
                    if has_open_postings(con, state):
                        notes.append(EMPTY_LISTING)
                else:
                    closed = close_unseen(con, state.source.source_name, since=state.started_at, closed_at=utcnow())
                    state.count("items_closed", closed)
            message = "; ".join(filter(None, [state.message(), *notes])) or None
            counts = state.counts()
            finish_run(con, state.run_id, status, counts, complete=complete, message=message)
        state.result = {"source": state.source.source_name, "run_id": state.run_id, "status": status,
                        "counts": counts, "message": message}


def run_status(state, stored: int) -> str:
    """ok; partial when something failed but postings were stored; failed when nothing was."""
    if not state.failures:
        return "ok"
    return "partial" if stored else "failed"


def has_open_postings(con, state) -> bool:
    return bool(scalar(con, "SELECT count(*) FROM store.postings WHERE source = ? AND closed_at IS NULL",
                       [state.source.source_name]))


def confirmed_empty(con, state) -> bool:
    """The previous finished run of this source also read a complete, empty listing: the board
    really is empty (an API glitch answering `[]` once must not close every posting)."""
    previous = con.execute(
        "SELECT complete, items_seen FROM store.crawl_runs WHERE source = ? AND run_id < ? "
        "AND status <> 'running' ORDER BY run_id DESC LIMIT 1",
        [state.source.source_name, state.run_id],
    ).fetchall()
    return bool(previous) and previous[0][0] is True and previous[0][1] == 0
