"""Configuration: jobtrends.toml, JOBTRENDS_* environment variables and built-in defaults.

Precedence: command-line flag > JOBTRENDS_* environment variable > file > default. Every key
is a field of one of the dataclasses below (documented in jobtrends.example.toml and
docs/configuration.md); an unknown key or a wrong type is refused naming the file and key.
Environment variables exist for every scalar key: JOBTRENDS_<KEY> at the top level and
JOBTRENDS_<SECTION>_<KEY> inside a section (e.g. JOBTRENDS_REPORT_OUT).
"""

from __future__ import annotations

import os
import tomllib
import typing
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping

from .errors import ConfigError

DEFAULT_CONFIG_FILE = Path("jobtrends.toml")
SOURCE_KINDS = ("greenhouse", "lever", "ashby", "smartrecruiters", "jsonld", "hn")


@dataclass(frozen=True)
class SourceConfig:
    kind: str
    board: str | None = None
    name: str | None = None
    company: str | None = None
    industry: str | None = None
    base_url: str | None = None
    urls: list[str] = field(default_factory=list)
    follow: list[str] = field(default_factory=list)
    months: int = 6

    @property
    def source_name(self) -> str:
        """`name`, or `<kind>:<board>` ("jsonld:<host>", "hn") as interface.md says."""
        if self.name:
            return self.name
        if self.kind == "hn":
            return "hn"
        if self.kind == "jsonld":
            from urllib.parse import urlsplit

            return f"jsonld:{urlsplit(self.urls[0]).hostname}"
        return f"{self.kind}:{self.board}"

    @property
    def board_key(self) -> str:
        """What identifies the board in posting ids (the board token, host or `hn`)."""
        return self.board or self.source_name.split(":", 1)[-1]


@dataclass(frozen=True)
class CrawlConfig:
    http_cache: bool = False          # opt-in Scrapy HTTP cache, for development
    download_timeout: int = 30        # seconds per request
    max_download_mb: int = 20         # larger responses are dropped
    concurrency_per_domain: int = 2
    title_filter: list[str] = field(default_factory=list)  # extra title patterns kept (regex)


@dataclass(frozen=True)
class TagConfig:
    spacy_model: str = ""             # an installed trained pipeline (e.g. en_core_web_sm); "" = blank("en")
    batch_size: int = 500
    workers: int = 2                  # tagging processes; 1 = tag in the jobtrends process itself


@dataclass(frozen=True)
class ReportConfig:
    out: str = "reports/latest"
    role: str = "ml_engineer"
    min_industry_count: int = 5       # industries with fewer postings are grouped into "other"


@dataclass(frozen=True)
class RunConfig:
    log_dir: str = "logs"             # one log file per `jobtrends run`


@dataclass(frozen=True)
class TopicsConfig:
    topics: int = 0                   # topics per fit; 0 = chosen by coherence in min_topics..max_topics
    min_topics: int = 6
    max_topics: int = 20
    max_features: int = 20000         # vocabulary bound (unigrams + bigrams)
    fit_sample: int = 20000           # postings the model is fitted on; the rest are transformed
    refit_growth_percent: int = 25    # refit when the corpus grew by this much since the last fit
    emerging_similarity_percent: int = 20  # a topic whose top terms every theme's cues cover less than this is emerging
    min_support: int = 10             # postings a group, term or skill needs to be reported


@dataclass(frozen=True)
class Config:
    db: str = "data/jobtrends.duckdb"
    contact: str = ""                 # e-mail or URL for the crawler's User-Agent
    user_agent: str = ""              # overrides the default "jobtrends/<version> (+contact)"
    crawl: CrawlConfig = field(default_factory=CrawlConfig)
    tag: TagConfig = field(default_factory=TagConfig)
    report: ReportConfig = field(default_factory=ReportConfig)
    run: RunConfig = field(default_factory=RunConfig)
    topics: TopicsConfig = field(default_factory=TopicsConfig)
    sources: list[SourceConfig] = field(default_factory=list)
    path: str | None = None           # the file it was read from (not a key)

    def select_sources(self, names: list[str]) -> list[SourceConfig]:
        """The sources named (all when none); an unknown name is refused."""
        if not names:
            return list(self.sources)
        by_name = {s.source_name: s for s in self.sources}
        unknown = [n for n in names if n not in by_name]
        if unknown:
            known = ", ".join(sorted(by_name)) or "none configured"
            raise ConfigError(f"unknown source {', '.join(unknown)} (configured: {known})")
        return [by_name[n] for n in names]


SECTIONS = {"crawl": CrawlConfig, "tag": TagConfig, "report": ReportConfig, "run": RunConfig,
            "topics": TopicsConfig}


