"""The per-source heads' own decisions as gates, the public guard that chooses them, and the
signs the stacker's pattern weights must have."""

from __future__ import annotations

import numpy as np

from pantau.classify.codes import SUGGESTED_CODES
from pantau.classify.stack_training import fit_stacker
from pantau.classify.stacking import NEVER, Stacker
from pantau.classify.thresholds import Gated, Goal, Guard, choose, none_flagged

DEG = SUGGESTED_CODES.index("degrading_institution")
BAD = SUGGESTED_CODES.index("badmouthing")
HATE = SUGGESTED_CODES.index("hate_speech_sara")


def gated_stacker() -> Stacker:
    base = ("fired.hate_speech_sara", "fired.insult", "log_words")
    names = (*base, *(f"long.{name}" for name in base), "long")
    gates = np.full(len(SUGGESTED_CODES), NEVER)
    gates[[DEG, BAD]] = 0.3
    gates[HATE] = 0.2
    return Stacker(
        SUGGESTED_CODES,
        names,
        np.zeros((len(names), len(SUGGESTED_CODES))),
        np.zeros(len(SUGGESTED_CODES)),
        np.full(len(SUGGESTED_CODES), 0.9),
        "",
        gates,
    )


def test_a_gate_lets_in_only_the_most_probable_code_of_a_head_that_fired() -> None:
    stacker = gated_stacker()
    probabilities = np.zeros((5, len(SUGGESTED_CODES)))
    probabilities[0, [DEG, BAD]] = (0.5, 0.4)  # insult head fired: the more probable code
    probabilities[1, [DEG, BAD]] = (0.5, 0.4)  # same scores, the head did not fire: nothing
    probabilities[2, [DEG, BAD]] = (0.25, 0.2)  # fired, but below the gate: nothing
    probabilities[3, HATE] = 0.3  # hate speech head fired, above its gate
    probabilities[4, BAD] = 0.95  # above the threshold: no gate needed
    fired = np.array([[0, 1], [0, 0], [0, 1], [1, 0], [0, 0]], dtype=bool)
    passed = stacker.decide(probabilities, fired)
    expected = [[DEG], [], [], [HATE], [BAD]]
    assert [np.flatnonzero(row).tolist() for row in passed] == expected
    for row in range(5):
        base = [float(fired[row, 0]), float(fired[row, 1]), 1.0]
        assert stacker.decide_row(probabilities[row].tolist(), base) == expected[row]
    again = Stacker.from_json(stacker.to_json())
    assert again.to_json() == stacker.to_json()
    assert (again.decide(probabilities, fired) == passed).all()


def test_a_stacker_without_gates_decides_by_its_thresholds_alone() -> None:
    stacker = gated_stacker()
    data = stacker.to_json()
    del data["gates"]  # a model trained before gates existed
    plain = Stacker.from_json(data)
    probabilities = np.full((1, len(SUGGESTED_CODES)), 0.5)
    assert not plain.decide(probabilities, np.ones((1, 2), dtype=bool)).any()


def test_the_public_guard_opens_a_gate_the_posts_alone_would_not() -> None:
    rng = np.random.default_rng(3)
    # Posts: one code the stacked score separates well; the gate never opens on them.
    labels = (rng.random((300, 1)) < 0.3).astype(int)
    scores = np.clip(0.6 * labels + rng.random((300, 1)) * 0.45, 0, 1)
    # Public rows: the stacked score is no use, the head's own decision is (F1 0.9).
    truth = rng.random(400) < 0.4
    fired = truth ^ (rng.random(400) < 0.05)
    public = rng.random((400, 1)) * 0.5
    own = 2 * (fired & truth).sum() / (fired.sum() + truth.sum())
    guard = Guard("set/head", (0,), public, fired.reshape(-1, 1), truth, own - 0.01)
    gated = Gated(((0,),), np.zeros((300, 1), dtype=bool), (guard,))
    goal = Goal(min_precision=0.8, max_none_flagged=1.0)
    plain = choose(scores, labels, goal)
    with_guard = choose(scores, labels, goal, gated)
    assert plain.gates is not None and plain.gates[0] == NEVER
    assert not guard.holds(plain.thresholds, plain.gates)
    assert with_guard.gates is not None and with_guard.gates[0] < NEVER
    assert guard.holds(with_guard.thresholds, with_guard.gates)
    assert with_guard.unguarded == []


def test_the_none_budget_counts_the_posts_a_gate_lets_in() -> None:
    probabilities = np.array([[0.4], [0.4], [0.9]])
    none_rows = np.array([True, True, False])
    open_ = np.array([[True], [False], [False]])
    thresholds, gates = np.array([0.8]), np.array([0.3])
    assert none_flagged(probabilities, none_rows, thresholds) == 0.0
    assert none_flagged(probabilities, none_rows, thresholds, open_, gates) == 0.5


def test_a_code_never_weighs_its_own_contexts_for_itself_nor_other_codes_contexts() -> None:
    rng = np.random.default_rng(5)
    names = ("rule.hoax.support", "rule.hoax.against", "rule.pornography.against", "noise")
    x = rng.random((400, 4))
    hoax = SUGGESTED_CODES.index("hoax")
    labels = np.zeros((400, len(SUGGESTED_CODES)), dtype=int)
    # In this sample the contexts against hoax (and against pornography) go with hoaxes.
    labels[:, hoax] = (x[:, 0] + x[:, 1] + x[:, 2] + 0.3 * rng.random(400)) > 1.6
    labels[:5, :] = 1  # every code needs both classes
    no_public = np.zeros((0, 4))
    unknown = np.zeros((0, len(SUGGESTED_CODES)), dtype=bool)
    args = (names, x, labels, no_public, unknown.astype(int), unknown, 1.0)
    free = fit_stacker(*args, constrained=False)
    assert free.weights[1, hoax] > 0 and free.weights[2, hoax] > 0
    signed = fit_stacker(*args)
    assert signed.weights[0, hoax] > 0
    assert signed.weights[1, hoax] <= 0
    assert signed.weights[2, hoax] == 0
