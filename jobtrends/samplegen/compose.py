"""Plan the sample postings: employers, their writing style, and each posting's content.

Every board draws from its own random stream (seeded by seed, kind and board), so output is
deterministic and one board's changes do not reshuffle the others.
"""

from __future__ import annotations

import random
import re
import uuid
from datetime import timedelta

from . import clock
from .model import Employer, Location, Posting, Salary, Section, Style
from .phrases import Banks, fill, sample
from .profile import draw_role, draw_seniority, draw_themes, llm_share, weighted

YEARS = {"junior": [1, 2], "mid": [2, 3, 4], "senior": [5, 6, 7], "lead": [8, 10], "unknown": [3]}
# Base pay (USD, yearly minimum) per seniority; roles and currencies scale it.
BASE_PAY = {"junior": 100_000, "mid": 140_000, "senior": 180_000, "lead": 215_000, "unknown": 150_000}
ROLE_PAY = {"ml_engineer": 1.0, "data_scientist": .93, "data_engineer": .92, "data_analyst": .68, "other": .62}
CURRENCY_RATE = {"USD": 1.0, "CAD": 1.05, "GBP": .6, "EUR": .68}
DEPARTMENTS = {"ml_engineer": "Engineering", "data_scientist": "Data Science", "data_engineer": "Data",
               "data_analyst": "Analytics", "other": "Business Operations"}
LENGTH_SENTENCES = {"short": (0, 1), "medium": (1, 2), "long": (1, 3)}


def board_rng(seed: int, *parts: str) -> random.Random:
    """A random stream of its own for one board or purpose (str seeds are stable across runs)."""
    return random.Random(":".join([str(seed), *parts]))


def new_uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def load_locations(banks: Banks) -> dict[str, Location]:
    return {key: Location(key=key, **value) for key, value in banks.employers["locations"].items()}


def load_employers(banks: Banks, seed: int) -> list[Employer]:
    """The ATS and career-site employers of employers.toml, each with its pitch and style."""
    locations = load_locations(banks)
    employers = []
    for entry in banks.employers["employer"]:
        source_label = tuple(entry["source_label"]) if "source_label" in entry else None
        employer = Employer(
            name=entry["name"], kind=entry["kind"], board=entry["board"], industry=entry["industry"],
            location=locations[entry["city"]], workplace=entry["workplace"], postings=entry["postings"],
            mix=entry["mix"], label=entry.get("label"), source_label=source_label, slug=slugify(entry["board"]),
            pitch_hint=entry.get("pitch_hint", ""),
        )
        rng = board_rng(seed, "style", employer.kind, employer.board)
        employer.pitch = draw_pitch(rng, banks, employer)
        employer.style = draw_style(rng, banks, employer)
        employers.append(employer)
    return employers


def draw_pitch(rng: random.Random, banks: Banks, employer: Employer) -> str:
    slots = {"company": employer.name, "city": employer.location.city or "New York",
             "headcount": str(rng.choice([40, 85, 120, 250, 400, 900, 2500]))}
    pitches = banks.boilerplate["pitch"][employer.industry]
    # A hint keeps the pitch true to what the source says (an insurer is not a trading firm).
    fitting = [p for p in pitches if employer.pitch_hint in p] if employer.pitch_hint else pitches
    if not fitting:
        raise ValueError(f"no {employer.industry} pitch mentions {employer.pitch_hint!r} (employer {employer.name})")
    pitch = fill(rng.choice(fitting), rng, slots)
    if rng.random() < 0.6:
        pitch += " " + fill(rng.choice(banks.boilerplate["pitch_tail"]), rng, slots)
    return pitch


def draw_style(rng: random.Random, banks: Banks, employer: Employer) -> Style:
    bank = banks.boilerplate
    headings = {kind: fill(rng.choice(options), rng, {"company": employer.name})
                for kind, options in bank["headings"].items()}
    use_headings = rng.random() < 0.85
    eeo = rng.sample(bank["eeo"], rng.choice([0, 1, 1, 2, 2, 3]))
    return Style(
        headings=headings,
        heading_tag=rng.choice(["h2", "h3", "h3", "strong"]),
        use_headings=use_headings,
        bullets=rng.random() < (0.8 if use_headings else 0.3),
        benefits=tuple(rng.sample(bank["benefits"], rng.randint(4, 8))) if rng.random() < 0.75 else (),
        eeo=tuple(fill(text, rng, {"company": employer.name}) for text in eeo),
        salary_rate=0.75 if employer.location.country == "US" else 0.35,
        length=rng.choice(["short", "medium", "medium", "long"]),
    )


