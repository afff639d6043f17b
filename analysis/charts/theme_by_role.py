"""Chart 3, "Theme profile by role": the share of ML engineer, data scientist and data engineer
postings asking for each theme, side by side with 95% Wilson intervals."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from .base import Chart, ReportContext, base_layout, error_bars, percent, plot_text, theme_label

KEY = "theme_by_role"
TITLE = "Theme profile by role"
ROLES = ("ml_engineer", "data_scientist", "data_engineer")
ROLE_NAMES = {"ml_engineer": "ML engineer", "data_scientist": "data scientist", "data_engineer": "data engineer"}


def build(ctx: ReportContext) -> Chart:
    table = ctx.query(KEY, roles=list(ROLES))
    records = table.records()
    others = ctx.filters.describe(include_role=False) or "no other filter"
    note = (f"Compares roles, so the report's role filter does not apply here ({others}). "
            "Bars: share of each role's postings asking for the theme; error bars: 95% Wilson interval; "
            "n in the legend is the role's number of postings.")
    if not records:
        return Chart(KEY, TITLE, table, None, empty_message="No tagged postings yet for these roles.")
    return Chart(KEY, TITLE, table, _figure(ctx, records), note=note, takeaway=_takeaway(ctx, records))


def _figure(ctx: ReportContext, records: list[dict[str, Any]]) -> go.Figure:
    themes = sorted({r["theme"] for r in records})
    traces = []
    for role in ROLES:
        rows = [r for r in records if r["role"] == role]
        if not rows:
            continue
        shares = [r["share"] for r in rows]
        traces.append(go.Bar(
            name=plot_text(f"{ROLE_NAMES[role]} (n={rows[0]['postings']})"),
            x=[plot_text(theme_label(ctx, r["theme"])) for r in rows], y=shares,
            error_y=error_bars(shares, [r["ci_low"] for r in rows], [r["ci_high"] for r in rows]),
            customdata=[[r["tagged"], r["postings"]] for r in rows],
            hovertemplate="%{x}: %{customdata[0]} of %{customdata[1]} (%{y:.0%})<extra>%{fullData.name}</extra>",
        ))
    layout = base_layout(
        TITLE, barmode="group",
        yaxis={"title": {"text": "share of the role's postings"}, "range": [0, 1], "tickformat": ".0%"},
        xaxis={"categoryorder": "array", "categoryarray": [plot_text(theme_label(ctx, t)) for t in themes]},
    )
    return go.Figure(data=traces, layout=layout)


def _takeaway(ctx: ReportContext, records: list[dict[str, Any]]) -> str:
    """The theme where ML engineers differ most from another role."""
    share = {(r["role"], r["theme"]): r for r in records}
    gaps = [
        (abs(mine["share"] - theirs["share"]), theme, other, mine, theirs)
        for (role, theme), mine in sorted(share.items()) if role == "ml_engineer"
        for other in ROLES[1:] if (theirs := share.get((other, theme)))
    ]
    if not gaps:
        roles = sorted({r["role"] for r in records}, key=ROLES.index)
        return f"Only {', '.join(ROLE_NAMES[r] for r in roles)} postings are present, so roles cannot be compared yet."
    _, theme, other, mine, theirs = max(gaps, key=lambda g: (g[0], g[1], g[2]))
    more = "more" if mine["share"] > theirs["share"] else "less"
    sentence = (f"ML engineer postings ask for {theme_label(ctx, theme)} {more} often than {ROLE_NAMES[other]} "
                f"postings ({percent(mine['share'])} of {mine['postings']} vs {percent(theirs['share'])} "
                f"of {theirs['postings']}), the widest gap between roles.")
    if mine["ci_low"] <= theirs["ci_high"] and theirs["ci_low"] <= mine["ci_high"]:
        sentence += " Their 95% intervals overlap, so the gap may be chance."
    return sentence
