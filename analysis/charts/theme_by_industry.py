"""Chart 1, "Theme frequency by industry": for one role, the share of postings in each
industry that ask for each theme, as grouped bars with 95% Wilson intervals."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from .base import Chart, ReportContext, base_layout, error_bars, percent, plot_text, theme_label

KEY = "theme_by_industry"
TITLE = "Theme frequency by industry"
OTHER = "other"


def build(ctx: ReportContext) -> Chart:
    table = ctx.query(KEY, min_count=ctx.min_industry_count)
    records = table.records()
    if not records:
        return Chart(KEY, TITLE, table, None, empty_message=(
            f"No tagged postings yet for {ctx.filters.describe()} with a known industry. "
            "Run `jobtrends tag` after a crawl or an import, then regenerate the report."
        ))
    return Chart(
        KEY, TITLE, table, _figure(ctx, records),
        note=_note(ctx, records),
        takeaway=_takeaway(ctx, records),
        more_figures=((f"{KEY}_heatmap", _heatmap(ctx, records)),),
    )


def _industries(records: list[dict[str, Any]]) -> list[tuple[str, int]]:
    """(industry, postings) in the SQL's order: largest first, 'other' last."""
    seen: dict[str, int] = {}
    for r in records:
        seen.setdefault(r["industry"], r["industry_postings"])
    return list(seen.items())


def _figure(ctx: ReportContext, records: list[dict[str, Any]]) -> go.Figure:
    # The posting count goes on the axis label, so a high share over few postings shows as such.
    labels = {industry: plot_text(f"{industry} (n={n})") for industry, n in _industries(records)}
    traces = []
    for theme in sorted({r["theme"] for r in records}):
        rows = [r for r in records if r["theme"] == theme]
        shares = [r["share"] for r in rows]
        traces.append(go.Bar(
            name=plot_text(theme_label(ctx, theme)),
            x=[labels[r["industry"]] for r in rows],
            y=shares,
            error_y=error_bars(shares, [r["ci_low"] for r in rows], [r["ci_high"] for r in rows]),
            customdata=[[r["tagged"], r["postings"], r["ci_low"], r["ci_high"]] for r in rows],
            hovertemplate=(
                "%{x}<br>%{fullData.name}: %{customdata[0]} of %{customdata[1]} postings (%{y:.0%})"
                "<br>95% interval %{customdata[2]:.0%} to %{customdata[3]:.0%}<extra></extra>"
            ),
        ))
    layout = base_layout(
        f"{TITLE} ({ctx.role_label})",
        barmode="group",
        yaxis={"title": {"text": "share of postings asking for the theme"}, "range": [0, 1], "tickformat": ".0%"},
        xaxis={"title": {"text": "industry (postings)"}, "categoryorder": "array",
               "categoryarray": list(labels.values())},
    )
    return go.Figure(data=traces, layout=layout)


def _heatmap(ctx: ReportContext, records: list[dict[str, Any]]) -> go.Figure:
    """The same shares as a grid: industries down, themes across, the share in each cell."""
    industries = [plot_text(f"{industry} (n={n})") for industry, n in _industries(records)]
    themes = sorted({r["theme"] for r in records})
    share = {(plot_text(f"{r['industry']} (n={r['industry_postings']})"), r["theme"]): r for r in records}
    z = [[share[(i, t)]["share"] if (i, t) in share else None for t in themes] for i in industries]
    text = [[percent(v) if v is not None else "" for v in row] for row in z]
    heatmap = go.Heatmap(
        z=z, x=[plot_text(theme_label(ctx, t)) for t in themes], y=industries, text=text,
        texttemplate="%{text}", zmin=0, zmax=1, colorscale="Blues",
        colorbar={"title": {"text": "share"}, "tickformat": ".0%"},
        hovertemplate="%{y}<br>%{x}: %{z:.0%}<extra></extra>",
    )
    layout = base_layout(
        f"{TITLE}, as a grid ({ctx.role_label})",
        height=max(320, 60 + 34 * len(industries)),
        margin={"l": 200, "r": 20, "t": 60, "b": 60},
        yaxis={"autorange": "reversed"},
    )
    return go.Figure(data=[heatmap], layout=layout)


def _note(ctx: ReportContext, records: list[dict[str, Any]]) -> str:
    text = (
        f"Share of postings ({ctx.filters.describe()}; tagged ones, a job posted several times counted "
        "once) whose duties ask for each theme; bars show the share, error bars its 95% Wilson interval; "
        "the grid shows the same shares. "
    )
    merged = sorted({m for r in records if r["industry"] == OTHER and r["regrouped"]
                     for m in r["grouped_from"] if m != OTHER})
    limit = ctx.min_industry_count
    if merged:
        return text + (
            f"Industries with fewer than {limit} postings ({', '.join(merged)}) are grouped into "
            "“other”; its shares are recomputed from their summed counts."
        )
    return text + f"No industry had fewer than {limit} postings, so none was grouped into “other”."


def _takeaway(ctx: ReportContext, records: list[dict[str, Any]]) -> str:
    """One sentence: the theme whose share differs most between industries, and where."""
    industries = _industries(records)
    if len(industries) == 1:
        industry, n = industries[0]
        top = sorted(records, key=lambda r: (-r["share"], r["theme"]))[0]
        return (f"Only one industry has postings ({ctx.filters.describe()}): {industry} (n={n}); "
                f"the theme asked for most there is {theme_label(ctx, top['theme'])} ({percent(top['share'])}).")
    named = [r for r in records if r["industry"] != OTHER]
    # 'other' is a mix of employers; compare named industries when there are at least two.
    pool = named if len({r["industry"] for r in named}) >= 2 else records
    best = None
    for theme in sorted({r["theme"] for r in pool}):
        rows = [r for r in pool if r["theme"] == theme]
        high = sorted(rows, key=lambda r: (-r["share"], -r["postings"], r["industry"]))[0]
        low = sorted(rows, key=lambda r: (r["share"], -r["postings"], r["industry"]))[0]
        spread = high["share"] - low["share"]
        if best is None or spread > best[0]:
            best = (spread, theme, high, low)
    _, theme, high, low = best
    sentence = (
        f"{theme_label(ctx, theme)} is asked for most in {high['industry']} "
        f"({percent(high['share'])}, n={high['postings']}) and least in {low['industry']} "
        f"({percent(low['share'])}, n={low['postings']})."
    )
    if high["ci_low"] <= low["ci_high"]:
        sentence += " Their 95% intervals overlap, so the gap may be chance."
    return sentence
