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

import hashlib
import re

import numpy as np

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


# Substrings (of the lower-cased line) without which _URL and _APPLICATION cannot match an
# ASCII line: a cheap test first, the regular expression only when one is there. Lines with
# other characters always get the expression (case folding maps a few, e.g. the Kelvin sign,
# onto ASCII letters).
_URL_HINTS = ("://", "www.")
_APPLICATION_HINTS = ("appl", "equal", "regardless", "subject", "mail", "write", "send", "questions?")
_DIGIT = re.compile(r"\d")


def is_contact_or_application(line: str) -> bool:
    """A line giving a URL or an e-mail address, or application / equal-opportunity wording."""
    lowered = line.lower()
    exotic = not line.isascii()
    return bool(("@" in line and _EMAIL.search(line))
                or ((exotic or any(h in lowered for h in _URL_HINTS)) and _URL.search(line))
                or ((exotic or any(h in lowered for h in _APPLICATION_HINTS)) and _APPLICATION.search(line)))


def clean_lines(lines: list[str]) -> list[str]:
    """The job's lines without headers, contact/application lines, money amounts or numbers."""
    kept = []
    for line in lines:
        if is_header_line(line) or is_contact_or_application(line):
            continue
        if _DIGIT.search(line):  # money amounts and numbers all hold a digit
            line = _NUMBER.sub(" ", _MONEY.sub(" ", line))
        line = line.strip()
        if line:
            kept.append(line)
    return kept


def line_key(line: str) -> int:
    """A 64-bit key of a lower-cased line, the same in every process (Python's hash() of a
    string is salted per process). Two distinct lines share a key with odds of about
    lines^2 / 2^65: ~1e-5 for 30 million distinct lines."""
    return int.from_bytes(hashlib.blake2b(line.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                          "little", signed=True)


def employer_boilerplate(lines_per_posting: list[list[str]], employers: list[str | None]) -> set[str]:
    """Lines (lower-cased) that recur in several postings, nearly all from one employer."""
    codes: dict[str, int] = {}
    keys, owners, line_of = [], [], {}
    for lines, employer in zip(lines_per_posting, employers):
        code = codes.setdefault(employer, len(codes)) if employer else -1
        for line in {line.lower() for line in lines}:
            key = line_key(line)
            line_of[key] = line
            keys.append(key)
            owners.append(code)
    found = boilerplate_keys(np.array(keys, dtype=np.int64), np.array(owners, dtype=np.int64), -1)
    return {line_of[key] for key in found.tolist()}


def boilerplate_keys(keys: np.ndarray, owners: np.ndarray, no_employer: int) -> np.ndarray:
    """The line keys that are employer boilerplate, from one (key, employer) entry per posting
    and distinct line: lines in at least BOILERPLATE_MIN_POSTINGS postings, at least
    BOILERPLATE_ONE_EMPLOYER of them one employer's. Counted by sorting (memory: a few arrays
    the size of `keys`), not in dictionaries of lines."""
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int64)
    ordered = np.sort(keys)
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    runs = np.diff(np.r_[starts, len(ordered)])
    frequent = ordered[starts[runs >= BOILERPLATE_MIN_POSTINGS]]
    del ordered
    keep = np.isin(keys, frequent)
    keys, owners = keys[keep], owners[keep]
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int64)
    order = np.lexsort((owners, keys))
    keys, owners = keys[order], owners[order]
    pair_starts = np.flatnonzero(np.r_[True, (keys[1:] != keys[:-1]) | (owners[1:] != owners[:-1])])
    pair_counts = np.diff(np.r_[pair_starts, len(keys)])
    pair_keys, pair_owners = keys[pair_starts], owners[pair_starts]
    line_index = np.cumsum(np.r_[True, pair_keys[1:] != pair_keys[:-1]]) - 1
    totals = np.bincount(line_index, weights=pair_counts)[line_index]
    chosen = (pair_owners != no_employer) & (pair_counts >= BOILERPLATE_ONE_EMPLOYER * totals)
    return np.unique(pair_keys[chosen])


def name_stop_words(docs_words: list[set[str]], names_words: list[set[str]]) -> set[str]:
    """Words of company and location fields that mostly occur in postings bearing them."""
    candidates = set().union(*names_words) if names_words else set()
    using: dict[str, int] = {}
    own: dict[str, int] = {}
    for words, names in zip(docs_words, names_words):
        count_name_words(words & candidates, names, using, own)
    return stop_words_of(candidates, using, own)


def count_name_words(words: set[str], names: set[str], using: dict[str, int], own: dict[str, int]) -> None:
    """Count one posting: `words` are the candidate name words its document uses, `names`
    the words of its own company and location."""
    for word in words:
        using[word] = using.get(word, 0) + 1
        if word in names:
            own[word] = own.get(word, 0) + 1


def stop_words_of(candidates: set[str], using: dict[str, int], own: dict[str, int]) -> set[str]:
    """The candidates used by no posting or, at least NAME_OWN_SHARE of the time, by postings
    that carry them in their own names."""
    return {w for w in candidates if using.get(w, 0) == 0 or own.get(w, 0) >= NAME_OWN_SHARE * using[w]}
