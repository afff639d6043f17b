"""Each source kind end to end: fixture API -> spider -> pipelines -> store.postings."""

from __future__ import annotations

import json
from datetime import datetime

from jobtrends.postings import make_posting_id

from .conftest import postings, rows


def test_every_kind_ok_and_recorded(crawled):
    result, db = crawled
    assert result.exit_code == 0, result.per_source
    assert [r.status for r in result.per_source] == ["ok"] * 6
    runs = rows(db, "SELECT source, status, complete, items_seen, items_new FROM store.crawl_runs ORDER BY run_id")
    assert {r["source"] for r in runs} == {"greenhouse:acme", "lever:globex", "ashby:initech",
                                           "smartrecruiters:umbrella", "hollowpine", "hn"}
    assert all(r["status"] == "ok" for r in runs)
    by_source = {r["source"]: r for r in runs}
    assert by_source["lever:globex"]["complete"] is True
    assert by_source["hollowpine"]["complete"] is False  # a site crawl is never a complete listing
    assert by_source["lever:globex"]["items_new"] == 5


def test_greenhouse_unescapes_html_once_and_derives_fields(crawled):
    _, db = crawled
    found = postings(db, "greenhouse:acme")
    assert set(found) == {"1001", "1002"}  # 1003 "Office Manager" is out of scope
    ml = found["1001"]
    assert ml["posting_id"] == make_posting_id("greenhouse", "acme", "1001")
    assert ml["source_kind"] == "greenhouse"
    assert ml["description_html"].startswith("<h2>About the role</h2><p>You will train ranking models &amp; ship")
    assert ml["description"] == (
        "About the role\n\nYou will train ranking models & ship them to production.\n\n"
        "- Python and PyTorch\n- Feature stores\n\nWe value calm, careful work."
    )
    assert ml["company"] == "Acme Instruments"
    assert ml["department"] == "Platform"
    assert ml["remote"] == "remote"
    assert ml["date_posted"] == datetime(2024, 3, 1, 14, 0)  # -05:00 -> UTC
    assert ml["config_industry"] == "manufacturing"
    assert json.loads(ml["raw"])["requisition_id"] == "R-1001"
    assert found["1002"]["remote"] == "hybrid"
    assert found["1002"]["date_posted"] == datetime(2024, 2, 15, 7, 0)


def test_lever_reads_every_page_with_salary_and_sections(crawled):
    result, db = crawled
    found = postings(db, "lever:globex")
    assert len(found) == 5  # pages of 2: 2 + 2 + 1
    first = found["lv-0001-aaaa"]
    assert (first["salary_min"], first["salary_max"], first["salary_currency"], first["salary_period"]) == (
        140000.0, 180000.0, "USD", "year")
    assert first["remote"] == "remote"
    assert first["employment_type"] == "full_time"
    assert first["date_posted"] == datetime(2024, 3, 1, 10, 0)  # createdAt in epoch milliseconds
    assert first["company"] == "Globex"  # from the configuration
    assert "What you bring\n\n- Experience with Spark" in first["description"]
    assert first["description"].endswith("We offer a learning budget.")
    hourly = found["lv-0004-aaaa"]
    assert (hourly["salary_min"], hourly["salary_period"], hourly["remote"]) == (60.0, "hour", None)
    assert found["lv-0005-aaaa"]["employment_type"] == "internship"
    assert found["lv-0003-aaaa"]["remote"] == "onsite"


def test_ashby_compensation_and_unlisted_jobs(crawled):
    _, db = crawled
    found = postings(db, "ashby:initech")
    assert set(found) == {"0b6e-ai-eng", "7c1d-cv-eng"}  # the unlisted intern job is not public
    ai = found["0b6e-ai-eng"]
    assert (ai["salary_min"], ai["salary_max"], ai["salary_currency"], ai["salary_period"]) == (
        70000.0, 90000.0, "EUR", "year")
    assert (ai["remote"], ai["employment_type"], ai["country"]) == ("hybrid", "full_time", "FR")  # "France" as ISO 3166
    assert ai["description"] == "Join Initech as a AI Engineer.\n\n- Ship assistants\n- Measure quality"
    assert found["7c1d-cv-eng"]["remote"] == "remote"
    assert found["7c1d-cv-eng"]["employment_type"] == "contract"