def draw_month(rng: random.Random) -> tuple[int, int]:
    """Later months a little more likely: hiring grows over the sample."""
    months = clock.months()
    return rng.choices(months, weights=[1 + 0.05 * i for i in range(len(months))])[0]


def draw_title(rng: random.Random, banks: Banks, role: str, seniority: str, team: str,
               progress: float) -> tuple[str, str, str]:
    """(title, seniority, job family); 'other' roles bring their own seniority and family."""
    titles = banks.titles
    if role == "other":
        title, level, family = rng.choice(titles["other"])
        return title, level, family
    bases = titles["base"][role]
    if role == "ml_engineer" and rng.random() < 0.3 * progress:
        bases = titles["base"]["ml_engineer_llm"]
    base = fill(rng.choice(bases), rng, {"team": team})
    form = rng.choice(titles["seniority"][seniority])
    return fill(form, rng, {"t": base, "area": titles["area"][role]}), seniority, role


def draw_salary(rng: random.Random, role: str, seniority: str, currency: str) -> Salary:
    low = BASE_PAY[seniority] * ROLE_PAY[role] * CURRENCY_RATE[currency] * rng.uniform(0.88, 1.12)
    low = int(round(low / 5000) * 5000)
    high = int(round(low * rng.uniform(1.18, 1.4) / 5000) * 5000)
    return Salary(low, high, currency)


def article_for(title: str) -> str:
    """'an' before a vowel sound: 'an Applied Scientist', 'an ML Engineer', 'a Data Engineer'."""
    acronym = len(title) > 1 and title[1].isupper()
    return "an" if title[:1] in ("AEFHILMNORSX" if acronym else "AEIOU") else "a"


def text_slots(rng: random.Random, banks: Banks, employer: Employer, title: str, team: str,
               seniority: str) -> dict:
    slots = {**banks.global_slots(), **banks.industry_slots(employer.industry)}
    slots.update(company=employer.name, title=title, a_title=f"{article_for(title)} {title}", team=team, city=employer.location.city or "New York",
                 years=str(rng.choice(YEARS[seniority])))
    return slots


def theme_lines(rng: random.Random, banks: Banks, themes: tuple[str, ...], slots: dict, progress: float,
                length: str) -> tuple[list[str], list[str], list[str]]:
    """(responsibilities, requirements, nice-to-haves) for the present themes only."""
    low, high = LENGTH_SENTENCES[length]
    duties, needs, nice, used = [], [], [], set()
    for theme in themes:
        n_duties, n_needs = rng.randint(low, high), rng.randint(low, high)
        if n_duties + n_needs == 0:
            n_duties = 1
        duties += [fill(t, rng, slots) for t in _theme_pick(rng, banks, theme, "responsibilities", n_duties, progress, used)]
        needs += [fill(t, rng, slots) for t in _theme_pick(rng, banks, theme, "requirements", n_needs, progress, used)]
        if length != "short" and rng.random() < 0.3:
            nice += [fill(t, rng, slots) for t in sample(rng, banks.theme_sentences(theme, "nice"), 1, used)]
    rng.shuffle(duties)
    rng.shuffle(needs)
    return duties, needs, nice


def _theme_pick(rng: random.Random, banks: Banks, theme: str, part: str, n: int, progress: float,
                used: set[str]) -> list[str]:
    picked = []
    for _ in range(n):
        llm = banks.theme_sentences(theme, "llm_" + part)
        pool = llm if llm and rng.random() < llm_share(progress) else banks.theme_sentences(theme, part)
        picked += sample(rng, pool, 1, used)
    return picked


