"""The content classifier: the linear model and the pattern layer, behind the domain seam.

`Classifier.suggest(text)` returns `ContentSuggestion`s at or above their decision threshold,
highest score first. A model head fires when its calibrated probability reaches the threshold
chosen on validation data; a rule code fires when its rule score reaches the threshold in
`patterns.json`. Where both speak for one code, the higher score is reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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
        return [self._combine(self._prepare(text)) for text in texts]

    def _prepare(self, text: str) -> _Prepared:
        prepared = prepare(text[:MAX_CHARS])
        tokens = self.normaliser.tokens_of_prepared(prepared)
        normalised = " ".join(tokens)
        return _Prepared(tokens, normalised, self.rules.match(normalised, prepared))

    def _combine(self, item: _Prepared) -> list[ContentSuggestion]:
        found: dict[str, ContentSuggestion] = {}
        scores, words = self.model.scores_and_evidence(item.tokens)
        for head in words:
            score = float(scores[self.model.heads.index(head)])
            for code, extra in self._codes_of(head, item):
                found[code] = ContentSuggestion(code, round(score, 3), _merge(words[head], extra))
        for code, hit in item.rules.items():
            if hit.passed:
                found[code] = _with_rule(found.get(code), hit)
        return sorted(found.values(), key=lambda s: (-s.score, s.code))

    def _codes_of(self, head: str, item: _Prepared) -> list[tuple[str, tuple[str, ...]]]:
        codes = HEAD_CODES[head]
        if len(codes) == 1:
            return [(codes[0], ())]
        targets = self.rules.insult_targets(item.normalised)
        if not targets:
            return [(code, ()) for code in codes]
        return [(code, words) for code, words in targets.items() if code in codes]


def _with_rule(previous: ContentSuggestion | None, hit: RuleHit) -> ContentSuggestion:
    """The rule's suggestion, or the model's, whichever scores higher; evidence of both."""
    if previous is None:
        return ContentSuggestion(hit.code, round(hit.score, 3), _merge(hit.evidence, ()))
    if previous.score < hit.score:
        return ContentSuggestion(
            hit.code, round(hit.score, 3), _merge(hit.evidence, previous.evidence)
        )
    return ContentSuggestion(hit.code, previous.score, _merge(previous.evidence, hit.evidence))


def _merge(first: Sequence[str], second: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*first, *second]))[:MAX_EVIDENCE]


__all__ = ["Classifier"]
