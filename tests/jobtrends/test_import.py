import csv
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from jobtrends import store
from jobtrends.errors import JobtrendsError
from jobtrends.importer import import_file

ROWS = [
    {"id": "a1", "title": "Machine Learning Engineer", "description": "<p>Ship <b>models</b> to production.</p>",
     "company": "Quillfern", "location": "Berlin", "date_posted": "2025-02-03", "url": "https://example.org/a1",
     "industry": "Banking", "team": "Risk"},
    {"id": "a2", "title": "Data Engineer", "description": "Build pipelines in SQL.", "company": "Quillfern",
     "date_posted": "2025-02-04T09:30:00+01:00"},
]


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def write_csv(path, rows):
    columns = sorted({k for r in rows for k in r})
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_parquet(path, rows):
    columns = sorted({k for r in rows for k in r})
    pq.write_table(pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in rows]), path)
    return path


def postings(db_path):
    with store.reading(db_path) as con:
        return con.execute(
            "SELECT source_id, title, description, company, date_posted, url FROM postings ORDER BY source_id"
        ).fetchall()


@pytest.mark.parametrize("writer, suffix", [(write_jsonl, ".jsonl"), (write_csv, ".csv"), (write_parquet, ".parquet")])
def test_each_format_loads_the_same_postings(db_path, tmp_path, writer, suffix):
    path = writer(tmp_path / f"jobs{suffix}", ROWS)
    result = import_file(db_path, path, source="mine")
    assert (result.counts.new, result.rejected) == (2, 0)
    rows = postings(db_path)
    assert [r[0] for r in rows] == ["a1", "a2"]
    assert rows[0][2] == "Ship models to production."  # HTML made plain
    assert str(rows[1][4]) == "2025-02-04 08:30:00"     # to UTC
    with store.reading(db_path) as con:
        html, industry, extra = con.execute(
            "SELECT description_html, source_industry, extra FROM store.postings WHERE source_id = 'a1'").fetchone()
    assert "<b>models</b>" in html and industry == "Banking" and json.loads(extra)["team"] == "Risk"


def test_import_is_idempotent(db_path, tmp_path):
    path = write_jsonl(tmp_path / "jobs.jsonl", ROWS)
    import_file(db_path, path)
    again = import_file(db_path, path)
    assert (again.counts.new, again.counts.updated, again.counts.unchanged) == (0, 0, 2)
    assert len(postings(db_path)) == 2


def test_changed_row_updates_the_posting(db_path, tmp_path):
    path = write_jsonl(tmp_path / "jobs.jsonl", ROWS)
    import_file(db_path, path)
    changed = [dict(ROWS[0], description="Now also Kubernetes."), ROWS[1]]
    result = import_file(db_path, write_jsonl(path, changed))
    assert (result.counts.new, result.counts.updated) == (0, 1)
    assert postings(db_path)[0][2] == "Now also Kubernetes."


def test_malformed_rows_are_rejected_with_a_reason_and_the_rest_loads(db_path, tmp_path):
    path = tmp_path / "jobs.jsonl"
    lines = [json.dumps(ROWS[0]), "{not json", json.dumps({"id": "x", "description": "no title"}),
             json.dumps(dict(ROWS[1], date_posted="last tuesday")), json.dumps({**ROWS[1], "id": "a3"}), "[1, 2]"]
    path.write_text("\n".join(lines) + "\n")
    result = import_file(db_path, path)
    assert (result.rows, result.counts.new, result.rejected) == (6, 2, 4)
    with store.reading(db_path) as con:
        rejects = con.execute("SELECT url, reason, payload FROM rejects ORDER BY url").fetchall()
        run = con.execute("SELECT status, items_seen, items_new, items_rejected FROM crawl_runs").fetchall()
    reasons = {url.rsplit(":", 1)[1]: reason for url, reason, _ in rejects}
    payloads = {url.rsplit(":", 1)[1]: payload for url, _, payload in rejects}
    assert reasons["2"].startswith("not valid JSON")
    assert reasons["3"] == "missing required field: title"
    assert "last tuesday" in reasons["4"]
    assert reasons["6"] == "not a JSON object"
    assert json.loads(payloads["3"])["description"] == "no title"  # what was refused is kept
    assert payloads["2"] == "{not json"
    assert run == [("partial", 6, 2, 4)]


def test_csv_row_with_too_many_fields_is_rejected(db_path, tmp_path):
    path = tmp_path / "jobs.csv"
    path.write_text("id,title,description\n1,ML Engineer,Builds models\n2,Data Engineer,Pipelines,extra\n")
    result = import_file(db_path, path)
    assert (result.counts.new, result.rejected) == (1, 1)


def test_columns_are_case_insensitive(db_path, tmp_path):
    path = write_csv(tmp_path / "jobs.csv", [{"ID": "1", "Title": "ML Engineer", "DESCRIPTION": "Models."}])
    assert import_file(db_path, path).counts.new == 1


def test_unknown_file_type_is_refused_before_writing(db_path, tmp_path):
    path = tmp_path / "jobs.xlsx"
    path.write_text("x")
    with pytest.raises(JobtrendsError, match="unknown file type"):
        import_file(db_path, path)
    assert not db_path.exists()


def test_the_same_job_imported_from_two_sources_is_one_cluster(db_path, tmp_path):
    text = "You will build and deploy ranking models for our marketplace, own their monitoring and " \
           "work with product engineers on experiments. Python and SQL required."
    first = write_jsonl(tmp_path / "a.jsonl", [{"id": "1", "title": "ML Engineer", "company": "Quillfern",
                                               "description": text}])
    second = write_jsonl(tmp_path / "b.jsonl", [{"id": "x9", "title": "ML Engineer", "company": "Quillfern Inc.",
                                                "description": text + " Apply now."},
                                               {"id": "x10", "title": "Data Engineer", "company": "Quillfern",
                                                "description": "Pipelines."}])
    import_file(db_path, first, source="board-a")
    import_file(db_path, second, source="board-b")
    with store.reading(db_path) as con:
        clusters = dict(con.execute("SELECT source || '/' || source_id, cluster_id FROM postings").fetchall())
        unique = store.scalar(con, "SELECT count(*) FROM postings_unique")
    assert clusters["board-a/1"] == clusters["board-b/x9"] != clusters["board-b/x10"]
    assert unique == 2
