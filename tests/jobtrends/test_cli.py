import json

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from jobtrends.cli import cli

ROWS = [
    {"id": "1", "title": "ML Engineer", "description": "Models in production.", "company": "Quillfern"},
    {"id": "2", "title": "Data Engineer", "description": "Pipelines.", "company": "Brightmoor"},
]


@pytest.fixture
def loaded_db(db_path, tmp_path):
    path = tmp_path / "jobs.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in ROWS))
    result = CliRunner().invoke(cli, ["--db", str(db_path), "import", str(path)])
    assert result.exit_code == 0, result.output
    return db_path


def run(*args, input=None):
    return CliRunner().invoke(cli, list(map(str, args)), input=input)


def test_every_command_has_help_with_an_example():
    for name, command in cli.commands.items():
        result = run(name, "--help")
        assert result.exit_code == 0, name
        assert "Example:" in result.output and f"jobtrends {name}" in result.output, name


def test_sql_answers_in_each_format(loaded_db, tmp_path):
    query = "select title, company from postings order by title"
    table = run("--db", loaded_db, "sql", query)
    assert table.exit_code == 0 and "Data Engineer" in table.output
    csv_out = run("--db", loaded_db, "sql", "--format", "csv", query)
    assert csv_out.output.splitlines()[:2] == ["title,company", "Data Engineer,Brightmoor"]
    json_out = run("--db", loaded_db, "sql", "--format", "json", query)
    assert json.loads(json_out.output)[1] == {"title": "ML Engineer", "company": "Quillfern"}
    target = tmp_path / "out.parquet"
    parquet = run("--db", loaded_db, "sql", "--format", "parquet", "--output", target, query)
    assert parquet.exit_code == 0
    assert pq.read_table(target).to_pylist()[0]["title"] == "Data Engineer"


def test_sql_reads_the_query_from_a_file_or_stdin(loaded_db, tmp_path):
    file = tmp_path / "q.sql"
    file.write_text("select count(*) as n from postings")
    assert json.loads(run("--db", loaded_db, "sql", "--format", "json", "--file", file).output) == [{"n": 2}]
    piped = run("--db", loaded_db, "sql", "--format", "json", input="select count(*) as n from postings")
    assert json.loads(piped.output) == [{"n": 2}]


@pytest.mark.parametrize("statement", [
    "delete from postings", "insert into store.meta values ('a', 'b')", "create table x (a int)",
    "copy (select 1) to 'x.csv'", "attach 'other.duckdb'", "select 1; drop view postings",
])
def test_sql_refuses_writes(loaded_db, statement):
    result = run("--db", loaded_db, "sql", statement)
    assert result.exit_code == 2
    assert "read-only" in result.output
    assert json.loads(run("--db", loaded_db, "sql", "--format", "json", "select count(*) n from postings").output) == [{"n": 2}]


def test_sql_error_prints_duckdbs_message_without_a_traceback(loaded_db):
    result = run("--db", loaded_db, "sql", "select nope from postings")
    assert result.exit_code == 2
    assert 'Referenced column "nope" not found' in result.output
    assert "Traceback" not in result.output


def test_sql_on_a_missing_database_says_how_to_make_one(db_path):
    result = run("--db", db_path, "sql", "select 1")
    assert result.exit_code == 2 and "no database" in result.output


def test_sql_schema_lists_views_with_descriptions(loaded_db):
    result = run("--db", loaded_db, "sql", "--schema")
    assert result.exit_code == 0
    assert "postings: one row per posting per source" in result.output
    assert "    industry VARCHAR" in result.output


def test_status_shows_sources_and_runs(loaded_db):
    result = run("--db", loaded_db, "status")
    assert result.exit_code == 0
    assert "import:jobs" in result.output and "Last run per source" in result.output


def test_import_exit_code_is_1_when_rows_are_rejected(db_path, tmp_path):
    path = tmp_path / "jobs.jsonl"
    path.write_text(json.dumps(ROWS[0]) + "\n{broken\n")
    result = run("--db", db_path, "import", path)
    assert result.exit_code == 1
    assert "1 new" in result.output and "1 rejected" in result.output


def test_bad_config_file_exits_2_naming_key_and_file(tmp_path):
    config = tmp_path / "jobtrends.toml"
    config.write_text("[report]\nmin_industry_count = 'five'\n")
    result = run("--config", config, "crawl")
    assert result.exit_code == 2
    assert str(config) in result.output and "report.min_industry_count" in result.output


def test_crawl_without_sources_is_refused(tmp_path):
    config = tmp_path / "jobtrends.toml"
    config.write_text("db = 'x.duckdb'\n")
    result = run("--config", config, "crawl")
    assert result.exit_code == 2 and "no sources configured" in result.output


def test_db_flag_beats_environment(db_path, tmp_path, monkeypatch, loaded_db):
    monkeypatch.setenv("JOBTRENDS_DB", str(tmp_path / "elsewhere.duckdb"))
    assert run("--db", loaded_db, "sql", "select 1").exit_code == 0
    assert run("sql", "select 1").exit_code == 2  # the env's database does not exist
