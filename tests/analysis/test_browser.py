"""The generated report in a real browser: headless Debian chromium driven by Playwright, from
file:// with networking off. One browser for the module; a screenshot lands in tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis.report import build_report
from jobtrends import store

from .conftest import Fixture, rich

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SWITCHES = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-extensions",
    "--disable-sync", "--disable-default-apps", "--disable-component-update", "--no-first-run",
    "--disable-breakpad", "--disable-features=Translate,MediaRouter,OptimizationHints",
]
EVIL = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def page_report(tmp_path_factory):
    """(result, loaded page, console messages, dialogs, page errors, blocked requests)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"no chromium at {CHROMIUM}: `make test` installs Debian's chromium")
    out = tmp_path_factory.mktemp("browser")
    with store.writing(out / "rich.duckdb") as con:
        rich(Fixture(con))
    result = build_report(out / "rich.duckdb", out / "report")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=SWITCHES)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        console, dialogs, errors, requests = [], [], [], []
        page.on("console", lambda m: console.append((m.type, m.text)))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
        page.goto(result.index_path.resolve().as_uri(), wait_until="load")
        page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length > 0")
        page.screenshot(path=str(out / "report.png"), full_page=True)
        yield result, page, console, dialogs, errors, requests, out
        browser.close()


def test_every_chart_has_rendered(page_report):
    result, page, *_ = page_report
    drawn = [name for name, figure in result.figures.items() if figure]
    assert len(drawn) >= 10  # charts 1-8 and their extra views, all with data in this fixture
    for name in drawn:
        assert page.locator(f"#chart-{name}.js-plotly-plot .main-svg").count() >= 1, name
        assert page.locator(f"#chart-{name} .plot-container").bounding_box()["height"] > 200, name
    assert page.locator("section .empty").count() == 0


def test_each_plot_sits_below_its_heading(page_report):
    # The bug this guards against: a plot drawn above its section's heading, then a gap.
    _, page, *_ = page_report
    for section in page.locator("section").all():
        heading = section.locator("h2").bounding_box()
        box = section.bounding_box()
        for plot in section.locator(".js-plotly-plot").all():
            top = plot.bounding_box()["y"]
            assert heading["y"] + heading["height"] <= top <= box["y"] + box["height"], section.get_attribute("id")


def test_no_console_errors_and_no_network(page_report):
    _, _, console, _, errors, requests, _ = page_report
    assert [text for kind, text in console if kind == "error"] == []
    assert errors == [] and requests == []


def test_hostile_title_is_text_and_runs_nothing(page_report):
    _, page, _, dialogs, *_ = page_report
    assert dialogs == []
    cells = page.locator("#section-topics td", has_text=EVIL)
    assert cells.count() >= 1 and EVIL in cells.first.inner_text()
    assert page.evaluate("document.querySelectorAll('td script').length") == 0


def test_screenshot_is_saved(page_report):
    *_, out = page_report
    shot = out / "report.png"
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000
