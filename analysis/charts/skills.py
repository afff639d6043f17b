"""Chart 4, "Top skills": the skills named by most postings overall (bars) and their share in
each industry (grid), from posting_skills."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from .base import Chart, ReportContext, base_layout, percent, plot_text

KEY = "top_skills"
TITLE = "Top skills overall and by industry"
TOP = 15


def build(ctx: ReportContext) -> Chart:
    table = ctx.query(KEY, top=TOP)
    by_industry = ctx.query("top_skills_by_industry", top=TOP, min_count=ctx.min_industry_count)
    records = table.records()
    more_tables = (("top_skills_by_industry", by_industry),)
    if not records:
        return Chart(KEY, TITLE, table, None, more_tables=more_tables, empty_message=(
            f"No skills found yet in postings for {ctx.filters.describe()}: run `jobtrends tag`."))
    figures = ((f"{KEY}_by_industry", _grid(by_industry.records())),) if by_industry.rows else ()
    return Chart(
        KEY, TITLE, table, _bars(ctx, records), more_figures=figures, more_tables=more_tables,
        takeaway=_takeaway(records, by_industry.records()),
        note=(f"Share of postings ({ctx.filters.describe()}) naming each skill (skills list: data/skills.csv). "
              f"The grid shows the {TOP} top skills' share within each industry; industries with fewer than "
              f"{ctx.min_industry_count} postings are grouped into “other”."),
    )


def _bars(ctx: ReportContext, records: list[dict[str, Any]]) -> go.Figure:
    rows = list(reversed(records))  # largest at the top of a horizontal bar chart
    bar = go.Bar(
        orientation="h", x=[r["share"] for r in rows], y=[plot_text(r["skill"]) for r in rows],
        customdata=[[r["postings"], r["all_postings"], plot_text(r["category"])] for r in rows],
        hovertemplate="%{y} (%{customdata[2]}): %{customdata[0]} of %{customdata[1]} postings (%{x:.0%})<extra></extra>",
        marker={"color": "#636efa"},
    )
    layout = base_layout(
        f"Top {len(records)} skills (n={records[0]['all_postings']} postings, {ctx.role_label})",
        height=max(360, 90 + 26 * len(rows)), margin={"l": 200, "r": 20, "t": 60, "b": 50},
        xaxis={"title": {"text": "share of postings naming the skill"}, "tickformat": ".0%"},
        showlegend=False,
    )
    return go.Figure(data=[bar], layout=layout)


def _grid(records: list[dict[str, Any]]) -> go.Figure:
    industries: dict[str, int] = {}
    for r in records:
        industries.setdefault(r["industry"], r["industry_postings"])
    skills = sorted({(r["skill_rank"], r["skill"]) for r in records})
    share = {(r["industry"], r["skill"]): r["share"] for r in records}
    z = [[share.get((i, s)) for _, s in skills] for i in industries]
    heatmap = go.Heatmap(
        z=z, x=[plot_text(s) for _, s in skills], y=[plot_text(f"{i} (n={n})") for i, n in industries.items()],
        text=[[percent(v) if v is not None else "" for v in row] for row in z], texttemplate="%{text}",
        zmin=0, zmax=1, colorscale="Blues", colorbar={"title": {"text": "share"}, "tickformat": ".0%"},
        hovertemplate="%{y}<br>%{x}: %{z:.0%}<extra></extra>",
    )
    layout = base_layout("Top skills by industry", height=max(340, 140 + 32 * len(industries)),
                         margin={"l": 200, "r": 20, "t": 60, "b": 140}, yaxis={"autorange": "reversed"},
                         xaxis={"tickangle": -45})
    return go.Figure(data=[heatmap], layout=layout)


def _takeaway(records: list[dict[str, Any]], by_industry: list[dict[str, Any]]) -> str:
    top = records[0]
    sentence = f"{top['skill']} is the skill named most ({percent(top['share'])} of {top['all_postings']} postings)"
    # The industry where a top-5 skill stands out most against its overall share.
    overall = {r["skill"]: r["share"] for r in records[:5]}
    named = [r for r in by_industry if r["skill"] in overall and r["industry"] != "other"]
    if named:
        lead = max(named, key=lambda r: (r["share"] - overall[r["skill"]], r["industry"], r["skill"]))
        sentence += (f"; {lead['skill']} stands out in {lead['industry']} ({percent(lead['share'])} of "
                     f"{lead['industry_postings']} vs {percent(overall[lead['skill']])} overall)")
    return sentence + "."
