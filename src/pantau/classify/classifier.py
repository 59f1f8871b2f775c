"""The content classifier: normalisation, patterns, linear heads and the stacker, behind the
domain seam.

`Classifier.suggest_many(texts)` normalises every text, runs the pattern layer, scores all
linear heads of the batch at once, and lets the stacker turn heads and patterns into one
probability per code (`stacking.py`). A code is suggested when its probability reaches its
threshold; its evidence is the words of the patterns that spoke for it, then the words that
push its score up most, then (insults) the target words.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from pantau.classify.model import LinearModel
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

    def suggest(self, text: str) -> list[ContentSuggestion]:
        """Codes at or above their decision threshold, highest score first."""
        return self.suggest_many([text])[0]

    def suggest_many(self, texts: Sequence[str]) -> list[list[ContentSuggestion]]:
        """`suggest` for many texts at once (one feature matrix per batch: much faster)."""
        token_lists, analyses, probabilities = self.probabilities(texts)
        passed = probabilities >= self.stacker.thresholds
        out: list[list[ContentSuggestion]] = []
        for row, tokens in enumerate(token_lists):
            columns = np.flatnonzero(passed[row])
            if not len(columns):
                out.append([])
                continue
            found = [
                self._suggestion(
                    tokens, analyses[row], int(column), float(probabilities[row, column])
                )
                for column in columns
            ]
            out.append(sorted(found, key=lambda s: (-s.score, s.code)))
        return out

    def probabilities(
        self, texts: Sequence[str]
    ) -> tuple[list[list[str]], list[Analysis], np.ndarray]:
        """Tokens, pattern analyses and the stacker's probability of every code (texts x
        codes, in `stacker.codes` order)."""
        token_lists, analyses = [], []
        for text in texts:
            prepared = prepare(text[:MAX_CHARS])
            tokens = self.normaliser.tokens_of_prepared(prepared)
            token_lists.append(tokens)
            analyses.append(self.rules.analyse(" ".join(tokens), prepared))
        margins = self.model.margins_many(token_lists)
        features = self.builder.build(margins, analyses, [len(t) for t in token_lists])
        return token_lists, analyses, self.stacker.probabilities(features)

    def _suggestion(
        self, tokens: list[str], analysis: Analysis, column: int, score: float
    ) -> ContentSuggestion:
        code = self.stacker.codes[column]
        hit = analysis.hits.get(code)
        evidence = list(hit.evidence) if hit is not None else []
        evidence += self._model_words(tokens, column)
        if code in TARGETS:
            evidence += analysis.targets.get(code, ())
        return ContentSuggestion(
            code, round(score, 3), tuple(dict.fromkeys(evidence))[:MAX_EVIDENCE]
        )

    def _model_words(self, tokens: list[str], column: int) -> list[str]:
        """The words that push one code's score up most (their unigram and characters)."""
        words, weights = self.model.word_weights(tokens)
        if not words:
            return []
        pushes = (weights @ self._towards[:, column]).tolist()
        ranked = sorted(
            (-push, word)
            for word, push in zip(words, pushes, strict=True)
            if push > 0 and len(word) > 1 and not word.startswith(("tok_", "emo_"))
        )
        return [word for _, word in ranked[:MODEL_WORDS]]


__all__ = ["Classifier"]
