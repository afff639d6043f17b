"""Render a composed posting in the shapes the crawl meets: ATS HTML with heavy boilerplate,
plain text with headings, a bare HN paragraph, scraped text whose newlines were lost, and a
keyword-stuffed recruiter post. The labels never depend on the shape."""

from __future__ import annotations

import html
import random
from dataclasses import dataclass, field

HEADINGS = {
    "about": ["About {company}", "Who we are", "Our story", "The company"],
    "duties": ["What you'll work on", "Your responsibilities", "The job", "What you will do", "Day to day"],
    "reqs": ["What we need from you", "Requirements", "Must haves", "Your background", "Who you are"],
    "nice": ["Nice to have", "Bonus points", "It would be great if you also have", "Preferred qualifications"],
    "benefits": ["What we offer", "Perks & benefits", "Why join us", "Benefits"],
    "legal": ["Equal opportunity", "Our commitment", "Legal"],
}


@dataclass
class Draft:
    """A posting before rendering: sentences per part, in order."""

    title: str
    company: str
    location: str
    about: list[str] = field(default_factory=list)
    intro: list[str] = field(default_factory=list)      # job sentences before any list ("In this role…")
    duties: list[str] = field(default_factory=list)
    reqs: list[str] = field(default_factory=list)
    nice: list[str] = field(default_factory=list)
    benefits: list[str] = field(default_factory=list)
    legal: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)   # recruiter posts: a "Key skills" list
    hashtags: list[str] = field(default_factory=list)   # recruiter posts: SEO tags, not asked for


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


def _heading(rng: random.Random, part: str, draft: Draft) -> str:
    return rng.choice(HEADINGS[part]).format(company=draft.company)


def _parts(draft: Draft):
    return [("about", draft.about), ("duties", draft.duties), ("reqs", draft.reqs), ("nice", draft.nice),
            ("benefits", draft.benefits), ("legal", draft.legal)]


def ats_html(draft: Draft, rng: random.Random) -> str:
    """Greenhouse-like: <h3> headings, <ul> lists, long boilerplate; sometimes entity-escaped."""
    out = []
    for part, lines in _parts(draft):
        if not lines:
            continue
        out.append(f"<h3>{html.escape(_heading(rng, part, draft))}</h3>")
        if part in ("about", "legal"):
            out.append("<p>" + " ".join(html.escape(_sentence(s)) for s in lines) + "</p>")
        else:
            if part == "duties" and draft.intro:
                out.append("<p>" + " ".join(html.escape(_sentence(s)) for s in draft.intro) + "</p>")
            out.append("<ul>" + "".join(f"<li>{html.escape(s)}</li>" for s in lines) + "</ul>")
    text = "\n".join(out)
    return html.escape(text) if rng.random() < 0.3 else text  # Greenhouse's escaped HTML


def plain(draft: Draft, rng: random.Random) -> str:
    """Lever/plain text: heading lines, '- ' list items."""
    out = []
    for part, lines in _parts(draft):
        if not lines:
            continue
        out.append(_heading(rng, part, draft) + (":" if rng.random() < 0.5 else ""))
        if part == "duties" and draft.intro:
            out.append(" ".join(_sentence(s) for s in draft.intro))
        if part in ("about", "legal"):
            out.append(" ".join(_sentence(s) for s in lines))
        else:
            out.extend(f"- {s}" for s in lines)
        out.append("")
    return "\n".join(out).strip()


def lost_newlines(draft: Draft, rng: random.Random) -> str:
    """Scraped text: the plain shape with every line break turned into a space; list items
    keep a full stop only sometimes."""
    stops = rng.random() < 0.5
    words = []
    for part, lines in _parts(draft):
        if not lines:
            continue
        words.append(_heading(rng, part, draft))
        if part == "duties" and draft.intro:
            words.extend(_sentence(s) for s in draft.intro)
        words.extend(_sentence(s) if stops or part in ("about", "legal") else s for s in lines)
    return " ".join(words)


def hn_paragraph(draft: Draft, rng: random.Random) -> str:
    """A Hacker News "Who is hiring" comment: a header line and one paragraph."""
    header = f"{draft.company} | {draft.title} | {draft.location} | Full-time"
    body = [*map(_sentence, draft.about), f"We're hiring a {draft.title}."]
    body += [_sentence(s) for s in draft.intro + draft.duties + draft.reqs]
    if draft.nice:
        body.append("Nice to have: " + "; ".join(s[0].lower() + s[1:] for s in draft.nice) + ".")
    body += [_sentence(s) for s in draft.benefits[:2]]
    body.append(f"Apply at jobs@{draft.company.split()[0].lower()}.example")
    return header + "\n" + " ".join(body)


def recruiter(draft: Draft, rng: random.Random) -> str:
    """An agency post: hype header, the client pitch, a keyword list, hashtags."""
    out = [f"*** {draft.title.upper()} *** {draft.location} *** excellent package ***", ""]
    out += [" ".join(_sentence(s) for s in draft.about)]
    out.append(f"They are looking for a {draft.title} to join a growing team.")
    if draft.duties:
        out += ["", "The role:"] + [f"- {s}" for s in draft.duties]
    if draft.keywords:
        out += ["", "Key skills: " + ", ".join(draft.keywords)]
    if draft.reqs:
        out += [f"- {s}" for s in draft.reqs]
    if draft.nice:
        out += ["", "Desirable:"] + [f"- {s}" for s in draft.nice]
    out += ["", " ".join(_sentence(s) for s in draft.benefits[:2])]
    if draft.hashtags:
        out += ["", " ".join(draft.hashtags)]
    return "\n".join(out).strip()


SHAPES = {"ats_html": ats_html, "plain": plain, "lost_newlines": lost_newlines, "hn": hn_paragraph,
          "recruiter": recruiter}
SHAPE_WEIGHTS = {"ats_html": 0.32, "plain": 0.2, "lost_newlines": 0.16, "hn": 0.16, "recruiter": 0.16}
