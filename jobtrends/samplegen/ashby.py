"""Ashby Job Postings API: GET /posting-api/job-board/{name}?includeCompensation=true."""

from __future__ import annotations

import random

from . import clock
from .compose import department, new_uuid
from .model import CURRENCY_SIGNS, Employer, Posting
from .render import sections_html, sections_plain

EMPLOYMENT = {"full_time": "FullTime", "part_time": "PartTime", "contract": "Contract", "intern": "Intern"}
WORKPLACE = {"remote": "Remote", "hybrid": "Hybrid", "onsite": "OnSite"}
# A second office some Ashby employers list on a share of their postings.
SECOND_OFFICE = {"locality": "London", "region": "England", "country": "United Kingdom"}


def new_id(rng: random.Random) -> str:
    return new_uuid(rng)


def _postal(locality: str, region: str, country: str) -> dict:
    return {"postalAddress": {"addressLocality": locality, "addressRegion": region, "addressCountry": country}}


def _money(value: int, currency: str) -> str:
    return f"{CURRENCY_SIGNS.get(currency, '')}{value // 1000}K"


def compensation(posting: Posting, rng: random.Random) -> dict:
    if not posting.salary:
        return {"compensationTierSummary": None, "scrapeableCompensationSalarySummary": None,
                "compensationTiers": [], "summaryComponents": []}
    pay = posting.salary
    summary = f"{_money(pay.minimum, pay.currency)} – {_money(pay.maximum, pay.currency)}"
    equity = rng.random() < 0.6
    tier_summary = summary + (" • Offers Equity" if equity else "")
    salary = {"compensationType": "Salary", "interval": "1 YEAR", "currencyCode": pay.currency,
              "minValue": pay.minimum, "maxValue": pay.maximum}
    components = [{"id": new_uuid(rng), "summary": summary, **salary}]
    if equity:
        components.append({"id": new_uuid(rng), "summary": "Offers Equity", "compensationType": "EquityPercentage",
                           "interval": "NONE", "currencyCode": None, "minValue": None, "maxValue": None})
    tier = {"id": new_uuid(rng), "title": "Zone A", "tierSummary": tier_summary, "additionalInformation": None,
            "components": components}
    return {"compensationTierSummary": tier_summary, "scrapeableCompensationSalarySummary": summary.replace("–", "-"),
            "compensationTiers": [tier], "summaryComponents": [salary]}


def job(posting: Posting, rng: random.Random) -> dict:
    employer = posting.employer
    place = employer.location
    # Pay lives in `compensation`; Ashby descriptions rarely repeat it.
    sections = [s for s in posting.sections if s.kind != "salary"]
    remote = posting.workplace == "remote"
    location = f"Remote - {place.country}" if remote or not place.city else place.city
    secondary = []
    if not remote and rng.random() < 0.25:
        secondary = [{"location": SECOND_OFFICE["locality"],
                      "address": _postal(SECOND_OFFICE["locality"], SECOND_OFFICE["region"], SECOND_OFFICE["country"])}]
    url = f"https://jobs.ashbyhq.com/{employer.board}/{posting.source_id}"
    return {
        "id": posting.source_id,
        "title": posting.title,
        "department": department(posting.role, posting.title),
        "team": posting.team,
        "employmentType": EMPLOYMENT[posting.employment],
        "location": location,
        "secondaryLocations": secondary,
        "publishedAt": clock.utc_iso(posting.published, rng.randint(0, 999), "+00:00"),
        "isListed": True,
        "isRemote": remote,
        "workplaceType": WORKPLACE[posting.workplace],
        "address": _postal(place.city, place.region_name, place.country_name),
        "jobUrl": url,
        "applyUrl": url + "/application",
        "descriptionHtml": sections_html(sections, employer.style),
        "descriptionPlain": sections_plain(sections, employer.style),
        "shouldDisplayCompensationOnJobPostings": posting.salary is not None,
        "compensation": compensation(posting, rng),
    }


def board_json(employer: Employer, postings: list[Posting], rng: random.Random) -> dict:
    return {"apiVersion": "1", "jobs": [job(p, rng) for p in postings]}
