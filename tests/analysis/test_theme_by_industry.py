"""Chart 1's numbers against counts worked out by hand from the fixture in conftest.py."""

from __future__ import annotations

import csv
import json
import math

import pytest

from analysis.report import build_report
from jobtrends import store

from .conftest import standard

Z = 1.959963984540054


def wilson(k: int, n: int) -> tuple[float, float]:
    """95% Wilson score interval, written out independently of the SQL."""
    p = k / n
    centre = p + Z * Z / (2 * n)
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return (centre - half) / (1 + Z * Z / n), (centre + half) / (1 + Z * Z / n)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def row(rows, industry, theme):
    [found] = [r for r in rows if r["industry"] == industry and r["theme"] == theme]
    return found


def test_wilson_helper_matches_known_values():
    low, high = wilson(3, 10)
    assert (round(low, 4), round(high, 4)) == (0.1078, 0.6032)


def test_view_counts_one_row_per_cluster_and_splits_roles(make_db):
    db = make_db(standard)
    with store.reading(db) as con:
        got = con.execute(
            "SELECT role, postings, tagged, share, ci_low, ci_high FROM theme_by_industry_role "
            "WHERE industry = 'finance' AND theme = 'production' ORDER BY role"
        ).fetchall()
    # data_scientist: 4 of 4; ml_engineer: 3 of 10 (the repost of a job is not an 11th posting).
    assert [(r[0], r[1], r[2]) for r in got] == [("data_scientist", 4, 4), ("ml_engineer", 10, 3)]
    _, _, _, share, low, high = got[1]
    assert share == pytest.approx(0.3)
    assert (round(low, 4), round(high, 4)) == (0.1078, 0.6032)


def test_chart_numbers_match_hand_computed_values(make_db, tmp_path):
    result = build_report(make_db(standard), tmp_path / "out")
    rows = read_csv(tmp_path / "out" / "theme_by_industry.csv")
    finance = row(rows, "finance", "production")
    assert (finance["postings"], finance["tagged"], finance["industry_postings"]) == ("10", "3", "10")
    assert finance["share"] == "0.300000"
    assert (finance["ci_low"], finance["ci_high"]) == (f"{wilson(3, 10)[0]:.6f}", f"{wilson(3, 10)[1]:.6f}")
    tech = row(rows, "technology", "data")
    assert (tech["tagged"], tech["postings"], tech["share"]) == ("3", "6", "0.500000")
    assert result.csv_paths[0] == tmp_path / "out" / "theme_by_industry.csv"
    assert result.role_postings == 10 + 6 + 3 + 2


def test_small_industries_are_summed_into_other(make_db, tmp_path):
    build_report(make_db(standard), tmp_path / "out", min_industry_count=5)
    rows = read_csv(tmp_path / "out" / "theme_by_industry.csv")
    assert {r["industry"] for r in rows} == {"finance", "technology", "other"}
    # healthcare 2 of 3 + retail 1 of 2 = 3 of 5 (averaging the shares would give 0.583).
    other = row(rows, "other", "production")
    assert (other["postings"], other["tagged"], other["share"]) == ("5", "3", "0.600000")
    assert other["ci_low"] == f"{wilson(3, 5)[0]:.6f}" and other["ci_high"] == f"{wilson(3, 5)[1]:.6f}"
    assert other["regrouped"] == "true" and other["grouped_from"] == "healthcare|retail_consumer"
    # Largest industry first, 'other' last, stable order of themes inside each.
    assert [(r["industry"], r["theme"]) for r in rows] == [
        ("finance", "data"), ("finance", "production"), ("technology", "data"),
        ("technology", "production"), ("other", "data"), ("other", "production")]
    html = (tmp_path / "out" / "index.html").read_text()
    assert "fewer than 5 postings (healthcare, retail_consumer) are grouped into “other”" in html


def test_nothing_is_grouped_below_a_lower_minimum(make_db, tmp_path):
    build_report(make_db(standard), tmp_path / "out", min_industry_count=2)
    rows = read_csv(tmp_path / "out" / "theme_by_industry.csv")
    assert [r["industry"] for r in rows[::2]] == ["finance", "technology", "healthcare", "retail_consumer"]
    assert "none was grouped" in (tmp_path / "out" / "index.html").read_text()


def test_role_filter(make_db, tmp_path):
    result = build_report(make_db(standard), tmp_path / "out", role="data_scientist")
    rows = read_csv(tmp_path / "out" / "theme_by_industry.csv")
    assert {(r["role"], r["industry"], r["theme"], r["postings"], r["tagged"]) for r in rows} == {
        ("data_scientist", "other", "production", "4", "4"), ("data_scientist", "other", "data", "4", "0")}
    assert result.role_postings == 4


def test_figure_shows_counts_on_axis_and_wilson_error_bars(make_db, tmp_path):
    result = build_report(make_db(standard), tmp_path / "out")
    figure = json.loads(result.figures["theme_by_industry"])
    [production] = [t for t in figure["data"] if t["name"] == "Production (MLOps)"]
    assert production["x"] == ["finance (n=10)", "technology (n=6)", "other (n=5)"]
    assert production["y"][0] == pytest.approx(0.3)
    low, high = wilson(3, 10)
    assert production["error_y"]["array"][0] == pytest.approx(high - 0.3)
    assert production["error_y"]["arrayminus"][0] == pytest.approx(0.3 - low)


def test_takeaway_names_the_widest_gap(make_db, tmp_path):
    build_report(make_db(standard), tmp_path / "out")
    html = (tmp_path / "out" / "index.html").read_text()
    # production spreads 83% - 30% between the named industries; data only 80% - 50%.
    assert ("Production (MLOps) is asked for most in technology (83%, n=6) and least in finance "
            "(30%, n=10). Their 95% intervals overlap") in html
