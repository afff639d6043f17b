"""The trend report: one self-contained HTML page plus the CSV behind each chart.

`build_report` only reads the database (jobtrends.store.reading). The page inlines plotly.js
once, so it opens from file:// without a network, and it holds nothing that changes between
two runs on the same database: no clock time, no random ids. See docs/reports.md.
"""

from __future__ import annotations

import html
import os
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from string import Template

import duckdb
import plotly.offline

from jobtrends import store
from jobtrends.errors import JobtrendsError

from .charts import CHARTS, Chart, Filters, ReportContext, Table, csv_text, run_sql_file
from .charts.base import SQL_DIR
from .images import write_pngs

TEMPLATE = Path(__file__).resolve().parent / "templates" / "report.html"
PAGE_TITLE = "Job posting trends"
PLOT_CONFIG = {"responsive": True, "displaylogo": False}


@dataclass(frozen=True)
class ReportResult:
    """What a report run wrote and the counts its numbers rest on."""

    index_path: Path
    csv_paths: tuple[Path, ...]
    postings: int           # distinct jobs (one per cluster)
    posting_copies: int     # rows in `postings`, before counting a job once
    tagged_postings: int    # distinct jobs with tags
    role: str | None
    role_postings: int      # distinct tagged jobs the filters select (role, months, source, industry)
    sources: tuple[tuple[str, int], ...]  # (source, posting copies), by name
    figures: dict[str, str] = field(default_factory=dict)  # figure name -> figure JSON ('' if empty)
    png_paths: tuple[Path, ...] = ()


@dataclass(frozen=True)
class _Basis:
    """What the numbers rest on, for the page header."""

    postings: int
    copies: int
    tagged: int
    selected: int
    last_seen: datetime | None
    sources: tuple[tuple[str, int], ...]


def build_report(
    db_path: str | Path,
    out_dir: str | Path,
    *,
    role: str | None = "ml_engineer",
    min_industry_count: int = 5,
    since: date | None = None,
    until: date | None = None,
    source: str | None = None,
    industry: str | None = None,
    png: bool = False,
    reader=store.reading,
) -> ReportResult:
    """Write out_dir/index.html and one CSV per table (and with png=True one PNG per figure)
    from the database at db_path. Months (since, until) are the 1st of the month.
    `reader(db_path)` opens the connection (jobtrends.lake.reading: db_path is a lake folder)."""
    if isinstance(min_industry_count, bool) or not isinstance(min_industry_count, int) or min_industry_count < 1:
        raise JobtrendsError(f"min_industry_count must be a whole number of at least 1, not {min_industry_count!r}")
    if since and until and since > until:
        raise JobtrendsError(f"since ({since:%Y-%m}) is after until ({until:%Y-%m})")
    filters = Filters(role=role or None, since=since, until=until, source=source or None, industry=industry or None)
    out = Path(out_dir)
    with reader(db_path) as con:
        con.execute((SQL_DIR / "report_postings.sql").read_text())  # the filters every chart reads through
        basis = _read_basis(con, filters)
        ctx = ReportContext(con, filters, min_industry_count, _theme_names(con))
        charts = [build(ctx) for build in CHARTS]
    out.mkdir(parents=True, exist_ok=True)
    tables = [item for chart in charts for item in chart.tables()]
    csv_paths = tuple(_write(out / f"{name}.csv", csv_text(table)) for name, table in tables)
    index = _write(out / "index.html", render_page(charts, basis, str(db_path), filters))
    figures = [item for chart in charts for item in chart.figures()]
    return ReportResult(
        index_path=index,
        csv_paths=csv_paths,
        postings=basis.postings,
        posting_copies=basis.copies,
        tagged_postings=basis.tagged,
        role=filters.role,
        role_postings=basis.selected,
        sources=basis.sources,
        figures={c.key: "" for c in charts} | {name: figure.to_json() for name, figure in figures},
        png_paths=write_pngs(figures, out) if png else (),
    )


def dated_copy(out_dir: str | Path, day: date) -> Path:
    """Copy a written report folder to a sibling named after `day` (reports/2025-06-01/),
    replacing an older copy of the same day. Returns the copy's folder."""
    out = Path(out_dir)
    target = out.parent / day.isoformat()
    if target.resolve() == out.resolve():
        return target
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(out, target)
    return target


