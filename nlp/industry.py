"""Industry of the employer (industries.md), best evidence first:

1. the source's own label (`source_industry`, then `config_industry`) mapped through the
   synonyms of data/industries.toml -> industry_source 'source';
2. the company map data/company_map.csv -> 'company_map';
3. inference from the company name and its "About us" text pooled over all its postings
   (one company, one industry) -> 'inferred', or 'other' when the evidence is weak.
"""

from __future__ import annotations

import csv
import math
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

CONFIDENCE_EXACT = 1.0
CONFIDENCE_LABEL = 0.9
CONFIDENCE_CONTAINED = 0.75
CONFIDENCE_COMPANY_MAP = 0.95
_LEGAL_SUFFIX = re.compile(
    r"\b(inc|incorporated|llc|l\.l\.c|ltd|limited|gmbh|ag|sa|sas|bv|nv|plc|corp|corporation|co|company|oy|ab|pty|srl|spa)\b\.?"
)


@dataclass(frozen=True)
class Industry:
    id: str
    name: str
    labels: tuple[str, ...]      # normalised source labels
    cues: tuple[str, ...]        # about-text cue phrases (lower case)
    name_cues: frozenset[str]    # company-name words (lower case)


@dataclass(frozen=True)
class IndustryTaxonomy:
    industries: tuple[Industry, ...]
    company_map: dict[str, str]  # normalised company name -> industry id
    name_weight: float = 2.0
    min_confidence: float = 0.3
    saturation: float = 2.0

    @property
    def ids(self) -> list[str]:
        return [i.id for i in self.industries]


@dataclass(frozen=True)
class IndustryTag:
    industry: str | None         # None only while a company's inference is pending (nlp.stage)
    source: str                  # source | company_map | inferred
    confidence: float | None


def normalise_label(label: str | None) -> str:
    text = (label or "").lower().replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9/+ -]", " ", text).replace("-", " ").split())


def normalise_company(name: str | None) -> str:
    """Lower case, legal suffixes ("Inc.", "GmbH") and punctuation dropped: the pooling key."""
    text = (name or "").lower().replace("&", " and ")
    text = re.sub(r"[^\w\s]", " ", _LEGAL_SUFFIX.sub(" ", re.sub(r"[,.](?=\s|$)", " ", text)))
    return " ".join(text.split())


def load_industries(path: Path, company_map_path: Path | None = None) -> IndustryTaxonomy:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    industries = []
    for index, entry in enumerate(data.get("industries", [])):
        if not entry.get("id") or not entry.get("name"):
            raise ValueError(f"{path}: industries #{index + 1} needs id and name")
        industries.append(Industry(
            id=entry["id"], name=entry["name"],
            labels=tuple(normalise_label(x) for x in entry.get("labels", [])),
            cues=tuple(c.lower() for c in entry.get("cues", [])),
            name_cues=frozenset(c.lower() for c in entry.get("name_cues", [])),
        ))
    if "other" not in {i.id for i in industries}:
        raise ValueError(f"{path}: the industry `other` is required")
    settings = data.get("inference", {})
    ids = {i.id for i in industries}
    company_map = load_company_map(company_map_path, ids) if company_map_path else {}
    return IndustryTaxonomy(
        tuple(industries), company_map, float(settings.get("name_weight", 2.0)),
        float(settings.get("min_confidence", 0.3)), float(settings.get("saturation", 2.0)),
    )


def load_company_map(path: Path, ids: set[str]) -> dict[str, str]:
    """company,industry rows; the industry may be an id or a label mapped later (kept as given)."""
    mapping: dict[str, str] = {}
    if not path.exists():
        return mapping
    with path.open(newline="", encoding="utf-8") as handle:
        for line_no, row in enumerate(csv.DictReader(handle), start=2):
            company, industry = (row.get("company") or "").strip(), (row.get("industry") or "").strip()
            if not company or industry not in ids:
                raise ValueError(f"{path}:{line_no}: needs a company and an industry id of {sorted(ids)}")
            mapping[normalise_company(company)] = industry
    return mapping


def from_label(label: str | None, taxonomy: IndustryTaxonomy) -> IndustryTag | None:
    """A source label mapped onto an id; None when it maps to nothing (or says 'other')."""
    clean = normalise_label(label)
    if not clean:
        return None
    found = _map_label(clean, taxonomy)
    if found is None or found.industry == "other":
        return None
    return found


def _map_label(clean: str, taxonomy: IndustryTaxonomy) -> IndustryTag | None:
    for industry in taxonomy.industries:
        if clean in (industry.id.replace("_", " "), normalise_label(industry.name)):
            return IndustryTag(industry.id, "source", CONFIDENCE_EXACT)
    for industry in taxonomy.industries:
        if clean in industry.labels:
            return IndustryTag(industry.id, "source", CONFIDENCE_LABEL)
    # A longer label containing a known one as whole words: "Retail Banking Services".
    best: tuple[int, str] | None = None
    padded = f" {clean} "
    for industry in taxonomy.industries:
        for known in industry.labels:
            if f" {known} " in padded and (best is None or len(known) > best[0]):
                best = (len(known), industry.id)
    return IndustryTag(best[1], "source", CONFIDENCE_CONTAINED) if best else None


def from_company_map(company: str | None, taxonomy: IndustryTaxonomy) -> IndustryTag | None:
    industry = taxonomy.company_map.get(normalise_company(company))
    return IndustryTag(industry, "company_map", CONFIDENCE_COMPANY_MAP) if industry else None


def name_cue_counts(company: str | None, taxonomy: IndustryTaxonomy) -> Counter:
    """Industry -> weighted hits of company-name words ("Harborlight *Health*")."""
    words = set(normalise_company(company).split())
    counts: Counter = Counter()
    for industry in taxonomy.industries:
        hits = len(words & industry.name_cues)
        if hits:
            counts[industry.id] += hits * taxonomy.name_weight
    return counts


def infer(company: str | None, about_cue_counts: Counter, taxonomy: IndustryTaxonomy) -> IndustryTag:
    """Industry from name and about-text cue counts.

    confidence = share of the best industry in all hits * (1 - exp(-best / saturation)):
    one clear cue gives little, several cues that agree give much, mixed cues give little.
    Below min_confidence the company is 'other'. Ties go to the industry listed first.
    """
    counts = name_cue_counts(company, taxonomy) + about_cue_counts
    counts.pop("other", None)
    total = sum(counts.values())
    if not total:
        return IndustryTag("other", "inferred", 0.0)
    order = {industry_id: index for index, industry_id in enumerate(taxonomy.ids)}
    best = min(counts, key=lambda i: (-counts[i], order.get(i, len(order))))
    confidence = round((counts[best] / total) * (1 - math.exp(-counts[best] / taxonomy.saturation)), 4)
    if confidence < taxonomy.min_confidence:
        return IndustryTag("other", "inferred", confidence)
    return IndustryTag(best, "inferred", confidence)


def from_source_fields(source_industry: str | None, config_industry: str | None,
                       company: str | None, taxonomy: IndustryTaxonomy) -> IndustryTag | None:
    """Steps 1 and 2 (no text needed); None means: infer from text."""
    return (from_label(source_industry, taxonomy) or from_label(config_industry, taxonomy)
            or from_company_map(company, taxonomy))
