"""Calibrate the theme model on the tuning part of the labelled set.

    python -m nlp.calibrate [data/eval/dev.jsonl]

Fits the IDF on the tuning postings and, per theme, picks the threshold that maximises
Cohen's kappa against the labels (candidates: midpoints between the distinct scores; among
equally good ones, the middle of their range). Writes data/models/themes.json. The
held-back part (data/eval/heldout.jsonl) is never read here.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from jobtrends.paths import data_dir

from .evaluate import read_labelled
from .metrics import binary_scores
from .model import ThemeModel, save_model
from .tagger import CODE_VERSION, Tagger

MIN_THRESHOLD = 0.05


def best_threshold(scores: list[float], labels: list[bool]) -> float:
    """The middle of the range of thresholds with the highest kappa, rounded to 4 digits.
    Scores cluster (0 when no cue, steps per cue), so many thresholds tie; the middle of the
    best range keeps the largest margin on both sides instead of hugging one cluster."""
    distinct = sorted(set(scores))
    candidates = [MIN_THRESHOLD] + [round((a + b) / 2, 4) for a, b in zip(distinct, distinct[1:]) if (a + b) / 2 >= MIN_THRESHOLD]
    kappas = [binary_scores([s >= t for s in scores], labels).kappa for t in candidates]
    top = max(kappas)
    best = [t for t, k in zip(candidates, kappas) if k >= top - 1e-9]
    return round((best[0] + best[-1]) / 2, 4)


def calibrate(path: Path, folder: Path) -> ThemeModel:
    tagger = Tagger(data_dir=folder, use_model=False)
    rows = read_labelled(path, tagger.themes.ids, tagger.industries.ids)
    postings = [r.posting for r in rows]
    analyses = tagger.analyse(postings)
    tagger.fit_idf(analyses)
    tags = {t.posting_id: {th.theme: th.score for th in t.themes} for t in tagger.tag(postings, analyses)}
    thresholds = {
        theme: best_threshold([tags[r.posting.posting_id][theme] for r in rows], [theme in r.themes for r in rows])
        for theme in tagger.themes.ids
    }
    return ThemeModel(tagger.scorer.idf(), thresholds, len(rows), path.name)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Calibrate theme thresholds on the tuning set.")
    parser.add_argument("file", nargs="?", type=Path, default=data_dir() / "eval" / "dev.jsonl")
    args = parser.parse_args(argv)
    if "heldout" in args.file.name:
        raise SystemExit("refusing to calibrate on the held-back part")
    model = calibrate(args.file, data_dir())
    path = save_model(data_dir(), CODE_VERSION, model)
    print(f"thresholds {model.thresholds} -> {path}")


if __name__ == "__main__":
    main()
