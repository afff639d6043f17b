"""Chart 6, "Salary ranges": yearly advertised salaries by theme and by industry, as box plots
of the postings' salary midpoints, in the currency most postings use."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .base import Chart, ReportContext, base_layout, plot_text, theme_label

KEY = "salaries"
TITLE = "Salary ranges by theme and industry"


def build(ctx: ReportContext) -> Chart:
    table = ctx.query(KEY)
    coverage = ctx.query("salary_coverage").records()[0]
    records = table.records()
    counted = (f"{coverage['with_salary']} of {coverage['postings']} postings ({ctx.filters.describe()}) state "
               f"a salary; {coverage['yearly_known']} with a currency and a period that could be made yearly.")
    if not records:
        return Chart(KEY, TITLE, table, None, empty_message="No salaries known yet. " + counted)
    currency = _main_currency(records)
    shown = [r for r in records if r["currency"] == currency and r["known"] >= ctx.min_industry_count]
    left_out = sorted({r["currency"] for r in records} - {currency})
    note = (counted + f" Shown: {currency}, groups with at least {ctx.min_industry_count} salaries (n on the "
            "axis). Yearly = hourly × 2080, daily × 260, weekly × 52, monthly × 12; a posting's salary is the "
            "midpoint of its range. Boxes: middle half of the postings, line: median, whiskers: lowest and highest."
            + (f" Other currencies are in the CSV only: {', '.join(left_out)}." if left_out else ""))
    if not shown:
        return Chart(KEY, TITLE, table, None, empty_message=(
            f"Too few salaries to chart (fewer than {ctx.min_industry_count} per group). " + counted))
    return Chart(KEY, TITLE, table, _figure(ctx, shown, currency), note=note, takeaway=_takeaway(shown, currency))


def _main_currency(records: list[dict[str, Any]]) -> str:
    known: dict[str, int] = {}
    for r in records:
        if r["group_kind"] == "industry":
            known[r["currency"]] = known.get(r["currency"], 0) + r["known"]
    return max(sorted(known), key=lambda c: known[c]) if known else records[0]["currency"]


def _label(ctx: ReportContext, r: dict[str, Any]) -> str:
    name = theme_label(ctx, r["group_value"]) if r["group_kind"] == "theme" else r["group_value"]
    return plot_text(f"{name} (n={r['known']})")


def _figure(ctx: ReportContext, rows: list[dict[str, Any]], currency: str) -> go.Figure:
    figure = make_subplots(rows=1, cols=2, horizontal_spacing=0.22, subplot_titles=("By theme", "By industry"))
    for col, kind in enumerate(("theme", "industry"), start=1):
        group = [r for r in rows if r["group_kind"] == kind]
        if not group:
            continue
        figure.add_trace(go.Box(
            orientation="h", y=[_label(ctx, r) for r in group], name=kind, showlegend=False,
            lowerfence=[r["low"] for r in group], q1=[r["q1"] for r in group], median=[r["median"] for r in group],
            q3=[r["q3"] for r in group], upperfence=[r["high"] for r in group],
            marker={"color": "#636efa" if kind == "theme" else "#00a86b"},
        ), row=1, col=col)
    n = max(len([r for r in rows if r["group_kind"] == k]) for k in ("theme", "industry"))
    figure.update_layout(**base_layout(f"Yearly salary ({plot_text(currency)}), {ctx.role_label}",
                                       height=max(380, 140 + 30 * n), margin={"l": 200, "r": 20, "t": 80, "b": 60}))
    figure.update_xaxes(title_text=f"yearly salary, {plot_text(currency)}", tickformat="~s")
    figure.update_yaxes(autorange="reversed")
    return figure


def _takeaway(rows: list[dict[str, Any]], currency: str) -> str:
    industries = [r for r in rows if r["group_kind"] == "industry"]
    if len(industries) < 2:
        r = rows[0]
        return f"Median advertised salary: {r['median']:,.0f} {currency} a year (n={r['known']})."
    high = max(industries, key=lambda r: (r["median"], r["group_value"]))
    low = min(industries, key=lambda r: (r["median"], r["group_value"]))
    return (f"Median advertised salary is highest in {high['group_value']} ({high['median']:,.0f} {currency} a "
            f"year, n={high['known']}) and lowest in {low['group_value']} ({low['median']:,.0f}, n={low['known']}).")
