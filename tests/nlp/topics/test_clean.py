"""Corpus cleaning (nlp/topics/clean.py), labels and the theme link on realistic topics."""

import numpy as np

from jobtrends.paths import data_dir
from nlp.topics.clean import clean_lines, employer_boilerplate, name_stop_words
from nlp.topics.corpus import normalise
from nlp.topics.model import short_label
from nlp.topics.prepare import documents
from nlp.topics.themes_link import load_theme_cues, match_topics


def test_header_contact_and_application_lines_are_dropped_and_money_removed():
    lines = ["Quillbank | ML Engineer | Remote | REMOTE | $150k-$200k | https://quillbank.example/jobs",
             "Build feature pipelines paying $120,000 a year for 3 teams",
             "Apply here: https://quillbank.example/apply",
             "Questions? Write to me at jobs@quillbank.example",
             "If your background doesn't tick every box, we encourage you to apply."]
    assert [line.split() for line in clean_lines(lines)] == [["Build", "feature", "pipelines", "paying", "a", "year",
                                                              "for", "teams"]]


def test_contractions_stay_whole_and_short_debris_goes():
    words = normalise("You'd own the team's ML and AI work in R and C#, e.g. k8s doesn't d k").split()
    assert "doesn" not in words and "t" not in words and "d" not in words and "k" not in words
    assert {"ml", "ai", "r", "c#", "team"} <= set(words)


def test_one_employers_recurring_lines_are_boilerplate_shared_lines_are_not():
    pitch = "Corvane sells tills to cafes."
    shared = "Tune slow Spark jobs."
    lines = [[pitch, shared]] * 4 + [[shared]] * 4
    employers = ["Corvane"] * 4 + ["A", "B", "C", "D"]
    assert employer_boilerplate(lines, employers) == {pitch.lower()}


def test_name_words_are_stop_words_only_when_they_mostly_name_the_poster():
    docs = [{"corvane", "spark"}, {"corvane", "logistics"}, {"logistics"}, {"logistics"}, {"logistics"}]
    names = [{"corvane", "system"}, {"driftwood", "logistics"}, set(), set(), set()]
    assert name_stop_words(docs, names) >= {"corvane"}
    assert "logistics" not in name_stop_words(docs, names)


def test_company_and_place_words_leave_the_documents():
    rows = [(f"Corvane builds tills. You will tune Spark {word} in London.", None, "Corvane Systems", "London")
            for word in ("jobs", "queries", "clusters")] + [("You will tune Spark jobs.", None, "Other", "Paris")]
    docs = documents(rows, workers=1)
    assert all("corvane" not in d and "london" not in d for d in docs)
    assert all("spark" in d for d in docs)


def test_label_prefers_bigrams_over_the_words_they_hold():
    terms = ["copy-pasted", "copy-pasted notebook", "logic", "module", "reusable module", "notebook"]
    assert short_label(terms) == "copy-pasted notebook / logic / reusable module"


def test_a_realistic_software_topic_is_not_emerging_and_robotics_is():
    """Real-sized topics spread their weight over many terms, few of them cues: the link judges
    them by the share of their top-term weight the cues account for, not a diluted cosine."""
    terms = ["healthy", "dependency", "dependency update", "linting", "type check", "repository",
             "code review", "pull request", "robotics simulation", "gazebo", "motion planning", "ros node",
             "physics engine", "digital twin"]
    software = np.array([1.0, 0.9, 0.8, 0.8, 0.7, 0.6, 0.5, 0.5, 0, 0, 0, 0, 0, 0])
    robotics = np.array([0, 0, 0, 0, 0, 0, 0, 0, 1.0, 0.9, 0.8, 0.7, 0.6, 0.5])
    themes = load_theme_cues(data_dir() / "themes.toml")
    soft, robot = match_topics(np.vstack([software, robotics]), terms, themes, 0.2)
    assert soft.nearest_theme == "software_engineering" and not soft.emerging
    assert robot.emerging


def test_the_quick_tests_before_each_expression_change_no_line():
    """clean_lines tries a substring before each regular expression: same lines as the
    expressions alone, including case-folded non-ASCII text."""
    from nlp.topics import clean

    def plain(lines):
        kept = []
        for line in lines:
            if (clean.is_header_line(line) or clean._URL.search(line) or clean._EMAIL.search(line)
                    or clean._APPLICATION.search(line)):
                continue
            line = clean._NUMBER.sub(" ", clean._MONEY.sub(" ", line)).strip()
            if line:
                kept.append(line)
        return kept

    pieces = ["Tune Spark jobs", "HTTPS://x.example/a", "WWW.Example.com", "mail@x.io", "Send US your CV",
              "E-mail me", "Equal  Opportunity employer", "APPLICANTS welcome", "we \u212aeep", "\u017fend us",
              "questions?", "€120k-€150k", "3 teams", "  ", "Regardless of", "write to us", "¹²", "in the Subject"]
    rng = __import__("random").Random(2)
    lines = [" ".join(rng.sample(pieces, rng.randint(1, 3))) for _ in range(3000)] + pieces
    assert clean.clean_lines(lines) == plain(lines)
    assert len(plain(lines)) > 100 and len(plain(lines)) < len(lines)
