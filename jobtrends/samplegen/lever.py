"""Lever Postings API: GET /v0/postings/{site}?mode=json (a JSON array; skip/limit paginate)."""

from __future__ import annotations

import random
from html import escape

from . import clock
from .compose import department, new_uuid
from .model import Employer, Posting
from .render import section_body_html, section_html, section_plain

COMMITMENT = {"full_time": "Full-time", "part_time": "Part-time", "contract": "Contract", "intern": "Internship"}
WORKPLACE = {"remote": "remote", "hybrid": "hybrid", "onsite": "on-site"}
LIST_KINDS = ("responsibilities", "requirements", "nice")


def new_id(rng: random.Random) -> str:
    return new_uuid(rng)


def _div(html: str) -> str:
    return f"<div>{html}</div>" if html else ""


def _plain(sections: list, with_headings: bool) -> str:
    return "\n\n".join(section_plain(s, with_headings) for s in sections)


def posting_json(posting: Posting, rng: random.Random) -> dict:
    employer = posting.employer
    style = employer.style
    opening = [s for s in posting.sections if s.kind in ("about", "intro")]
    lists = [s for s in posting.sections if s.kind in LIST_KINDS]
    additional = [s for s in posting.sections if s.kind in ("benefits", "eeo")]
    place = employer.location
    location = place.label if posting.workplace != "remote" or not place.city else f"Remote - {place.country}"
    all_locations = [location] + ([place.label] if location != place.label else [])
    opening_html = "".join(section_body_html(s) for s in opening)
    url = f"https://jobs.lever.co/{employer.board}/{posting.source_id}"
    data = {
        "additional": _div("".join(section_html(s, style) for s in additional)),
        "additionalPlain": _plain(additional, style.use_headings),
        "categories": {"commitment": COMMITMENT[posting.employment], "department": department(posting.role, posting.title),
                       "location": location, "team": posting.team, "allLocations": all_locations},
        "createdAt": clock.epoch_ms(posting.published, rng.randint(0, 999)),
        "descriptionPlain": _plain(opening, False),
        "description": _div(opening_html),
        "opening": _div(opening_html),
        "openingPlain": _plain(opening, False),
        "descriptionBody": "",
        "descriptionBodyPlain": "",
        "id": posting.source_id,
        "lists": [{"text": s.heading or "", "content": "".join(f"<li>{escape(i)}</li>" for i in s.items)} for s in lists],
        "text": posting.title,
        "country": place.country,
        "workplaceType": WORKPLACE[posting.workplace],
        "hostedUrl": url,
        "applyUrl": url + "/apply",
    }
    if posting.salary:
        pay = posting.salary
        sentence = next(s.items[0] for s in posting.sections if s.kind == "salary")
        data["salaryRange"] = {"currency": pay.currency, "interval": "per-year-salary", "min": pay.minimum, "max": pay.maximum}
        data["salaryDescription"] = f"<div>{escape(sentence)}</div>"
        data["salaryDescriptionPlain"] = sentence
    return data


def site_json(employer: Employer, postings: list[Posting], rng: random.Random) -> list[dict]:
    return [posting_json(p, rng) for p in postings]
