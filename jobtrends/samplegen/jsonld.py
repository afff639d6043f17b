"""Career sites with schema.org JobPosting JSON-LD, served as static files under site/.

Layout per employer: site/careers/{board}/index.html links to jobs/{id}.html pages and to pages
that hold no posting (benefits.html, jobs/faq.html). The sites vary the markup on purpose:
plain object, "@graph", a page with a list of several postings, "@type": ["JobPosting"],
several script tags, and postings without `identifier`.
"""

from __future__ import annotations

import json
import random
from datetime import timedelta
from html import escape

from . import clock
from .compose import slugify
from .model import Employer, Posting
from .render import sections_html

VARIANTS = ("plain", "graph", "list", "type_list", "multi_script", "no_identifier")
EMPLOYMENT = {"full_time": "FULL_TIME", "part_time": "PART_TIME", "contract": "CONTRACTOR", "intern": "INTERN"}
OCCUPATION = {"ml_engineer": "15-1221.00 Computer and Information Research Scientists",
              "data_scientist": "15-2051.00 Data Scientists", "data_engineer": "15-1243.00 Database Architects",
              "data_analyst": "15-2051.01 Business Intelligence Analysts"}
LIST_PAGE = "all-openings.html"
ROBOTS = "User-agent: *\nAllow: /careers/\nDisallow: /admin/\nDisallow: /search\n"


def new_id(rng: random.Random) -> str:
    return str(rng.randint(1000, 9999))


def identifier_value(employer: Employer, posting: Posting) -> str:
    return f"{employer.board[:3].upper()}-{posting.source_id}"


def variant_of(index: int) -> str:
    return VARIANTS[index % len(VARIANTS)]


def job_path(employer: Employer, posting: Posting) -> str:
    return f"/careers/{employer.board}/jobs/{posting.source_id}-{slugify(posting.title)}.html"


def canonical_url(employer: Employer, posting: Posting) -> str:
    """The posting's `url` in JSON-LD: the employer's public site, not the loopback server."""
    return f"https://www.{employer.slug}.example{job_path(employer, posting)}"


def truth_id(employer: Employer, posting: Posting, variant: str) -> str:
    """The id a crawler can read back: `identifier.value`, or the canonical `url` when there is none."""
    if variant == "no_identifier":
        return canonical_url(employer, posting)
    return identifier_value(employer, posting)


def job_posting(employer: Employer, posting: Posting, variant: str, rng: random.Random) -> dict:
    place = employer.location
    data = {
        "@context": "https://schema.org",
        "@type": ["JobPosting"] if variant == "type_list" else "JobPosting",
        "title": posting.title,
        "description": sections_html(posting.sections, employer.style),
        "datePosted": (posting.published.date().isoformat() if variant in ("plain", "list", "no_identifier")
                       else clock.local_iso(posting.published, place.tz)),
        "employmentType": EMPLOYMENT[posting.employment],
        "hiringOrganization": {"@type": "Organization", "name": employer.name,
                               "sameAs": f"https://www.{employer.slug}.example/"},
        "url": canonical_url(employer, posting),
    }
    if variant in ("plain", "multi_script"):
        data["validThrough"] = (posting.published + timedelta(days=730)).date().isoformat() + "T23:59"
    if variant != "no_identifier":
        data["identifier"] = {"@type": "PropertyValue", "name": employer.name, "value": identifier_value(employer, posting)}
    if posting.role in OCCUPATION:
        data["occupationalCategory"] = OCCUPATION[posting.role]
    if employer.source_label:
        data["industry"] = employer.source_label[1]
    if posting.workplace == "remote":
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = {"@type": "Country", "name": place.country_name}
    if posting.workplace != "remote" or rng.random() < 0.5:
        data["jobLocation"] = {"@type": "Place", "address": {
            "@type": "PostalAddress", "addressLocality": place.city, "addressRegion": place.region,
            "addressCountry": place.country}}
    if posting.salary:
        pay = posting.salary
        data["baseSalary"] = {"@type": "MonetaryAmount", "currency": pay.currency, "value": {
            "@type": "QuantitativeValue", "minValue": pay.minimum, "maxValue": pay.maximum, "unitText": "YEAR"}}
    return data


def script(value: object) -> str:
    """A JSON-LD script tag; '</' is escaped so the JSON cannot close the tag."""
    text = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{text}\n</script>'


