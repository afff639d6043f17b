"""Role and seniority (themes.md): from the job title first, then from the duties.

The rules live in data/roles.toml. A title names the role in most postings ("Senior Machine
Learning Engineer"); ambiguous titles ("Research Engineer", "Software Engineer") are
resolved by counting each candidate role's duty cues in the job's own sections.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROLES = ("ml_engineer", "data_scientist", "data_engineer", "data_analyst", "other")
SENIORITIES = ("junior", "mid", "senior", "lead", "unknown")


@dataclass(frozen=True)
class RoleRule:
    patterns: tuple[re.Pattern, ...]
    role: str | None = None                 # decided by the title alone
    candidates: tuple[str, ...] = ()        # or: chosen among these by duties
    min_duty_hits: int = 1
    fallback: str = "other"

    def matches(self, title: str) -> bool:
        return any(p.search(title) for p in self.patterns)


@dataclass(frozen=True)
class RoleTaxonomy:
    rules: tuple[RoleRule, ...]
    duties: dict[str, tuple[str, ...]]      # role -> duty cue phrases (lower case)
    seniority_order: tuple[str, ...]
    seniority_patterns: dict[str, tuple[re.Pattern, ...]]
    seniority_default: str = "mid"


def _compile(patterns: list[str], where: str) -> tuple[re.Pattern, ...]:
    try:
        return tuple(re.compile(p, re.IGNORECASE) for p in patterns)
    except re.error as error:
        raise ValueError(f"{where}: bad pattern: {error}") from None


def load_roles(path: Path) -> RoleTaxonomy:
    """Read data/roles.toml; unknown role or seniority ids are refused."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    rules = []
    for index, entry in enumerate(data.get("role_rules", [])):
        where = f"{path}: role_rules #{index + 1}"
        named = [entry.get("role"), entry.get("fallback"), *entry.get("candidates", [])]
        unknown = [r for r in named if r is not None and r not in ROLES]
        if unknown or not entry.get("title") or (entry.get("role") is None) == (not entry.get("candidates")):
            raise ValueError(f"{where}: needs `title` and either `role` or `candidates` with ids of {ROLES}")
        rules.append(RoleRule(
            patterns=_compile(entry["title"], where), role=entry.get("role"),
            candidates=tuple(entry.get("candidates", ())), min_duty_hits=int(entry.get("min_duty_hits", 1)),
            fallback=entry.get("fallback", "other"),
        ))
    seniority = data.get("seniority", {})
    order = tuple(seniority.get("order", ()))
    if any(level not in SENIORITIES for level in order):
        raise ValueError(f"{path}: seniority.order must use ids of {SENIORITIES}")
    patterns = {level: _compile(seniority.get("patterns", {}).get(level, []), f"{path}: seniority {level}")
                for level in order}
    duties = {role: tuple(c.lower() for c in cues) for role, cues in data.get("duties", {}).items()}
    return RoleTaxonomy(tuple(rules), duties, order, patterns, seniority.get("default", "mid"))


def normalise_title(title: str | None) -> str:
    """Lower case with separators as spaces, so `\\bml\\b` matches "ML/AI" and "(ML)"."""
    return re.sub(r"[/|,()\[\]_–—:+]", " ", (title or "").lower()).strip()


def seniority_from_title(title: str | None, taxonomy: RoleTaxonomy) -> str:
    """The first level (in order) with a matching pattern; no level word: default; no title: unknown."""
    clean = normalise_title(title)
    if not clean:
        return "unknown"
    for level in taxonomy.seniority_order:
        if any(p.search(clean) for p in taxonomy.seniority_patterns[level]):
            return level
    return taxonomy.seniority_default


def role_from_title_and_duties(title: str | None, duty_hits: Counter, taxonomy: RoleTaxonomy) -> str:
    """The role of the first rule whose title pattern matches; ambiguous rules ask the duties."""
    clean = normalise_title(title)
    for rule in taxonomy.rules:
        if not rule.matches(clean):
            continue
        if rule.role is not None:
            return rule.role
        return _by_duties(rule, duty_hits)
    return "other"


def _by_duties(rule: RoleRule, duty_hits: Counter) -> str:
    """The candidate with most duty hits (ties: the rule's candidate order), if enough."""
    best = max(rule.candidates, key=lambda role: (duty_hits.get(role, 0), -rule.candidates.index(role)))
    return best if duty_hits.get(best, 0) >= rule.min_duty_hits else rule.fallback
