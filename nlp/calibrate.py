"""Calibrate the theme model on the tuning part of the labelled set.

    python -m nlp.calibrate [data/eval/dev.jsonl]
    python -m nlp.calibrate --pseudo-heldout [SEED ...]

Fits the IDF on the tuning postings and, per theme, picks the threshold that maximises
Cohen's kappa against the labels (candidates: midpoints between the distinct scores; among
equally good ones, the middle of their range). Writes data/models/themes.json. The
held-back part (data/eval/heldout.jsonl) is never read here.

`--pseudo-heldout` writes nothing: it measures how a tagger change generalises to sentences
the calibration never saw, without spending a look at the held-back part. From the *tuning*
lines of the phrase banks only, every fourth line in turn is set aside; postings composed
from the rest are calibrated on, postings composed from the set-aside lines are scored
(the way heldout.jsonl is built from lines dev.jsonl never uses). It prints kappa per theme
over the 4 folds x seeds.
"""

from __future__ import annotations

import argparse
import math
import random
from dataclasses import replace
from pathlib import Path

from jobtrends.paths import data_dir

from .devset.banks import Banks, load_banks
from .devset.generate import compose
from .evaluate import read_labelled
from .metrics import binary_scores
from .model import ThemeModel, save_model
from .tagger import CODE_VERSION, PostingInput, Tagger
from .themes import Theme, ThemeTaxonomy

MIN_THRESHOLD = 0.05


def best_threshold(scores: list[float], labels: list[bool], floor: float = MIN_THRESHOLD) -> float:
    """The middle of the range of thresholds (>= floor) with the highest kappa, rounded to 4
    digits. Scores cluster (0 when no cue, steps per cue), so many thresholds tie; the middle
    of the best range keeps the largest margin on both sides instead of hugging one cluster."""
    distinct = sorted(set(scores))
    candidates = [floor] + [round((a + b) / 2, 4) for a, b in zip(distinct, distinct[1:]) if (a + b) / 2 > floor]
    kappas = [binary_scores([s >= t for s in scores], labels).kappa for t in candidates]
    top = max(kappas)
    best = [t for t, k in zip(candidates, kappas) if k >= top - 1e-9]
    return round((best[0] + best[-1]) / 2, 4)


def threshold_floor(theme: Theme, idf: dict[str, float], taxonomy: ThemeTaxonomy) -> float:
    """The lowest threshold calibration may choose. For a theme whose weak cues need company
    (themes.toml), just above the score of its heaviest weak cue found once: otherwise a
    tuning set where weak-only postings happen to be rare lets the threshold sink until one
    "models" or "ai" tags the theme, which does not hold on sentences the tuning never saw."""
    if not theme.weak_cues_need_company:
        return MIN_THRESHOLD
    cap = taxonomy.weak_idf_cap if taxonomy.weak_idf_cap is not None else math.inf
    heaviest = max((w * min(idf[t], cap) for t, w in theme.weights.items() if w < 1), default=0.0)
    score = 1.0 - math.exp(-heaviest / taxonomy.scale)
    return max(MIN_THRESHOLD, math.floor(score * 1e4 + 1) / 1e4)


def fit_thresholds(tagger: Tagger, postings: list[PostingInput], labels: list[frozenset[str]]) -> dict[str, float]:
    """Fit the tagger's IDF on these postings and return the best threshold per theme."""
    analyses = tagger.analyse(postings)
    tagger.fit_idf(analyses)
    scores = _theme_scores(tagger, postings, analyses)
    idf = tagger.scorer.idf()
    return {
        theme.id: best_threshold([s[theme.id] for s in scores], [theme.id in l for l in labels],
                                 threshold_floor(theme, idf, tagger.themes))
        for theme in tagger.themes.themes
    }


def _theme_scores(tagger: Tagger, postings: list[PostingInput], analyses) -> list[dict[str, float]]:
    by_id = {t.posting_id: {th.theme: th.score for th in t.themes} for t in tagger.tag(postings, analyses)}
    return [by_id[p.posting_id] for p in postings]


