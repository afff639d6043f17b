"""`python -m crawl JOB.json`: one Scrapy process running one spider per source.

Scrapy's reactor starts once per process, so crawl.runner.run_crawl starts this module as a
child process for every crawl. Each source is its own crawler (own stats, own run row); an
error in one is recorded for it and the others go on. Results go to the job's result_path
as JSON; the exit code is 0 when every source ended ok without rejects, else 1.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from scrapy import signals
from scrapy.crawler import CrawlerProcess

from crawl.job import read_job
from crawl.settings import build_settings
from crawl.spiders import SPIDERS


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m crawl JOB.json (made by crawl.runner.run_crawl)", file=sys.stderr)
        return 2
    job = read_job(Path(argv[1]))
    settings = build_settings(job["config"], job["db"], job["settings"])
    if job["quiet"]:
        settings["LOG_LEVEL"] = "ERROR"
    process = CrawlerProcess(settings)
    crashes: dict[str, str] = {}
    crawlers = []
    for source in job["sources"]:
        crawler = process.create_crawler(SPIDERS[source.kind])
        if not job["quiet"]:
            crawler.signals.connect(print_progress, signal=signals.spider_closed)
        deferred = process.crawl(crawler, source=source)
        deferred.addErrback(lambda failure, name=source.source_name: crashes.setdefault(
            name, f"crawler error: {failure.value!r}"))
        crawlers.append((source, crawler))
    process.start()
    results = [source_result(source, crawler, crashes) for source, crawler in crawlers]
    Path(job["result_path"]).write_text(json.dumps(results, indent=2))
    return 0 if all(ok(r) for r in results) else 1


def source_result(source, crawler, crashes: dict[str, str]) -> dict:
    state = getattr(crawler.spider, "state", None) if crawler.spider else None
    if state is not None and state.result is not None and source.source_name not in crashes:
        return state.result
    message = crashes.get(source.source_name) or "the crawl of this source ended without recording a result"
    return {"source": source.source_name, "run_id": getattr(state, "run_id", None), "status": "failed",
            "counts": state.counts() if state else {}, "message": message}


def ok(result: dict) -> bool:
    return result["status"] == "ok" and not result["counts"].get("items_rejected")


def print_progress(spider) -> None:
    result = spider.state.result
    if result is None:
        return
    counts = result["counts"]
    line = (f"crawl {result['source']}: {result['status']}, {counts['items_seen']} seen, "
            f"{counts['items_new']} new, {counts['items_updated']} updated, {counts['items_closed']} closed, "
            f"{counts['items_skipped']} skipped, {counts['items_rejected']} rejected")
    if result["message"]:
        line += f" ({result['message']})"
    print(line, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
