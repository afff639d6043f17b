"""The charts of the trend report, in page order.

To add a chart: write analysis/charts/sql/<key>.sql (reads the public views through the
report_postings macro of sql/report_postings.sql, named parameters only), a module with `build(ctx: ReportContext) -> Chart`,
and add its `build` to CHARTS.
"""

from . import coverage, salaries, skill_trends, skills, theme_by_industry, theme_by_month, theme_by_role, topics, work_mix
from .base import Chart, Filters, ReportContext, Table, csv_text, run_sql_file

CHARTS = (
    theme_by_industry.build,
    theme_by_month.build,
    theme_by_role.build,
    skills.build,
    skill_trends.build,
    work_mix.build,
    salaries.build,
    topics.build,
    topics.build_distinctive_terms,
    coverage.build,
)

__all__ = ["CHARTS", "Chart", "Filters", "ReportContext", "Table", "csv_text", "run_sql_file"]