def page(title: str, head: str, body: str, employer: Employer) -> str:
    return (
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{escape(title)} | {escape(employer.name)} Careers</title>\n{head}\n</head>\n<body>\n"
        f"<header><a href=\"/careers/{employer.board}/\">{escape(employer.name)} careers</a></header>\n"
        f"<main>\n{body}\n</main>\n<footer><a href=\"/careers/{employer.board}/benefits.html\">Benefits</a></footer>\n"
        "</body>\n</html>\n"
    )


def job_page(employer: Employer, posting: Posting, variant: str, rng: random.Random) -> str:
    posting_ld = job_posting(employer, posting, variant, rng)
    if variant == "graph":
        org = {"@type": "Organization", "@id": f"https://www.{employer.slug}.example/#organization", "name": employer.name}
        web = {"@type": "WebPage", "@id": posting_ld["url"], "name": posting.title}
        posting_ld.pop("@context")
        head = script({"@context": "https://schema.org", "@graph": [org, web, posting_ld]})
    elif variant == "multi_script":
        crumbs = {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "Careers", "item": f"https://www.{employer.slug}.example/careers/"},
            {"@type": "ListItem", "position": 2, "name": posting.title}]}
        head = script(crumbs) + "\n" + script(posting_ld)
    else:
        head = script(posting_ld)
    body = (f"<h1>{escape(posting.title)}</h1>\n<p class=\"meta\">{escape(employer.location.label)}</p>\n"
            f"{posting_ld['description']}\n<p><a class=\"apply\" href=\"mailto:jobs@{employer.slug}.example\">Apply</a></p>")
    return page(posting.title, head, body, employer)


def list_page(employer: Employer, postings: list[Posting], rng: random.Random) -> str:
    """One page holding several postings as a JSON-LD array (no page of their own)."""
    items = [job_posting(employer, p, "list", rng) for p in postings]
    body = "<h1>All openings</h1>\n" + "\n".join(
        f"<section><h2>{escape(p.title)}</h2>{item['description']}</section>" for p, item in zip(postings, items))
    return page("All openings", script(items), body, employer)


def index_page(employer: Employer, links: list[tuple[str, str]]) -> str:
    items = "\n".join(f'<li><a href="{escape(href)}">{escape(text)}</a></li>' for href, text in links)
    body = (f"<h1>Careers at {escape(employer.name)}</h1>\n<p>{escape(employer.pitch)}</p>\n<ul>\n{items}\n</ul>\n"
            f'<p><a href="/careers/{employer.board}/benefits.html">Life at {escape(employer.name)}</a> · '
            f'<a href="/careers/{employer.board}/jobs/faq.html">Hiring FAQ</a> · '
            f'<a href="https://www.{employer.slug}.example/">Main site</a></p>')
    return page("Open positions", "", body, employer)


def site_files(employer: Employer, postings: list[Posting], variant: str, rng: random.Random) -> dict[str, str]:
    """Relative path under site/ -> file text for one employer's career site."""
    base = f"careers/{employer.board}"
    files, links = {}, []
    on_list = postings[:4] if variant == "list" else []
    if on_list:
        files[f"{base}/jobs/{LIST_PAGE}"] = list_page(employer, on_list, rng)
        links.append((f"/{base}/jobs/{LIST_PAGE}", "All openings on one page"))
    for posting in postings[len(on_list):]:
        path = job_path(employer, posting)
        files[path.lstrip("/")] = job_page(employer, posting, variant, rng)
        links.append((path, posting.title))
    files[f"{base}/index.html"] = index_page(employer, links)
    files[f"{base}/benefits.html"] = page("Benefits", "", "<h1>Benefits</h1>\n<ul>" + "".join(
        f"<li>{escape(b)}</li>" for b in employer.style.benefits or ("Competitive pay",)) + "</ul>", employer)
    org = {"@context": "https://schema.org", "@type": "Organization", "name": employer.name,
           "url": f"https://www.{employer.slug}.example/"}
    files[f"{base}/jobs/faq.html"] = page("Hiring FAQ", script(org), "<h1>Hiring FAQ</h1>\n<p>How long does the "
                                          "process take? Usually three to four weeks from first call to offer.</p>", employer)
    return files


def root_files(employers: list[Employer]) -> dict[str, str]:
    links = "\n".join(f'<li><a href="/careers/{e.board}/">{escape(e.name)}</a></li>' for e in employers)
    index = ("<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Sample career sites</title></head>\n"
             f"<body>\n<h1>Sample career sites</h1>\n<ul>\n{links}\n</ul>\n</body>\n</html>\n")
    return {"robots.txt": ROBOTS, "index.html": index}
