"""A job title repeated in the text (with other level words or punctuation) is not a duty."""

from nlp.tagger import _title_core, _without_title_mentions
from nlp.themes import CueHit


def test_title_core_drops_level_words_and_punctuation():
    assert _title_core("Sr. Machine Learning Scientist") == "machine learning scientist"
    assert _title_core("Data Scientist III") == "data scientist"
    assert _title_core("Senior AI") == "senior ai"  # too little left: keep the whole title


def test_echo_of_the_title_with_other_level_words_is_dropped():
    echo = CueHit("machine learning", "MACHINE LEARNING SCIENTIST *** Remote ***", 0)
    duty = CueHit("machine learning", "You will train machine learning models for fraud detection.", 1)
    assert _without_title_mentions([echo, duty], "Sr. Machine Learning Scientist") == [duty]


def test_a_cue_not_in_the_title_is_kept_even_in_the_echo_sentence():
    hit = CueHit("kubernetes", "Machine Learning Scientist | Kubernetes | Berlin", 0)
    assert _without_title_mentions([hit], "Machine Learning Scientist") == [hit]
