"""Scrapy settings for a jobtrends crawl, built from the jobtrends configuration.

Politeness defaults: robots.txt obeyed (the JSON-API spiders turn it off: those hosts serve
none), AutoThrottle on, a small per-domain concurrency from crawl.concurrency_per_domain,
retries on 429, 5xx and timeouts with backoff honouring Retry-After (crawl.middlewares),
bounded timeouts and response sizes. Callers (tests, the demo's loopback server) pass overrides, e.g. {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0}.
Settings of our own are prefixed JOBTRENDS_.
"""

from __future__ import annotations

from typing import Any

from jobtrends import __version__
from jobtrends.config import Config

PIPELINES = {
    "crawl.pipelines.clean.CleanPipeline": 100,
    "crawl.pipelines.normalise.NormalisePipeline": 200,
    "crawl.pipelines.relevance.RelevancePipeline": 300,
    "crawl.pipelines.validate.ValidatePipeline": 400,
    "crawl.pipelines.store.StorePipeline": 500,
}
FLUSH_EVERY = 200  # postings merged per short write transaction


def user_agent(config: Config) -> str:
    if config.user_agent:
        return config.user_agent
    contact = f" (+{config.contact})" if config.contact else ""
    return f"jobtrends/{__version__}{contact}"


def build_settings(config: Config, db_path: str, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    crawl = config.crawl
    settings: dict[str, Any] = {
        "BOT_NAME": "jobtrends",
        "USER_AGENT": user_agent(config),
        "ROBOTSTXT_OBEY": True,
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": 1.0,
        "AUTOTHROTTLE_MAX_DELAY": 30.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "DOWNLOAD_DELAY": 0.5,
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": crawl.concurrency_per_domain,
        "RETRY_ENABLED": True,
        "RETRY_TIMES": 3,
        "RETRY_HTTP_CODES": [429, 500, 502, 503, 504, 522, 524, 408],
        "DOWNLOADER_MIDDLEWARES": {  # retries that wait (Retry-After, else exponential backoff)
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            "crawl.middlewares.BackoffRetryMiddleware": 550,
        },
        "JOBTRENDS_BACKOFF_BASE": 1.0,
        "JOBTRENDS_BACKOFF_MAX": 60.0,
        "DOWNLOAD_TIMEOUT": crawl.download_timeout,
        "DOWNLOAD_MAXSIZE": crawl.max_download_mb * 1024 * 1024,
        "DOWNLOAD_WARNSIZE": min(crawl.max_download_mb, 5) * 1024 * 1024,
        "HTTPCACHE_ENABLED": crawl.http_cache,
        "HTTPCACHE_DIR": "httpcache",
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        "ITEM_PIPELINES": dict(PIPELINES),
        "JOBTRENDS_DB": db_path,
        "JOBTRENDS_TITLE_FILTER": list(crawl.title_filter),
        "JOBTRENDS_KEEP_ALL_TITLES": False,
        "JOBTRENDS_FLUSH_EVERY": FLUSH_EVERY,
    }
    settings.update(overrides or {})
    return settings
