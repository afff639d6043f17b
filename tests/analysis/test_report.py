"""The report files: self-contained, deterministic, escaped, read-only, and fine when empty."""

from __future__ import annotations

import hashlib
import re

import plotly.offline
import pytest

from analysis.report import build_report
from jobtrends.errors import JobtrendsError, StoreError

from .conftest import rich, standard

EVIL = "<script>alert(1)</script>"


def test_two_builds_are_identical(make_db, tmp_path):
    db = make_db(rich)  # every chart has data
    first = build_report(db, tmp_path / "one")
    second = build_report(db, tmp_path / "two")
    names = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "two").iterdir()) and len(names) == len(first.csv_paths) + 1
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    assert first.figures == second.figures and first.figures["theme_by_industry"]


def test_header_says_what_the_numbers_rest_on(make_db, tmp_path):
    result = build_report(make_db(standard), tmp_path / "out")
    html = result.index_path.read_text()
    # 25 distinct jobs (26 rows: one job was reposted), all tagged; 21 of them ml_engineer.
    assert (result.postings, result.posting_copies, result.tagged_postings) == (25, 26, 25)
    assert result.sources == (("board-a", 25), ("board-b", 1))
    assert "with 25 postings, postings first seen up to 2024-03-06." in html
    assert "Tagged postings: 25 of 25; selected by the filters (<code>role ml_engineer</code>): 21." in html
    assert "board-a (25), board-b (1)" in html


def test_plotly_js_is_inlined_and_nothing_is_fetched(make_db, tmp_path):
    html = build_report(make_db(standard), tmp_path / "out").index_path.read_text()
    assert plotly.offline.get_plotlyjs() in html
    assert html.count(plotly.offline.get_plotlyjs()[:500]) == 1  # once for the page
    assert not re.search(r"<script[^>]*\bsrc=", html)
    assert 'Plotly.newPlot(                        "chart-theme_by_industry"' in html


def test_every_element_id_is_unique(make_db, tmp_path):
    # A section sharing its plot's id made Plotly draw the plot above the section's heading.
    html = build_report(make_db(standard), tmp_path / "out").index_path.read_text()
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)) and '<section id="section-theme_by_industry">' in html
    heading = html.index("<h2>Theme frequency by industry</h2>")
    assert heading < html.index('id="chart-theme_by_industry"') < html.index('id="chart-theme_by_industry_heatmap"')


def test_untrusted_text_is_escaped(make_db, tmp_path):
    def fill(f):
        standard(f)
        f.many(6, industry=EVIL, title=EVIL, company=EVIL, source=EVIL, with_theme={"production": 6})
        f.many(1, industry=EVIL + "x", with_theme={"data": 1})  # small: named in the note

    result = build_report(make_db(fill), tmp_path / "out")
    html = result.index_path.read_text()
    assert EVIL not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; (6)" in html  # the source list in the header
    assert "(&lt;script&gt;alert(1)&lt;/script&gt;x, healthcare, retail_consumer)" in html  # the note
    figures = sum(1 for f in result.figures.values() if f)
    assert html.count("<script") == html.count("</script>") == 2 + figures  # config, plotly.js, one per figure


def test_report_without_tags_says_so(make_db, tmp_path):
    def fill(f):
        f.many(3, industry="finance", tagged=False, with_theme={})

    result = build_report(make_db(fill), tmp_path / "out")
    html = result.index_path.read_text()
    assert "No tagged postings yet for role ml_engineer with a known industry" in html
    assert (tmp_path / "out" / "theme_by_industry.csv").read_text().count("\n") == 1  # header only
    assert set(result.figures.values()) == {""} and "theme_by_industry" in result.figures
    assert (result.postings, result.tagged_postings, result.role_postings) == (3, 0, 0)


def test_report_on_an_empty_database(make_db, tmp_path):
    result = build_report(make_db(lambda f: None), tmp_path / "out")
    assert "No tagged postings yet" in result.index_path.read_text()
    assert "postings first seen" not in result.index_path.read_text()


def test_the_database_is_not_written(make_db, tmp_path):
    db = make_db(standard)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    build_report(db, tmp_path / "out")
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert not (tmp_path / "out" / "index.html.tmp").exists()


def test_bad_arguments_are_refused(make_db, tmp_path):
    with pytest.raises(StoreError, match="no database"):
        build_report(tmp_path / "missing.duckdb", tmp_path / "out")
    with pytest.raises(JobtrendsError, match="min_industry_count"):
        build_report(make_db(standard), tmp_path / "out", min_industry_count=0)
    assert not (tmp_path / "out").exists()