def load_config(
    path: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Config:
    """The configuration in force: file (if any) < environment < `overrides` (CLI flags).

    `path` None means ./jobtrends.toml when present; an explicit path must exist.
    `overrides` uses dotted keys ("db", "report.out"); None values are ignored.
    """
    environ = os.environ if environ is None else environ
    file = Path(path) if path is not None else (DEFAULT_CONFIG_FILE if DEFAULT_CONFIG_FILE.exists() else None)
    data: dict[str, Any] = {}
    if file is not None:
        data = _read_toml(file)
    where = str(file) if file else "built-in defaults"
    config = _build(Config, data, where, "")
    config = _apply_env(config, environ)
    for key, value in (overrides or {}).items():
        if value is not None:
            config = _set(config, key.split("."), value)
    return replace(config, path=str(file) if file else None)


def _read_toml(file: Path) -> dict[str, Any]:
    try:
        text = file.read_text()
    except FileNotFoundError:
        raise ConfigError(f"config file {file} does not exist") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{file}: not valid TOML: {error}") from None


def _build(cls, data: Mapping[str, Any], where: str, prefix: str):
    """Instantiate dataclass `cls` from a TOML table, refusing unknown keys and wrong types."""
    if not isinstance(data, Mapping):
        raise ConfigError(f"{where}: key '{prefix.rstrip('.')}' must be a table")
    hints = typing.get_type_hints(cls)
    known = {f.name for f in fields(cls) if f.name != "path"}
    for key in data:
        if key not in known:
            raise ConfigError(f"{where}: unknown key '{prefix}{key}' (known: {', '.join(sorted(known))})")
    values = {}
    for key, value in data.items():
        values[key] = _check(hints[key], value, where, prefix + key)
    try:
        built = cls(**values)
    except TypeError as error:
        raise ConfigError(f"{where}: table '{prefix.rstrip('.') or '(top level)'}': {error}") from None
    if cls is SourceConfig:
        _check_source(built, where, prefix)
    return built


def _check(hint, value, where: str, key: str):
    origin = typing.get_origin(hint)
    if hint in SECTIONS.values():
        return _build(hint, value, where, key + ".")
    if origin is list:
        (item,) = typing.get_args(hint)
        if not isinstance(value, list):
            raise ConfigError(f"{where}: key '{key}' must be a list, not {type(value).__name__}")
        if item is SourceConfig:
            return [_build(SourceConfig, v, where, f"{key}[{i}].") for i, v in enumerate(value)]
        return [_check(item, v, where, f"{key}[{i}]") for i, v in enumerate(value)]
    if origin in (typing.Union, getattr(__import__("types"), "UnionType")):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _check(options[0], value, where, key)
    expected = hint
    if expected is bool and not isinstance(value, bool) or expected is int and (
        not isinstance(value, int) or isinstance(value, bool)
    ) or expected is str and not isinstance(value, str):
        raise ConfigError(f"{where}: key '{key}' must be {expected.__name__}, not {type(value).__name__} ({value!r})")
    return value


def _check_source(source: SourceConfig, where: str, prefix: str) -> None:
    key = prefix.rstrip(".")
    if source.kind not in SOURCE_KINDS:
        raise ConfigError(f"{where}: key '{key}.kind' must be one of {', '.join(SOURCE_KINDS)}, not {source.kind!r}")
    if source.kind == "jsonld" and not source.urls:
        raise ConfigError(f"{where}: source '{key}' of kind jsonld needs 'urls'")
    if source.kind not in ("jsonld", "hn") and not source.board:
        raise ConfigError(f"{where}: source '{key}' of kind {source.kind} needs 'board'")


def _apply_env(config: Config, environ: Mapping[str, str]) -> Config:
    for dotted, hint in scalar_keys():
        name = env_var(dotted)
        if name in environ:
            config = _set(config, dotted.split("."), _parse_env(name, environ[name], hint))
    return config


def scalar_keys() -> list[tuple[str, type]]:
    """Every key settable by environment variable, dotted, with its type."""
    keys = []
    for cls, prefix in [(Config, "")] + [(c, s + ".") for s, c in SECTIONS.items()]:
        hints = typing.get_type_hints(cls)
        for f in fields(cls):
            hint = hints[f.name]
            if hint in (str, int, bool):
                keys.append((prefix + f.name, hint))
    return keys


def env_var(dotted_key: str) -> str:
    return "JOBTRENDS_" + dotted_key.replace(".", "_").upper()


def _parse_env(name: str, text: str, hint: type):
    if hint is bool:
        if text.lower() in ("1", "true", "yes", "on"):
            return True
        if text.lower() in ("0", "false", "no", "off", ""):
            return False
        raise ConfigError(f"environment variable {name} must be true or false, not {text!r}")
    if hint is int:
        try:
            return int(text)
        except ValueError:
            raise ConfigError(f"environment variable {name} must be a whole number, not {text!r}") from None
    return text


def _set(config, keys: list[str], value):
    head, *rest = keys
    if rest:
        return replace(config, **{head: _set(getattr(config, head), rest, value)})
    return replace(config, **{head: value})
