"""What the sample generator plans before any output format is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Location:
    key: str
    city: str
    region: str
    region_name: str
    country: str
    country_name: str
    lat: float
    lng: float
    tz: str
    currency: str

    @property
    def label(self) -> str:
        """'New York, NY', 'London, United Kingdom', 'Remote - US' for a city-less place."""
        if not self.city:
            return f"Remote - {self.country}"
        if self.country in ("US", "CA"):
            return f"{self.city}, {self.region}"
        return f"{self.city}, {self.country_name}"


@dataclass(frozen=True)
class Style:
    """How one employer writes its postings (kept for all of them, like a real ATS template)."""

    headings: dict[str, str]     # section kind -> heading text
    heading_tag: str             # h2 | h3 | strong
    use_headings: bool
    bullets: bool                # lists, or prose paragraphs
    benefits: tuple[str, ...]    # the employer's perks (empty: it lists none)
    eeo: tuple[str, ...]         # its EEO/legal paragraphs
    salary_rate: float           # share of postings that show pay
    length: str                  # short | medium | long


@dataclass
class Employer:
    name: str
    kind: str
    board: str
    industry: str
    location: Location
    workplace: str
    postings: int
    mix: str
    label: str | None = None
    source_label: tuple[str, str] | None = None
    slug: str = ""
    pitch_hint: str = ""         # a word the pitch must contain ("insurer", "bank")
    pitch: str = ""
    style: Style | None = None


@dataclass(frozen=True)
class Salary:
    minimum: int
    maximum: int
    currency: str
    period: str = "year"

    def short(self) -> str:
        """'$150k-$190k' as HN posters write it."""
        sign = CURRENCY_SIGNS.get(self.currency, self.currency + " ")
        return f"{sign}{self.minimum // 1000}k-{sign}{self.maximum // 1000}k"

    def long(self) -> str:
        """'$150,000 - $190,000 USD' as ATS pay-transparency text writes it."""
        sign = CURRENCY_SIGNS.get(self.currency, "")
        return f"{sign}{self.minimum:,} - {sign}{self.maximum:,} {self.currency}"


CURRENCY_SIGNS = {"USD": "$", "CAD": "CA$", "GBP": "£", "EUR": "€"}


@dataclass
class Section:
    kind: str                    # about|intro|responsibilities|requirements|nice|benefits|salary|eeo|closing
    heading: str | None
    items: list[str]
    bullets: bool = False


@dataclass
class Posting:
    employer: Employer
    source_id: str
    title: str
    role: str
    seniority: str
    themes: tuple[str, ...]
    published: datetime          # UTC
    updated: datetime            # UTC
    workplace: str               # onsite | hybrid | remote
    employment: str              # full_time | part_time | contract | intern
    team: str
    salary: Salary | None
    sections: list[Section] = field(default_factory=list)
    extra: dict = field(default_factory=dict)   # per-format details (e.g. JSON-LD page variant)

    @property
    def month(self) -> str:
        return self.published.strftime("%Y-%m")

    def section(self, kind: str) -> Section | None:
        return next((s for s in self.sections if s.kind == kind), None)
