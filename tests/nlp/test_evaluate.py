"""`jobtrends eval` on a tiny hand-made labelled file."""

import json

import pytest
from click.testing import CliRunner

from jobtrends.cli import cli
from nlp.evaluate import LabelledFileError, evaluate, read_labelled

ROWS = [
    {"id": "a", "title": "Senior Data Engineer", "company": "Ferrow Bank",
     "description": "About us\nFerrow Bank is a retail bank with branches and savings accounts for families.\n"
                    "Responsibilities\n- Build data pipelines in SQL and Airflow",
     "themes": ["data"], "role": "data_engineer", "seniority": "senior", "industry": "finance"},
    {"id": "b", "title": "Machine Learning Engineer", "company": "Ferrow Bank",
     "description": "Responsibilities\n- Run our Kubernetes clusters on AWS\n- Train deep learning models in PyTorch",
     "themes": ["systems", "modeling"], "role": "ml_engineer", "seniority": "mid", "industry": "finance"},
    {"id": "c", "title": "Account Executive", "company": "Tallow", "source_industry": "Software Development",
     "description": "Benefits\n- Free courses on Kubernetes and data pipelines\nWhat you'll do\n- Sell to new customers",
     "themes": ["data"], "role": "other", "seniority": "mid", "industry": "technology"},
]


@pytest.fixture
def labelled(tmp_path):
    path = tmp_path / "tiny.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in ROWS))
    return path


def test_figures_on_a_tiny_file(tagger, labelled):
    rows = read_labelled(labelled, tagger.themes.ids, tagger.industries.ids)
    report = evaluate(rows, tagger)
    data = report["themes"]["data"]
    # a: tagged and labelled; b: neither; c: labelled (on purpose) but only benefits mention data
    assert (data["tp"], data["fp"], data["fn"], data["tn"]) == (1, 0, 1, 1)
    assert data["precision"] == 1.0 and data["recall"] == 0.5
    assert report["themes"]["systems"]["tp"] == 1 and report["themes"]["systems"]["fp"] == 0
    assert report["role"]["accuracy"] == 1.0 and report["seniority"]["accuracy"] == 1.0
    # industry: c has a source label, so only a and b (Ferrow Bank, with its about text) count
    assert report["industry"]["n"] == 2 and report["industry"]["n_all"] == 3
    assert report["industry"]["confusion"]["finance"] == {"finance": 2}


def test_a_bad_label_is_refused_with_its_line(tagger, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({**ROWS[0], "role": "wizard"}) + "\n")
    with pytest.raises(LabelledFileError, match=r"bad.jsonl:1: role must be one of"):
        read_labelled(path, tagger.themes.ids, tagger.industries.ids)


def test_cli_prints_json_and_the_baseline(labelled):
    result = CliRunner().invoke(cli, ["eval", str(labelled), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["postings"] == 3 and set(report["themes_macro"]) == {"precision", "recall", "f1", "kappa"}
    baseline = json.loads(CliRunner().invoke(cli, ["eval", str(labelled), "--json", "--baseline"]).output)
    # the substring list tags `data` from the benefits of c (and is right by the label only by luck)
    assert baseline["predictor"] == "keywords" and baseline["themes"]["data"]["tp"] == 2
    assert CliRunner().invoke(cli, ["eval", str(labelled.parent / "nope.jsonl")]).exit_code == 2
