"""The shared base of all spiders: a spider is mostly class attributes plus a parse method.

A subclass sets `kind`, `api_root` (the public scheme+host, replaced by SourceConfig.base_url)
and `complete_listing` (whether reading it to the end proves a missing posting has closed),
and implements `start_urls_for()` and the callbacks it names. Requests made through
`self.request()` are tracked so the run knows whether the listing was read completely, and
an error in a callback or download becomes a failure of this source only, not of the crawl.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar, Iterator
from urllib.parse import urlsplit, urlunsplit

import scrapy
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.exceptions import DownloadFailedError, DownloadTimeoutError, ResponseDataLossError
from twisted.internet.error import ConnectionDone, ConnectionLost, TimeoutError
from twisted.python.failure import Failure

from crawl.items import PostingItem
from crawl.state import RunState
from jobtrends.config import SourceConfig
from jobtrends.postings import make_posting_id


class SourceSpider(scrapy.Spider):
    name = "source"
    kind: ClassVar[str] = ""
    api_root: ClassVar[str] = ""            # e.g. "https://boards-api.greenhouse.io"
    complete_listing: ClassVar[bool] = True  # False: never close postings it did not see
    not_found: ClassVar[str] = "board not found: check the board name, or remove the source if the employer left this ATS"
    # JSON APIs serve no robots.txt; HTML spiders turn it back on.
    custom_settings: ClassVar[dict] = {"ROBOTSTXT_OBEY": False}

    def __init__(self, source: SourceConfig, **kwargs: Any):
        super().__init__(name=source.source_name, **kwargs)
        self.source = source

    def _set_crawler(self, crawler) -> None:
        super()._set_crawler(crawler)
        self.state = RunState(source=self.source, crawler=crawler)

    # --- URLs -------------------------------------------------------------------------

    def api_url(self, path: str) -> str:
        """`api_root` + path, with scheme and host replaced by `base_url` when configured."""
        return rebase(self.api_root.rstrip("/") + path, self.source.base_url)

    def setting_int(self, name: str, default: int) -> int:
        return self.settings.getint(name, default)

    # --- requests ---------------------------------------------------------------------

    async def start(self):
        for request in self.first_requests():
            yield request

    def first_requests(self) -> Iterator[scrapy.Request]:
        raise NotImplementedError

    def request(self, url: str, handler, **cb_kwargs: Any) -> scrapy.Request:
        """A tracked request: its answer (or error) is counted, so a crawl cut short is seen
        as incomplete. dont_filter: API URLs are unique by design, and a request silently
        dropped as a duplicate would never be answered."""
        self.state.pending += 1
        return scrapy.Request(
            url,
            callback=self._answered,
            errback=self._errored,
            cb_kwargs={"handler": handler.__name__, **cb_kwargs},
            dont_filter=True,
        )

    def _answered(self, response: Response, handler: str, **cb_kwargs: Any):
        self.state.pending -= 1
        try:
            yield from getattr(self, handler)(response, **cb_kwargs) or ()
        except Exception as error:  # a response of an unexpected shape fails this source only
            self.logger.exception("cannot read %s", response.url)
            self.state.fail(f"cannot read {response.url}: {type(error).__name__}: {error}")

    def _errored(self, failure: Failure):
        request = failure.request
        self.state.pending -= 1
        self.state.fail(describe_failure(failure, request.url, self.not_found))

    # --- reading ----------------------------------------------------------------------

    def read_json(self, response: Response) -> Any | None:
        """The response's JSON, or None after recording a failure naming the URL."""
        try:
            return json.loads(response.text)
        except (ValueError, AttributeError) as error:
            self.state.fail(f"malformed JSON from {response.url}: {error}")
            return None

    def posting(self, source_id: Any, raw: Any, **fields: Any) -> PostingItem:
        """An item with identity, provenance and configured defaults filled in."""
        sid = None if source_id in (None, "") else str(source_id)
        item = PostingItem(
            posting_id=make_posting_id(self.kind, self.source.board_key, sid) if sid else None,
            source=self.source.source_name,
            source_kind=self.kind,
            source_id=sid,
            config_industry=self.source.industry,
            raw=raw,
        )
        for key, value in fields.items():
            if value not in (None, "", [], {}):
                item[key] = value
        if not item.get("company") and self.source.company:
            item["company"] = self.source.company
        self.state.count("items_seen")
        return item


def rebase(url: str, base_url: str | None) -> str:
    """`url` with scheme and host (and any path prefix) taken from `base_url`."""
    if not base_url:
        return url
    base = urlsplit(base_url)
    parts = urlsplit(url)
    path = base.path.rstrip("/") + parts.path
    return urlunsplit((base.scheme, base.netloc, path, parts.query, parts.fragment))


def describe_failure(failure: Failure, url: str, not_found: str = "not found") -> str:
    """One line naming the URL and what went wrong, in words a user can act on."""
    request = getattr(failure, "request", None)
    meta = request.meta if request is not None else {}
    retries = meta.get("retry_times", 0)
    after = f" after {retries} {'retry' if retries == 1 else 'retries'}" if retries else ""
    if failure.check(HttpError):
        status = failure.value.response.status
        if status == 404:
            return f"HTTP 404 from {url}: {not_found}"
        if status == 429:
            why = meta.get("jobtrends_gave_up") or f"gave up{after or ' without retrying'}"
            return f"HTTP 429 from {url}: rate limited by the server ({why})"
        return f"HTTP {status} from {url}{after}"
    error = failure.value
    if failure.check(DownloadTimeoutError, TimeoutError):
        return f"timed out after {meta.get('download_timeout', '?')}s waiting for {url}{after}"
    if failure.check(ResponseDataLossError, DownloadFailedError, ConnectionDone, ConnectionLost):
        return f"connection broken or response truncated from {url}{after}: {error}"
    return f"{type(error).__name__} for {url}{after}: {error}".rstrip(": ")


def first(value: Any) -> Any:
    """The first element of a list, or the value itself."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def dig(obj: Any, *path: str) -> Any:
    """obj[path[0]][path[1]]..., None where anything is missing or not a dict."""
    for key in path:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj
