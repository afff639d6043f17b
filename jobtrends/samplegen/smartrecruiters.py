"""SmartRecruiters Posting API: full posting details (GET /v1/companies/{id}/postings/{postingId}).

The file holds a JSON array of detail objects; the sample server derives the list endpoint
(summaries, offset/limit) from it.
"""

from __future__ import annotations

import random

from . import clock
from .compose import department, new_uuid, slugify
from .model import Employer, Posting
from .render import sections_html

EMPLOYMENT = {"full_time": ("permanent", "Full-time"), "part_time": ("part_time", "Part-time"),
              "contract": ("contract", "Contract"), "intern": ("intern", "Intern")}
EXPERIENCE = {"junior": ("entry_level", "Entry Level"), "mid": ("mid_senior_level", "Mid-Senior Level"),
              "senior": ("mid_senior_level", "Mid-Senior Level"), "lead": ("director", "Director"),
              "unknown": ("not_applicable", "Not Applicable")}
FUNCTION = {"ml_engineer": ("engineering", "Engineering"), "data_scientist": ("research", "Research"),
            "data_engineer": ("information_technology", "Information Technology"),
            "data_analyst": ("analyst", "Analyst"), "other": ("business_development", "Business Development")}
# jobAd section -> the planned section kinds it holds, and its usual title.
JOB_AD = {
    "companyDescription": (("about",), "Company Description"),
    "jobDescription": (("intro", "responsibilities"), "Job Description"),
    "qualifications": (("requirements", "nice"), "Qualifications"),
    "additionalInformation": (("benefits", "salary", "eeo"), "Additional Information"),
}
RECRUITERS = ["Dana Whitfield", "Priya Raman", "Tomasz Nowicki", "Aisha Bello", "Marcus Lindgren", "Yuki Tanabe"]


def new_id(rng: random.Random) -> str:
    return str(744_000_000_000_000 + rng.randint(0, 99_999_999_999))


def job_ad(posting: Posting) -> dict:
    style = posting.employer.style
    sections = {}
    for key, (kinds, title) in JOB_AD.items():
        parts = [s for s in posting.sections if s.kind in kinds]
        sections[key] = {"title": title, "text": sections_html(parts, style)}
    return {"sections": sections}


def detail(posting: Posting, rng: random.Random) -> dict:
    employer = posting.employer
    place = employer.location
    industry_id, industry_label = employer.source_label or ("", "")
    url = f"https://jobs.smartrecruiters.com/{employer.board}/{posting.source_id}-{slugify(posting.title)}"
    custom = []
    if rng.random() < 0.5:
        custom = [{"fieldId": "COUNTRY", "fieldLabel": "Country", "valueId": place.country.lower(),
                   "valueLabel": place.country_name}]
    dept_name = department(posting.role, posting.title)
    return {
        "id": posting.source_id,
        "uuid": new_uuid(rng),
        "name": posting.title,
        "jobAdId": new_uuid(rng),
        "defaultJobAd": True,
        "refNumber": f"REF{rng.randint(1000, 9999)}{rng.choice('ABCDEFGHJK')}",
        "company": {"identifier": employer.board, "name": employer.name},
        "releasedDate": clock.utc_iso(posting.published, rng.randint(0, 999)),
        "location": {
            "city": place.city, "region": place.region, "country": place.country.lower(),
            "remote": posting.workplace == "remote", "hybrid": posting.workplace == "hybrid",
            "latitude": f"{place.lat:.4f}", "longitude": f"{place.lng:.4f}",
            "fullLocation": ", ".join(p for p in (place.city, place.region, place.country_name) if p),
        },
        "industry": {"id": industry_id, "label": industry_label},
        "department": {"id": str(1_000_000 + 7919 * sum(map(ord, dept_name))), "label": dept_name},
        "function": dict(zip(("id", "label"), FUNCTION[posting.role])),
        "typeOfEmployment": dict(zip(("id", "label"), EMPLOYMENT[posting.employment])),
        "experienceLevel": dict(zip(("id", "label"), EXPERIENCE[posting.seniority])),
        "customField": custom,
        "visibility": "PUBLIC",
        "creator": {"name": rng.choice(RECRUITERS)},
        "language": {"code": "en", "label": "English", "labelNative": "English (US)"},
        "active": True,
        "applyUrl": url + "?oga=true",
        "postingUrl": url,
        "jobAd": job_ad(posting),
    }


def company_json(employer: Employer, postings: list[Posting], rng: random.Random) -> list[dict]:
    return [detail(p, rng) for p in postings]
