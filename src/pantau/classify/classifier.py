"""The content classifier: the linear model and the pattern layer, behind the domain seam.

`Classifier.suggest(text)` returns `ContentSuggestion`s at or above their decision threshold,
highest score first. A model head fires when its calibrated probability reaches the threshold
chosen on validation data; a rule code fires when its rule score reaches the threshold in
`patterns.json`. Where both speak for one code, the higher score is reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from pantau.classify.codes import HEAD_CODES
from pantau.classify.model import LinearModel
from pantau.classify.normalise import Normaliser, prepare
from pantau.classify.patterns import RuleHit, RuleSet
from pantau.domain.content import ContentSuggestion

MAX_CHARS = 20_000
MAX_EVIDENCE = 5


@dataclass(frozen=True)
class _Prepared:
    tokens: list[str]
    normalised: str
    rules: dict[str, RuleHit]


class Classifier:
    """Suggests conduct codes (and `commercial`, `entertainment`) for Indonesian text."""

    def __init__(self, model: LinearModel, rules: RuleSet, normaliser: Normaliser) -> None:
        self.model = model
        self.rules = rules
        self.normaliser = normaliser

    def suggest(self, text: str) -> list[ContentSuggestion]:
        """Codes at or above their decision threshold, highest score first."""
        return self.suggest_many([text])[0]

    def suggest_many(self, texts: Sequence[str]) -> list[list[ContentSuggestion]]:
        """`suggest` for many texts at once (one feature matrix: much faster)."""
        prepared = [self._prepare(text) for text in texts]
        scores = self.model.scores([item.tokens for item in prepared])
        return [self._combine(item, row) for item, row in zip(prepared, scores, strict=True)]

    def _prepare(self, text: str) -> _Prepared:
        text = text[:MAX_CHARS]
        tokens = self.normaliser.tokens(text)
        normalised = " ".join(tokens)
        return _Prepared(tokens, normalised, self.rules.match(normalised, prepare(text)))

    def _combine(self, item: _Prepared, row: np.ndarray) -> list[ContentSuggestion]:
        found: dict[str, ContentSuggestion] = {}
        for column, head in enumerate(self.model.heads):
            score = float(row[column])
            if score < self.model.calibration[head].threshold:
                continue
            words = self.model.evidence(item.tokens, head)
            for code, extra in self._codes_of(head, item):
                found[code] = ContentSuggestion(code, round(score, 3), _merge(words, extra))
        for code, hit in item.rules.items():
            if not hit.passed:
                continue
            previous = found.get(code)
            if previous is None or previous.score < hit.score:
                words = previous.evidence if previous else ()
                found[code] = ContentSuggestion(
                    code, round(hit.score, 3), _merge(hit.evidence, words)
                )
            else:
                found[code] = ContentSuggestion(
                    code, previous.score, _merge(previous.evidence, hit.evidence)
                )
        return sorted(found.values(), key=lambda s: (-s.score, s.code))

    def _codes_of(self, head: str, item: _Prepared) -> list[tuple[str, tuple[str, ...]]]:
        codes = HEAD_CODES[head]
        if len(codes) == 1:
            return [(codes[0], ())]
        targets = self.rules.insult_targets(item.normalised)
        if not targets:
            return [(code, ()) for code in codes]
        return [(code, words) for code, words in targets.items() if code in codes]


def _merge(first: Sequence[str], second: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*first, *second]))[:MAX_EVIDENCE]


__all__ = ["Classifier"]
