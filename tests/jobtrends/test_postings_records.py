"""records_table builds its Arrow table a column at a time: it must give exactly the table of
the original row-at-a-time code (content_hash and dedup_key are stored and compared later)."""

import datetime
import hashlib
import json

import pyarrow as pa

from jobtrends.postings import HASHED_FIELDS, RECORD_FIELDS, RECORD_SCHEMA, content_hash, dedup_key, records_table


def original_records_table(records):
    """The code as it was: a dict a row, json.dumps, Table.from_pylist."""
    by_id = {}
    for record in records:
        row = {f: record.get(f) for f in RECORD_FIELDS}
        for key in ("raw", "extra"):
            if row[key] is not None and not isinstance(row[key], str):
                row[key] = json.dumps(row[key], ensure_ascii=False, default=str)
        payload = json.dumps([row.get(f) for f in HASHED_FIELDS], ensure_ascii=False)
        row["content_hash"] = hashlib.sha1(payload.encode()).hexdigest()
        row["dedup_key"] = dedup_key(row)
        by_id[row["posting_id"]] = row
    return pa.Table.from_pylist(list(by_id.values()), schema=RECORD_SCHEMA)


RECORDS = [
    {"posting_id": "a", "title": "ML Engineer (Remote)", "company": "Acme Inc.", "description": "Ship models.",
     "raw": {"id": "1", "when": datetime.date(2025, 1, 2), "tags": ["é", 3]}, "extra": {"team": "Risk"}},
    {"posting_id": "b", "title": "Analyst", "company": None, "description": "Dashboards \"quoted\" \u2028 ünï",
     "date_posted": datetime.datetime(2025, 2, 4, 8, 30), "salary_min": 50000, "raw": "already text"},
    {"posting_id": "c", "title": "Data Engineer", "company": "Fieldstone", "source_industry": "finance",
     "config_industry": "tech", "description": None, "valid_through": None, "unknown_key": 1},
    {"posting_id": "a", "title": "ML Engineer", "company": "Acme", "description": "Ship models, v2."},
    {"posting_id": "d"},
]


def test_records_table_equals_the_row_at_a_time_original():
    got, expected = records_table(RECORDS), original_records_table(RECORDS)
    assert got.schema.equals(expected.schema, check_metadata=True)
    assert got.equals(expected)
    assert got.column("posting_id").to_pylist() == ["a", "b", "c", "d"]      # later "a" wins, first place
    assert got.column("description").to_pylist()[0] == "Ship models, v2."
    assert got.column("content_hash").to_pylist()[1] == content_hash(RECORDS[1])
    assert records_table([]).num_rows == 0 and records_table([]).schema == RECORD_SCHEMA
