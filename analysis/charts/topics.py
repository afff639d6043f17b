"""Chart 7, "Topics": the topics of the latest `jobtrends topics` run (top terms, size, nearest
theme, emerging flag, example titles) and the terms most distinctive of each industry.
Both show an honest empty state until a topic run exists."""

from __future__ import annotations

import json
from typing import Any

import plotly.graph_objects as go

from .base import Chart, ReportContext, Table, base_layout, plot_text, theme_label

KEY = "topics"
TITLE = "Topics found in the postings"
TERMS_KEY = "distinctive_terms"
TERMS_TITLE = "Distinctive terms by industry"
TOP_TERMS = 8
NOT_YET = "Not computed yet: run `jobtrends topics`, then regenerate the report."


def build(ctx: ReportContext) -> Chart:
    table = ctx.query(KEY)
    records = [dict(r, top_terms=_terms(r["top_terms"])) for r in table.records()]
    if not records:
        return Chart(KEY, TITLE, table, None, empty_message=NOT_YET)
    table = Table(table.columns, tuple(tuple(r[c] for c in table.columns) for r in records))
    shown = Table(
        ("topic", "label", "top_terms", "size", "postings_in_report", "nearest_theme", "emerging", "example_titles"),
        tuple((r["topic"], r["label"], r["top_terms"], r["size"], r["postings_in_report"],
               theme_label(ctx, r["nearest_theme"]) if r["nearest_theme"] else "", r["emerging"],
               r["example_titles"] or []) for r in records),
    )
    emerging = [r for r in records if r["emerging"]]
    biggest = max(records, key=lambda r: (r["postings_in_report"], -r["topic"]))
    takeaway = (f"The largest topic here is “{_name(biggest)}” ({biggest['postings_in_report']} postings); "
                + (f"{len(emerging)} of {len(records)} topics flagged emerging, the largest "
                   f"“{_name(max(emerging, key=lambda r: (r['postings_in_report'], -r['topic'])))}”."
                   if emerging else "no topic is flagged emerging."))
    return Chart(KEY, TITLE, table, _figure(ctx, records), html_table=shown, takeaway=takeaway, note=(
        f"Topics of topic run {records[0]['run_id']} (TF-IDF + NMF over all postings; see docs/tagging.md). "
        f"size: postings in the run; postings_in_report: postings ({ctx.filters.describe()}) whose strongest "
        "topic it is; example titles are theirs, highest weight first. Emerging: the topic's share grew "
        "recently (as `jobtrends topics` flags it)."))


def build_distinctive_terms(ctx: ReportContext) -> Chart:
    table = ctx.query(TERMS_KEY, top=TOP_TERMS)
    records = table.records()
    if not records:
        return Chart(TERMS_KEY, TERMS_TITLE, table, None, empty_message=NOT_YET)
    grouped: dict[str, list[str]] = {}
    for r in records:
        grouped.setdefault(r["industry"], []).append(f"{r['term']} ({r['z']:.1f})")
    shown = Table(("industry", "distinctive_terms"), tuple((i, terms) for i, terms in grouped.items()))
    return Chart(TERMS_KEY, TERMS_TITLE, table, None, html_table=shown, note=(
        f"Up to {TOP_TERMS} terms per industry that its postings use far more than the others, with their z "
        "score (higher: more distinctive), from the distinctive_terms view. Computed over all postings by "
        "`jobtrends topics`, so only the industry filter applies."))


def _terms(raw: Any) -> list[str]:
    """top_terms is JSON: a list of {"term", "weight"} objects or of plain strings."""
    items = json.loads(raw) if isinstance(raw, str) else (raw or [])
    return [str(i["term"] if isinstance(i, dict) else i) for i in items][:TOP_TERMS]


def _name(r: dict[str, Any]) -> str:
    return r["label"] or ", ".join(r["top_terms"][:3]) or f"topic {r['topic']}"


def _figure(ctx: ReportContext, records: list[dict[str, Any]]) -> go.Figure:
    rows = list(reversed(records))
    bar = go.Bar(
        orientation="h", x=[r["postings_in_report"] for r in rows],
        y=[plot_text(f"{r['topic']}: {_name(r)}") for r in rows],
        marker={"color": ["#d62728" if r["emerging"] else "#636efa" for r in rows]},
        customdata=[[plot_text(", ".join(r["top_terms"])), r["size"]] for r in rows],
        hovertemplate="%{y}<br>%{customdata[0]}<br>%{x} postings here, %{customdata[1]} in the run<extra></extra>",
    )
    layout = base_layout(f"Postings per topic ({ctx.role_label}; red: emerging)", showlegend=False,
                         height=max(320, 90 + 28 * len(rows)), margin={"l": 260, "r": 20, "t": 60, "b": 50},
                         xaxis={"title": {"text": "postings whose strongest topic it is"}})
    return go.Figure(data=[bar], layout=layout)
