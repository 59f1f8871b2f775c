"""Threshold choice: F1-best, but never a threshold that just flags everything."""

from __future__ import annotations

import numpy as np

from pantau.classify.training import MIN_LIFT, NEVER, best_threshold


def test_a_separable_head_gets_a_threshold_between_the_classes() -> None:
    scores = np.array([0.1, 0.2, 0.3, 0.7, 0.8, 0.9])
    labels = np.array([0, 0, 0, 1, 1, 1])
    assert 0.3 < best_threshold(scores, labels) <= 0.7


def test_a_head_no_better_than_the_base_rate_suggests_nothing() -> None:
    # Scores unrelated to the labels: the F1-best cut would be "everything positive".
    rng = np.random.default_rng(0)
    scores = rng.random(400)
    labels = (rng.random(400) < 0.4).astype(int)
    assert best_threshold(scores, labels) == NEVER


def test_the_chosen_threshold_lifts_precision_over_the_base_rate() -> None:
    rng = np.random.default_rng(1)
    labels = (rng.random(600) < 0.3).astype(int)
    scores = np.clip(0.35 * labels + rng.random(600) * 0.65, 0, 1)
    threshold = best_threshold(scores, labels)
    predicted = scores >= threshold
    precision = (predicted & (labels == 1)).sum() / predicted.sum()
    assert threshold < NEVER and precision >= MIN_LIFT * labels.mean()


def test_negatives_borrowed_from_other_sets_cannot_hide_a_head_that_flags_its_own_set() -> None:
    # 40 articles of one set (40% hoax) that the head cannot tell apart (all score 0.5), plus
    # 400 short texts of other sets that score 0 (negatives borrowed for the hoax head).
    scores = np.concatenate([np.full(40, 0.5), np.zeros(400)])
    labels = np.concatenate([np.array([1] * 16 + [0] * 24), np.zeros(400, dtype=int)])
    assert best_threshold(scores, labels) < NEVER  # overall base rate 3.6%: looks useful
    assert best_threshold(scores, labels, base_rate=0.4) == NEVER  # within its own set: not
