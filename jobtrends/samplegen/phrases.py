"""Phrase banks of the sample job boards: hand-written TOML under data/sample/phrases/.

Templates hold {placeholders}; `fill` replaces each with a value drawn from the slot given
(a string, or a list to choose from), so one template yields many wordings.
"""

from __future__ import annotations

import random
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

BANK_FILES = ("themes", "boilerplate", "titles", "slots", "employers")
THEMES = ("software_engineering", "data", "production", "systems", "modeling", "collaboration")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def default_phrases_dir() -> Path:
    """data/sample/phrases of the source tree this package lives in."""
    return Path(__file__).resolve().parents[2] / "data" / "sample" / "phrases"


@dataclass(frozen=True)
class Banks:
    themes: dict[str, Any]
    boilerplate: dict[str, Any]
    titles: dict[str, Any]
    slots: dict[str, Any]
    employers: dict[str, Any]

    def theme_sentences(self, theme: str, part: str) -> list[str]:
        """`part` of a theme bank: responsibilities, requirements, nice, llm_responsibilities..."""
        return list(self.themes[theme].get(part, []))

    def industry_slots(self, industry: str) -> dict[str, list[str]]:
        return dict(self.slots["industry"][industry])

    def global_slots(self) -> dict[str, list[str]]:
        return {k: v for k, v in self.slots.items() if k != "industry"}


def load_banks(directory: Path | str | None = None) -> Banks:
    """Read every bank file; a missing file or theme is a clear error, not a silent gap."""
    directory = Path(directory) if directory else default_phrases_dir()
    loaded = {}
    for name in BANK_FILES:
        file = directory / f"{name}.toml"
        if not file.is_file():
            raise FileNotFoundError(f"phrase bank {file} is missing")
        loaded[name] = tomllib.loads(file.read_text(encoding="utf-8"))
    missing = [t for t in THEMES if t not in loaded["themes"]]
    if missing:
        raise ValueError(f"{directory / 'themes.toml'}: no sentences for theme(s) {', '.join(missing)}")
    return Banks(**loaded)


def fill(template: str, rng: random.Random, slots: Mapping[str, str | Sequence[str]]) -> str:
    """Replace each {name} with slots[name] (a choice when it is a list)."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in slots:
            raise KeyError(f"no value for placeholder {{{name}}} in {template!r}")
        slot = slots[name]
        return slot if isinstance(slot, str) else rng.choice(list(slot))

    return _PLACEHOLDER.sub(value, template)


def sample(rng: random.Random, items: Sequence[str], k: int, exclude: set[str] | None = None) -> list[str]:
    """Up to k distinct items, never one already in `exclude` (which is updated)."""
    exclude = exclude if exclude is not None else set()
    pool = [item for item in items if item not in exclude]
    chosen = rng.sample(pool, min(k, len(pool)))
    exclude.update(chosen)
    return chosen