def _read_basis(con: duckdb.DuckDBPyConnection, filters: Filters) -> _Basis:
    counts = run_sql_file(con, "report_basis", filters.params()).records()[0]
    sources = run_sql_file(con, "report_sources", {}).rows
    return _Basis(
        postings=counts["postings"],
        copies=counts["copies"],
        tagged=counts["tagged"],
        selected=counts["selected"],
        last_seen=counts["last_first_seen"],
        sources=tuple((name, n) for name, n in sources),
    )


def _theme_names(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return {theme: name for theme, name in con.execute("SELECT theme, name FROM themes").fetchall()}


def _write(path: Path, text: str) -> Path:
    """Replace the file whole, so a failed run never leaves half a report."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8", newline="")
    os.replace(tmp, path)
    return path


# --- page -------------------------------------------------------------------------------

def render_page(charts: list[Chart], basis: _Basis, db_name: str, filters: Filters) -> str:
    """The whole HTML page. Everything that comes from data is escaped here."""
    return Template(TEMPLATE.read_text()).substitute(
        title=html.escape(PAGE_TITLE),
        summary=_summary_html(basis, db_name, filters),
        plotlyjs=plotly.offline.get_plotlyjs(),
        contents="\n".join(f'<li><a href="#section-{html.escape(c.key)}">{html.escape(c.title)}</a></li>'
                           for c in charts),
        sections="\n".join(_section_html(chart) for chart in charts),
    )


def _summary_html(basis: _Basis, db_name: str, filters: Filters) -> str:
    e = html.escape
    seen = f", postings first seen up to {basis.last_seen.date().isoformat()}" if basis.last_seen else ""
    sources = ", ".join(f"{e(name)} ({n})" for name, n in basis.sources) or "none"
    return "\n".join([
        f'<p class="basis">Generated from database <code>{e(db_name)}</code> with {basis.postings} '
        f"postings{seen}.</p>",
        '<ul class="basis">',
        f"<li>Postings: {basis.postings} distinct jobs ({basis.copies} copies across sources and "
        "reposts; each job counts once).</li>",
        f"<li>Tagged postings: {basis.tagged} of {basis.postings}; selected by the filters "
        f"(<code>{e(filters.describe())}</code>): {basis.selected}.</li>",
        f"<li>Sources (posting copies): {sources}.</li>",
        "</ul>",
    ])


def _section_html(chart: Chart) -> str:
    # The section and the plot <div>s need distinct ids: Plotly draws into the first element
    # with the id it is given, and a section sharing its chart's id got the plot drawn above
    # its own heading.
    e = html.escape
    parts = [f'<section id="section-{e(chart.key)}">', f"<h2>{e(chart.title)}</h2>"]
    if chart.figure is None and chart.html_table is None:
        parts.append(f'<p class="empty">{e(chart.empty_message)}</p>')
    else:
        if chart.takeaway:
            parts.append(f'<p class="takeaway">{e(chart.takeaway)}</p>')
        for name, figure in chart.figures():
            height = figure.layout.height or 520
            parts.append(f'<div class="figure">{figure.to_html(full_html=False, include_plotlyjs=False, div_id=f"chart-{name}", config=PLOT_CONFIG, default_height=f"{height}px")}</div>')
        if chart.html_table is not None:
            parts.append(table_html(chart.html_table))
        if chart.note:
            parts.append(f'<p class="note">{e(chart.note)}</p>')
    links = ", ".join(f'<a href="{e(name)}.csv">{e(name)}.csv</a>' for name, _ in chart.tables())
    parts.append(f'<p class="data">Data behind this chart: {links}</p>')
    parts.append("</section>")
    return "\n".join(parts)


def table_html(table: Table) -> str:
    """An HTML table; every cell is escaped text (lists joined with '; ')."""
    e = html.escape

    def cell(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, (list, tuple)):
            return "; ".join(str(v) for v in value)
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, float):
            return f"{value:.2f}"
        return str(value)

    head = "".join(f"<th>{e(c.replace('_', ' '))}</th>" for c in table.columns)
    rows = "".join("<tr>" + "".join(f"<td>{e(cell(v))}</td>" for v in row) + "</tr>" for row in table.rows)
    return f'<div class="table"><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'
