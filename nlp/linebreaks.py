"""Put back the line breaks that scraping lost.

Text copied out of a page often arrives as one long line: "About us We make … What you'll
do Build … Requirements 3+ years …". Without breaks the section splitter sees no headings
and every sentence inherits the company pitch. When a text is long and has almost no line
breaks, a known heading found inside it (a run of up to nine words that `heading_kind`
accepts, followed by a capitalised word) is moved onto a line of its own, and a capitalised
duty verb right after a lower-case word ("… pick up and extend Review pull requests …")
starts a new line, since list items lose their full stops too.
"""

from __future__ import annotations

import re

CHARS_PER_BREAK = 300      # fewer breaks than one per this many characters: breaks were lost
MAX_HEADING_WORDS = 9
# Duty verbs that are also the last word of job titles: after a capitalised word they end a
# title echo ("… Machine Learning Engineer | Madrid", "Data Scientist Lead"), not a list item.
TITLE_NOUNS = frozenset({"Engineer", "Lead"})
_WORD = re.compile(r"\S+")


def lost_breaks(text: str) -> bool:
    return len(text) > CHARS_PER_BREAK and text.count("\n") < len(text) / CHARS_PER_BREAK


def restore_breaks(text: str, heading_kind, duty_verbs: frozenset[str]) -> str:
    """The text with headings on their own lines and run-on list items split."""
    if not lost_breaks(text):
        return text
    return "\n".join(_restore_line(line, heading_kind, duty_verbs) for line in text.split("\n"))


def _restore_line(line: str, heading_kind, duty_verbs: frozenset[str]) -> str:
    words = _WORD.findall(line)
    out: list[str] = []
    i = 0
    while i < len(words):
        n = _heading_at(words, i, heading_kind) if _boundary(words, i) else 0
        if n:
            out.append("\n" + " ".join(words[i:i + n]) + "\n")
            i += n
            continue
        word = words[i]
        if out and word in duty_verbs and _item_starts(words[i - 1], word):
            out.append("\n")
        out.append(word)
        i += 1
    return re.sub(r" *\n *", "\n", " ".join(out)).strip()


def _item_starts(previous: str, verb: str) -> bool:
    """A capitalised duty verb after a word ending in lower case starts a run-on list item,
    unless it is a title noun after a capitalised word."""
    return previous[-1:].islower() and (previous.islower() or verb not in TITLE_NOUNS)


def _boundary(words: list[str], i: int) -> bool:
    """A heading can start here: a capitalised word at the start or after a word."""
    return words[i][:1].isupper()


def _heading_at(words: list[str], i: int, heading_kind) -> int:
    """The length of the longest heading starting at word i that a capitalised word follows."""
    for n in range(min(MAX_HEADING_WORDS, len(words) - i - 1), 0, -1):
        if not words[i + n][:1].isupper():
            continue
        candidate = " ".join(words[i:i + n])
        if candidate.endswith((".", ",", ";")) or not heading_kind(candidate):
            continue
        return n
    return 0
