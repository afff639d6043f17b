"""Compose the labelled development set from the phrase banks (seeded, reproducible).

    python -m nlp.devset.generate            # writes data/eval/dev.jsonl and heldout.jsonl

Every posting is planned first (role, seniority, company, which themes the job asks for) and
then written from bank sentences; its labels are computed from the sentences actually used:
the union of the themes of its job sentences (nice-to-haves included), never of the pitch,
benefits, legal or negated sentences, whatever words those contain (themes.md's labelling
rule). Seniority follows themes.md from the title's level word; industry is the employer's
(for a recruiter post that describes its client, the client's).
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from jobtrends.paths import data_dir

from .banks import Banks, Line, load_banks
from .shapes import SHAPE_WEIGHTS, SHAPES, Draft

THEMES = ("software_engineering", "data", "production", "systems", "modeling", "collaboration")
# P(theme asked for) per role: most ML postings ask for most themes, but not all.
THEME_RATES = {
    "ml_engineer": (0.7, 0.5, 0.75, 0.6, 0.6, 0.55),
    "data_scientist": (0.35, 0.55, 0.3, 0.2, 0.9, 0.7),
    "data_engineer": (0.55, 0.95, 0.2, 0.6, 0.15, 0.5),
    "data_analyst": (0.15, 0.75, 0.05, 0.05, 0.35, 0.8),
    "other": (0.7, 0.2, 0.15, 0.45, 0.1, 0.55),
    "other_business": (0.05, 0.1, 0.05, 0.05, 0.05, 0.8),  # recruiter, sales, product titles
}
BUSINESS_TITLES = ("Product Manager", "Account Executive", "Technical Recruiter", "Customer Success Manager")
LEVELS = {
    "junior": ["Junior {t}", "Graduate {t}", "{t} Intern", "Associate {t}", "Entry-Level {t}"],
    "mid": ["{t}", "{t}", "{t}", "{t} II", "{t} III"],
    "senior": ["Senior {t}", "Sr. {t}", "Staff {t}", "Senior {t}"],
    "lead": ["Lead {t}", "Principal {t}", "{t} Lead"],
}
SENIORITY_RATES = {"junior": 0.15, "mid": 0.35, "senior": 0.35, "lead": 0.15}
# Keyword lists of recruiter posts ("Key skills: …") ask for these themes.
KEYWORDS = {
    "software_engineering": ["Python", "Java", "Scala", "Git", "REST APIs", "unit testing"],
    "data": ["SQL", "Spark", "Airflow", "dbt", "Kafka", "Snowflake"],
    "production": ["MLflow", "model deployment", "MLOps", "Kubeflow", "model monitoring"],
    "systems": ["AWS", "Kubernetes", "Docker", "Terraform", "GCP"],
    "modeling": ["PyTorch", "TensorFlow", "NLP", "LLMs", "scikit-learn"],
    "collaboration": ["stakeholder management", "Agile", "mentoring"],
}
HASHTAGS = ["#AI", "#MachineLearning", "#Cloud", "#BigData", "#DataScience", "#MLOps", "#Kubernetes", "#Hiring"]
AGENCY_WORDS = (["Talentforge", "Nexus", "Hireline", "Apex", "Cobalt", "Sterling", "Beacon"],
                ["Recruitment", "Search Partners", "Talent", "Resourcing", "People"])
SOURCE_LABELS = {
    "technology": ["Software Development", "IT Services and IT Consulting", "Internet"],
    "finance": ["Financial Services", "Banking", "Insurance"],
    "professional_services": ["Management Consulting", "Staffing and Recruiting", "Accounting"],
    "healthcare": ["Hospitals and Health Care", "Biotechnology Research", "Pharmaceutical Manufacturing"],
    "retail_consumer": ["Retail", "Food and Beverage Services", "Consumer Goods"],
    "manufacturing": ["Industrial Machinery Manufacturing", "Motor Vehicle Manufacturing", "Chemical Manufacturing"],
    "aerospace_defense": ["Aviation and Aerospace Component Manufacturing", "Defense and Space Manufacturing"],
    "media_marketing": ["Entertainment Providers", "Advertising Services", "Computer Games"],
    "telecommunications": ["Telecommunications", "Wireless Services"],
    "energy": ["Utilities", "Oil and Gas", "Renewable Energy Power Generation"],
    "transportation": ["Truck Transportation", "Airlines and Aviation", "Transportation, Logistics, Supply Chain and Storage"],
    "government_nonprofit": ["Government Administration", "Non-profit Organizations"],
    "education_research": ["Higher Education", "E-Learning Providers", "Research Services"],
    "real_estate": ["Real Estate", "Construction"],
}
LOCATIONS = ["Remote (EU)", "London", "Berlin", "New York, NY", "Toronto", "Remote", "Austin, TX", "Amsterdam", "Madrid"]


def _title(rng: random.Random, core: str, seniority: str) -> tuple[str, str]:
    """The title with a level word, and its seniority under themes.md (manager/head -> lead)."""
    if "Manager" in core:
        return core, "lead"
    return rng.choice(LEVELS[seniority]).format(t=core), seniority


def _company(rng: random.Random, banks: Banks, shape: str) -> tuple[str, list[str], str]:
    """(company, about sentences, industry label); recruiter posts name an agency."""
    line = rng.choice(banks.companies)
    industry, name = line.labels
    if shape != "recruiter":
        return name, [line.text], industry
    agency = f"{rng.choice(AGENCY_WORDS[0])} {rng.choice(AGENCY_WORDS[1])}"
    if rng.random() < 0.3:  # the agency does not describe a client: the agency is the employer
        return agency, ["We are a specialist recruitment agency for data and AI talent"], "professional_services"
    return agency, [f"Our client is a well-funded organisation. {line.text.replace(name, 'They', 1)}"], industry


def _job_sentences(rng: random.Random, banks: Banks, planned: list[str]) -> list[Line]:
    chosen: list[Line] = []
    for theme in planned:
        pool = [l for l in banks.job if theme in l.labels and l not in chosen]
        chosen += rng.sample(pool, min(len(pool), rng.choice((1, 1, 2, 2, 3))))
    neutral = [l for l in banks.job if not l.labels]
    chosen += rng.sample(neutral, rng.choice((0, 1, 1, 2)))
    rng.shuffle(chosen)
    return chosen


def _negated(rng: random.Random, banks: Banks, labels: set[str]) -> list[str]:
    """0-2 sentences that deny a theme the job does not ask for (never contradict a label)."""
    from .banks import THEME_CODES
    pool = [l.text for l in banks.negated if THEME_CODES[l.labels[1].lstrip("~")] not in labels]
    return rng.sample(pool, min(len(pool), rng.choice((0, 0, 1, 1, 2))))


def _some(rng: random.Random, lines: list[Line], counts: tuple[int, ...]) -> list[str]:
    return rng.sample([l.text for l in lines], min(len(lines), rng.choice(counts)))


def compose(rng: random.Random, banks: Banks, index: int, prefix: str) -> dict:
    shape = rng.choices(list(SHAPE_WEIGHTS), weights=list(SHAPE_WEIGHTS.values()))[0]
    role_line = rng.choice(banks.titles)
    role, core = role_line.labels[0], role_line.text
    title, seniority = _title(rng, core, rng.choices(list(SENIORITY_RATES), list(SENIORITY_RATES.values()))[0])
    rates = THEME_RATES["other_business" if core.startswith(BUSINESS_TITLES) else role]
    planned = [t for t, p in zip(THEMES, rates) if rng.random() < p] or [rng.choice(THEMES)]
    company, about, industry = _company(rng, banks, shape)
    draft = Draft(title, company, rng.choice(LOCATIONS), about=about + _some(rng, banks.pitch, (0, 1, 2, 3)))
    labels: set[str] = set()
    for line in _job_sentences(rng, banks, planned):
        labels.update(line.labels)
        target = rng.choices(("duties", "reqs", "nice"), (0.5, 0.35, 0.15))[0]
        getattr(draft, target).append(line.text)
    if shape == "recruiter":
        for theme in planned:
            if rng.random() < 0.6:
                draft.keywords += rng.sample(KEYWORDS[theme], 2)
                labels.add(theme)
        draft.hashtags = rng.sample(HASHTAGS, rng.choice((0, 3, 5)))
    for sentence in _negated(rng, banks, labels):
        (draft.reqs if rng.random() < 0.5 else draft.duties).append(sentence)
    draft.benefits = _some(rng, banks.benefits, (0, 2, 3, 5))
    draft.legal = _some(rng, banks.legal, (0, 1, 2))
    if rng.random() < 0.1 and shape != "recruiter":
        draft.about = []  # no company text at all
    row = {"id": f"{prefix}-{index:04d}", "title": title, "company": company, "location": draft.location,
           "description": SHAPES[shape](draft, rng), "shape": shape,
           "themes": sorted(labels), "role": role, "seniority": seniority, "industry": industry}
    if rng.random() < 0.15:
        row["source_industry"] = rng.choice(SOURCE_LABELS[industry])
    return row


def generate(count: int, heldout: bool, seed: int, folder: Path) -> list[dict]:
    banks = load_banks(folder / "phrases").part(heldout)
    rng = random.Random(seed)
    prefix = "heldout" if heldout else "dev"
    return [compose(rng, banks, i, prefix) for i in range(count)]


def read_handwritten(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_jsonl(rows: list[dict], path: Path) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=data_dir() / "eval")
    parser.add_argument("--dev", type=int, default=320)
    parser.add_argument("--heldout", type=int, default=200)
    parser.add_argument("--seed", type=int, default=20240605)
    args = parser.parse_args(argv)
    for name, count, held, seed in (("dev", args.dev, False, args.seed), ("heldout", args.heldout, True, args.seed + 1)):
        rows = generate(count, held, seed, args.out) + read_handwritten(args.out / f"handwritten_{name}.jsonl")
        write_jsonl(rows, args.out / f"{name}.jsonl")
        print(f"{name}: {len(rows)} postings -> {args.out / (name + '.jsonl')}")


if __name__ == "__main__":
    main()
