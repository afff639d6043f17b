"""Import in batches prepared by worker processes: the same store as one in-process batch."""

import json

import pytest

from jobtrends import store
from jobtrends.import_batch import Chunk, join_batches, merged_batches, prepare, prepared_batches
from jobtrends.importer import import_file, read_chunks

HTML = "<h2>About us</h2><p>We ship <b>models</b> &amp; pipelines.</p><ul><li>Python</li><li>SQL</li></ul>"
TEXT = ("You will build and deploy ranking models for our marketplace, own their monitoring and "
        "work with product engineers on experiments. Python and SQL required.")
LINES = [
    json.dumps({"id": "1", "title": "ML Engineer", "company": "Quillfern", "description": HTML,
                "date_posted": "2025-02-04T09:30:00+01:00", "team": "Risk"}),
    "{not json",
    json.dumps({"id": "2", "title": "ML Engineer", "company": "Quillfern Inc.", "description": TEXT}),
    json.dumps({"id": "3", "title": "ML Engineer", "company": "Quillfern", "description": TEXT + " Apply now."}),
    "",
    json.dumps({"id": "4", "description": "no title"}),
    json.dumps({"id": "5", "title": "Data Engineer", "description": "Pipelines.", "date_posted": "soon"}),
    json.dumps({"id": "1", "title": "ML Engineer", "company": "Quillfern", "description": HTML + "<p>More.</p>"}),
    json.dumps({"ID": "6", "Title": "  Analyst ", "Description": "Dashboards &lt;b&gt;daily&lt;/b&gt;", "industry": ""}),
    "[1, 2]",
    json.dumps({"id": "7", "title": "Data Engineer", "company": "Fieldstone", "description": TEXT}),
]
COMPARED = ("posting_id, source_id, cluster_id, url, title, company, date_posted, description, description_html, "
            "source_industry, content_hash, dedup_key, raw, extra, cluster_signature")


def snapshot(db_path):
    with store.reading(db_path) as con:
        postings = con.execute(f"SELECT {COMPARED} FROM store.postings ORDER BY posting_id").fetchall()
        rejects = con.execute("SELECT url, reason, payload FROM store.rejects ORDER BY url").fetchall()
        run = con.execute("SELECT status, items_seen, items_new, items_updated, items_rejected FROM crawl_runs"
                          ).fetchall()
    return postings, [(url.rsplit("/", 1)[1], reason, payload) for url, reason, payload in rejects], run


@pytest.fixture
def jobs(tmp_path):
    path = tmp_path / "jobs.jsonl"
    path.write_text("\n".join(LINES) + "\n")
    return path


def test_worker_processes_store_exactly_what_one_in_process_batch_stores(tmp_path, jobs):
    one = tmp_path / "one.duckdb"
    pooled = tmp_path / "pooled.duckdb"
    import_file(one, jobs, source="s", workers=0, batch_rows=100)
    import_file(pooled, jobs, source="s", workers=2, batch_rows=2, merge_rows=2)  # 5 batches over 2 workers
    expected, got = snapshot(one), snapshot(pooled)
    assert got[0] == expected[0] and len(got[0]) == 5
    assert got[1] == expected[1] and sorted(r[0] for r in got[1]) == ["jobs.jsonl:10", "jobs.jsonl:2", "jobs.jsonl:6",
                                                                      "jobs.jsonl:7"]
    # Counts may differ only where a repeated id falls in another batch (a later batch updates it).
    assert expected[2][0][:2] == got[2][0][:2] == ("partial", 10)
    by_id = {row[1]: row for row in got[0]}
    assert by_id["1"][7].endswith("More.")                     # the later row of an id wins
    assert by_id["2"][2] == by_id["3"][2] == min(by_id["2"][0], by_id["3"][0])  # copies: one cluster
    assert by_id["1"][2] is None and by_id["7"][2] is None     # other text, other title: no copy


def test_reimporting_with_workers_changes_nothing(db_path, tmp_path):
    # (An id repeated in two batches is updated by each, as in one process: left out here.)
    jobs = tmp_path / "jobs.jsonl"
    jobs.write_text("\n".join(line for line in LINES if "More." not in line) + "\n")
    import_file(db_path, jobs, source="s", workers=2, batch_rows=3)
    before = snapshot(db_path)[0]
    again = import_file(db_path, jobs, source="s", workers=2, batch_rows=3)
    assert (again.counts.new, again.counts.updated) == (0, 0)
    assert snapshot(db_path)[0] == before


def test_chunks_keep_file_line_numbers(jobs):
    chunks = list(read_chunks(jobs, "s", size=3))
    assert [len(c.payload) for c in chunks] == [3, 3, 3, 1]      # the blank line is skipped
    rejects = [r["url"].rsplit(":", 1)[1] for c in chunks for r in prepare(c).rejects]
    assert rejects == ["2", "6", "7", "10"]


def test_batches_come_in_order_and_reading_stays_bounded(jobs):
    pulled = []

    def chunks():
        for chunk in read_chunks(jobs, "s", size=1):
            pulled.append(chunk)
            yield chunk

    seen = []
    for batch in prepared_batches(chunks(), workers=2):
        assert len(pulled) - len(seen) <= 3   # at most `workers` ahead of the one being merged
        seen.append(batch)
    assert [b.rows for b in seen] == [1] * 10
    expected = [prepare(c) for c in read_chunks(jobs, "s", size=1)]
    assert [b.records.to_pylist() for b in seen] == [b.records.to_pylist() for b in expected]
    assert [b.signatures.to_pylist() for b in seen] == [b.signatures.to_pylist() for b in expected]


