"""The skill list (data/skills.csv) and the context rules for ambiguous names.

Columns: skill, aliases (";"), category, needs_context, context, veto_next.
- needs_context: the names or aliases (";", written in their exact case) that are ordinary
  words or letters too ("R", "C", "Go", "Excel", "Swift"). Such a form only counts when it
  appears in that exact case, is not followed by a `veto_next` word ("excel *at*",
  "Go *to*"), and has context: a `context` word within a few tokens in the same sentence,
  a `<word` immediately before it ("in R", "and Go"), or another skill of a related category
  next to it ("Python, R and SQL").
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

CATEGORIES = (
    "language", "ml_framework", "data_tool", "cloud", "mlops_tool", "infrastructure", "concept", "soft_skill",
)
CONTEXT_WINDOW = 4       # tokens either side for context words
NEIGHBOUR_WINDOW = 6     # tokens either side for a confirming neighbour skill
# Which neighbouring skills confirm an ambiguous one: a language among languages, a tool among
# tools or languages ("Excel and SQL"), never a soft skill ("excel at communication").
_CONFIRMING = {
    "language": {"language"},
    "data_tool": {"language", "data_tool"},
    "ml_framework": {"language", "ml_framework", "data_tool"},
    "mlops_tool": {"mlops_tool", "ml_framework", "infrastructure", "cloud"},
    "cloud": {"cloud", "infrastructure", "mlops_tool"},
    "infrastructure": {"infrastructure", "cloud", "mlops_tool"},
    "concept": {"concept", "ml_framework"},
    "soft_skill": set(),
}


@dataclass(frozen=True)
class Skill:
    name: str
    category: str
    forms: tuple[str, ...]               # the name and its aliases, as written
    needs_context: frozenset[str]        # forms (exact case) that need context
    context_near: frozenset[str]         # lower-case words that confirm within CONTEXT_WINDOW
    context_prev: frozenset[str]         # lower-case words that confirm right before the form
    veto_next: frozenset[str]            # lower-case words that reject right after the form

    def is_ambiguous(self, text: str) -> bool:
        lower = text.lower()
        return any(form.lower() == lower for form in self.needs_context)


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split(";") if part.strip()]


def load_skills(path: Path) -> list[Skill]:
    """Read data/skills.csv; a row with an unknown category or no name is refused with its line."""
    skills: dict[str, Skill] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        for line_no, row in enumerate(csv.DictReader(handle), start=2):
            name = (row.get("skill") or "").strip()
            category = (row.get("category") or "").strip()
            if not name or category not in CATEGORIES:
                raise ValueError(f"{path}:{line_no}: needs a skill name and a category in {', '.join(CATEGORIES)}")
            if name.lower() in skills:
                raise ValueError(f"{path}:{line_no}: skill {name!r} is listed twice")
            context = _split(row.get("context"))
            forms = tuple(dict.fromkeys([name, *_split(row.get("aliases"))]))
            needs = frozenset(_split(row.get("needs_context")))
            unknown = [n for n in needs if n not in forms]
            if unknown:
                raise ValueError(f"{path}:{line_no}: needs_context names {unknown} that are not the skill or an alias")
            skills[name.lower()] = Skill(
                name=name, category=category, forms=forms, needs_context=needs,
                context_near=frozenset(c.lower() for c in context if not c.startswith("<")),
                context_prev=frozenset(c[1:].lower() for c in context if c.startswith("<")),
                veto_next=frozenset(v.lower() for v in _split(row.get("veto_next"))),
            )
    return list(skills.values())


def context_confirms(doc, start: int, end: int, skill: Skill, neighbours: list[tuple[int, int, Skill]]) -> bool:
    """Whether the ambiguous form doc[start:end] is meant as the skill (see module docstring)."""
    span = doc[start:end]
    if span.text not in skill.needs_context:
        return False  # wrong case: "go", "r", "excel"
    if end < len(doc) and (doc[end].lower_ in skill.veto_next or (doc[end].text[:1] in skill.veto_next)):
        return False
    if start > 0 and doc[start - 1].lower_ in skill.context_prev:
        return True
    sentence = span.sent
    low, high = max(sentence.start, start - CONTEXT_WINDOW), min(sentence.end, end + CONTEXT_WINDOW)
    if any(doc[i].lower_ in skill.context_near for i in range(low, high) if not start <= i < end):
        return True
    confirming = _CONFIRMING.get(skill.category, set())
    for other_start, other_end, other in neighbours:
        if other is skill or other.category not in confirming:
            continue
        near = other_end > start - NEIGHBOUR_WINDOW and other_start < end + NEIGHBOUR_WINDOW
        if near and sentence.start <= other_start < sentence.end:
            return True
    return False
