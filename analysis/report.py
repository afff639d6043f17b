"""The trend report: one self-contained HTML page plus the CSV behind each chart.

`build_report` only reads the database (jobtrends.store.reading). The page inlines plotly.js
once, so it opens from file:// without a network, and it holds nothing that changes between
two runs on the same database: no clock time, no random ids. See docs/reports.md.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from string import Template

import duckdb
import plotly.offline

from jobtrends import store
from jobtrends.errors import JobtrendsError

from .charts import CHARTS, Chart, ReportContext, csv_text, run_sql_file

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
    role: str
    role_postings: int      # distinct tagged jobs of `role`
    sources: tuple[tuple[str, int], ...]  # (source, posting copies), by name
    figures: dict[str, str] = field(default_factory=dict)  # chart key -> figure JSON ('' if empty)


@dataclass(frozen=True)
class _Basis:
    """What the numbers rest on, for the page header."""

    postings: int
    copies: int
    tagged: int
    role_tagged: int
    last_seen: datetime | None
    sources: tuple[tuple[str, int], ...]


def build_report(
    db_path: str | Path,
    out_dir: str | Path,
    *,
    role: str = "ml_engineer",
    min_industry_count: int = 5,
) -> ReportResult:
    """Write out_dir/index.html and one CSV per chart from the database at db_path."""
    if isinstance(min_industry_count, bool) or not isinstance(min_industry_count, int) or min_industry_count < 1:
        raise JobtrendsError(f"min_industry_count must be a whole number of at least 1, not {min_industry_count!r}")
    out = Path(out_dir)
    with store.reading(db_path) as con:
        basis = _read_basis(con, role)
        ctx = ReportContext(con, role, min_industry_count, _theme_names(con))
        charts = [build(ctx) for build in CHARTS]
    out.mkdir(parents=True, exist_ok=True)
    csv_paths = tuple(_write(out / f"{chart.key}.csv", csv_text(chart.table)) for chart in charts)
    index = _write(out / "index.html", render_page(charts, basis, str(db_path), role))
    return ReportResult(
        index_path=index,
        csv_paths=csv_paths,
        postings=basis.postings,
        posting_copies=basis.copies,
        tagged_postings=basis.tagged,
        role=role,
        role_postings=basis.role_tagged,
        sources=basis.sources,
        figures={c.key: c.figure.to_json() if c.figure is not None else "" for c in charts},
    )


def _read_basis(con: duckdb.DuckDBPyConnection, role: str) -> _Basis:
    counts = run_sql_file(con, "report_basis", {"role": role}).records()[0]
    sources = run_sql_file(con, "report_sources", {}).rows
    return _Basis(
        postings=counts["postings"],
        copies=counts["copies"],
        tagged=counts["tagged"],
        role_tagged=counts["role_tagged"],
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

def render_page(charts: list[Chart], basis: _Basis, db_name: str, role: str) -> str:
    """The whole HTML page. Everything that comes from data is escaped here."""
    return Template(TEMPLATE.read_text()).substitute(
        title=html.escape(PAGE_TITLE),
        summary=_summary_html(basis, db_name, role),
        plotlyjs=plotly.offline.get_plotlyjs(),
        sections="\n".join(_section_html(chart) for chart in charts),
    )


def _summary_html(basis: _Basis, db_name: str, role: str) -> str:
    e = html.escape
    seen = f", postings first seen up to {basis.last_seen.date().isoformat()}" if basis.last_seen else ""
    sources = ", ".join(f"{e(name)} ({n})" for name, n in basis.sources) or "none"
    return "\n".join([
        f'<p class="basis">Generated from database <code>{e(db_name)}</code> with {basis.postings} '
        f"postings{seen}.</p>",
        '<ul class="basis">',
        f"<li>Postings: {basis.postings} distinct jobs ({basis.copies} copies across sources and "
        "reposts; each job counts once).</li>",
        f"<li>Tagged postings: {basis.tagged} of {basis.postings}; role <code>{e(role)}</code>: "
        f"{basis.role_tagged}.</li>",
        f"<li>Sources (posting copies): {sources}.</li>",
        "</ul>",
    ])


def _section_html(chart: Chart) -> str:
    e = html.escape
    parts = [f'<section id="{e(chart.key)}">', f"<h2>{e(chart.title)}</h2>"]
    if chart.figure is None:
        parts.append(f'<p class="empty">{e(chart.empty_message)}</p>')
    else:
        if chart.takeaway:
            parts.append(f'<p class="takeaway">{e(chart.takeaway)}</p>')
        parts.append(chart.figure.to_html(
            full_html=False, include_plotlyjs=False, div_id=chart.key, config=PLOT_CONFIG,
            default_height="520px",
        ))
        if chart.note:
            parts.append(f'<p class="note">{e(chart.note)}</p>')
    parts.append(f'<p class="data">Data behind this chart: <a href="{e(chart.key)}.csv">{e(chart.key)}.csv</a></p>')
    parts.append("</section>")
    return "\n".join(parts)
