"""The small pure functions behind spiders and pipelines, without a crawl."""

from __future__ import annotations

from datetime import datetime

import pytest

from crawl.items import PostingItem
from crawl.pipelines.clean import clean_inline
from jobtrends.text import html_to_text
from crawl.pipelines.normalise import amount, currency, employment_type, period, remote_kind, to_utc
from crawl.pipelines.relevance import title_matcher
from crawl.runner import SourceResult, collect
from crawl.settings import build_settings, user_agent
from crawl.spiders import SPIDERS
from crawl.spiders.base import rebase
from crawl.spiders.hn import parse_first_line
from crawl.spiders.jsonld import find_job_postings, posting_identifier
from jobtrends.config import Config, CrawlConfig, SOURCE_KINDS, SourceConfig
from jobtrends.postings import RECORD_FIELDS


def test_item_fields_are_the_record_fields():
    assert set(PostingItem.fields) == set(RECORD_FIELDS) - {"content_hash", "dedup_key"}


def test_one_spider_per_kind():
    assert set(SPIDERS) == set(SOURCE_KINDS)
    assert [k for k, cls in SPIDERS.items() if not cls.complete_listing] == ["jsonld"]


def test_rebase_replaces_scheme_and_host():
    url = "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true"
    assert rebase(url, "http://127.0.0.1:8080") == "http://127.0.0.1:8080/v1/boards/acme/jobs?content=true"
    assert rebase(url, "http://mirror.example/gh/") == "http://mirror.example/gh/v1/boards/acme/jobs?content=true"
    assert rebase(url, None) == url


@pytest.mark.parametrize("value, expected", [
    ("2024-03-01T09:00:00-05:00", datetime(2024, 3, 1, 14, 0)),
    ("2024-03-01T09:00:00Z", datetime(2024, 3, 1, 9, 0)),
    ("2024-03-01T09:00:00.000+00:00", datetime(2024, 3, 1, 9, 0)),
    ("2024-03-01", datetime(2024, 3, 1)),
    (1709287200000, datetime(2024, 3, 1, 10, 0)),
    (1709287200, datetime(2024, 3, 1, 10, 0)),
    ("1709287200", datetime(2024, 3, 1, 10, 0)),
    ("last Tuesday", None),
])
def test_dates_become_naive_utc(value, expected):
    assert to_utc(value) == expected


@pytest.mark.parametrize("hint, location, expected", [
    ("TELECOMMUTE", None, "remote"), (True, None, "remote"), ("OnSite", None, "onsite"),
    ("Hybrid", None, "hybrid"), (None, "Berlin (Hybrid)", "hybrid"), (None, "Remote - US", "remote"),
    (None, "Boston, MA", None), ("unspecified", "Paris", None),
])
def test_remote_kind(hint, location, expected):
    assert remote_kind(hint, location) == expected


@pytest.mark.parametrize("value, expected", [
    ("FULL_TIME", "full_time"), ("FullTime", "full_time"), ("Full-time", "full_time"), ("PART_TIME", "part_time"),
    ("Intern", "internship"), (["CONTRACTOR"], "contract"), ("Per Diem", "per_diem"), (None, None),
])
def test_employment_type(value, expected):
    assert employment_type(value) == expected


def test_salary_parts():
    assert amount("120,000") == 120000.0 and amount("95k") == 95000.0 and amount(0) is None
    assert currency("$") == "USD" and currency("eur") == "EUR" and currency("dollars") is None
    assert period("per-year-salary") == "year" and period("1 YEAR") == "year" and period("HOUR") == "hour"


def test_description_text_keeps_blocks_and_drops_source_line_breaks():
    text = html_to_text("<p>One\n  two &amp; three</p><ul><li>a</li><li>b</li></ul>")
    assert text == "One two & three\n\n- a\n- b"
    assert html_to_text("plain\nlines") == "plain\nlines"
    assert clean_inline("  Data &amp; ML <b>Lead</b> ") == "Data & ML Lead"


@pytest.mark.parametrize("title, kept", [
    ("Senior Machine Learning Engineer", True), ("ML Engineer", True), ("Staff AI Researcher", True),
    ("MLOps Engineer", True), ("NLP Scientist", True), ("Analytics Engineer", True), ("LLM Platform Lead", True),
    ("Office Manager", False), ("Maintenance Technician", False), ("Chair of the Board", False), ("HTML Developer", False),
])
def test_default_title_filter(title, kept):
    assert bool(title_matcher([]).search(title)) is kept


def test_hn_first_line():
    fields = parse_first_line("Acme | Data Scientist | Paris, France | Hybrid | €60k - €80k | https:&#x2F;&#x2F;acme.example<p>Rest")
    assert (fields["company"], fields["title"], fields["location"], fields["remote"]) == (
        "Acme", "Data Scientist", "Paris, France", "Hybrid")
    assert (fields["salary_min"], fields["salary_max"], fields["salary_currency"]) == (60000.0, 80000.0, "EUR")
    assert fields["extra"]["company_url"] == "https://acme.example"
    assert parse_first_line("Just a question about the thread?") == {"extra": {}}


def test_find_job_postings_in_graph_lists_and_type_lists():
    doc = {"@graph": [{"@type": "WebPage"}, {"@type": ["JobPosting"], "title": "A"}]}
    assert [p["title"] for p in find_job_postings(doc)] == ["A"]
    assert [p["title"] for p in find_job_postings([{"@type": "JobPosting", "title": "B"}, {"@type": "Thing"}])] == ["B"]
    assert list(find_job_postings({"@type": "Organization"})) == []
    assert posting_identifier({"identifier": {"value": 7}}, "http://x/p", 0) == "7"
    assert posting_identifier({}, "http://x/p", 2) == "http://x/p#2"


def test_settings_from_config_and_overrides():
    config = Config(contact="ops@example.org", crawl=CrawlConfig(concurrency_per_domain=3, download_timeout=9,
                                                                 max_download_mb=2, http_cache=True))
    settings = build_settings(config, "/tmp/x.duckdb", {"DOWNLOAD_DELAY": 0})
    assert settings["USER_AGENT"] == "jobtrends/0.1.0 (+ops@example.org)"
    assert (settings["CONCURRENT_REQUESTS_PER_DOMAIN"], settings["DOWNLOAD_TIMEOUT"]) == (3, 9)
    assert settings["DOWNLOAD_MAXSIZE"] == 2 * 1024 * 1024 and settings["HTTPCACHE_ENABLED"] is True
    assert settings["DOWNLOAD_DELAY"] == 0 and settings["AUTOTHROTTLE_ENABLED"] is True
    assert 429 in settings["RETRY_HTTP_CODES"] and 503 in settings["RETRY_HTTP_CODES"]
    assert user_agent(Config(user_agent="custom/1")) == "custom/1"


def test_a_source_the_child_never_reported_is_failed():
    sources = [SourceConfig(kind="hn"), SourceConfig(kind="lever", board="x")]
    reported = [{"source": "hn", "status": "ok", "counts": {"items_new": 1}, "message": None}]
    results = collect(sources, reported, 1, "Traceback ...\nMemoryError")
    assert results[0] == SourceResult("hn", "ok", {"items_new": 1}, None)
    assert results[1].status == "failed" and "exited with code 1" in results[1].message
    assert "MemoryError" in results[1].message
