"""Per-code decision thresholds of the stacked model, chosen on the validation posts for a
stated goal.

The goal (`Goal`): each code's precision at least `min_precision` (0.8) on the validation
posts, and at most `max_none_flagged` (5 %) of the posts that fall under no code flagged with
any code; within that, recall (the F1-best threshold). Where no threshold reaches the
precision, the goal is relaxed for that code in steps of 0.05 down to 0.5 (recorded). Then,
while too many `none` posts are flagged, the threshold that costs least F1 per unflagged post
is raised one step (between equal costs, the smallest raise).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

GRID = np.round(np.arange(0.05, 0.96, 0.01), 2)
NEVER = 1.01  # probabilities are at most 1.0
LOWEST_PRECISION = 0.5


@dataclass(frozen=True)
class Goal:
    """What the thresholds aim for on the validation posts."""

    min_precision: float = 0.8
    max_none_flagged: float = 0.05

    def describe(self) -> str:
        return (
            f"per code precision >= {self.min_precision:.2f} on the validation posts, at most "
            f"{self.max_none_flagged:.0%} of the posts under no code flagged; within that, the "
            "F1-best threshold"
        )


def f1_precision(predicted: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    """(F1, precision) of one set of binary predictions."""
    tp = float(np.sum(predicted & truth))
    flagged = float(predicted.sum())
    precision = tp / flagged if flagged else 0.0
    return 2 * tp / max(flagged + float(truth.sum()), 1.0), precision


@dataclass
class Choice:
    """The thresholds being chosen and what was recorded about them."""

    thresholds: np.ndarray
    held: dict[int, float] = field(default_factory=dict)


def choose(probabilities: np.ndarray, labels: np.ndarray, goal: Goal) -> Choice:
    """Thresholds per code (columns) for the goal, and the precision each was held to."""
    truth = labels.astype(bool)
    choice = Choice(np.full(labels.shape[1], NEVER))
    for column in range(labels.shape[1]):
        needed = goal.min_precision
        while needed >= LOWEST_PRECISION - 1e-9:
            found = code_threshold(probabilities[:, column], truth[:, column], needed)
            if found < NEVER:
                choice.thresholds[column] = found
                choice.held[column] = round(needed, 2)
                break
            needed -= 0.05
    none_rows = np.asarray(~truth.any(axis=1))
    _limit_none(probabilities, truth, none_rows, goal, choice)
    return choice


def code_threshold(scores: np.ndarray, truth: np.ndarray, min_precision: float) -> float:
    """The F1-best grid threshold whose precision reaches `min_precision` (NEVER if none)."""
    best, best_f1 = NEVER, 0.0
    for threshold in GRID:
        f1, precision = f1_precision(np.asarray(scores >= threshold), truth)
        if precision >= min_precision and f1 > best_f1 + 1e-12:
            best, best_f1 = float(threshold), f1
    return best


def none_flagged(probabilities: np.ndarray, none_rows: np.ndarray, thresholds: np.ndarray) -> float:
    """Share of the `none` posts with any code at or above its threshold."""
    if not none_rows.any():
        return 0.0
    return float((probabilities[none_rows] >= thresholds).any(axis=1).mean())


def _limit_none(
    probabilities: np.ndarray, truth: np.ndarray, none_rows: np.ndarray, goal: Goal, choice: Choice
) -> None:
    while none_flagged(probabilities, none_rows, choice.thresholds) > goal.max_none_flagged:
        move = _cheapest_raise(probabilities, truth, none_rows, choice.thresholds)
        if move is None:
            return
        column, value = move
        choice.thresholds[column] = value


def _cheapest_raise(
    probabilities: np.ndarray,
    truth: np.ndarray,
    none_rows: np.ndarray,
    thresholds: np.ndarray,
) -> tuple[int, float] | None:
    """The one-code raise (to the next threshold that unflags a `none` post) that loses the
    least F1 per `none` post unflagged; between equal losses, the smallest raise (the
    operating point moves least)."""
    before = none_flagged(probabilities, none_rows, thresholds)
    best: tuple[float, float, int, float] | None = None
    for column in range(thresholds.size):
        scores = probabilities[:, column]
        f1_now = f1_precision(scores >= thresholds[column], truth[:, column])[0]
        for value in [*GRID[thresholds[column] < GRID], NEVER]:
            trial = thresholds.copy()
            trial[column] = value
            gained = before - none_flagged(probabilities, none_rows, trial)
            if gained <= 0:
                continue
            cost = (f1_now - f1_precision(scores >= value, truth[:, column])[0]) / gained
            key = (round(cost, 9), round(float(value - thresholds[column]), 9))
            if best is None or key < best[:2]:
                best = (*key, column, float(value))
            break
    return None if best is None else (best[2], best[3])


__all__ = [
    "GRID",
    "NEVER",
    "Choice",
    "Goal",
    "choose",
    "code_threshold",
    "f1_precision",
    "none_flagged",
]
