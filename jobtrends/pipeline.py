"""`jobtrends run`: crawl, tag, topics when due, and report in one go, for cron and systemd timers.

One run at a time (jobtrends.runlock). Each stage's outcome is recorded; a stage that fails
stops the later ones, and the summary says which failed and why. Everything is also logged
to a file per run under `run.log_dir`, including the crawler's own log.
"""

from __future__ import annotations

import logging
import os
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .config import Config
from .runlock import acquire
from .store import utcnow

log = logging.getLogger("jobtrends.run")


@dataclass
class StageResult:
    stage: str
    status: str          # ok | partial (ran, something failed, the rest kept) | failed | skipped | not run
    seconds: float = 0.0
    detail: str = ""


@dataclass
class RunSummary:
    stages: list[StageResult] = field(default_factory=list)
    log_file: Path | None = None
    took_over_from: dict | None = None

    @property
    def exit_code(self) -> int:
        return 0 if all(s.status in ("ok", "skipped") for s in self.stages) else 1  # "not run" follows a failure

    @property
    def failed_stage(self) -> StageResult | None:
        return next((s for s in self.stages if s.status == "failed"), None)


def run_pipeline(config: Config, *, quiet: bool = False) -> RunSummary:
    """Run the stages under the run lock; RunLocked (exit 75) if another run holds it."""
    db = Path(config.db)
    lock = acquire(db)
    summary = RunSummary(took_over_from=lock.stale_holder)
    handler = _open_log(config, summary)
    try:
        if lock.stale_holder:
            log.warning("previous run (pid %s, started %s) ended without releasing the lock; taking over",
                        lock.stale_holder.get("pid"), lock.stale_holder.get("started_at"))
        for name, stage in _stages(config, summary.log_file, quiet):
            if summary.failed_stage:
                summary.stages.append(StageResult(name, "not run", detail=f"stage {summary.failed_stage.stage} failed"))
                continue
            summary.stages.append(_run_stage(name, stage))
    finally:
        logging.getLogger("jobtrends").removeHandler(handler)
        handler.close()
        lock.release()
    return summary


def _open_log(config: Config, summary: RunSummary) -> logging.Handler:
    folder = Path(config.run.log_dir)
    folder.mkdir(parents=True, exist_ok=True)
    summary.log_file = folder / f"run-{utcnow():%Y%m%dT%H%M%S}-{os.getpid()}.log"
    handler = logging.FileHandler(summary.log_file, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("jobtrends")
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return handler


def _stages(config: Config, log_file: Path, quiet: bool) -> list[tuple[str, Callable[[], StageResult]]]:
    def crawl() -> StageResult:
        if not config.sources:
            return StageResult("crawl", "skipped", detail="no sources configured")
        from crawl.runner import run_crawl

        result = run_crawl(config, config.sources, config.db, quiet=True,
                           settings={"LOG_FILE": str(log_file), "LOG_FILE_APPEND": True, "LOG_LEVEL": "INFO"})
        problems = [f"{r.name}: {r.status}" + (f" ({r.message})" if r.message else "")
                    for r in result.per_source if not (r.status == "ok" and not r.counts.get("items_rejected"))]
        new = sum(r.counts.get("items_new", 0) for r in result.per_source)
        detail = f"{len(result.per_source)} sources, {new} new postings"
        if problems:
            return StageResult("crawl", "partial", detail=detail + "; problems: " + "; ".join(problems))
        return StageResult("crawl", "ok", detail=detail)

    def tag() -> StageResult:
        from nlp.stage import run_tag

        summary = run_tag(config.db, config, progress=not quiet)
        return StageResult("tag", "ok", detail=f"{summary.tagged} tagged, {summary.skipped} already current")

    def topics() -> StageResult:
        due, why = topics_due(config.db)
        if not due:
            return StageResult("topics", "skipped", detail=why)
        from nlp.topics.model import TopicModelError
        from nlp.topics.stage import run_topics

        try:
            summary = run_topics(config.db, config)
        except TopicModelError as error:  # e.g. too few postings yet: nothing to discover
            return StageResult("topics", "skipped", detail=str(error))
        return StageResult("topics", "ok", detail=f"{why}; {summary.reason}")

    def report() -> StageResult:
        from analysis.report import build_report

        result = build_report(config.db, config.report.out, role=config.report.role,
                              min_industry_count=config.report.min_industry_count)
        return StageResult("report", "ok", detail=str(result.index_path))

    return [("crawl", crawl), ("tag", tag), ("topics", topics), ("report", report)]


def topics_due(db_path: str) -> tuple[bool, str]:
    """Topics are due when postings arrived since the latest topic run (or there is none).
    `jobtrends topics` itself decides between transforming them and refitting."""
    from .store import reading, scalar

    with reading(db_path) as con:
        postings = scalar(con, "SELECT count(*) FROM postings_unique")
        covered = scalar(con, "SELECT max_by(n_postings, run_id) FROM topic_runs")
    if not postings:
        return False, "no postings"
    if covered is None:
        return True, "no topic run yet"
    if postings > covered:
        return True, f"{postings - covered} postings since the latest topic run"
    return False, "no new postings since the latest topic run"


def _run_stage(name: str, stage: Callable[[], StageResult]) -> StageResult:
    log.info("stage %s: start", name)
    started = time.monotonic()
    try:
        result = stage()
    except Exception as error:  # a failing stage stops the run; say which and why
        log.error("stage %s failed: %s\n%s", name, error, traceback.format_exc())
        result = StageResult(name, "failed", detail=f"{type(error).__name__}: {error}")
    result.seconds = time.monotonic() - started
    log.info("stage %s: %s in %.1fs %s", name, result.status, result.seconds, result.detail)
    return result