def posting_length(rng: random.Random, style: Style) -> str:
    """Mostly the employer's usual length; now and then a step shorter or longer."""
    lengths = list(LENGTH_SENTENCES)
    index = lengths.index(style.length)
    if rng.random() < 0.25:
        index = min(len(lengths) - 1, max(0, index + rng.choice([-1, 1])))
    return lengths[index]


def build_sections(rng: random.Random, banks: Banks, employer: Employer, posting: Posting, progress: float) -> list[Section]:
    style = employer.style
    bank = banks.boilerplate
    slots = text_slots(rng, banks, employer, posting.title, posting.team, posting.seniority)
    if posting.role == "other":
        family = posting.extra["family"]
        duties = sample(rng, bank["other_duties"][family], rng.randint(2, 4))
        needs = [fill(t, rng, slots) for t in sample(rng, bank["other_requirements"][family], rng.randint(2, 3))]
        nice: list[str] = []
        intro = bank["intro"]
    else:
        duties, needs, nice = theme_lines(rng, banks, posting.themes, slots, progress, posting_length(rng, style))
        intro = bank["intro"] + bank["ml_intro"]

    def section(kind: str, items: list[str], bullets: bool = False) -> Section:
        return Section(kind, style.headings.get(kind), items, bullets and style.bullets)

    sections = [section("about", [employer.pitch]), section("intro", [fill(rng.choice(intro), rng, slots)])]
    sections += [section("responsibilities", duties, True), section("requirements", needs, True)]
    if nice:
        sections.append(section("nice", nice, True))
    if style.benefits and style.length != "short":
        sections.append(section("benefits", list(style.benefits), True))
    if posting.salary:
        text = fill(rng.choice(bank["salary"]), rng, {"salary": posting.salary.long()})
        sections.append(section("salary", [text]))
    if style.eeo:
        sections.append(section("eeo", list(style.eeo)))
    return [s for s in sections if s.items]


def plan_posting(rng: random.Random, banks: Banks, employer: Employer, source_id: str,
                 mix: str | None = None) -> Posting:
    """One posting of an employer: ground truth first, then the text that carries it."""
    year, month = draw_month(rng)
    published = clock.random_moment(rng, year, month)
    progress = clock.month_progress(published)
    role = draw_role(rng, mix or employer.mix)
    team = rng.choice(banks.industry_slots(employer.industry)["team"])
    title, seniority, family = draw_title(rng, banks, role, draw_seniority(rng), team, progress)
    themes = draw_themes(rng, role, employer.industry, seniority, progress)
    workplace = employer.workplace
    if workplace == "mixed":
        workplace = weighted(rng, {"onsite": 3, "hybrid": 4, "remote": 3})
    employment = "intern" if "Intern" in title else ("contract" if rng.random() < 0.05 else "full_time")
    show_pay = employment != "intern" and rng.random() < employer.style.salary_rate
    salary = draw_salary(rng, role, seniority, employer.location.currency) if show_pay else None
    updated = min(published + timedelta(days=rng.randint(0, 30), minutes=rng.randint(0, 600)), clock.SNAPSHOT)
    posting = Posting(employer=employer, source_id=source_id, title=title, role=role, seniority=seniority,
                      themes=themes, published=published, updated=updated, workplace=workplace,
                      employment=employment, team=team, salary=salary, extra={"family": family})
    posting.sections = build_sections(rng, banks, employer, posting, progress)
    return posting


def plan_board(seed: int, banks: Banks, employer: Employer, new_id) -> list[Posting]:
    """All postings of one board, newest first; `new_id(rng)` makes the board's posting ids."""
    rng = board_rng(seed, "postings", employer.kind, employer.board)
    postings = [plan_posting(rng, banks, employer, new_id(rng)) for _ in range(employer.postings)]
    postings.sort(key=lambda p: (p.published, p.source_id), reverse=True)
    return postings


def department(role: str, title: str) -> str:
    if role != "other":
        return DEPARTMENTS[role]
    for word, name in (("Account", "Sales"), ("Sales", "Sales"), ("Design", "Design"), ("Marketing", "Marketing"),
                       ("Recruit", "People"), ("Payroll", "Finance"), ("Customer", "Customer Success")):
        if word in title:
            return name
    return DEPARTMENTS["other"]
