"""Metrics against figures computed by hand."""

import pytest

from nlp.metrics import accuracy, binary_scores, cohen_kappa, confusion, macro

T, F = True, False


def test_binary_scores_match_hand_computed_figures():
    # tp=3, fp=1, fn=1, tn=5: p_o = 8/10; p_e = .4*.4 + .6*.6 = .52; kappa = .28/.48
    predicted = [T, T, T, T, F, F, F, F, F, F]
    actual = [T, T, T, F, T, F, F, F, F, F]
    s = binary_scores(predicted, actual)
    assert (s.tp, s.fp, s.fn, s.tn) == (3, 1, 1, 5)
    assert (s.precision, s.recall, s.f1) == (0.75, 0.75, 0.75)
    assert s.kappa == pytest.approx(0.5833, abs=1e-4)


def test_tagging_everything_has_kappa_zero_even_with_high_f1():
    actual = [T] * 8 + [F] * 2
    s = binary_scores([T] * 10, actual)
    assert s.f1 == pytest.approx(0.8889, abs=1e-4)
    assert s.kappa == 0.0


def test_kappa_edge_cases():
    assert cohen_kappa(4, 0, 0, 0) == 1.0          # both always yes: perfect agreement
    assert cohen_kappa(0, 0, 0, 0) == 0.0
    assert cohen_kappa(0, 2, 2, 0) == pytest.approx(-1.0)


def test_macro_is_the_unweighted_mean():
    a = binary_scores([T, F], [T, F])             # all 1.0
    b = binary_scores([T, T], [F, T])             # p .5, r 1, f1 .6667, kappa 0
    m = macro({"a": a, "b": b})
    assert m == {"precision": 0.75, "recall": 1.0, "f1": pytest.approx(0.8333, abs=1e-4), "kappa": 0.5}


def test_accuracy_and_confusion():
    predicted = ["ml", "ml", "ds", "de"]
    actual = ["ml", "ds", "ds", "ds"]
    assert accuracy(predicted, actual) == 0.5
    assert confusion(predicted, actual) == {"ds": {"de": 1, "ds": 1, "ml": 1}, "ml": {"ml": 1}}
