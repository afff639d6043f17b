"""Hacker News monthly threads as the HN Search API (Algolia) serves them.

hn/search_by_date.json answers `search_by_date?tags=story,author_whoishiring`: every month has
"Who is hiring?" plus the "Who wants to be hired?" and "Freelancer?" threads, which are NOT hiring
threads. hn/items/{id}.json holds each thread with its comment tree. Top-level comments in a
hiring thread are postings ("Company | Role | Location | REMOTE | $150k-$200k | url"), except for
the odd meta comment or deleted one; replies under postings are never postings.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from html import escape

from . import clock
from .compose import draw_salary, draw_title, slugify, text_slots, theme_lines
from .model import Employer, Location, Posting, Style
from .phrases import Banks
from .profile import draw_role, draw_seniority, draw_themes, weighted

HN_MONTHS = 12
THREADS = (("hiring", "Ask HN: Who is hiring? ({month})"),
           ("wants", "Ask HN: Who wants to be hired? ({month})"),
           ("freelancer", "Ask HN: Freelancer? Seeking freelancer? ({month})"))
STORY_TEXT = {
    "hiring": "Post one comment per company that is hiring. Start with the location and say REMOTE or ONSITE; "
              "a pay range helps everyone.<p>Only people who work at the hiring company should post, please: "
              "no agencies or job boards.<p>Readers: reply only if you have a real question for the poster.",
    "wants": "Looking for work? Share a short note in this format:<p><pre><code>  Location:\n  Remote:\n"
             "  Willing to relocate:\n  Technologies:\n  Résumé&#x2F;CV:\n  Email:\n</code></pre>",
    "freelancer": "Start your comment with SEEKING WORK or SEEKING FREELANCER, then your location and whether "
                  "remote is OK.",
}
FLAGS = {"remote": ["REMOTE", "REMOTE", "Remote (US only)", "REMOTE (EU time zones)"],
         "onsite": ["ONSITE", "ONSITE", "On-site"], "hybrid": ["HYBRID", "Hybrid (2 days in office)"]}
HN_STYLE = Style(headings={}, heading_tag="p", use_headings=False, bullets=False, benefits=(), eeo=(),
                 salary_rate=0.55, length="short")
POSTERS = ["jdoe_builds", "mlhiring", "kestrel77", "ops_nomad", "tanagerdev", "quietcoder", "fernhill", "bitwright"]


def hn_text(text: str) -> str:
    """Escape the way HN stores comment text: &#x27; for quotes, &#x2F; for slashes."""
    return escape(text, quote=True).replace("/", "&#x2F;")


def hn_link(url: str) -> str:
    return f'<a href="{hn_text(url)}" rel="nofollow">{hn_text(url)}</a>'


