"""Generated postings with known structure, for the tests, the stability measure and the
speed benchmark: six topics that mirror the themes, one planted topic no theme covers
("robotics simulation"), a term over-represented in one industry ("clinical trials" in
healthcare), a rising term ("agentic workflows") and a falling one ("hadoop clusters").

All text is written here (no real posting is copied); output is a pure function of the seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

TOPIC_TERMS: dict[str, list[str]] = {
    "data": ["data pipelines", "etl jobs", "sql queries", "spark", "airflow dags", "data warehouse", "kafka streams",
             "dbt models", "data quality checks", "data lake", "batch ingestion", "schema design"],
    "production": ["model deployment", "model serving", "mlops tooling", "model monitoring", "drift detection",
                   "model registry", "inference latency", "retraining jobs", "canary releases", "feature store"],
    "systems": ["kubernetes", "docker containers", "terraform", "distributed systems", "gpu clusters",
                "cloud infrastructure", "autoscaling", "observability stack", "networking", "linux servers"],
    "modeling": ["deep learning", "pytorch", "tensorflow", "computer vision", "natural language processing",
                 "recommender systems", "statistical modelling", "fine-tuning", "transformer architectures",
                 "evaluation metrics"],
    "software": ["python", "java", "code review", "unit tests", "rest apis", "microservices", "design patterns",
                 "version control", "refactoring", "clean code"],
    "collaboration": ["stakeholders", "cross-functional partners", "product managers", "mentoring juniors",
                      "agile ceremonies", "written documentation", "roadmap planning", "presentations"],
    # Planted: no theme of data/themes.toml has these cue terms.
    "robotics": ["robotics simulation", "physics engine", "gazebo", "isaac sim", "motion planning",
                 "sim-to-real transfer", "ros nodes", "synthetic sensor data", "digital twin", "lidar simulation"],
}
OPENERS = ["You will build", "You will own", "Hands-on knowledge of", "Day to day you improve",
           "You bring practice with", "We need someone fluent in", "You will design", "Familiarity with"]
INDUSTRIES = ["healthcare", "finance", "technology", "retail_consumer"]
ROLES = ["ml_engineer", "data_scientist", "data_engineer"]
PLANTED_GROUP = ("industry", "healthcare")
PLANTED_GROUP_TERM = "clinical trials"
RISING_TERM = "agentic workflows"
FALLING_TERM = "hadoop clusters"
MONTHS = [date(2023 + m // 12, m % 12 + 1, 1) for m in range(24)]


@dataclass(frozen=True)
class SyntheticPosting:
    posting_id: str
    title: str
    description: str
    industry: str
    role: str
    month: date
    topics: tuple[str, ...]


def _sentence(rng: random.Random, terms: list[str]) -> str:
    a, b, c = rng.sample(terms, 3)
    return f"{rng.choice(OPENERS)} {a}, {b} and {c}."


def _posting(rng: random.Random, index: int, robotics_share: float) -> SyntheticPosting:
    industry = rng.choice(INDUSTRIES)
    role = rng.choice(ROLES)
    month_index = rng.randrange(len(MONTHS))
    main = "robotics" if rng.random() < robotics_share else rng.choice([t for t in TOPIC_TERMS if t != "robotics"])
    second = rng.choice([t for t in TOPIC_TERMS if t not in (main, "robotics")])
    duties = [_sentence(rng, TOPIC_TERMS[main]) for _ in range(rng.randint(3, 5))]
    duties += [_sentence(rng, TOPIC_TERMS[second]) for _ in range(rng.randint(1, 2))]
    duties.append("You will join a friendly group and ship work that matters every week.")  # boilerplate
    progress = month_index / (len(MONTHS) - 1)
    if industry == PLANTED_GROUP[1] and rng.random() < 0.7 or rng.random() < 0.02:
        duties.append(f"You will support {PLANTED_GROUP_TERM} with reliable analyses.")
    if rng.random() < 0.02 + 0.5 * progress:
        duties.append(f"You will prototype {RISING_TERM} for internal tools.")
    if rng.random() < 0.45 - 0.4 * progress:
        duties.append(f"You will maintain {FALLING_TERM} for reporting.")
    rng.shuffle(duties)
    text = (
        "About us\nWe are a fast-growing company that helps businesses grow with software.\n\n"
        "What you'll do\n" + "\n".join(f"- {d}" for d in duties) + "\n\n"
        "Benefits\nWe offer health insurance, paid time off and a learning budget.\n"
    )
    title = {"ml_engineer": "Machine Learning Engineer", "data_scientist": "Data Scientist",
             "data_engineer": "Data Engineer"}[role]
    return SyntheticPosting(f"syn-{index:07d}", title, text, industry, role, MONTHS[month_index], (main, second))


def generate(n: int, seed: int = 7, robotics_share: float = 0.12) -> list[SyntheticPosting]:
    """n postings; about robotics_share of them are mainly about the planted robotics topic."""
    rng = random.Random(seed)
    return [_posting(rng, i, robotics_share) for i in range(n)]
