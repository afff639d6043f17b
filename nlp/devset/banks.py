"""Read the phrase banks of data/eval/phrases/ (format: see its README.md).

Each line is assigned to the tuning or the held-back part by its position, so held-back
postings are composed of sentences the calibration never saw.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

THEME_CODES = {
    "se": "software_engineering", "data": "data", "prod": "production", "sys": "systems",
    "mod": "modeling", "co": "collaboration",
}
HELDOUT_EVERY = 4  # line n goes to the held-back part when n % 4 == 0


@dataclass(frozen=True)
class Line:
    labels: tuple[str, ...]   # theme ids (job.txt), or the other fields of the line
    text: str
    heldout: bool


def read_bank(path: Path) -> list[Line]:
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        *fields, text = [part.strip() for part in raw.split(" | ")]
        if not text or not fields:
            raise ValueError(f"{path}: malformed line {raw!r}")
        lines.append(Line(tuple(fields), text, len(lines) % HELDOUT_EVERY == 0))
    return lines


def theme_ids(codes: str) -> tuple[str, ...]:
    """'se,prod' -> ('software_engineering', 'production'); '-' -> ()."""
    if codes.strip() == "-":
        return ()
    try:
        return tuple(THEME_CODES[c.strip()] for c in codes.split(","))
    except KeyError as error:
        raise ValueError(f"unknown theme code {error} in {codes!r}") from None


@dataclass
class Banks:
    job: list[Line]
    negated: list[Line]
    pitch: list[Line]
    benefits: list[Line]
    legal: list[Line]
    companies: list[Line]
    titles: list[Line]

    def part(self, heldout: bool) -> "Banks":
        """The lines of one part (tuning or held back)."""
        return Banks(**{name: [l for l in lines if l.heldout == heldout] for name, lines in vars(self).items()})


def load_banks(folder: Path) -> Banks:
    banks = {name: read_bank(folder / f"{name}.txt")
             for name in ("job", "negated", "pitch", "benefits", "legal", "companies", "titles")}
    banks["job"] = [Line(theme_ids(l.labels[0]), l.text, l.heldout) for l in banks["job"]]
    return Banks(**banks)