def first_weekday(year: int, month: int) -> date:
    day = date(year, month, 1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def make_companies(rng: random.Random, banks: Banks, locations: dict[str, Location], count: int) -> list[Employer]:
    hn = banks.employers["hn"]
    companies, taken = [], set()
    while len(companies) < count:
        industry = weighted(rng, hn["industries"])
        # Half the names hint at the industry ("Ember Health"), as small companies' names often do.
        second = rng.choice(hn["suffix"][industry] if rng.random() < 0.5 else hn["name_second"])
        name = f"{rng.choice(hn['name_first'])} {second}"
        if name in taken:
            continue
        taken.add(name)
        place = locations[rng.choice(sorted(k for k in locations if k != "remote_us"))]
        company = Employer(name=name, kind="hn", board="hn", industry=industry, location=place,
                           workplace=weighted(rng, {"remote": 4, "onsite": 3, "hybrid": 2}), postings=0, mix="hn",
                           slug=slugify(name).replace("-", ""), style=HN_STYLE)
        company.pitch = rng.choice(hn["blurb"][industry])
        companies.append(company)
    return companies


def header(rng: random.Random, posting: Posting, url: str) -> str:
    """'Company | Role | Location | REMOTE | $150k-$200k | url', with parts missing or reordered."""
    company = posting.employer
    place = company.location
    location = place.label if place.country in ("US", "CA") else f"{place.city}, {place.country}"
    if posting.workplace == "remote" and rng.random() < 0.4:
        location = "Remote"
    middle = [hn_text(location), rng.choice(FLAGS[posting.workplace])]
    if posting.salary:
        middle.append(hn_text(posting.salary.short()))
    if rng.random() < 0.15:
        middle.append("VISA")
    if rng.random() < 0.25:
        middle.append("Full-time")
    if rng.random() < 0.3:
        rng.shuffle(middle)
    if rng.random() < 0.15:
        middle.pop(rng.randrange(len(middle)))
    parts = [hn_text(company.name), hn_text(posting.title), *middle]
    if rng.random() < 0.8:
        parts.append(hn_link(url))
    return " | ".join(parts)


def body(rng: random.Random, banks: Banks, posting: Posting, progress: float, url: str) -> list[str]:
    """Paragraphs of HN HTML after the header line: pitch, duties, wishes, how to apply."""
    slots = text_slots(rng, banks, posting.employer, posting.title, posting.team, posting.seniority)
    if posting.role == "other":
        duties = rng.sample(banks.boilerplate["other_duties"][posting.extra["family"]], 2)
        needs: list[str] = []
    else:
        duties, needs, _ = theme_lines(rng, banks, posting.themes, slots, progress, "short")
    paragraphs = [hn_text(posting.employer.pitch)]
    if duties:
        lead = rng.choice(["You'd", "You will", "The job: you'll"])
        first = duties[0] if duties[0][1].isupper() else duties[0][0].lower() + duties[0][1:]
        paragraphs.append(hn_text(" ".join([f"{lead} {first}."] + [f"{d}." for d in duties[1:]])))
    if needs:
        wish = rng.choice(["Looking for: ", "Ideal candidate: ", "We'd love: "])
        paragraphs.append(hn_text(wish + "; ".join(needs) + "."))
    slug = posting.employer.slug
    paragraphs.append(rng.choice([hn_text(f"Email hiring@{slug}.example with 'HN' in the subject."),
                                  hn_text("Apply here: ") + hn_link(url),
                                  hn_text(f"Questions? Write to me at jobs@{slug}.example")]))
    return paragraphs


def comment_html(rng: random.Random, banks: Banks, posting: Posting, progress: float) -> str:
    url = f"https://{posting.employer.slug}.example/careers"
    paragraphs = body(rng, banks, posting, progress, url)
    return header(rng, posting, url) + "".join(f"<p>{p}" for p in paragraphs)


def plan_hn_postings(rng: random.Random, banks: Banks, companies: list[Employer], year: int, month: int,
                     first_id: int, start: datetime) -> list[Posting]:
    progress = clock.months().index((year, month)) / (clock.MONTH_COUNT - 1)
    postings = []
    next_id = first_id
    for company in rng.sample(companies, rng.randint(10, 20)):
        next_id += rng.randint(40, 400)
        role = draw_role(rng, "hn")
        team = rng.choice(banks.industry_slots(company.industry)["team"])
        title, seniority, family = draw_title(rng, banks, role, draw_seniority(rng), team, progress)
        if role != "other" and rng.random() < 0.1:
            title, seniority = rng.choice(["Machine Learning Engineers (all levels)", "ML Engineer (multiple levels)"]), "unknown"
        # Ids grow with time, so each posting comes a little after the one before.
        published = (postings[-1].published if postings else start) + timedelta(minutes=rng.randint(2, 240))
        salary = draw_salary(rng, role, seniority, company.location.currency) if rng.random() < 0.55 else None
        themes = draw_themes(rng, role, company.industry, seniority, progress, scale=0.85)
        posting = Posting(employer=company, source_id=str(next_id), title=title, role=role,
                          seniority=seniority, themes=themes, published=published, updated=published,
                          workplace=company.workplace, employment="full_time", team=team, salary=salary,
                          extra={"family": family})
        posting.extra["html"] = comment_html(rng, banks, posting, progress)
        postings.append(posting)
    return postings
