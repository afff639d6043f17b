import shutil

from nlp.tagger import PostingInput, tagger_version

from .conftest import fitted

PITCH_AND_BENEFITS = """About us
We are a cloud company. Our platform runs on AWS and Kubernetes for thousands of shops.
What you'll do
- Write clear release notes for our mobile app
Benefits
- Free courses on data pipelines, SQL and Spark
- A yearly budget for data conferences"""

RUNS_CLUSTERS = """Responsibilities
- You will run our Kubernetes clusters and keep them reliable
- Write clear release notes for our mobile app"""

OTHER = """Requirements
- Experience training deep learning models with PyTorch"""


def themes_of(tagger, texts):
    postings = [PostingInput(f"p{i}", "Engineer", text) for i, text in enumerate(texts)]
    analyses = fitted(tagger, postings)
    return [{t.theme: t for t in tags.themes} for tags in tagger.tag(postings, analyses)]


def test_company_pitch_and_benefits_do_not_tag_systems_or_data(tagger):
    pitch, runs, other = themes_of(tagger, [PITCH_AND_BENEFITS, RUNS_CLUSTERS, OTHER])
    assert not pitch["systems"].tagged and pitch["systems"].score == 0
    assert not pitch["data"].tagged and pitch["data"].score == 0
    assert runs["systems"].tagged
    assert runs["systems"].evidence == ["You will run our Kubernetes clusters and keep them reliable"]
    assert not runs["data"].tagged
    assert other["modeling"].tagged and not other["systems"].tagged


def test_scores_are_in_unit_interval_and_every_theme_has_a_row(tagger):
    rows = themes_of(tagger, [RUNS_CLUSTERS, OTHER, PITCH_AND_BENEFITS])
    for themes in rows:
        assert set(themes) == {"software_engineering", "data", "production", "systems", "modeling", "collaboration"}
        assert all(0.0 <= t.score < 1.0 for t in themes.values())
        assert all(len(t.evidence) <= 3 for t in themes.values())


def test_more_cues_give_a_higher_score_and_evidence_is_capped(tagger):
    many = "\n".join([
        "Responsibilities", "- Run Kubernetes clusters", "- Write Terraform for AWS", "- Design distributed systems",
        "- Own GPU clusters", "- Keep Docker images small",
    ])
    one, five = themes_of(tagger, ["Responsibilities\n- Run Kubernetes clusters", many])
    assert five["systems"].score > one["systems"].score > 0
    assert len(five["systems"].evidence) == 3


def test_same_input_twice_gives_identical_results(tagger):
    first = themes_of(tagger, [RUNS_CLUSTERS, OTHER, PITCH_AND_BENEFITS])
    second = themes_of(tagger, [RUNS_CLUSTERS, OTHER, PITCH_AND_BENEFITS])
    assert first == second


def test_tagger_version_changes_when_a_taxonomy_file_changes(tmp_path):
    from jobtrends.paths import data_dir

    from nlp.tagger import DATA_FILES

    (tmp_path / "models").mkdir()
    for name in DATA_FILES:
        shutil.copy(data_dir() / name, tmp_path / name)
    before = tagger_version(tmp_path)
    assert before == tagger_version(data_dir())
    with (tmp_path / "skills.csv").open("a") as handle:
        handle.write("Zig,,language,,,\n")
    assert tagger_version(tmp_path) != before


def test_a_sentence_that_only_repeats_the_title_is_no_evidence(tagger):
    from nlp.tagger import PostingInput

    text = "About the role\nThe Maps team needs a Senior NLP Engineer.\nYou will write release notes."
    postings = [PostingInput("p1", "Senior NLP Engineer", text), PostingInput("p2", "Writer", text)]
    first, second = [{t.theme: t for t in tags.themes} for tags in tagger.tag(postings, fitted(tagger, postings))]
    assert first["modeling"].score == 0
    assert second["modeling"].score > 0.3  # the same words, when they are not the title, count


def test_a_weak_cue_rare_in_the_reference_corpus_stays_weak():
    from nlp.themes import CueHit, Theme, ThemeScorer, ThemeTaxonomy

    theme = Theme("modeling", "Modeling", "", 0.3, {"machine learning": 1.0, "ai": 0.3})
    idf = {"machine learning": 2.0, "ai": 9.0}  # "ai" never seen in the reference corpus
    hits = [[CueHit("ai", "AI for everything.", 0)], [CueHit("machine learning", "Machine learning.", 0)]]
    uncapped = ThemeScorer(ThemeTaxonomy([theme]), idf).score(hits)
    capped = ThemeScorer(ThemeTaxonomy([theme], weak_idf_cap=2.5), idf).score(hits)
    assert uncapped[0][0].score > uncapped[1][0].score  # the weak cue outweighed a strong one
    assert capped[0][0].score < capped[1][0].score
    assert capped[1][0].score == uncapped[1][0].score  # strong cues keep their IDF
    assert capped[0][0].evidence == ["AI for everything."]
