from collections import Counter

import pytest

from nlp.role import role_from_title_and_duties, seniority_from_title


@pytest.mark.parametrize("title, role, seniority", [
    ("Senior Machine Learning Engineer", "ml_engineer", "senior"),
    ("Staff Data Engineer", "data_engineer", "senior"),
    ("Data Scientist II", "data_scientist", "mid"),
    ("Head of AI", "ml_engineer", "lead"),
    ("Account Executive", "other", "mid"),
    ("Machine Learning Scientist", "data_scientist", "mid"),
    ("Junior BI Analyst", "data_analyst", "junior"),
    ("Sr. MLOps Engineer (Remote)", "ml_engineer", "senior"),
    ("Principal Analytics Engineer", "data_engineer", "lead"),
    ("Machine Learning Intern", "ml_engineer", "junior"),
    ("Associate Director, Data Science", "data_scientist", "lead"),
    ("Computer Vision Engineer III", "ml_engineer", "mid"),
    ("Sales Engineer, AI Platform", "other", "mid"),
])
def test_role_and_seniority_from_titles(tagger, title, role, seniority):
    assert role_from_title_and_duties(title, Counter(), tagger.roles) == role
    assert seniority_from_title(title, tagger.roles) == seniority


def test_empty_title_has_unknown_seniority(tagger):
    assert seniority_from_title("", tagger.roles) == "unknown"


def test_ambiguous_titles_are_resolved_by_duties(tagger):
    roles = tagger.roles
    assert role_from_title_and_duties("Research Engineer", Counter(data_scientist=3, ml_engineer=1), roles) == "data_scientist"
    assert role_from_title_and_duties("Research Engineer", Counter(), roles) == "ml_engineer"
    assert role_from_title_and_duties("Software Engineer", Counter(ml_engineer=4), roles) == "ml_engineer"
    assert role_from_title_and_duties("Software Engineer", Counter(ml_engineer=1), roles) == "other"


def test_duties_come_from_the_job_text(tagger):
    from nlp.tagger import PostingInput

    from .conftest import fitted

    text = ("Responsibilities\n- Deploy models with PyTorch and MLOps tooling\n- Build ML pipelines\n"
            "- Own model serving and inference")
    postings = [PostingInput("p1", "Backend Engineer", text), PostingInput("p2", "Backend Engineer", "Write Java.")]
    tags = tagger.tag(postings, fitted(tagger, postings))
    assert [t.role for t in tags] == ["ml_engineer", "other"]
