"""Retries with backoff that honour Retry-After (replaces Scrapy's RetryMiddleware).

A 429 or 5xx answer, or a timeout / dropped connection, is retried up to RETRY_TIMES. Before
each retry the request waits: the server's Retry-After (seconds or an HTTP date) when it sent
one, else JOBTRENDS_BACKOFF_BASE * 2**attempt seconds. A Retry-After longer than
JOBTRENDS_BACKOFF_MAX is not waited for: the request gives up at once and its source fails
with a message saying it was rate limited, rather than hanging a cron job for an hour.
The wait happens inside the download slot, so the host sees fewer requests while it recovers.
"""

from __future__ import annotations

from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.response import response_status_message
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.task import deferLater

DEFAULT_BACKOFF_BASE = 1.0   # seconds before the first retry when the server gives no Retry-After
DEFAULT_BACKOFF_MAX = 60.0   # longest wait we accept; a longer Retry-After gives up


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings):
        super().__init__(settings)
        self.backoff_base = settings.getfloat("JOBTRENDS_BACKOFF_BASE", DEFAULT_BACKOFF_BASE)
        self.backoff_max = settings.getfloat("JOBTRENDS_BACKOFF_MAX", DEFAULT_BACKOFF_MAX)

    async def process_response(self, request, response, spider=None):
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        attempt = request.meta.get("retry_times", 0)
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        if wait is None:
            wait = self.backoff(attempt)
        elif wait > self.backoff_max:
            request.meta["jobtrends_gave_up"] = f"Retry-After {wait:g}s exceeds the {self.backoff_max:g}s we wait"
            return response
        if attempt < request.meta.get("max_retry_times", self.max_retry_times):
            await sleep(wait)
        return self._retry(request, response_status_message(response.status)) or response

    async def process_exception(self, request, exception, spider=None):
        if request.meta.get("dont_retry") or not isinstance(exception, self.exceptions_to_retry):
            return None
        attempt = request.meta.get("retry_times", 0)
        if attempt < request.meta.get("max_retry_times", self.max_retry_times):
            await sleep(self.backoff(attempt))
        return self._retry(request, exception)

    def backoff(self, attempt: int) -> float:
        return min(self.backoff_base * 2 ** attempt, self.backoff_max)


async def sleep(seconds: float) -> None:
    from twisted.internet import reactor  # here, not at import: Scrapy installs its reactor first

    if seconds > 0:
        await maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date; None if absent or unreadable."""
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())
