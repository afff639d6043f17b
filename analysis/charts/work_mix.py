"""Chart 5, "Seniority and workplace by industry": stacked 100% bars of seniority levels and of
remote / hybrid / on-site postings per industry."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .base import Chart, ReportContext, base_layout, percent, plot_text

KEY = "work_mix"
TITLE = "Seniority mix and remote / hybrid / on-site share by industry"
ORDER = {"seniority": ("junior", "mid", "senior", "lead", "not stated"),
         "workplace": ("remote", "hybrid", "onsite", "not stated")}
COLOURS = {"junior": "#9ecae1", "mid": "#4292c6", "senior": "#08519c", "lead": "#08306b",
           "remote": "#41ab5d", "hybrid": "#fdae6b", "onsite": "#e6550d", "not stated": "#cccccc"}


def build(ctx: ReportContext) -> Chart:
    table = ctx.query(KEY, min_count=ctx.min_industry_count)
    records = table.records()
    if not records:
        return Chart(KEY, TITLE, table, None, empty_message=f"No tagged postings yet for {ctx.filters.describe()}.")
    return Chart(KEY, TITLE, table, _figure(ctx, records), takeaway=_takeaway(records), note=(
        f"Postings: {ctx.filters.describe()}. Left: seniority from the title and text; right: workplace "
        "as the posting states it (“not stated” when it does not). Each bar adds up to 100% of the "
        f"industry's postings (n on the axis); industries with fewer than {ctx.min_industry_count} "
        "postings are grouped into “other”."))


def _industries(records: list[dict[str, Any]]) -> list[tuple[str, int]]:
    seen: dict[str, int] = {}
    for r in records:
        if r["dimension"] == "seniority":
            seen.setdefault(r["industry"], r["industry_postings"])
    return list(seen.items())


def _figure(ctx: ReportContext, records: list[dict[str, Any]]) -> go.Figure:
    industries = _industries(records)
    labels = [plot_text(f"{i} (n={n})") for i, n in industries]
    figure = make_subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.04,
                           subplot_titles=("Seniority", "Workplace"))
    for col, dimension in enumerate(("seniority", "workplace"), start=1):
        share = {(r["industry"], r["value"]): r for r in records if r["dimension"] == dimension}
        values = [v for v in ORDER[dimension] if any(k[1] == v for k in share)]
        values += sorted({k[1] for k in share} - set(values))
        for value in values:
            rows = [share.get((i, value)) for i, _ in industries]
            figure.add_trace(go.Bar(
                orientation="h", name=plot_text(value), y=labels, x=[r["share"] if r else 0 for r in rows],
                marker={"color": COLOURS.get(value, "#888")}, legendgroup=dimension,
                customdata=[r["postings"] if r else 0 for r in rows],
                hovertemplate="%{y}: %{customdata} postings (%{x:.0%})<extra>%{fullData.name}</extra>",
            ), row=1, col=col)
    figure.update_layout(**base_layout(f"{TITLE} ({ctx.role_label})", barmode="stack",
                                       height=max(380, 160 + 30 * len(industries)),
                                       margin={"l": 200, "r": 20, "t": 80, "b": 80}))
    figure.update_xaxes(tickformat=".0%", range=[0, 1])
    figure.update_yaxes(autorange="reversed")
    return figure


def _takeaway(records: list[dict[str, Any]]) -> str:
    def top(dimension: str, values: set[str]) -> tuple[float, str, int]:
        totals: dict[str, list] = {}
        for r in records:
            if r["dimension"] == dimension and r["industry"] != "other":
                entry = totals.setdefault(r["industry"], [0, r["industry_postings"]])
                entry[0] += r["postings"] if r["value"] in values else 0
        if not totals:
            return (0.0, "", 0)
        return max((k / n, industry, n) for industry, (k, n) in totals.items())

    remote, remote_in, remote_n = top("workplace", {"remote"})
    senior, senior_in, senior_n = top("seniority", {"senior", "lead"})
    if not remote_in:
        return "Only postings from small industries (grouped into “other”) are present."
    return (f"{remote_in} has the most remote postings ({percent(remote)} of {remote_n}); "
            f"{senior_in} the most senior or lead ones ({percent(senior)} of {senior_n}).")
