"""The content classifier: normalisation, patterns, linear heads and the stacker, behind the
domain seam.

`Classifier.suggest_many(texts)` normalises every text, runs the pattern layer, scores all
linear heads of the batch at once, and lets the stacker turn heads and patterns into one
probability per code (`stacking.py`). A code is suggested when its probability reaches its
threshold (or its gate, `Stacker.decide`); its evidence is the words of the patterns that
spoke for it, then the words that push its score up most, then (insults) the target words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import numpy as np

from pantau.classify.model import LinearModel, Scored
from pantau.classify.normalise import Normaliser, prepare
from pantau.classify.patterns import Analysis, RuleSet
from pantau.classify.stacking import TARGETS, FeatureBuilder, Stacker
from pantau.domain.content import ContentSuggestion
from pantau.domain.errors import DataError

MAX_CHARS = 20_000
MAX_EVIDENCE = 5
MODEL_WORDS = 3


class Classifier:
    """Suggests conduct codes (and `commercial`, `entertainment`) for Indonesian text."""

    def __init__(
        self,
        model: LinearModel,
        rules: RuleSet,
        normaliser: Normaliser,
        stacker: Stacker | None = None,
    ) -> None:
        if stacker is None and model.stacker is None:
            raise DataError("the model has no stacker: retrain with `pantau classify train`")
        self.model = model
        self.rules = rules
        self.normaliser = normaliser
        self.stacker = stacker or Stacker.from_json(model.stacker or {})
        self.builder = FeatureBuilder(model)
        self._towards = self.stacker.margin_weights(model.heads)
        self._towards_of: dict[tuple[int, ...], np.ndarray] = {}

    def suggest(self, text: str) -> list[ContentSuggestion]:
        """Codes at or above their decision threshold, highest score first (the single-text
        path: the batch path's arithmetic with a handful of numpy calls)."""
        prepared = prepare(text[:MAX_CHARS])
        tokens = self.normaliser.tokens_of_prepared(prepared)
        analysis = self.rules.analyse(" ".join(tokens), prepared)
        scored = self.model.score([tokens])
        base = self.builder.base_row(scored.margins[0].tolist(), analysis, len(tokens))
        probabilities = self.stacker.probabilities_of_row(base)
        columns = self.stacker.decide_row(probabilities, base)
        if not columns:
            return []
        pushes = self._pushes(scored, 0, columns)
        found = self._suggestions(tokens, analysis, columns, probabilities, pushes)
        return sorted(found, key=lambda s: (-s.score, s.code))

    def suggest_many(self, texts: Sequence[str]) -> list[list[ContentSuggestion]]:
        """`suggest` for many texts at once (one feature matrix per batch: much faster)."""
        token_lists, analyses, scored, probabilities = self.score(texts)
        passed = self.stacker.decide(probabilities, self.builder.fired(scored.margins))
        out: list[list[ContentSuggestion]] = []
        flagged = cast(list[bool], passed.any(axis=1).tolist())
        for row, (tokens, any_passed) in enumerate(zip(token_lists, flagged, strict=True)):
            if not any_passed:
                out.append([])
                continue
            columns = np.flatnonzero(passed[row]).tolist()
            pushes = self._pushes(scored, row, columns)
            found = self._suggestions(tokens, analyses[row], columns, probabilities[row], pushes)
            out.append(sorted(found, key=lambda s: (-s.score, s.code)))
        return out

    def score(
        self, texts: Sequence[str]
    ) -> tuple[list[list[str]], list[Analysis], Scored, np.ndarray]:
        """Tokens, pattern analyses, head margins and the stacker's probability of every code
        (texts x codes, in `stacker.codes` order)."""
        token_lists, analyses = [], []
        for text in texts:
            prepared = prepare(text[:MAX_CHARS])
            tokens = self.normaliser.tokens_of_prepared(prepared)
            token_lists.append(tokens)
            analyses.append(self.rules.analyse(" ".join(tokens), prepared))
        scored = self.model.score(token_lists)
        base = self.builder.base(scored.margins, analyses, [len(t) for t in token_lists])
        return token_lists, analyses, scored, self.stacker.probabilities_of_base(base)

    def _pushes(self, scored: Scored, row: int, columns: list[int]) -> list[list[float]]:
        """Per suggested code, how much each distinct word pushes its score."""
        weights = self.model.word_weights(scored, row)
        towards = self._towards_of.get(tuple(columns))
        if towards is None:  # a few combinations of codes: kept once made
            towards = self._towards_of[tuple(columns)] = self._towards[:, columns]
        return list((weights @ towards).T.tolist())

    def _suggestions(
        self,
        tokens: list[str],
        analysis: Analysis,
        columns: list[int],
        scores: Sequence[float],
        pushes: list[list[float]],
    ) -> list[ContentSuggestion]:
        words = list(dict.fromkeys(tokens))
        out = []
        for column, column_pushes in zip(columns, pushes, strict=True):
            code = self.stacker.codes[column]
            hit = analysis.hits.get(code)
            evidence = [*(hit.evidence if hit is not None else ()), *_top(words, column_pushes)]
            if code in TARGETS:
                evidence += analysis.targets.get(code, ())
            chosen = tuple(dict.fromkeys(evidence))[:MAX_EVIDENCE]
            out.append(ContentSuggestion(code, round(float(scores[column]), 3), chosen))
        return out


def _top(words: list[str], pushes: list[float]) -> list[str]:
    """The words that push a score up most (no placeholders, emoji or single letters)."""
    ranked = sorted(
        [
            (-push, word)
            for word, push in zip(words, pushes, strict=True)
            if push > 0 and len(word) > 1 and not word.startswith(("tok_", "emo_"))
        ]
    )
    return [word for _, word in ranked[:MODEL_WORDS]]


__all__ = ["Classifier"]
