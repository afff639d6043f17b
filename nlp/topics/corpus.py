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
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from jobtrends.text import posting_text
from nlp.sections import split_sections

# The job's own section kinds (as themes.md counts them); kept here so this package depends
# only on split_sections' public result, not on the NLP stage's internals.
JOB_SECTION_KINDS = frozenset({"responsibilities", "requirements", "nice_to_have", "other"})

_TOKEN = re.compile(r"[a-z][a-z0-9]*(?:[+#]+|(?:[/.-][a-z0-9]+)+)?")
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
PARALLEL_FROM = 5000        # postings; below this, a process pool costs more than it saves
_CHUNK = 1000


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


_SINGULAR: dict[str, str] = {}    # token -> singular() of it; a job-posting vocabulary is small


def normalise(text: str) -> str:
    """Lower-cased word tokens, plurals singular, joined by spaces (the vectoriser splits on them)."""
    out = []
    for token in _TOKEN.findall(text.lower()):
        word = _SINGULAR.get(token)
        if word is None:
            word = _SINGULAR[token] = singular(token) if len(_SINGULAR) < 500_000 else token
        out.append(word)
    return " ".join(out)


def job_text(description: str | None, description_html: str | None) -> str:
    """The plain text of the posting's job sections, one line per sentence or item."""
    sections = split_sections(posting_text(description, description_html))
    return "\n".join(line for s in sections if s.kind in JOB_SECTION_KINDS for line in s.lines)


def document(description: str | None, description_html: str | None) -> str:
    """One posting as the topic model reads it. Untrusted markup that breaks the text
    extraction gives an empty document rather than stopping the run."""
    try:
        return normalise(job_text(description, description_html))
    except Exception:  # noqa: BLE001 - one bad posting must not stop the corpus
        return ""


def _documents_chunk(pairs: list[tuple[str | None, str | None]]) -> list[str]:
    return [document(description, html) for description, html in pairs]


def documents(pairs: list[tuple[str | None, str | None]], workers: int = 2) -> list[str]:
    """document() of every (description, description_html) pair, in order; large corpora are
    split over `workers` processes (the section splitter is pure Python and the slow part)."""
    if workers <= 1 or len(pairs) < PARALLEL_FROM:
        return _documents_chunk(pairs)
    chunks = [pairs[i:i + _CHUNK] for i in range(0, len(pairs), _CHUNK)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return [doc for chunk in pool.map(_documents_chunk, chunks) for doc in chunk]
