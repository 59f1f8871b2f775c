"""Per-code decision thresholds of the stacked model, chosen on the validation posts for a
stated goal, with the per-source heads' own decisions as a second way in where the public
validation rows need it.

The goal (`Goal`): each code's precision at least `min_precision` (0.8) on the validation
posts, and at most `max_none_flagged` of the posts that fall under no code flagged with any
code; within that, recall (the F1-best threshold). Where no threshold reaches the precision,
the goal is relaxed for that code in steps of 0.05 down to 0.5 (recorded). Then, while too
many `none` posts are flagged, the threshold that costs least F1 per unflagged post is raised
one step (between equal costs, the smallest raise).

Gates (`Gated`, optional): a code is also suggested when the per-source head that stands for
it reaches its own calibrated threshold (and, for the insult head, the code is the more
probable of its two), provided the stacked probability reaches the code's gate threshold
(`open_ & probabilities >= gates`). The public guard: on the public validation rows of every
(data set, head) with positives, the whole decision's F1 must stay at least the head's own
F1 minus `Goal.guard_margin`. For each head, the gate threshold and a common raise of its
codes' thresholds are chosen together: among the pairs that keep the guard, the one with the
best macro-F1 over the eleven classes of the validation posts (then the higher gate, the
smaller raise); where none keeps it, no gate and no raise (recorded). The `none` budget then
moves thresholds and gates alike, preferring moves that keep the guard.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

GRID = np.round(np.arange(0.05, 0.96, 0.01), 2)
NEVER = 1.01  # probabilities are at most 1.0
LOWEST_PRECISION = 0.5
GATE_GRID = np.round(np.concatenate([[0.0], GRID]), 2)


@dataclass(frozen=True)
class Goal:
    """What the thresholds aim for on the validation posts (and the public validation rows)."""

    min_precision: float = 0.8
    max_none_flagged: float = 0.03
    guard_margin: float = 0.01

    def describe(self) -> str:
        return (
            f"per code precision >= {self.min_precision:.2f} on the validation posts, at most "
            f"{self.max_none_flagged:.0%} of the posts under no code flagged; within that, the "
            "F1-best threshold; per-source heads' own decisions let in where the public "
            f"validation F1 would otherwise fall more than {self.guard_margin:.2f} below theirs"
        )


@dataclass(frozen=True)
class Guard:
    """The public validation rows of one (data set, head): the codes that stand for the head,
    the stacked probabilities, which gates are open, the truth, and the F1 to keep."""

    name: str
    columns: tuple[int, ...]
    probabilities: np.ndarray  # rows x codes
    open_: np.ndarray  # rows x codes, bool
    truth: np.ndarray  # rows, bool
    floor: float

    def f1(self, thresholds: np.ndarray, gates: np.ndarray) -> float:
        cols = list(self.columns)
        passed = decide(
            self.probabilities[:, cols], self.open_[:, cols], thresholds[cols], gates[cols]
        )
        return f1_precision(np.asarray(passed.any(axis=1)), self.truth)[0]

    def holds(self, thresholds: np.ndarray, gates: np.ndarray) -> bool:
        return self.f1(thresholds, gates) >= self.floor - 1e-12


@dataclass(frozen=True)
class Gated:
    """Gate groups (the code columns of each per-source head), which gates are open on the
    validation posts, and the guards."""

    groups: tuple[tuple[int, ...], ...]
    open_: np.ndarray  # validation posts x codes, bool
    guards: tuple[Guard, ...] = ()


def decide(
    probabilities: np.ndarray, open_: np.ndarray, thresholds: np.ndarray, gates: np.ndarray
) -> np.ndarray:
    """Which codes pass: probability at the threshold, or gate open and at the gate."""
    return np.asarray((probabilities >= thresholds) | (open_ & (probabilities >= gates)))


def f1_precision(predicted: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    """(F1, precision) of one set of binary predictions."""
    tp = float(np.sum(predicted & truth))
    flagged = float(predicted.sum())
    precision = tp / flagged if flagged else 0.0
    return 2 * tp / max(flagged + float(truth.sum()), 1.0), precision


def macro_f1(passed: np.ndarray, truth: np.ndarray) -> float:
    """Macro-F1 over the codes and `none` (no code applies / nothing passes)."""
    scores = [f1_precision(passed[:, c], truth[:, c])[0] for c in range(truth.shape[1])]
    nothing = np.asarray(~passed.any(axis=1))
    scores.append(f1_precision(nothing, np.asarray(~truth.any(axis=1)))[0])
    return float(np.mean(scores))


@dataclass
class Choice:
    """The thresholds being chosen and what was recorded about them."""

    thresholds: np.ndarray
    held: dict[int, float] = field(default_factory=dict)
    gates: np.ndarray | None = None
    unguarded: list[str] = field(default_factory=list)


def choose(
    probabilities: np.ndarray, labels: np.ndarray, goal: Goal, gated: Gated | None = None
) -> Choice:
    """Thresholds (and gates) per code (columns) for the goal, and the precision each was
    held to."""
    truth = labels.astype(bool)
    choice = Choice(np.full(labels.shape[1], NEVER), gates=np.full(labels.shape[1], NEVER))
    for column in range(labels.shape[1]):
        needed = goal.min_precision
        while needed >= LOWEST_PRECISION - 1e-9:
            found = code_threshold(probabilities[:, column], truth[:, column], needed)
            if found < NEVER:
                choice.thresholds[column] = found
                choice.held[column] = round(needed, 2)
                break
            needed -= 0.05
    open_ = np.zeros_like(truth) if gated is None else gated.open_
    guards: Sequence[Guard] = () if gated is None else gated.guards
    if gated is not None:
        for group in gated.groups:
            _choose_gate(probabilities, truth, open_, guards, group, choice)
    none_rows = np.asarray(~truth.any(axis=1))
    _limit_none(probabilities, truth, open_, guards, none_rows, goal, choice)
    choice.unguarded = [g.name for g in guards if not g.holds(choice.thresholds, _gates(choice))]
    return choice


def _gates(choice: Choice) -> np.ndarray:
    assert choice.gates is not None
    return choice.gates


def _choose_gate(
    probabilities: np.ndarray,
    truth: np.ndarray,
    open_: np.ndarray,
    guards: Sequence[Guard],
    group: tuple[int, ...],
    choice: Choice,
) -> None:
    """The gate threshold and common raise of one head's codes that keep its guards with the
    best validation macro-F1 (no gate and no raise where none keeps them)."""
    mine = [g for g in guards if set(g.columns) & set(group)]
    cols = list(group)
    base = choice.thresholds.copy()
    best: tuple[float, float, float, np.ndarray, np.ndarray] | None = None
    for raise_ in np.round(np.arange(0.0, 0.91, 0.01), 2):
        thresholds = base.copy()
        thresholds[cols] = np.where(
            base[cols] < NEVER, np.minimum(base[cols] + raise_, NEVER), NEVER
        )
        for gate in [NEVER, *GATE_GRID[::-1]]:
            gates = _gates(choice).copy()
            gates[cols] = gate
            if not all(g.holds(thresholds, gates) for g in mine):
                continue
            passed = decide(probabilities, open_, thresholds, gates)
            key = (macro_f1(passed, truth), gate, -float(raise_))
            if best is None or key > best[:3]:
                best = (*key, thresholds, gates)
    if best is not None:
        choice.thresholds, choice.gates = best[3], best[4]


def code_threshold(scores: np.ndarray, truth: np.ndarray, min_precision: float) -> float:
    """The F1-best grid threshold whose precision reaches `min_precision` (NEVER if none)."""
    best, best_f1 = NEVER, 0.0
    for threshold in GRID:
        f1, precision = f1_precision(np.asarray(scores >= threshold), truth)
        if precision >= min_precision and f1 > best_f1 + 1e-12:
            best, best_f1 = float(threshold), f1
    return best


def none_flagged(
    probabilities: np.ndarray,
    none_rows: np.ndarray,
    thresholds: np.ndarray,
    open_: np.ndarray | None = None,
    gates: np.ndarray | None = None,
) -> float:
    """Share of the `none` posts with any code passing (threshold, or open gate)."""
    if not none_rows.any():
        return 0.0
    rows = probabilities[none_rows]
    passed = rows >= thresholds
    if open_ is not None and gates is not None:
        passed |= open_[none_rows] & (rows >= gates)
    return float(passed.any(axis=1).mean())


def _limit_none(
    probabilities: np.ndarray,
    truth: np.ndarray,
    open_: np.ndarray,
    guards: Sequence[Guard],
    none_rows: np.ndarray,
    goal: Goal,
    choice: Choice,
) -> None:
    gates = _gates(choice)
    while (
        none_flagged(probabilities, none_rows, choice.thresholds, open_, gates)
        > goal.max_none_flagged
    ):
        move = _cheapest_raise(probabilities, truth, open_, guards, none_rows, choice)
        if move is None:
            return
        kind, column, value = move
        (choice.thresholds if kind == 0 else gates)[column] = value


def _cheapest_raise(
    probabilities: np.ndarray,
    truth: np.ndarray,
    open_: np.ndarray,
    guards: Sequence[Guard],
    none_rows: np.ndarray,
    choice: Choice,
) -> tuple[int, int, float] | None:
    """The one-step raise of one code's threshold or gate (to the next value that unflags a
    `none` post) that loses the least F1 per `none` post unflagged; moves that keep every
    guard that holds come first; between equal losses, the smallest raise (the operating
    point moves least)."""
    thresholds, gates = choice.thresholds, _gates(choice)
    before = none_flagged(probabilities, none_rows, thresholds, open_, gates)
    holding = [g for g in guards if g.holds(thresholds, gates)]
    best: tuple[int, float, float, int, int, float] | None = None
    for kind in (0, 1):
        current = thresholds if kind == 0 else gates
        for column in range(thresholds.size):
            if kind == 1 and gates[column] >= NEVER:
                continue
            f1_now = _f1(probabilities, truth, open_, thresholds, gates, column)
            for value in [*GATE_GRID[current[column] < GATE_GRID], NEVER]:
                trial = current.copy()
                trial[column] = value
                t_trial = trial if kind == 0 else thresholds
                g_trial = trial if kind == 1 else gates
                gained = before - none_flagged(probabilities, none_rows, t_trial, open_, g_trial)
                if gained <= 0:
                    continue
                breaks = int(not all(g.holds(t_trial, g_trial) for g in holding))
                f1_then = _f1(probabilities, truth, open_, t_trial, g_trial, column)
                cost = (f1_now - f1_then) / gained
                key = (breaks, round(cost, 9), round(float(value - current[column]), 9))
                if best is None or key < best[:3]:
                    best = (*key, kind, column, float(value))
                break
    return None if best is None else (best[3], best[4], best[5])


def _f1(
    probabilities: np.ndarray,
    truth: np.ndarray,
    open_: np.ndarray,
    thresholds: np.ndarray,
    gates: np.ndarray,
    column: int,
) -> float:
    passed = (probabilities[:, column] >= thresholds[column]) | (
        open_[:, column] & (probabilities[:, column] >= gates[column])
    )
    return f1_precision(passed, truth[:, column])[0]


__all__ = [
    "GRID",
    "NEVER",
    "Choice",
    "Gated",
    "Goal",
    "Guard",
    "choose",
    "code_threshold",
    "decide",
    "f1_precision",
    "macro_f1",
    "none_flagged",
]
