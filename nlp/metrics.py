"""Agreement between tags and labels: precision, recall, F1 and Cohen's kappa per binary
label, macro averages, accuracy and confusion for single-choice labels. Pure functions, so
the figures can be checked by hand (tests/nlp/test_metrics.py)."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class BinaryScores:
    tp: int
    fp: int
    fn: int
    tn: int
    precision: float
    recall: float
    f1: float
    kappa: float

    def as_dict(self) -> dict:
        return asdict(self)


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def cohen_kappa(tp: int, fp: int, fn: int, tn: int) -> float:
    """(p_o − p_e) / (1 − p_e). When chance agreement is already total (both sides say the same
    single value everywhere), kappa is 1 if they agree everywhere, else 0."""
    n = tp + fp + fn + tn
    if not n:
        return 0.0
    observed = (tp + tn) / n
    expected = ((tp + fp) / n) * ((tp + fn) / n) + ((fn + tn) / n) * ((fp + tn) / n)
    if expected >= 1.0:
        return 1.0 if observed == 1.0 else 0.0
    return (observed - expected) / (1.0 - expected)


def binary_scores(predicted: list[bool], actual: list[bool]) -> BinaryScores:
    if len(predicted) != len(actual):
        raise ValueError("predicted and actual differ in length")
    tp = sum(p and a for p, a in zip(predicted, actual))
    fp = sum(p and not a for p, a in zip(predicted, actual))
    fn = sum(a and not p for p, a in zip(predicted, actual))
    tn = len(actual) - tp - fp - fn
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = _ratio(2 * precision * recall, precision + recall)
    return BinaryScores(tp, fp, fn, tn, round(precision, 4), round(recall, 4), round(f1, 4),
                        round(cohen_kappa(tp, fp, fn, tn), 4))


def macro(scores: dict[str, BinaryScores]) -> dict[str, float]:
    """Unweighted means over the labels of precision, recall, F1 and kappa."""
    if not scores:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "kappa": 0.0}
    return {key: round(sum(getattr(s, key) for s in scores.values()) / len(scores), 4)
            for key in ("precision", "recall", "f1", "kappa")}


def accuracy(predicted: list[str], actual: list[str]) -> float:
    return round(_ratio(sum(p == a for p, a in zip(predicted, actual)), len(actual)), 4)


def confusion(predicted: list[str], actual: list[str]) -> dict[str, dict[str, int]]:
    """actual label -> predicted label -> count (only non-zero cells), keys sorted."""
    table: dict[str, dict[str, int]] = {}
    for p, a in zip(predicted, actual):
        row = table.setdefault(a, {})
        row[p] = row.get(p, 0) + 1
    return {a: dict(sorted(row.items())) for a, row in sorted(table.items())}
