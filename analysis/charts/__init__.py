"""The charts of the trend report, in page order.

To add a chart: write analysis/charts/sql/<key>.sql (reads the public views, named parameters
only), a module with `build(ctx: ReportContext) -> Chart`, and add its `build` to CHARTS.
"""

from . import theme_by_industry
from .base import Chart, ReportContext, Table, csv_text, run_sql_file

CHARTS = (
    theme_by_industry.build,
)

__all__ = ["CHARTS", "Chart", "ReportContext", "Table", "csv_text", "run_sql_file"]
