"""What every chart of the trend report shares: its inputs, its output, SQL and CSV helpers.

A chart is one SQL file in analysis/charts/sql/ (reading the public views, with named
parameters) and one builder function `build(ctx) -> Chart` registered in charts/__init__.py.
The report page, the CSV files and (later) image export only ever see `Chart` objects.
"""

from __future__ import annotations

import csv
import html
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import duckdb
import plotly.graph_objects as go

SQL_DIR = Path(__file__).resolve().parent / "sql"
FLOAT_FORMAT = "{:.6f}"  # fixed, so two runs on one database give byte-identical CSV files


@dataclass(frozen=True)
class ReportContext:
    """What builders may read: a read-only connection and the report's options."""

    con: duckdb.DuckDBPyConnection
    role: str
    min_industry_count: int
    theme_names: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Table:
    """The exact data behind a chart, in the order it is written to CSV."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


@dataclass(frozen=True)
class Chart:
    """One chart of the report. `figure` is None when there is nothing to draw yet;
    `empty_message` then says why. Text fields are plain (unescaped) text."""

    key: str  # file stem of the CSV and id of the chart's <div>
    title: str
    table: Table
    figure: go.Figure | None
    note: str = ""
    takeaway: str = ""
    empty_message: str = ""


def run_sql_file(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any]) -> Table:
    """Run analysis/charts/sql/<name>.sql with named parameters ($role, …); never paste values."""
    sql = (SQL_DIR / f"{name}.sql").read_text()
    cursor = con.execute(sql, params)
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
        "legend": {"orientation": "h", "y": -0.25},
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
