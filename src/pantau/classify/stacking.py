"""The stacked model: one logistic layer over the ten codes that reads every signal.

For each text, the features are

- the margins of the per-source heads trained on the public data sets (clipped), and whether
  each reaches the decision threshold it was calibrated for (`fired.<head>`);
- the margins of the heads learnt on the short posts (`posts.<code>`);
- for every code, the pattern layer's `support` (patterns for it) and `against` (warning,
  debunk, neutrality or official contexts, and negated matches);
- the insult cue, the insult targets (institution or leaders; colleagues, superiors or
  internal policy) and their products;
- the length of the text in words (log);
- every feature above again, multiplied by how long the text is beyond a short post
  (`long` = 0 up to 60 words, rising to 1 at about 160: articles and blog posts), and `long`
  itself. Patterns are written for short posts and a long article touches every context
  word, so the model weighs the signals of long texts separately (feature-weighted linear
  stacking, with length as the meta-feature).

One logistic regression per code turns them into a probability, so the scores of all codes
(and of model and patterns) are on one scale; a code is suggested when its probability
reaches its threshold, chosen on the validation posts (see `thresholds.py`), or when a gate
is open: the per-source head that stands for the code reaches its own calibrated threshold
(for the insult head: and the code is the more probable of its two) and the probability
reaches the code's gate threshold, so the public heads' own decisions still count where the
public data need them. Weights are stored in `model.json` already divided by the training
scale of each feature.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from pantau.classify.codes import HEAD_CODES, SUGGESTED_CODES
from pantau.classify.model import POSTS_PREFIX, LinearModel
from pantau.classify.patterns import Analysis

CLIP = 10.0
NEVER = 1.01  # a gate or threshold no probability reaches
LONG_WORDS = 60  # longer than the longest short post of the brief (about 70 words, rare)
INSULT = "insult"
TARGETS = ("degrading_institution", "badmouthing")
RULE_PARTS = ("support", "against")


def public_heads(model: LinearModel) -> tuple[str, ...]:
    return tuple(head for head in model.heads if not head.startswith(POSTS_PREFIX))


def feature_names(model: LinearModel) -> tuple[str, ...]:
    """The stacker's features, in order, for a model's heads."""
    public = public_heads(model)
    names = [f"margin.{head}" for head in public] + [f"fired.{head}" for head in public]
    names += [f"margin.{head}" for head in model.heads if head.startswith(POSTS_PREFIX)]
    names += [f"rule.{code}.{part}" for code in SUGGESTED_CODES for part in RULE_PARTS]
    names += ["cue.insult", *(f"target.{code}" for code in TARGETS)]
    names += [f"cue.insult_x_target.{code}" for code in TARGETS]
    names.append("log_words")
    return (*names, *(f"long.{name}" for name in names), "long")


class FeatureBuilder:
    """Builds the feature matrix of a batch from head margins and pattern analyses."""

    def __init__(self, model: LinearModel) -> None:
        self.names = feature_names(model)
        public = public_heads(model)
        self._public = [model.heads.index(head) for head in public]
        self._posts = [i for i, head in enumerate(model.heads) if head.startswith(POSTS_PREFIX)]
        cuts = [model.calibration[head].margin_at_threshold() for head in public]
        self._cuts = np.array(cuts, dtype=np.float64)
        self._cut_list = [float(cut) for cut in cuts]
        self._code_at = {code: n for n, code in enumerate(SUGGESTED_CODES)}

    def fired(self, margins: np.ndarray) -> np.ndarray:
        """Whether each per-source head reaches its own threshold (texts x public heads)."""
        return np.asarray(margins[:, self._public] >= self._cuts)

    def build(
        self, margins: np.ndarray, analyses: Sequence[Analysis], lengths: Sequence[int]
    ) -> np.ndarray:
        """Every feature of `names` (texts x features)."""
        return expand(self.base(margins, analyses, lengths))

    def base(
        self, margins: np.ndarray, analyses: Sequence[Analysis], lengths: Sequence[int]
    ) -> np.ndarray:
        """The features before the length weighting (the first half of `names`)."""
        clipped = margins.clip(-CLIP, CLIP)
        fired = margins[:, self._public] >= self._cuts
        rules = np.zeros((len(analyses), len(SUGGESTED_CODES) * len(RULE_PARTS) + 5))
        rows: list[int] = []
        columns: list[int] = []
        values: list[float] = []
        for row, analysis in enumerate(analyses):
            if analysis.hits or analysis.targets:
                for column, value in self._rules(analysis):
                    rows.append(row)
                    columns.append(column)
                    values.append(value)
        rules[rows, columns] = values
        words = np.log1p(np.array(lengths, dtype=np.float64)).reshape(-1, 1)
        parts = (clipped[:, self._public], fired, clipped[:, self._posts], rules, words)
        return np.concatenate(parts, axis=1)

    def base_row(self, margins: list[float], analysis: Analysis, length: int) -> list[float]:
        """`base` of one text in plain Python (the single-text path: no numpy call)."""
        clipped = [min(max(value, -CLIP), CLIP) for value in margins]
        public = [clipped[at] for at in self._public]
        fired = [
            float(margins[at] >= cut) for at, cut in zip(self._public, self._cut_list, strict=True)
        ]
        rules = [0.0] * (len(SUGGESTED_CODES) * len(RULE_PARTS) + 5)
        for column, value in self._rules(analysis):
            rules[column] = value
        posts = [clipped[at] for at in self._posts]
        return [*public, *fired, *posts, *rules, math.log1p(length)]

    def _rules(self, analysis: Analysis) -> list[tuple[int, float]]:
        """The non-zero pattern features of one text, as (column among the pattern features,
        value): support and against per code, the insult cue, the targets, cue x target."""
        out, insult = [], 0.0
        for name, hit in analysis.hits.items():
            at = self._code_at.get(name)
            if at is not None:
                out += [(2 * at, hit.support), (2 * at + 1, hit.against)]
            elif name == INSULT:
                insult = hit.support
        cue = 2 * len(SUGGESTED_CODES)
        out.append((cue, insult))
        for offset, code in enumerate(TARGETS):
            if code in analysis.targets:
                out += [(cue + 1 + offset, 1.0), (cue + 3 + offset, insult)]
        return out


def long_weight(base: np.ndarray) -> np.ndarray:
    """How far each text is beyond a short post (0 up to LONG_WORDS words, 1 from ~160)."""
    return np.asarray((base[:, -1:] - math.log1p(LONG_WORDS)).clip(0.0, 1.0))


def expand(base: np.ndarray) -> np.ndarray:
    """The base features, the same weighted by length, and the length weight."""
    long = long_weight(base)
    return np.hstack([base, base * long, long])


@dataclass(frozen=True)
class Stacker:
    """Per-code logistic weights over the features, and the per-code thresholds."""

    codes: tuple[str, ...]
    names: tuple[str, ...]
    weights: np.ndarray  # features x codes
    intercepts: np.ndarray  # codes
    thresholds: np.ndarray  # codes
    goal: str = ""
    gates: np.ndarray | None = None  # codes; NEVER where a code has no gate

    @cached_property
    def _gate_plan(self) -> list[tuple[int, int, tuple[int, ...]]]:
        """Per public head with a gate: its place among the `fired.` features, its place
        among the base features, and the code columns it stands for."""
        if self.gates is None or not (self.gates < NEVER).any():
            return []
        size = (len(self.names) - 1) // 2
        fired = [name for name in self.names[:size] if name.startswith("fired.")]
        plan = []
        for k, name in enumerate(fired):
            head = name.removeprefix("fired.")
            columns = tuple(
                self.codes.index(c) for c in HEAD_CODES.get(head, ()) if c in self.codes
            )
            if columns and (self.gates[list(columns)] < NEVER).any():
                plan.append((k, self.names.index(name), columns))
        return plan

    def open_gates(self, probabilities: np.ndarray, fired: np.ndarray) -> np.ndarray:
        """Per text and code, whether the code's per-source head fired and the code is the
        most probable of the codes that head stands for (texts x codes)."""
        return gate_open(probabilities, fired, [(k, cols) for k, _, cols in self._gate_plan])

    def decide(self, probabilities: np.ndarray, fired: np.ndarray) -> np.ndarray:
        """Which codes are suggested (texts x codes): the probability reaches the threshold,
        or the gate is open and the probability reaches the gate threshold. `fired`: texts x
        public heads, in the order of the `fired.` features."""
        passed = probabilities >= self.thresholds
        if self._gate_plan:
            assert self.gates is not None
            passed |= self.open_gates(probabilities, fired) & (probabilities >= self.gates)
        return np.asarray(passed)

    def decide_row(self, probabilities: list[float], base: list[float]) -> list[int]:
        """The suggested code columns of one text (`decide` in plain Python)."""
        thresholds = self.thresholds.tolist()
        columns = {
            at for at, (p, t) in enumerate(zip(probabilities, thresholds, strict=True)) if p >= t
        }
        if self._gate_plan:
            assert self.gates is not None
            gates = self.gates.tolist()
            for _, at, group in self._gate_plan:
                if base[at] > 0.5:
                    best = max(group, key=lambda c: (probabilities[c], -c))
                    if probabilities[best] >= gates[best]:
                        columns.add(best)
        return sorted(columns)

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """Per text and code, from every feature of `names`."""
        return _sigmoid(features @ self.weights + self.intercepts)

    def probabilities_of_base(self, base: np.ndarray) -> np.ndarray:
        """The same from the base features, without building the length-weighted copy:
        `base @ W + b + long * (base @ W_long + w_long)`, in one product."""
        both = base @ self._paired
        codes = len(self.codes)
        logits = both[:, :codes] + self.intercepts
        logits += long_weight(base) * (both[:, codes:] + self.weights[-1])
        return _sigmoid(logits)

    def probabilities_of_row(self, base: list[float]) -> list[float]:
        """`probabilities_of_base` of one text: one numpy product, the rest in plain Python."""
        both = (np.array(base) @ self._paired).tolist()
        codes = len(self.codes)
        long = min(max(base[-1] - math.log1p(LONG_WORDS), 0.0), 1.0)
        intercepts, long_weights = self._plain
        return [
            _sigmoid_one(both[at] + intercepts[at] + long * (both[codes + at] + long_weights[at]))
            for at in range(codes)
        ]

    @cached_property
    def _plain(self) -> tuple[list[float], list[float]]:
        return self.intercepts.tolist(), self.weights[-1].tolist()

    @cached_property
    def _paired(self) -> np.ndarray:
        """[W | W_long]: the weights of the base features and of their length-weighted copy."""
        size = (len(self.names) - 1) // 2
        return np.concatenate([self.weights[:size], self.weights[size : 2 * size]], axis=1)

    def margin_weights(self, heads: Sequence[str]) -> np.ndarray:
        """How much one unit of each head's margin moves each code's logit (heads x codes);
        used to find the words behind a suggestion."""
        out = np.zeros((len(heads), len(self.codes)))
        for row, head in enumerate(heads):
            name = f"margin.{head}"
            if name in self.names:
                out[row] = self.weights[self.names.index(name)]
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "codes": list(self.codes),
            "features": list(self.names),
            "weights": [[_round(value) for value in row] for row in self.weights.tolist()],
            "intercepts": [_round(value) for value in self.intercepts.tolist()],
            "thresholds": dict(zip(self.codes, self.thresholds.tolist(), strict=True)),
            "goal": self.goal,
            "gates": {
                code: float(value)
                for code, value in zip(self.codes, self._gate_list(), strict=True)
                if value < NEVER
            },
        }

    def _gate_list(self) -> list[float]:
        return [NEVER] * len(self.codes) if self.gates is None else self.gates.tolist()

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Stacker:
        codes = tuple(str(code) for code in data["codes"])
        return cls(
            codes,
            tuple(str(name) for name in data["features"]),
            np.array(data["weights"], dtype=np.float64).reshape(len(data["features"]), len(codes)),
            np.array(data["intercepts"], dtype=np.float64),
            np.array([float(data["thresholds"][code]) for code in codes]),
            str(data.get("goal", "")),
            np.array([float(data.get("gates", {}).get(code, NEVER)) for code in codes]),
        )


def gate_open(
    probabilities: np.ndarray, fired: np.ndarray, plan: Sequence[tuple[int, tuple[int, ...]]]
) -> np.ndarray:
    """Per text and code: the head of `plan` (its column in `fired`, its code columns) fired
    and the code is the most probable of its codes (ties: the first)."""
    out = np.zeros(probabilities.shape, dtype=bool)
    for k, columns in plan:
        cols = list(columns)
        best = np.asarray(cols)[probabilities[:, cols].argmax(axis=1)]
        for column in cols:
            out[:, column] = fired[:, k] & (best == column)
    return out


def _sigmoid(logits: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-logits.clip(-40.0, 40.0))))


def _sigmoid_one(logit: float) -> float:
    return 1.0 / (1.0 + math.exp(-min(max(logit, -40.0), 40.0)))


def _round(value: float) -> float:
    return 0.0 if math.isclose(value, 0.0, abs_tol=1e-12) else round(value, 6)


__all__ = [
    "NEVER",
    "FeatureBuilder",
    "Stacker",
    "expand",
    "feature_names",
    "gate_open",
    "long_weight",
    "public_heads",
]
