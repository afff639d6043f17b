"""Chart 8, "Coverage": what the numbers rest on: postings by source and month, how each
industry was assigned (source, company map, inference), and the last crawl runs."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from .base import Chart, ReportContext, base_layout, percent, plot_text

KEY = "coverage_by_source"
TITLE = "Coverage: what the numbers rest on"
RUNS = 15
HOW = ("source", "company_map", "inferred", "unknown")
HOW_COLOURS = {"source": "#08519c", "company_map": "#6baed6", "inferred": "#fdae6b", "unknown": "#cccccc"}


def build(ctx: ReportContext) -> Chart:
    table = ctx.query(KEY)
    how = ctx.query("coverage_industry_source")
    runs = ctx.query("coverage_runs", limit=RUNS)
    more_tables = (("coverage_industry_source", how), ("coverage_runs", runs))
    records = table.records()
    if not records:
        return Chart(KEY, TITLE, table, None, more_tables=more_tables, html_table=runs if runs.rows else None,
                     empty_message=f"No tagged postings yet for {ctx.filters.describe()}.")
    figures = (("coverage_industry_source", _how_figure(how.records())),) if how.rows else ()
    return Chart(
        KEY, TITLE, table, _source_figure(records), more_figures=figures, more_tables=more_tables,
        html_table=runs, takeaway=_takeaway(records, how.records(), runs.records()),
        note=(f"Top: copies per month of the postings charted above ({ctx.filters.describe()}), by kind of "
              "source (per source in the CSV; a job on two sources counts for each). Middle: how each "
              "industry was assigned; inferred industries rest on the posting's text and are the least "
              f"certain. Table: the last {RUNS} crawl runs that added, updated or closed postings, rejected "
              "items or did not end ok (uneventful runs are left out), with their most frequent reject reason."),
    )


def _source_figure(records: list[dict[str, Any]]) -> go.Figure:
    counts: dict[tuple[str, str], int] = {}
    for r in records:
        key = (r["source_kind"] or "other", r["month"].isoformat())
        counts[key] = counts.get(key, 0) + r["postings"]
    months = sorted({m for _, m in counts})
    traces = [go.Bar(name=plot_text(kind), x=months, y=[counts.get((kind, m), 0) for m in months],
                     hovertemplate="%{x|%Y-%m}: %{y} postings<extra>%{fullData.name}</extra>")
              for kind in sorted({k for k, _ in counts})]
    layout = base_layout("Postings by source kind and month", barmode="stack", height=420,
                         yaxis={"title": {"text": "postings (copies)"}},
                         xaxis={"tickformat": "%Y-%m", "dtick": "M1", "tickangle": -45})
    return go.Figure(data=traces, layout=layout)


def _how_figure(records: list[dict[str, Any]]) -> go.Figure:
    industries: dict[str, int] = {}
    for r in records:
        industries.setdefault(r["industry"], r["industry_postings"])
    share = {(r["industry"], r["industry_source"]): r for r in records}
    labels = [plot_text(f"{i} (n={n})") for i, n in industries.items()]
    traces = []
    for how in [h for h in HOW if any(k[1] == h for k in share)]:
        rows = [share.get((i, how)) for i in industries]
        traces.append(go.Bar(
            orientation="h", name=plot_text(how), y=labels, x=[r["share"] if r else 0 for r in rows],
            marker={"color": HOW_COLOURS[how]}, customdata=[r["postings"] if r else 0 for r in rows],
            hovertemplate="%{y}: %{customdata} postings (%{x:.0%})<extra>%{fullData.name}</extra>",
        ))
    layout = base_layout("How each industry was assigned", barmode="stack",
                         height=max(340, 140 + 28 * len(industries)), margin={"l": 200, "r": 20, "t": 60, "b": 80},
                         xaxis={"tickformat": ".0%", "range": [0, 1]}, yaxis={"autorange": "reversed"})
    return go.Figure(data=traces, layout=layout)


def _takeaway(records: list[dict[str, Any]], how: list[dict[str, Any]], runs: list[dict[str, Any]]) -> str:
    by_kind: dict[str, int] = {}
    for r in records:
        by_kind[r["source_kind"] or "other"] = by_kind.get(r["source_kind"] or "other", 0) + r["postings"]
    total = sum(by_kind.values())
    kind, n = max(sorted(by_kind.items()), key=lambda kv: kv[1])
    inferred = sum(r["postings"] for r in how if r["industry_source"] == "inferred")
    assigned = sum(r["postings"] for r in how)
    sentence = f"{percent(n / total)} of the postings come from {kind} boards"
    if assigned:
        sentence += f"; {percent(inferred / assigned)} of industries are inferred from the text"
    rejected = sum(r["items_rejected"] or 0 for r in runs)
    return sentence + (f"; the {len(runs)} crawl runs listed rejected {rejected} items." if runs else ".")