def test_a_chunk_with_only_rejects_prepares_an_empty_batch(tmp_path):
    batch = prepare(Chunk(str(tmp_path / "x.jsonl"), "s", "lines", [(4, "{bad")]))
    assert batch.records.num_rows == 0 and batch.signatures.to_pylist() == [] and batch.rows == 1
    assert batch.rejects[0]["url"].endswith("x.jsonl:4")


@pytest.mark.parametrize("merge_rows", [3, 4, 100])
def test_merging_several_prepared_batches_at_once_stores_the_same(tmp_path, jobs, merge_rows):
    one = tmp_path / "one.duckdb"
    grouped = tmp_path / f"grouped{merge_rows}.duckdb"
    import_file(one, jobs, source="s", workers=0, batch_rows=100)
    result = import_file(grouped, jobs, source="s", workers=2, batch_rows=2, merge_rows=merge_rows)
    expected, got = snapshot(one), snapshot(grouped)
    assert got[0] == expected[0] and got[1] == expected[1]
    assert (result.rows, result.rejected, result.counts.new) == (10, 4, 5)


def test_joined_batches_keep_the_later_record_of_an_id_in_the_first_place(jobs):
    batches = [prepare(c) for c in read_chunks(jobs, "s", size=3)]
    joined = join_batches(batches)
    whole = prepare(Chunk(str(jobs), "s", "lines", [p for c in read_chunks(jobs, "s", size=3) for p in c.payload]))
    assert joined.records.to_pylist() == whole.records.to_pylist()   # id "1" comes twice in the file
    assert joined.signatures.to_pylist() == whole.signatures.to_pylist()
    assert [r["url"] for r in joined.rejects] == [r["url"] for r in whole.rejects]
    assert (joined.rows, joined.records.num_rows) == (10, 5)


def test_merged_batches_group_consecutive_batches_up_to_the_rows_asked(jobs):
    batches = [prepare(c) for c in read_chunks(jobs, "s", size=1)]
    assert [b.rows for b in merged_batches(batches, 4)] == [4, 4, 2]
    assert [b.rows for b in merged_batches(batches, 1)] == [1] * 10


def test_a_merge_that_fails_leaves_the_store_as_after_the_merges_before_it(tmp_path, jobs, monkeypatch):
    from jobtrends import importer
    from jobtrends.errors import JobtrendsError

    merges = []
    add_rejects = importer.add_rejects

    def fail_second_merge(con, *args):
        merges.append(1)
        if len(merges) == 2:
            raise RuntimeError("disk full")
        return add_rejects(con, *args)

    monkeypatch.setattr(importer, "add_rejects", fail_second_merge)
    db = tmp_path / "db.duckdb"
    with pytest.raises(JobtrendsError, match="disk full"):
        import_file(db, jobs, source="s", workers=0, batch_rows=4, merge_rows=4)
    postings, rejects, run = snapshot(db)
    assert sorted(p[1] for p in postings) == ["1", "2", "3"]          # lines 1-4 only
    assert not postings[0][7].endswith("More.") and not any("More." in p[7] for p in postings)
    assert [r[0] for r in rejects] == ["jobs.jsonl:2"]
    assert run[0][0] == "failed"


def test_workers_hand_batches_over_in_files_that_are_gone_after_the_import(tmp_path, jobs, monkeypatch):
    import tempfile

    spill = tmp_path / "spill"
    spill.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spill))
    seen = []
    for batch in prepared_batches(read_chunks(jobs, "s", size=3), workers=2):
        seen.append(batch)
        assert batch.spilled is None and batch.records is not None
        assert len(list(spill.glob("*/*.arrow"))) <= 2     # the chunks in flight; each is removed once mapped
    expected = [prepare(c) for c in read_chunks(jobs, "s", size=3)]
    assert [b.records.to_pylist() for b in seen] == [b.records.to_pylist() for b in expected]
    assert [b.signatures.to_pylist() for b in seen] == [b.signatures.to_pylist() for b in expected]
    assert [b.records.schema for b in seen] == [b.records.schema for b in expected]
    assert list(spill.iterdir()) == []                            # and the directory too
    import_file(tmp_path / "db.duckdb", jobs, source="s", workers=2, batch_rows=2)
    assert list(spill.iterdir()) == []


def test_parquet_chunks_go_to_workers_in_files_and_prepare_the_same(tmp_path, jobs, monkeypatch):
    import tempfile

    import pyarrow as pa
    import pyarrow.parquet as pq

    spill = tmp_path / "spill"
    spill.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spill))
    rows = [{k.lower(): v for k, v in json.loads(line).items()} for line in LINES if line.startswith("{\"")]
    parquet = tmp_path / "jobs.parquet"
    pq.write_table(pa.Table.from_pylist([{"title": None, **row} for row in rows]), parquet)
    seen = list(prepared_batches(read_chunks(parquet, "s", size=3), workers=2))
    expected = [prepare(c) for c in read_chunks(parquet, "s", size=3)]
    assert [b.records.to_pylist() for b in seen] == [b.records.to_pylist() for b in expected]
    assert [b.signatures.to_pylist() for b in seen] == [b.signatures.to_pylist() for b in expected]
    assert [b.rejects for b in seen] == [b.rejects for b in expected]
    assert [r["url"].rsplit(":", 1)[1] for b in seen for r in b.rejects] == ["4", "5"]   # file row numbers
    assert list(spill.iterdir()) == []
