"""What every chart of the trend report shares: its inputs, its output, SQL and CSV helpers.

A chart is one SQL file in analysis/charts/sql/ (reading the public views, with named
parameters) and one builder function `build(ctx) -> Chart` registered in charts/__init__.py.
The report page, the CSV files and (later) image export only ever see `Chart` objects.
"""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Sequence

import duckdb
import plotly.graph_objects as go

SQL_DIR = Path(__file__).resolve().parent / "sql"
FLOAT_FORMAT = "{:.6f}"  # fixed, so two runs on one database give byte-identical CSV files


@dataclass(frozen=True)
class Filters:
    """What the report is about. None means "no filter"; months are the 1st of the month.
    Every chart query receives these as SQL parameters ($role, $since, $until, $source,
    $industry) and passes them to the report_postings macro (analysis/charts/sql/report_postings.sql)."""

    role: str | None = "ml_engineer"
    since: date | None = None
    until: date | None = None
    source: str | None = None
    industry: str | None = None

    def params(self) -> dict[str, Any]:
        return {"role": self.role, "since": self.since, "until": self.until,
                "source": self.source, "industry": self.industry}

    def describe(self, include_role: bool = True) -> str:
        """Plain text, e.g. "role ml_engineer, from 2025-01, source hn" ('' when nothing to say)."""
        parts = [(f"role {self.role}" if self.role else "all roles")] if include_role else []
        if self.since:
            parts.append(f"from {self.since:%Y-%m}")
        if self.until:
            parts.append(f"until {self.until:%Y-%m}")
        if self.source:
            parts.append(f"source {self.source}")
        if self.industry:
            parts.append(f"industry {self.industry}")
        return ", ".join(parts)


@dataclass(frozen=True)
class ReportContext:
    """What builders may read: a read-only connection and the report's options."""

    con: duckdb.DuckDBPyConnection
    filters: Filters
    min_industry_count: int
    theme_names: dict[str, str] = field(default_factory=dict)

    @property
    def role(self) -> str | None:
        return self.filters.role

    @property
    def role_label(self) -> str:
        return self.filters.role or "all roles"

    def query(self, name: str, **extra: Any) -> "Table":
        """Run analysis/charts/sql/<name>.sql with the report's filters plus `extra`."""
        return run_sql_file(self.con, name, {**self.filters.params(), **extra})


@dataclass(frozen=True)
class Table:
    """The exact data behind a chart, in the order it is written to CSV."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


@dataclass(frozen=True)
class Chart:
    """One section of the report. `figure` is None when there is nothing to draw yet;
    `empty_message` then says why. Text fields are plain (unescaped) text.

    `more_figures` are further views of the same data, drawn below the first, each with its
    own name (the stem of its PNG and id of its <div>); `more_tables` are further CSV files
    (name, table). `html_table` is shown as an HTML table below the figures."""

    key: str  # file stem of the CSV and of the first figure's PNG; the section's id is "section-<key>"
    title: str
    table: Table
    figure: go.Figure | None
    note: str = ""
    takeaway: str = ""
    empty_message: str = ""
    more_figures: tuple[tuple[str, go.Figure], ...] = ()
    more_tables: tuple[tuple[str, Table], ...] = ()
    html_table: Table | None = None

    def figures(self) -> list[tuple[str, go.Figure]]:
        """(name, figure) of every figure, in page order; none when the chart is empty."""
        if self.figure is None:
            return []
        return [(self.key, self.figure), *self.more_figures]

    def tables(self) -> list[tuple[str, Table]]:
        """(CSV file stem, table) of every table, the chart's own first."""
        return [(self.key, self.table), *self.more_tables]


def run_sql_file(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any]) -> Table:
    """Run analysis/charts/sql/<name>.sql with named parameters ($role, …); never paste values.
    Only the parameters the query names are passed (DuckDB refuses unused ones)."""
    sql = (SQL_DIR / f"{name}.sql").read_text()
    used = {key: value for key, value in params.items() if re.search(rf"\${key}\b", sql)}
    cursor = con.execute(sql, used)
    columns = tuple(d[0] for d in cursor.description)
    return Table(columns, tuple(tuple(row) for row in cursor.fetchall()))


def csv_text(table: Table) -> str:
    """CSV with fixed float formatting, '' for null, lists joined with '|', \\n line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([_csv_cell(value) for value in row])
    return buffer.getvalue()


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return FLOAT_FORMAT.format(value)
    if isinstance(value, (list, tuple)):
        return "|".join(_csv_cell(item) for item in value)
    return str(value)


def plot_text(value: object) -> str:
    """Untrusted text for Plotly labels. plotly.js reads a few HTML-like tags in labels
    (<b>, <a href>, <br>); escaping & < > makes it show them literally (it decodes these
    three entities back for display)."""
    return html.escape(str(value), quote=False)


def percent(share: float) -> str:
    return f"{round(share * 100)}%"


def theme_label(ctx: ReportContext, theme: str) -> str:
    return ctx.theme_names.get(theme) or theme.replace("_", " ").capitalize()


def base_layout(title: str, **extra: Any) -> dict[str, Any]:
    """Layout every chart starts from, so they look alike."""
    layout: dict[str, Any] = {
        "title": {"text": plot_text(title)},
        "template": "plotly_white",
        "height": 520,
        "margin": {"l": 60, "r": 20, "t": 60, "b": 120},
        "legend": {"orientation": "h", "y": -0.25, "traceorder": "normal"},
    }
    layout.update(extra)
    return layout


def error_bars(shares: Sequence[float], lows: Sequence[float], highs: Sequence[float]) -> dict[str, Any]:
    """Asymmetric error bars from interval bounds (Wilson intervals are not symmetric)."""
    return {
        "type": "data",
        "symmetric": False,
        "array": [h - s for s, h in zip(shares, highs)],
        "arrayminus": [s - lo for s, lo in zip(shares, lows)],
        "thickness": 1.2,
        "width": 3,
    }
