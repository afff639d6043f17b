"""The JSON job the runner hands to the crawl child process, and the results it hands back."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from jobtrends.config import Config, CrawlConfig, ReportConfig, SourceConfig, TagConfig


def write_job(path: Path, config: Config, sources: list[SourceConfig], db_path: str,
              settings: dict[str, Any] | None, result_path: Path, quiet: bool) -> None:
    job = {
        "config": asdict(config),
        "sources": [asdict(s) for s in sources],
        "db": db_path,
        "settings": settings or {},
        "result_path": str(result_path),
        "quiet": quiet,
    }
    path.write_text(json.dumps(job, indent=2, default=str))


def read_job(path: Path) -> dict[str, Any]:
    """The job with `config` and `sources` turned back into their dataclasses."""
    job = json.loads(Path(path).read_text())
    job["config"] = config_from_dict(job["config"])
    job["sources"] = [SourceConfig(**s) for s in job["sources"]]
    return job


def config_from_dict(data: dict[str, Any]) -> Config:
    return Config(
        **{k: v for k, v in data.items() if k not in ("crawl", "tag", "report", "sources")},
        crawl=CrawlConfig(**data["crawl"]),
        tag=TagConfig(**data["tag"]),
        report=ReportConfig(**data["report"]),
        sources=[SourceConfig(**s) for s in data["sources"]],
    )
