"""Weak cues that need company: a weak cue in a sentence about another theme does not count,
calibration keeps such a theme's threshold above one weak cue alone, and a job title echoed in
text without line breaks is not cut into cue words."""

import math

from nlp.calibrate import MIN_THRESHOLD, best_threshold, threshold_floor
from nlp.linebreaks import restore_breaks
from nlp.sections import CAPITALISED_DUTY_VERBS
from nlp.tagger import PostingInput
from nlp.themes import CueHit, Theme, ThemeScorer, ThemeTaxonomy

from .conftest import fitted

DEPLOY = "Deploy the trained models behind a low-latency service"
PYTORCH = "Train the models in PyTorch"
NEUTRAL = "Explain the models to the support team"


def taxonomy(need_company: bool) -> ThemeTaxonomy:
    production = Theme("production", "Production", "", 0.3, {"latency": 1.0, "deploy": 0.3})
    modeling = Theme("modeling", "Modeling", "", 0.3, {"pytorch": 1.0, "models": 0.3, "trained": 0.3},
                     weak_cues_need_company=need_company)
    return ThemeTaxonomy([production, modeling], weak_idf_cap=2.5)


def hits(*sentences: tuple[str, list[str]]) -> list[CueHit]:
    return [CueHit(term, text, index) for index, (text, terms) in enumerate(sentences) for term in terms]


def scorer(need_company: bool) -> ThemeScorer:
    idf = {"latency": 2.0, "deploy": 2.0, "pytorch": 2.0, "models": 2.0, "trained": 2.0}
    return ThemeScorer(taxonomy(need_company), idf)


def modeling(scorer_: ThemeScorer, posting_hits: list[CueHit]):
    return {r.theme: r for r in scorer_.score([posting_hits])[0]}["modeling"]


def test_weak_cues_in_a_sentence_about_another_theme_do_not_count():
    deploy = hits((DEPLOY, ["deploy", "trained", "models", "latency"]))
    assert modeling(scorer(False), deploy).score > 0
    result = modeling(scorer(True), deploy)
    assert result.score == 0 and result.evidence == [] and not result.tagged
    production = {r.theme: r for r in scorer(True).score([deploy])[0]}["production"]
    assert production.tagged  # the sentence still counts for the theme it is about


def test_weak_cues_count_next_to_a_strong_cue_of_their_theme_or_in_a_neutral_sentence():
    own = modeling(scorer(True), hits((PYTORCH, ["models", "pytorch"])))
    alone = modeling(scorer(True), hits((PYTORCH, ["pytorch"])))
    assert own.score > alone.score > 0
    neutral = modeling(scorer(True), hits((NEUTRAL, ["models"])))
    assert neutral.score == modeling(scorer(False), hits((NEUTRAL, ["models"]))).score > 0


def test_only_the_foreign_sentence_is_left_out_and_evidence_follows():
    posting = hits((DEPLOY, ["trained", "models", "latency"]), (NEUTRAL, ["models"]))
    result = modeling(scorer(True), posting)
    assert result.score == modeling(scorer(True), hits((NEUTRAL, ["models"]))).score
    assert result.evidence == [NEUTRAL]


def test_calibration_floor_keeps_one_weak_cue_below_the_threshold():
    tax = taxonomy(True)
    idf = {"latency": 2.0, "deploy": 2.0, "pytorch": 2.0, "models": 4.0, "trained": 1.5}
    floor = threshold_floor(tax.themes[1], idf, tax)
    one_weak = 1 - math.exp(-0.3 * 2.5 / tax.scale)  # "models" once, its IDF capped at 2.5
    assert one_weak < floor < one_weak + 0.001
    assert threshold_floor(tax.themes[0], idf, tax) == MIN_THRESHOLD  # no flag: no floor
    # A positive carried by one weak cue (0.2) pulls the best threshold down to 0.075; with the
    # floor, one weak cue alone can no longer tag.
    scores, labels = [0.0, 0.0, 0.2, 0.6], [False, False, True, True]
    assert best_threshold(scores, labels) == 0.075
    assert floor <= best_threshold(scores, labels, floor) < 0.6


def test_title_echo_in_text_without_line_breaks_stays_whole():
    text = ("Acme | Senior Deep Learning Engineer | Lisbon | Full-time We are hiring a Senior Deep Learning "
            "Engineer to help the team. You will report to the Head of Engineering Prepare the weekly "
            "release notes and keep them short. Keep the build fast Review pull requests every day. "
            + "We meet every Monday to plan the week and share what we learned. " * 4)
    restored = restore_breaks(text, lambda words: False, CAPITALISED_DUTY_VERBS).split("\n")
    assert any("Senior Deep Learning Engineer | Lisbon" in line for line in restored)
    assert any(line.startswith("Prepare the weekly") for line in restored)
    assert any(line.startswith("Review pull requests") for line in restored)
    assert "Data Scientist Lead" in restore_breaks("Acme hires a Data Scientist Lead. " * 20, lambda w: False,
                                                   CAPITALISED_DUTY_VERBS)


def test_echoed_title_and_production_duties_do_not_tag_modeling(tagger):
    echo = ("Acme | Senior Deep Learning Engineer | Lisbon | Full-time\n"
            "We are hiring a Senior Deep Learning Engineer. Deploy the trained models behind a low-latency "
            "service. Automate retraining so the models stay current. Watch the models in production with "
            "dashboards and alerts. Write the runbooks for the on-call rotation. Apply by e-mail.")
    research = "Responsibilities\n- Train deep learning models with PyTorch and publish the results"
    postings = [PostingInput("echo", "Senior Deep Learning Engineer", echo), PostingInput("res", "Engineer", research)]
    rows = {t.posting_id: {r.theme: r for r in t.themes} for t in tagger.tag(postings, fitted(tagger, postings))}
    assert rows["echo"]["production"].tagged
    assert not rows["echo"]["modeling"].tagged
    assert rows["res"]["modeling"].tagged


def test_pseudo_folds_set_aside_each_tuning_line_once_and_never_a_heldout_line():
    from jobtrends.paths import data_dir
    from nlp.calibrate import PSEUDO_FOLDS, pseudo_folds
    from nlp.devset.banks import load_banks

    banks = load_banks(data_dir() / "eval" / "phrases")
    tuning = banks.part(heldout=False)
    heldout_texts = {line.text for line in banks.part(heldout=True).job}
    set_aside = [line.text for fold in range(PSEUDO_FOLDS) for line in pseudo_folds(tuning, fold).part(heldout=True).job]
    assert sorted(set_aside) == sorted(line.text for line in tuning.job)
    assert not heldout_texts & set(set_aside)
    fold = pseudo_folds(tuning, 1)
    assert not {l.text for l in fold.part(heldout=True).job} & {l.text for l in fold.part(heldout=False).job}
