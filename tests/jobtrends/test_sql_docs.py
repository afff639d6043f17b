"""docs/sql.md cannot rot: every example runs on the demo database, every view and column is described."""

import re

import pytest
from click.testing import CliRunner

from jobtrends.cli import cli
from jobtrends.paths import PROJECT_ROOT
from jobtrends.sqlquery import schema

SQL_DOC = (PROJECT_ROOT / "docs" / "sql.md").read_text()
EXAMPLES = re.findall(r"^### (.+?)\n\n```sql\n(.*?)```", SQL_DOC, re.M | re.S)


def test_there_are_at_least_twelve_example_questions():
    assert len(EXAMPLES) >= 12


@pytest.mark.parametrize("question, query", EXAMPLES, ids=[q for q, _ in EXAMPLES])
def test_example_query_runs_on_the_demo_database(demo_run, question, query):
    result = CliRunner().invoke(cli, ["--db", str(demo_run.db), "sql", "--format", "json", query])
    assert result.exit_code == 0, result.output


def test_every_view_and_column_is_described(demo_run):
    for view, _, columns in schema(demo_run.db):
        assert f"**`{view}`**" in SQL_DOC, f"docs/sql.md does not describe view {view}"
        section = SQL_DOC.split(f"**`{view}`**", 1)[1].split("\n\n**", 1)[0]
        if "the same columns" in section:
            continue
        missing = [c for c, _ in columns if f"`{c}`" not in section]
        assert not missing, f"docs/sql.md does not describe {view} columns {missing}"
