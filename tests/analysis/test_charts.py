"""Charts 2-8 and the report's filters, against counts worked out by hand from conftest.rich."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from analysis.report import build_report

from .conftest import rich


def read(out, name):
    with open(out / f"{name}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def rich_db(tmp_path_factory):
    from jobtrends import store

    from .conftest import Fixture

    path = tmp_path_factory.mktemp("rich") / "rich.duckdb"
    with store.writing(path) as con:
        rich(Fixture(con))
    return path


def test_theme_by_month_pools_three_months(rich_db, tmp_path):
    build_report(rich_db, tmp_path, source="board-c")
    rows = {r["month"]: r for r in read(tmp_path, "theme_by_month") if r["theme"] == "production"}
    assert [(m, r["postings"], r["tagged"]) for m, r in rows.items()] == [
        ("2024-03-01", "6", "2"), ("2024-04-01", "6", "3"), ("2024-05-01", "6", "4"), ("2024-06-01", "6", "5")]
    # 3-month share = tagged over the three months / postings over them, not a mean of shares.
    assert rows["2024-05-01"]["share_3m"] == "0.500000" and rows["2024-06-01"]["share_3m"] == f"{12 / 18:.6f}"
    assert rows["2024-03-01"]["postings_3m"] == "6"


def test_role_profile_compares_roles_whatever_the_role_filter(rich_db, tmp_path):
    build_report(rich_db, tmp_path, role="data_scientist")
    rows = {(r["role"], r["theme"]): r for r in read(tmp_path, "theme_by_role")}
    assert [r["postings"] for r in (rows[("ml_engineer", "data")], rows[("data_scientist", "data")],
                                    rows[("data_engineer", "data")])] == ["50", "4", "6"]
    assert rows[("data_engineer", "data")]["share"] == "1.000000"
    assert "role filter does not apply here" in (tmp_path / "index.html").read_text()


def test_salaries_are_made_yearly(rich_db, tmp_path):
    build_report(rich_db, tmp_path)
    rows = {(r["group_kind"], r["group_value"]): r for r in read(tmp_path, "salaries")}
    # technology: 6 each at midpoints 120k, 125k, 130k, 135k a year; finance: 5 x (50+70)/2 an hour x 2080.
    assert (rows[("industry", "technology")]["known"], rows[("industry", "technology")]["median"]) == ("24", "127500.000000")
    assert rows[("industry", "finance")]["median"] == "124800.000000"
    build_report(rich_db, tmp_path, role="data_engineer")
    [engineer] = read(tmp_path, "salaries")[-1:]
    assert (engineer["group_value"], engineer["median"]) == ("finance", "108000.000000")  # 9000 a month x 12


def test_skills_and_skill_trends(rich_db, tmp_path):
    build_report(rich_db, tmp_path, source="board-c")
    skills = read(tmp_path, "top_skills")
    assert [(r["skill"], r["postings"], r["all_postings"]) for r in skills] == [("Python", "24", "24"), ("SQL", "6", "24")]
    trends = read(tmp_path, "skill_trends")
    assert [(r["direction"], r["skill"], r["change"]) for r in trends] == [
        ("rising", "Kubernetes", "0.400000"), ("falling", "Excel", "-0.200000")]


def test_topics_and_distinctive_terms(rich_db, tmp_path):
    build_report(rich_db, tmp_path)
    topics = read(tmp_path, "topics")
    assert [(r["topic"], r["postings_in_report"], r["emerging"]) for r in topics] == [("0", "4", "true"), ("1", "4", "false")]
    assert topics[0]["top_terms"] == "serving|latency" and topics[1]["top_terms"] == "pipelines|warehouse"
    assert topics[0]["example_titles"].split("|")[0] == "Machine learning engineer"
    terms = read(tmp_path, "distinctive_terms")
    assert [(r["industry"], r["term"]) for r in terms] == [("finance", "risk"), ("finance", "trading"), ("technology", "latency")]


def test_empty_topic_and_trend_sections_say_how_to_fill_them(make_db, tmp_path):
    from .conftest import standard

    build_report(make_db(standard), tmp_path)
    html = (tmp_path / "index.html").read_text()
    assert html.count("Not computed yet: run `jobtrends topics`") == 3  # skill trends, topics, distinctive terms


FILTERS = [
    # (filters, ml_engineer jobs they keep, industries left)
    ({}, 50, {"finance", "technology", "other"}),
    ({"since": date(2024, 4, 1)}, 23, {"finance", "technology"}),
    ({"until": date(2024, 3, 1)}, 27, {"finance", "technology", "other"}),
    ({"source": "board-c"}, 24, {"technology"}),
    ({"industry": "finance"}, 15, {"finance"}),
    ({"industry": "finance", "since": date(2024, 4, 1), "until": date(2024, 4, 1)}, 5, {"finance"}),
]


@pytest.mark.parametrize(("filters", "jobs", "industries"), FILTERS)
def test_filters_apply_to_every_chart(rich_db, tmp_path, filters, jobs, industries):
    result = build_report(rich_db, tmp_path, **filters)
    assert result.role_postings == jobs
    assert {r["industry"] for r in read(tmp_path, "theme_by_industry")} == industries
    assert sum(int(r["postings"]) for r in read(tmp_path, "theme_by_month") if r["theme"] == "data") == jobs
    assert int(read(tmp_path, "top_skills")[0]["all_postings"]) == jobs
    assert sum(int(r["postings"]) for r in read(tmp_path, "coverage_industry_source")) == jobs
    for name in ("work_mix", "top_skills_by_industry"):  # coverage lists every industry, ungrouped
        assert {r["industry"] for r in read(tmp_path, name)} <= industries, name
    months = {r["month"] for r in read(tmp_path, "theme_by_month")} | {r["month"] for r in read(tmp_path, "coverage_by_source")}
    if "since" in filters:
        assert min(months) >= filters["since"].isoformat()
    if "until" in filters:
        assert max(months) <= filters["until"].isoformat()
    if "source" in filters:
        assert {r["source"] for r in read(tmp_path, "coverage_by_source")} == {filters["source"]}
    assert result.figures["theme_by_industry"] and result.figures["theme_by_month"]


def test_filter_values_are_parameters_not_sql(rich_db, tmp_path):
    hostile = "x' OR '1'='1"
    result = build_report(rich_db, tmp_path, source=hostile, industry=hostile)
    assert result.role_postings == 0
    assert read(tmp_path, "theme_by_industry") == []


def test_since_after_until_is_refused(rich_db, tmp_path):
    from jobtrends.errors import JobtrendsError

    with pytest.raises(JobtrendsError, match="after until"):
        build_report(rich_db, tmp_path / "out", since=date(2024, 5, 1), until=date(2024, 4, 1))
    assert not (tmp_path / "out").exists()
