"""The `sentences` component gives exactly the sentence starts of spaCy's sentencizer followed by
the line-break rule (the pair it replaced, as array operations)."""

import spacy
from spacy.language import Language

import nlp.components  # noqa: F401  (registers the factories)

TEXTS = [
    "",
    "One sentence without an end",
    "First one. Second one! Third one? Fourth",
    "Ends with punctuation.",
    "...leading dots. Then words",
    "Quoted end.\" Next sentence starts here.",
    "Abbrev e.g. this and i.e. that. Next.",
    "Heading\n\n- item one\n- item two.\n- item three",
    "\n\nStarts with breaks\nand a line\n",
    "Wrapped line\n   \n  indented after spaces",
    "Python or R. C++ and C# are fine!! What?! Yes.",
    "Price: $120k.\tTabbed next. (Parenthesised.) Done",
    "Emoji end 🙂. Next 。 CJK full stop next",
    "a.b.c.d no spaces.x",
    "Line one\n\n\n\nLine two.\n \nLine three",
]


def _starts(doc) -> list[bool]:
    return [bool(token.is_sent_start) for token in doc]


def _reference() -> Language:
    reference = spacy.blank("en")
    reference.add_pipe("sentencizer")
    reference.add_pipe("line_sentences_loop")
    return reference


@Language.component("line_sentences_loop")
def line_sentences_loop(doc):
    """The former token loop of line_sentences, kept here as the reference."""
    after_break = False
    for token in doc:
        if after_break and not token.is_space:
            token.is_sent_start = True
            after_break = False
        if "\n" in token.text_with_ws:
            after_break = True
    return doc


def test_sentences_match_sentencizer_and_line_breaks():
    ours = spacy.blank("en")
    ours.add_pipe("sentences")
    reference = _reference()
    for text in TEXTS:
        expected, got = reference(text), ours(text)
        assert _starts(got) == _starts(expected), text
        assert [s.text for s in got.sents] == [s.text for s in expected.sents], text


def test_line_break_starts_a_sentence_without_a_full_stop():
    ours = spacy.blank("en")
    ours.add_pipe("sentences")
    doc = ours("Requirements\n- Python\n- Kubernetes at scale")
    assert [s.text.strip() for s in doc.sents] == ["Requirements", "- Python", "- Kubernetes at scale"]


def test_line_sentences_before_a_parser_marks_only_line_starts():
    nlp = spacy.blank("en")
    nlp.add_pipe("line_sentences")
    doc = nlp("one two\nthree four. five")
    assert [t.text for t in doc[1:] if t.is_sent_start] == ["three"]
    assert doc[4].is_sent_start is None  # "four": left for the parser to decide
