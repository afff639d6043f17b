"""Greenhouse Job Board API: GET /v1/boards/{token}/jobs?content=true."""

from __future__ import annotations

import random

from . import clock
from .compose import department
from .model import Employer, Posting
from .render import section_html


def new_id(rng: random.Random) -> str:
    return str(rng.randint(4_000_000_000, 7_999_999_999))


def escaped(html: str) -> str:
    """Greenhouse returns `content` HTML-escaped ('&lt;p&gt;...'), entities and all."""
    return html.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def content_html(posting: Posting) -> str:
    """Pitch in a content-intro div, pay and EEO in their own divs, as Greenhouse templates do."""
    style = posting.employer.style
    intro, body, pay, conclusion = [], [], [], []
    for section in posting.sections:
        html = section_html(section, style)
        {"about": intro, "salary": pay, "eeo": conclusion}.get(section.kind, body).append(html)
    parts = []
    if intro:
        parts.append('<div class="content-intro">' + "".join(intro) + "</div>")
    parts += body
    if pay:
        parts.append('<div class="content-pay-transparency"><div class="pay-input">' + "".join(pay) + "</div></div>")
    if conclusion:
        parts.append('<div class="content-conclusion">' + "".join(conclusion) + "</div>")
    return "".join(parts)


def location_name(posting: Posting) -> str:
    place = posting.employer.location
    if posting.workplace == "remote":
        return f"Remote - {place.country}" if place.city else place.label
    if posting.workplace == "hybrid":
        return f"{place.label} (Hybrid)"
    return place.label


def job(posting: Posting, rng: random.Random, ids: dict[str, int]) -> dict:
    employer = posting.employer
    place = employer.location
    zone = place.tz
    number = int(posting.source_id)
    if employer.board in ("quillfern", "cobblestonebank", "torvikrobotics"):
        url = f"https://careers.{employer.slug}.example/jobs/{number}?gh_jid={number}"
    else:
        url = f"https://job-boards.greenhouse.io/{employer.board}/jobs/{number}"
    dept = department(posting.role, posting.title)
    metadata = None
    if employer.board in ("brindlewave", "greyloft", "meridalehealth", "saltmarsh"):
        metadata = [
            {"id": ids["meta"], "name": "Employment Type", "value": _employment_label(posting.employment),
             "value_type": "single_select"},
            {"id": ids["meta"] + 1, "name": "Remote Eligible", "value": posting.workplace == "remote",
             "value_type": "yes_no"},
        ]
    return {
        "absolute_url": url,
        "data_compliance": [{
            "type": "gdpr", "requires_consent": False, "requires_processing_consent": False,
            "requires_retention_consent": False, "retention_period": None,
            "demographic_data_consent_applies": False,
        }],
        "internal_job_id": number // 1000 + rng.randint(0, 999),
        "location": {"name": location_name(posting)},
        "metadata": metadata,
        "id": number,
        "updated_at": clock.local_iso(posting.updated, zone),
        "requisition_id": rng.choice([f"R{rng.randint(1000, 9999)}", f"REQ-{rng.randint(100, 999)}", ""]),
        "title": posting.title,
        "company_name": employer.name,
        "first_published": clock.local_iso(posting.published, zone),
        "content": escaped(content_html(posting)),
        "departments": [{"id": ids["departments"].setdefault(dept, 4_000_000 + 17 * len(ids["departments"])),
                         "name": dept, "child_ids": [], "parent_id": None}],
        "offices": [{"id": ids["office"], "name": place.city or "Remote", "child_ids": [], "parent_id": None,
                     "location": ", ".join(p for p in (place.city, place.region_name, place.country_name) if p)}],
    }


def _employment_label(employment: str) -> str:
    return {"full_time": "Full-time", "part_time": "Part-time", "contract": "Contract", "intern": "Intern"}[employment]


def board_json(employer: Employer, postings: list[Posting], rng: random.Random) -> dict:
    ids = {"meta": rng.randint(5_000_000, 6_000_000), "office": rng.randint(4_000_000, 4_999_999), "departments": {}}
    jobs = [job(p, rng, ids) for p in postings]
    return {"jobs": jobs, "meta": {"total": len(jobs)}}
