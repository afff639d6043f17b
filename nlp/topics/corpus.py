"""The text topics are fitted on: the job's own sections of each posting, normalised.

Only the job sections count (responsibilities, requirements, nice-to-haves, untitled job
text): the company pitch, benefits and legal text are the same across an employer's postings
and would become "topics" of their own. Normalisation is cheap on purpose (100,000 postings
must take well under a minute): lower case, word tokens that keep "c++", "c#", "ci/cd" and
"scikit-learn", and plural nouns made singular with spaCy's English lookup table
(spacy-lookups-data), only when the lookup just strips the plural ending. The lookup table
also maps "learning" -> "learn", "data" -> "datum", "robotics" -> "robotic"; those rewrites
would make topic labels unreadable, so verb forms and other rewrites are not taken.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from jobtrends.text import posting_text
from nlp.sections import split_sections

from .clean import clean_lines

# The job's own section kinds (as themes.md counts them); kept here so this package depends
# only on split_sections' public result, not on the NLP stage's internals.
JOB_SECTION_KINDS = frozenset({"responsibilities", "requirements", "nice_to_have", "other"})

_TOKEN = re.compile(r"[a-z][a-z0-9]*(?:[+#]+|(?:[/.-][a-z0-9]+)+|'[a-z]+)?")
# Tokens shorter than three characters are mostly debris ("k" of "$150k", "d" of "you'd", "e.g"
# pieces); these short ones are real terms of the field and stay. ("go" stays out: scikit-learn's
# stop list has it, and as a verb it is far more common in postings than the language.)
SHORT_TERMS = frozenset({"ml", "ai", "r", "c", "c#", "ui", "ux", "qa", "bi", "js", "ts", "rl", "ci", "cd",
                         "db", "os", "ar", "vr", "ip", "hr", "pm"})
# Plurals that are words of their own in this domain; never singularised.
_KEEP = frozenset({
    "analytics", "statistics", "robotics", "economics", "physics", "mathematics", "logistics",
    "genomics", "kubernetes", "pandas", "series", "ops", "mlops", "devops", "dataops", "llmops",
    "news", "aws", "sales", "business", "access", "process", "bias", "class", "express", "less",
})
# Words every posting uses whatever the job; the vectoriser's max_df removes the rest of the
# recurring boilerplate (terms in more than max_df of the postings) from the data itself.
JOB_POSTING_STOP_WORDS = frozenset({
    "ability", "able", "candidate", "company", "etc", "excellent", "experience", "good", "great", "help",
    "ideal", "including", "join", "just", "looking", "new", "opportunity", "plus", "position",
    "preferred", "proven", "related", "relevant", "required", "requirement", "responsibility", "role",
    "skill", "strong", "team", "use", "using", "want", "way", "work", "working", "year", "yes", "you",
    "ll", "ve", "re", "s", "t", "e.g", "i.e",
})
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | JOB_POSTING_STOP_WORDS


@lru_cache(maxsize=1)
def _lemma_table():
    from spacy.lookups import load_lookups

    return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


def singular(word: str) -> str:
    """The singular of a plural noun when spaCy's lookup says so; the word itself otherwise."""
    if len(word) <= 3 or not word.endswith("s") or word in _KEEP or word.endswith(("ss", "us", "ics")):
        return word
    lemma = _lemma_table().get(word)
    if lemma and (lemma == word[:-1] or lemma == word[:-2] or (word.endswith("ies") and lemma == word[:-3] + "y")):
        return lemma
    return word


_SINGULAR: dict[str, str | None] = {}    # token -> _word() of it; a job-posting vocabulary is small


def _word(token: str) -> str | None:
    """The vocabulary word of one token: None for debris and contractions ("doesn't" is one
    token, never "doesn" + "t", and a function word), "team's" -> "team", plurals singular."""
    if "'" in token:
        if not token.endswith("'s"):
            return None
        token = token[:-2]
    if len(token) < 3 and token not in SHORT_TERMS:
        return None
    return singular(token)


def normalise(text: str) -> str:
    """Lower-cased word tokens, plurals singular, joined by spaces (the vectoriser splits on them)."""
    out = []
    for token in _TOKEN.findall(text.lower().replace("\u2019", "'")):
        word = _SINGULAR.get(token, "")
        if word == "":
            word = _word(token)
            if len(_SINGULAR) < 500_000:
                _SINGULAR[token] = word
        if word:
            out.append(word)
    return " ".join(out)


def job_text(description: str | None, description_html: str | None) -> str:
    """The plain text of the posting's job sections, one line per sentence or item."""
    sections = split_sections(posting_text(description, description_html))
    return "\n".join(line for s in sections if s.kind in JOB_SECTION_KINDS for line in s.lines)


def job_lines(description: str | None, description_html: str | None) -> list[tuple[str, str]]:
    """(line lower-cased, line normalised) for each kept line of the posting's job sections
    (clean.clean_lines). Untrusted markup that breaks the text extraction gives no lines
    rather than stopping the run."""
    try:
        lines = clean_lines(job_text(description, description_html).splitlines())
    except Exception:  # noqa: BLE001 - one bad posting must not stop the corpus
        return []
    return [(line.lower(), normalise(line)) for line in lines]


def document(description: str | None, description_html: str | None) -> str:
    """One posting as the topic model reads it, on its own (no corpus-level cleaning)."""
    return " ".join(text for _, text in job_lines(description, description_html) if text)
