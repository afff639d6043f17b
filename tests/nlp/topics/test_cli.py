
from click.testing import CliRunner

from jobtrends.cli import cli
from jobtrends.store import reading

from .conftest import add_postings
from nlp.topics.synthetic import generate


def _invoke(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), "topics", *args])


def test_topics_command_fits_and_reports(tmp_path, synthetic):
    db = tmp_path / "cli.duckdb"
    add_postings(db, synthetic[:600])
    result = _invoke(db, "--topics", "8")
    assert result.exit_code == 0, result.output
    assert "topic run 1: fitted a 8-topic model (no stored model); 600 of 600 postings" in result.output
    with reading(db) as con:
        assert con.execute("SELECT count(*) FROM topics").fetchall() == [(8,)]
    again = _invoke(db, "--topics", "8", "--quiet")
    assert again.exit_code == 0 and again.output == ""


def test_range_and_since_options(tmp_path, synthetic):
    db = tmp_path / "cli.duckdb"
    add_postings(db, synthetic[:600])
    result = _invoke(db, "--min-topics", "4", "--max-topics", "6", "--since", "2024-01")
    assert result.exit_code == 0, result.output
    assert "coherence (NPMI) by number of topics: 4: " in result.output and "6: " in result.output
    with reading(db) as con:
        [(n_postings, params)] = con.execute("SELECT n_postings, params->>'since' FROM topic_runs").fetchall()
    assert params == "2024-01-01" and 200 < n_postings < 400  # about half of two years


def test_bad_input_is_refused_with_exit_code_2(tmp_path):
    db = tmp_path / "cli.duckdb"
    add_postings(db, generate(5))
    too_few = _invoke(db)
    assert too_few.exit_code == 2 and "too few postings" in too_few.output
    assert _invoke(db, "--since", "last year").exit_code == 2
    swapped = _invoke(db, "--min-topics", "9", "--max-topics", "4")
    assert swapped.exit_code == 2 and "above --max-topics" in swapped.output
    with reading(db) as con:
        assert con.execute("SELECT count(*) FROM topic_runs").fetchall() == [(0,)]
