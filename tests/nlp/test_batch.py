"""nlp.batch: the tagger as pure functions over Arrow record batches (used by `jobtrends tag`
and by the Spark engine)."""

import pyarrow as pa
import pytest

from nlp import batch as nb
from nlp import tagger as tagger_module
from nlp.tagger import PostingInput

HOSPITAL = ("<h2>About us</h2><p>We run hospitals and clinics; our nurses and physicians care for patients.</p>"
            "<h2>What you'll do</h2><ul><li>Deploy models to production with MLflow and Kubernetes</li>"
            "<li>Build data pipelines with Airflow and SQL</li></ul>")
PLAIN = "Requirements\n- Train deep learning models with PyTorch\n- Write Python and SQL"


def postings_batch(rows: list[dict]) -> pa.RecordBatch:
    columns = {name: [r.get(name) for r in rows] for name in nb.INPUT_COLUMNS + ("company_industry",)}
    columns["company_industry_confidence"] = [r.get("company_industry_confidence") for r in rows]
    schema = pa.schema([(n, pa.string()) for n in nb.INPUT_COLUMNS + ("company_industry",)]
                       + [("company_industry_confidence", pa.float64())])
    return pa.RecordBatch.from_pydict(columns, schema=schema)


ROWS = [
    {"posting_id": "b", "title": "Machine Learning Engineer", "description": HOSPITAL, "company": "Maple Row Care"},
    {"posting_id": "a", "title": "Data Scientist", "description": PLAIN, "company": "Bramblecrest Bank",
     "source_industry": "Banking"},
    {"posting_id": "c", "title": "ML Engineer", "description": PLAIN, "company": "Quillfern",
     "company_industry": "retail", "company_industry_confidence": 0.8},
]


def test_one_tag_row_per_posting_in_input_order():
    out = nb.tag_batch(postings_batch(ROWS))
    assert out.schema == nb.TAG_SCHEMA
    rows = out.to_pylist()
    assert [r["posting_id"] for r in rows] == ["b", "a", "c"]
    assert all(r["error"] is None and r["tagger_version"] == nb.get_tagger().version for r in rows)
    assert {t["theme"] for t in rows[0]["themes"]} == {t.id for t in nb.get_tagger().themes.themes}
    assert "PyTorch" in {s["skill"] for s in rows[1]["skills"]}


def test_industry_from_source_label_company_columns_or_the_batch_pool():
    rows = {r["posting_id"]: r for r in nb.tag_batch(postings_batch(ROWS)).to_pylist()}
    assert (rows["a"]["industry"], rows["a"]["industry_source"]) == ("finance", "source")
    assert (rows["c"]["industry"], rows["c"]["industry_source"], rows["c"]["industry_confidence"]) == \
        ("retail", "inferred", 0.8)
    # no company columns given for "b": its own about-text is the pool
    assert (rows["b"]["industry"], rows["b"]["industry_source"]) == ("healthcare", "inferred")


def test_same_tags_as_the_tagger_called_directly():
    tagger = nb.get_tagger()
    postings = [PostingInput(r["posting_id"], r["title"], r["description"], None, r["company"],
                             r.get("source_industry")) for r in ROWS[:2]]
    direct = tagger.tag(postings, company_cache={})
    rows = nb.tag_batch(postings_batch(ROWS[:2])).to_pylist()
    for tags, row in zip(direct, rows):
        assert (row["role"], row["seniority"], row["industry"]) == (tags.role, tags.seniority, tags.industry.industry)
        assert [(t["theme"], t["score"], t["tagged"], t["evidence"]) for t in row["themes"]] == \
            [(t.theme, t.score, t.tagged, t.evidence) for t in tags.themes]
        assert [(s["skill"], s["category"]) for s in row["skills"]] == list(tags.skills)


def test_a_posting_whose_text_fails_gets_an_error_row_and_the_rest_is_tagged(monkeypatch):
    real = tagger_module.split_sections

    def explode(text):
        if "EXPLODE" in text:
            raise ValueError("bad markup")
        return real(text)

    monkeypatch.setattr(tagger_module, "split_sections", explode)
    rows = nb.tag_batch(postings_batch([ROWS[1], {**ROWS[1], "posting_id": "x", "description": "EXPLODE"}])).to_pylist()
    assert rows[0]["error"] is None and rows[0]["role"]
    assert rows[1]["posting_id"] == "x" and "bad markup" in rows[1]["error"] and rows[1]["role"] is None


def test_infer_company_batch_pools_the_rows_of_one_company_key():
    about = pa.RecordBatch.from_pydict({
        "company": ["Maple Row Care Inc.", "Maple Row Care", "Bramblecrest"],
        "description": [HOSPITAL, "<h2>About us</h2><p>Our hospitals serve patients.</p>", PLAIN],
        "description_html": [None, None, None],
    })
    rows = nb.infer_company_batch(about).to_pylist()
    assert [r["company_key"] for r in rows] == ["company:bramblecrest", "company:maple row care"]
    assert rows[1]["industry"] == "healthcare" and rows[1]["industry_confidence"] > 0
    assert rows[0]["industry"] == "other"  # no about-text, no name cue


def test_a_batch_without_the_input_columns_is_refused_clearly():
    with pytest.raises(ValueError, match="lacks the column.*title"):
        nb.tag_batch(pa.RecordBatch.from_pydict({"posting_id": ["1"], "description": ["x"]}))


def test_company_key_of_a_posting_without_company_is_its_own():
    assert nb.company_key_of(None, "p1") == "posting:p1"
    assert nb.company_key_of("Acme, Inc.", "p1") == nb.company_key_of("ACME", "p2") == "company:acme"


def test_past_the_vocabulary_limit_a_batch_adds_no_words_for_good_and_tags_the_same(monkeypatch):
    def rows(start):
        return [{"posting_id": f"p{i}", "title": "ML Engineer", "company": f"Firm {i}",
                 "description": f"Requirements\n- Deploy models with Kubernetes; zorbix{i} and quandle{i} tooling"}
                for i in range(start, start + 20)]

    reference = nb.tag_batch(postings_batch(rows(100)), tagger=tagger_module.Tagger())
    tagger = tagger_module.Tagger()
    monkeypatch.setattr(tagger_module, "VOCABULARY_LIMIT", len(tagger.nlp.vocab.strings) + 10)
    nb.tag_batch(postings_batch(rows(0)), tagger=tagger)  # below the limit: its new words stay
    kept = len(tagger.nlp.vocab.strings)
    assert kept > tagger_module.VOCABULARY_LIMIT
    zoned = nb.tag_batch(postings_batch(rows(100)), tagger=tagger)  # past it: freed after the batch
    assert len(tagger.nlp.vocab.strings) == kept
    assert zoned.to_pylist() == reference.to_pylist()
