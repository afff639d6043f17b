"""Chart 4b, "Rising and falling skills": from term_trends, the skills whose 3-month share
moved most. Shows an honest empty state until `jobtrends topics` has filled term_trends."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from .base import Chart, ReportContext, base_layout, plot_text

KEY = "skill_trends"
TITLE = "Rising and falling skills"
TOP = 8
WINDOW_MONTHS = 6


def build(ctx: ReportContext) -> Chart:
    table = ctx.query(KEY, top=TOP, window=WINDOW_MONTHS)
    records = table.records()
    if not records:
        return Chart(KEY, TITLE, table, None, empty_message=(
            "Not computed yet: run `jobtrends topics` (it fills term_trends), then regenerate the report. "
            "Needs at least two months of postings."))
    first, last = records[0]["from_month"], records[0]["to_month"]
    return Chart(KEY, TITLE, table, _figure(records, first, last), takeaway=_takeaway(records, first, last), note=(
        f"Change of each skill's 3-month share (term_trends.share_3m) from {first:%Y-%m} to {last:%Y-%m}, in "
        f"percentage points: up to {TOP} rising and {TOP} falling. term_trends is computed by `jobtrends topics` "
        "over all postings, so only the month filters apply here."))


def _figure(records: list[dict[str, Any]], first, last) -> go.Figure:
    rows = sorted(records, key=lambda r: (r["change"], r["skill"]))
    bar = go.Bar(
        orientation="h", x=[r["change"] * 100 for r in rows], y=[plot_text(r["skill"]) for r in rows],
        marker={"color": ["#00a86b" if r["change"] > 0 else "#d62728" for r in rows]},
        customdata=[[r["share_3m_before"], r["share_3m_now"]] for r in rows],
        hovertemplate="%{y}: %{customdata[0]:.0%} → %{customdata[1]:.0%} (%{x:+.1f} points)<extra></extra>",
    )
    layout = base_layout(f"Skills whose share moved most, {first:%Y-%m} to {last:%Y-%m}",
                         height=max(320, 90 + 26 * len(rows)), margin={"l": 200, "r": 20, "t": 60, "b": 50},
                         xaxis={"title": {"text": "change in 3-month share (percentage points)"}}, showlegend=False)
    return go.Figure(data=[bar], layout=layout)


def _takeaway(records: list[dict[str, Any]], first, last) -> str:
    parts = []
    rising = [r for r in records if r["direction"] == "rising"]
    falling = [r for r in records if r["direction"] == "falling"]
    if rising:
        r = rising[0]
        parts.append(f"{r['skill']} rose most ({r['share_3m_before']:.0%} → {r['share_3m_now']:.0%})")
    if falling:
        r = falling[0]
        parts.append(f"{r['skill']} fell most ({r['share_3m_before']:.0%} → {r['share_3m_now']:.0%})")
    return f"From {first:%Y-%m} to {last:%Y-%m}, " + "; ".join(parts) + "."
