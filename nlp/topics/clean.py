"""What is not about the job, removed from the topic corpus before it is vectorised.

Three layers, each for a kind of text that otherwise became a "topic" on real postings:

- per line (`clean_lines`): the Hacker News first line (`Company | Role | Location | REMOTE |
  $150k | https://...`, recognised by its pipes), lines that give a URL or an e-mail address
  (contact and "apply here" lines), application and equal-opportunity wording ("we encourage
  you to apply", "regardless of"), and, inside the kept lines, money amounts and numbers;
- across the corpus, employer boilerplate (`employer_boilerplate`): a line that recurs in at
  least BOILERPLATE_MIN_POSTINGS postings, nearly all of one employer's (a company pitch,
  "we have offices in ..."). A line shared by many employers is job language and stays;
- across the corpus, name words (`name_stop_words`): words of the postings' company and
  location fields, when at least half the postings using the word carry it in their own
  company or location (it names the employer or the place: "corvane", "london"); a word
  such as "logistics" in "Driftwood Logistics" stays as long as other postings use it too.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

BOILERPLATE_MIN_POSTINGS = 3
BOILERPLATE_ONE_EMPLOYER = 0.9     # share of a line's postings from its most frequent employer
NAME_OWN_SHARE = 0.5               # share of a word's postings that carry it in their own name fields

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_MONEY = re.compile(r"[$€£]\s?\d[\d,.]*\s?[kKmM]?(?:\s?[-–]\s?[$€£]?\s?\d[\d,.]*\s?[kKmM]?)?")
_NUMBER = re.compile(r"\b\d[\d,.]*[kKmM]?\b")
_APPLICATION = re.compile(
    r"\b(?:encourage[sd]?\s+(?:you\s+)?to\s+apply|apply\s+(?:here|now|today|via|through|at|by|online)|"
    r"to\s+apply|how\s+to\s+apply|applicants?|equal\s+opportunity|regardless\s+of|"
    r"in\s+the\s+subject|(?:e-?mail|write\s+to|send)\s+(?:us|me|your)|questions\?)",
    re.IGNORECASE,
)


def is_header_line(line: str) -> bool:
    """The pipe-separated first line of a Hacker News "Who is hiring?" post."""
    return line.count("|") >= 2


def clean_lines(lines: list[str]) -> list[str]:
    """The job's lines without headers, contact/application lines, money amounts or numbers."""
    kept = []
    for line in lines:
        if is_header_line(line) or _URL.search(line) or _EMAIL.search(line) or _APPLICATION.search(line):
            continue
        line = _NUMBER.sub(" ", _MONEY.sub(" ", line)).strip()
        if line:
            kept.append(line)
    return kept


def employer_boilerplate(lines_per_posting: list[list[str]], employers: list[str | None]) -> set[str]:
    """Lines (lower-cased) that recur in several postings, nearly all from one employer."""
    postings_of: dict[str, Counter] = defaultdict(Counter)
    for lines, employer in zip(lines_per_posting, employers):
        for line in {line.lower() for line in lines}:
            postings_of[line][employer or ""] += 1
    boilerplate = set()
    for line, by_employer in postings_of.items():
        total = sum(by_employer.values())
        employer, top = by_employer.most_common(1)[0]
        if employer and total >= BOILERPLATE_MIN_POSTINGS and top >= BOILERPLATE_ONE_EMPLOYER * total:
            boilerplate.add(line)
    return boilerplate


def name_stop_words(docs_words: list[set[str]], names_words: list[set[str]]) -> set[str]:
    """Words of company and location fields that mostly occur in postings bearing them."""
    candidates = set().union(*names_words) if names_words else set()
    using: Counter = Counter()
    own: Counter = Counter()
    for words, names in zip(docs_words, names_words):
        for word in words & candidates:
            using[word] += 1
            own[word] += word in names
    return {w for w in candidates if using[w] == 0 or own[w] >= NAME_OWN_SHARE * using[w]}