def calibrate(path: Path, folder: Path) -> ThemeModel:
    tagger = Tagger(data_dir=folder, use_model=False)
    rows = read_labelled(path, tagger.themes.ids, tagger.industries.ids)
    thresholds = fit_thresholds(tagger, [r.posting for r in rows], [r.themes for r in rows])
    return ThemeModel(tagger.scorer.idf(), thresholds, len(rows), path.name)


# --- pseudo held-back check ----------------------------------------------------------------

PSEUDO_FOLDS = 4
PSEUDO_SEEDS = (11, 12, 13)
# Label corrections made in dev.jsonl (docs/quality.md) that data/eval/phrases/job.txt does
# not carry yet; the pseudo sets are composed from the bank, so they get the same fix.
BANK_LABEL_FIXES = {"Prepare and explore large datasets before any model is trained": ("data",)}


def pseudo_folds(tuning: Banks, fold: int) -> Banks:
    """The tuning lines with every PSEUDO_FOLDS-th line (from `fold`) marked as set aside."""
    return Banks(**{name: [replace(line, heldout=i % PSEUDO_FOLDS == fold) for i, line in enumerate(lines)]
                    for name, lines in vars(tuning).items()})


def _composed(banks: Banks, count: int, seed: int) -> tuple[list[PostingInput], list[frozenset[str]]]:
    rng = random.Random(seed)
    rows = [compose(rng, banks, i, "pseudo") for i in range(count)]
    return ([PostingInput(r["id"], r["title"], r["description"], company=r["company"],
                          source_industry=r.get("source_industry")) for r in rows],
            [frozenset(r["themes"]) for r in rows])


def pseudo_heldout(folder: Path, seeds: tuple[int, ...] = PSEUDO_SEEDS) -> dict[str, list[float]]:
    """Kappa per theme on each pseudo held-back set (see the module docstring)."""
    tuning = load_banks(folder / "eval" / "phrases").part(heldout=False)
    tuning.job = [replace(line, labels=BANK_LABEL_FIXES.get(line.text, line.labels)) for line in tuning.job]
    tagger = Tagger(data_dir=folder, use_model=False)
    kappas: dict[str, list[float]] = {theme: [] for theme in tagger.themes.ids}
    for seed in seeds:
        for fold in range(PSEUDO_FOLDS):
            banks = pseudo_folds(tuning, fold)
            thresholds = fit_thresholds(tagger, *_composed(banks.part(heldout=False), 320, seed * 100 + fold))
            postings, labels = _composed(banks.part(heldout=True), 200, seed * 100 + fold + 50)
            scores = _theme_scores(tagger, postings, tagger.analyse(postings))
            for theme in kappas:
                predicted = [s[theme] >= thresholds[theme] for s in scores]
                kappas[theme].append(binary_scores(predicted, [theme in l for l in labels]).kappa)
    return kappas


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Calibrate theme thresholds on the tuning set.")
    parser.add_argument("file", nargs="?", type=Path, default=data_dir() / "eval" / "dev.jsonl")
    parser.add_argument("--pseudo-heldout", nargs="*", type=int, metavar="SEED",
                        help="measure kappa on pseudo held-back sets from the tuning bank lines; writes nothing")
    args = parser.parse_args(argv)
    if args.pseudo_heldout is not None:
        kappas = pseudo_heldout(data_dir(), tuple(args.pseudo_heldout) or PSEUDO_SEEDS)
        for theme, values in kappas.items():
            print(f"{theme:<22} mean {sum(values) / len(values):.3f}  min {min(values):.3f}")
        print(f"{'macro':<22} mean {sum(sum(v) / len(v) for v in kappas.values()) / len(kappas):.3f}")
        return
    if "heldout" in args.file.name:
        raise SystemExit("refusing to calibrate on the held-back part")
    model = calibrate(args.file, data_dir())
    path = save_model(data_dir(), CODE_VERSION, model)
    print(f"thresholds {model.thresholds} -> {path}")


if __name__ == "__main__":
    main()
