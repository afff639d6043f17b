"""Negation, lost line breaks, duties under the pitch heading, hashtags, calibration."""

from nlp.calibrate import best_threshold
from nlp.negation import is_negated
from nlp.sections import job_text, split_sections
from nlp.tagger import PostingInput, Tagger


def test_negated_mentions_are_recognised_and_ordinary_ones_are_not():
    assert is_negated("No Kubernetes experience needed; the platform team runs the clusters")
    assert is_negated("You will not be writing SQL")
    assert is_negated("Deployment is handled by a separate MLOps team")
    assert not is_negated("Experience with Kubernetes is required")
    assert not is_negated("Serve models with no more than 20 ms latency")


def test_a_negated_sentence_does_not_tag_its_theme():
    tagger = Tagger(use_model=False)
    posting = PostingInput("p", "Analyst", "Requirements\n- No Kubernetes or Docker experience needed")
    (analysis,) = tagger.analyse([posting])
    assert analysis.hits == []


def test_lost_line_breaks_are_restored_so_the_pitch_stays_out():
    text = ("About us We run a cloud platform on AWS and Kubernetes for garden centres across the country and "
            "we have grown every year since we started selling seeds online to hobby gardeners. "
            "What you'll do Write the nightly SQL reports for the shop managers "
            "Explain the numbers to the owners Benefits Free courses on Docker and Terraform")
    job = job_text(split_sections(text))
    assert "Write the nightly SQL reports for the shop managers" in job
    assert "Explain the numbers to the owners" in job
    assert "AWS" not in job and "Docker" not in job


def test_duties_under_an_unknown_heading_after_the_pitch_are_job_text():
    text = "About Ferrow\nFerrow sells seeds.\nThe role in brief\nBuild data pipelines in Airflow."
    job = job_text(split_sections(text))
    assert job == "Build data pipelines in Airflow."


def test_hashtags_are_not_job_text_but_c_sharp_is():
    job = job_text(split_sections("Requirements\n- C# and F# services\n#Kubernetes #AI #Hiring"))
    assert "C#" in job and "F#" in job and "Kubernetes" not in job


def test_best_threshold_is_the_middle_of_the_best_range():
    scores = [0.0, 0.1, 0.4, 0.6, 0.9]
    labels = [False, False, True, True, True]
    # candidates 0.05, 0.25, 0.5, 0.75: only 0.25 separates perfectly
    assert best_threshold(scores, labels) == 0.25
    # candidates 0.05 and 0.4 both separate perfectly: the middle of that range
    assert best_threshold([0.0, 0.0, 0.8, 0.8], [False, False, True, True]) == 0.225
