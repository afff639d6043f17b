"""Chart 2, "Theme share by month": per theme, the monthly share of postings asking for it
(markers), its 3-month moving share (lines) and the number of postings each month (bars)."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .base import Chart, ReportContext, base_layout, percent, plot_text, theme_label

KEY = "theme_by_month"
TITLE = "Theme share by month"
COLOURS = ("#636efa", "#ef553b", "#00cc96", "#ab63fa", "#ffa15a", "#19d3f3", "#ff6692", "#b6e880")


def build(ctx: ReportContext) -> Chart:
    table = ctx.query(KEY)
    records = table.records()
    if not records:
        return Chart(KEY, TITLE, table, None, empty_message=f"No tagged postings yet for {ctx.filters.describe()}.")
    return Chart(KEY, TITLE, table, _figure(ctx, records), takeaway=_takeaway(ctx, records), note=(
        f"Postings: {ctx.filters.describe()}, a job counted once, in the month it was posted (or first "
        "seen when the source gives no date). Markers: the month's share; lines: the share over that "
        "month and the two before it, pooled (tagged postings ÷ postings over the three months), which "
        "smooths small months. Bars below: postings per month, so a jump over few postings shows as such."
    ))


def _months(records: list[dict[str, Any]]) -> list[tuple[Any, int]]:
    seen: dict[Any, int] = {}
    for r in records:
        seen.setdefault(r["month"], r["postings"])
    return list(seen.items())


def _figure(ctx: ReportContext, records: list[dict[str, Any]]) -> go.Figure:
    figure = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.75, 0.25], vertical_spacing=0.06)
    for i, theme in enumerate(sorted({r["theme"] for r in records})):
        rows = [r for r in records if r["theme"] == theme]
        months = [r["month"].isoformat() for r in rows]
        colour = COLOURS[i % len(COLOURS)]
        name = plot_text(theme_label(ctx, theme))
        figure.add_trace(go.Scatter(
            x=months, y=[r["share_3m"] for r in rows], mode="lines", name=name, legendgroup=theme,
            line={"color": colour, "width": 2.5},
            hovertemplate="%{x|%Y-%m}: %{y:.0%} over 3 months<extra>%{fullData.name}</extra>",
        ), row=1, col=1)
        figure.add_trace(go.Scatter(
            x=months, y=[r["share"] for r in rows], mode="markers", name=name, legendgroup=theme,
            showlegend=False, marker={"color": colour, "size": 5, "opacity": 0.5},
            customdata=[[r["tagged"], r["postings"]] for r in rows],
            hovertemplate="%{x|%Y-%m}: %{customdata[0]} of %{customdata[1]} (%{y:.0%})<extra>%{fullData.name}</extra>",
        ), row=1, col=1)
    months = _months(records)
    figure.add_trace(go.Bar(
        x=[m.isoformat() for m, _ in months], y=[n for _, n in months], name="postings per month",
        marker={"color": "#999"}, hovertemplate="%{x|%Y-%m}: %{y} postings<extra></extra>",
    ), row=2, col=1)
    figure.update_layout(**base_layout(f"{TITLE} ({ctx.role_label})", height=600))
    figure.update_yaxes(title_text="share of postings", tickformat=".0%", rangemode="tozero", row=1, col=1)
    figure.update_yaxes(title_text="postings", row=2, col=1)
    figure.update_xaxes(tickformat="%Y-%m", dtick="M1", tickangle=-45, row=2, col=1)
    return figure


def _takeaway(ctx: ReportContext, records: list[dict[str, Any]]) -> str:
    """The theme whose 3-month share moved most from the first full window to the last month."""
    months = [m for m, _ in _months(records)]
    if len(months) < 3:
        return f"Only {len(months)} month(s) of postings: a trend needs at least three."
    first, last = months[2], months[-1]
    by_key = {(r["theme"], r["month"]): r for r in records}
    moves = []
    for theme in sorted({r["theme"] for r in records}):
        a, b = by_key.get((theme, first)), by_key.get((theme, last))
        if a and b:
            moves.append((abs(b["share_3m"] - a["share_3m"]), theme, a["share_3m"], b["share_3m"]))
    if not moves:
        return "No theme appears in both the first and the last three-month window."
    _, theme, before, after = max(moves, key=lambda m: (m[0], m[1]))
    verb = "rose" if after > before else "fell" if after < before else "stayed"
    return (f"{theme_label(ctx, theme)} {verb} from {percent(before)} to {percent(after)} of postings "
            f"(3-month share, {first:%Y-%m} to {last:%Y-%m}), the largest move of any theme.")