def test_smartrecruiters_fetches_details_with_sections_and_industry(crawled):
    _, db = crawled
    found = postings(db, "smartrecruiters:umbrella")
    assert len(found) == 3  # two list pages of 2, then one detail request per posting
    ml = found["744000011111"]
    assert ml["source_industry"] == "Pharmaceuticals"
    assert ml["company"] == "Umbrella Labs"
    assert ml["country"] == "GB"
    assert ml["description_html"].index("<h2>Company Description</h2>") < ml["description_html"].index(
        "<h2>Qualifications</h2>")
    lines = [line for line in ml["description"].split("\n") if line]
    assert lines[:3] == ["Company Description", "Umbrella Labs designs new medicines.", "Job Description"]
    assert "- PhD or equivalent experience" in lines
    assert found["744000033333"]["remote"] == "remote"


def test_jsonld_graph_lists_and_robots(crawled):
    _, db = crawled
    found = postings(db, "hollowpine")
    titles = sorted(p["title"] for p in found.values())
    # Not stored: /private/ (robots.txt), /about.html (not under follow), the non-job pages.
    assert titles == ["Analytics Engineer", "Data Analyst & Reporting Lead", "Perception Research Scientist"]
    vision = found["HP-301"]
    assert (vision["salary_min"], vision["salary_max"], vision["salary_currency"], vision["salary_period"]) == (
        120000.0, 150000.0, "CAD", "year")
    assert vision["remote"] == "remote"
    assert vision["valid_through"] == datetime(2024, 4, 30, 21, 59)
    assert vision["description_html"].startswith("<p>Teach drones")
    assert vision["description"] == "Teach drones to tell healthy trees from sick ones.\n\n- Segmentation models\n- Field trials"
    assert vision["source_industry"] == "Forestry technology"
    by_title = {p["title"]: p for p in found.values()}
    analytics = by_title["Analytics Engineer"]
    assert analytics["date_posted"] == datetime(2024, 2, 28, 17, 30)
    assert (analytics["location"], analytics["country"], analytics["employment_type"]) == (
        "Vancouver, BC, CA", "CA", "part_time")
    assert by_title["Data Analyst & Reporting Lead"]["description"] == "Plain text description.\nSecond line of it."


def test_hn_top_level_comments_of_hiring_threads_only(crawled):
    result, db = crawled
    found = postings(db, "hn")
    # 5101, 5102 (March), 4101 (February); not the reply 5201, the deleted 5103, the barista 5104,
    # nor anything from "Who wants to be hired?" or the January thread beyond months=2.
    assert set(found) == {"5101", "5102", "4101"}
    northwind = found["5101"]
    assert (northwind["company"], northwind["title"], northwind["location"], northwind["remote"]) == (
        "Northwind Analytics", "Senior ML Engineer", "Lisbon, Portugal", "remote")
    assert (northwind["salary_min"], northwind["salary_max"], northwind["salary_currency"]) == (90000.0, 120000.0, "EUR")
    assert "Is this open to people in Spain?" not in northwind["description"]
    assert "You will own model training & evaluation." in northwind["description"]
    assert northwind["url"] == "https://news.ycombinator.com/item?id=5101"
    assert northwind["date_posted"] == datetime(2024, 3, 1, 17, 5)
    assert json.loads(northwind["extra"])["company_url"] == "https://northwind.example"
    assert (found["5102"]["remote"], found["5102"]["employment_type"]) == ("onsite", "full_time")
    assert found["4101"]["salary_min"] == 150000.0
    assert result.source("hn").counts["items_skipped"] == 1
