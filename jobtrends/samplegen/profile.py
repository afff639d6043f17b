"""Ground-truth draws: role, seniority and which themes a posting asks for.

Theme probabilities depend on role, industry, seniority and month so that the demo's charts show
real differences: production (MLOps) and systems rise over the 24 months, LLM wording in
modelling rises, finance leans to data and systems, healthcare to modelling, consulting to
collaboration, data engineers to data, data scientists to modelling.
"""

from __future__ import annotations

import random

from .phrases import THEMES

ROLE_BASE = {
    "ml_engineer": {"software_engineering": .70, "data": .42, "production": .50, "systems": .42, "modeling": .62, "collaboration": .52},
    "data_scientist": {"software_engineering": .22, "data": .50, "production": .18, "systems": .08, "modeling": .92, "collaboration": .62},
    "data_engineer": {"software_engineering": .50, "data": .95, "production": .10, "systems": .48, "modeling": .08, "collaboration": .42},
    "data_analyst": {"software_engineering": .04, "data": .82, "production": .02, "systems": .03, "modeling": .22, "collaboration": .75},
}
INDUSTRY_SHIFT = {
    "technology": {"software_engineering": .08, "systems": .08, "production": .05},
    "finance": {"data": .16, "systems": .14, "modeling": -.06},
    "professional_services": {"collaboration": .28, "software_engineering": -.10, "production": -.06},
    "healthcare": {"modeling": .16, "production": -.08, "data": .04},
    "retail_consumer": {"modeling": .06, "data": .05},
    "manufacturing": {"production": .10, "systems": .06, "modeling": .04},
    "aerospace_defense": {"systems": .16, "software_engineering": .06},
    "media_marketing": {"modeling": .10, "production": .05},
    "telecommunications": {"systems": .16, "data": .06},
    "energy": {"data": .14, "modeling": .04, "production": -.06},
    "transportation": {"production": .08, "data": .05},
    "government_nonprofit": {"collaboration": .16, "production": -.16, "systems": -.06},
    "education_research": {"modeling": .10, "collaboration": .10, "production": -.10},
    "real_estate": {"data": .08},
}
# Added at the last month, scaled linearly from the first month (the start value is `-half`),
# and weighted by how much the role takes part in the shift.
TREND = {"production": .32, "systems": .12, "software_engineering": -.04}
TREND_WEIGHT = {"ml_engineer": 1.0, "data_scientist": .5, "data_engineer": .3, "data_analyst": 0.0}
SENIORITY_SHIFT = {
    "junior": {"collaboration": -.12, "systems": -.12, "production": -.06},
    "mid": {},
    "senior": {"collaboration": .06, "systems": .05},
    "lead": {"collaboration": .30},
    "unknown": {},
}
ROLE_MIX = {
    "ml": {"ml_engineer": 72, "data_scientist": 12, "data_engineer": 8, "data_analyst": 2, "other": 6},
    "balanced": {"ml_engineer": 50, "data_scientist": 22, "data_engineer": 16, "data_analyst": 5, "other": 7},
    "data": {"ml_engineer": 36, "data_scientist": 28, "data_engineer": 24, "data_analyst": 5, "other": 7},
    "hn": {"ml_engineer": 62, "data_scientist": 13, "data_engineer": 13, "data_analyst": 2, "other": 10},
}
SENIORITY_MIX = {"junior": 12, "mid": 38, "senior": 35, "lead": 15}


def weighted(rng: random.Random, weights: dict[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def draw_role(rng: random.Random, mix: str) -> str:
    return weighted(rng, ROLE_MIX[mix])


def draw_seniority(rng: random.Random) -> str:
    return weighted(rng, SENIORITY_MIX)


def theme_probabilities(role: str, industry: str, seniority: str, progress: float) -> dict[str, float]:
    """P(theme present) for one posting; `progress` is 0..1 over the sample's months."""
    if role == "other":
        return {theme: 0.0 for theme in THEMES}
    probabilities = {}
    for theme in THEMES:
        p = ROLE_BASE[role][theme]
        p += INDUSTRY_SHIFT.get(industry, {}).get(theme, 0.0)
        p += SENIORITY_SHIFT[seniority].get(theme, 0.0)
        p += TREND.get(theme, 0.0) * TREND_WEIGHT[role] * (progress - 0.5)
        probabilities[theme] = min(0.97, max(0.02, p))
    return probabilities


def draw_themes(rng: random.Random, role: str, industry: str, seniority: str, progress: float,
                scale: float = 1.0) -> tuple[str, ...]:
    """Present themes (in THEMES order); a data/ML posting always asks for at least one."""
    probabilities = theme_probabilities(role, industry, seniority, progress)
    present = [t for t in THEMES if rng.random() < probabilities[t] * scale]
    if not present and role != "other":
        present = [max(THEMES, key=lambda t: probabilities[t])]
    return tuple(present)


def llm_share(progress: float) -> float:
    """Share of modelling sentences (and ML titles) in LLM wording at this point in time."""
    return 0.05 + 0.55 * progress
