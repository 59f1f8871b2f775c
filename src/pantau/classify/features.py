"""Hashed word and character n-gram features of normalised text.

The hashing trick needs no fitted vocabulary: the shipped model stores only its settings and
the weights of the features it kept. Word uni- and bigrams and character 2-5-grams within words
are hashed into two separate spaces, each L2-normalised, and laid side by side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer


@dataclass(frozen=True)
class FeatureSettings:
    """How texts become feature vectors; stored with the model."""

    word_bits: int = 20
    char_bits: int = 20
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 5)
    use_chars: bool = True

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FeatureSettings:
        return cls(
            word_bits=int(data["word_bits"]),
            char_bits=int(data["char_bits"]),
            word_ngrams=(int(data["word_ngrams"][0]), int(data["word_ngrams"][1])),
            char_ngrams=(int(data["char_ngrams"][0]), int(data["char_ngrams"][1])),
            use_chars=bool(data["use_chars"]),
        )

    @property
    def n_features(self) -> int:
        return (1 << self.word_bits) + (1 << self.char_bits)


class Featurizer:
    """Normalised texts to a sparse matrix of `settings.n_features` columns."""

    def __init__(self, settings: FeatureSettings) -> None:
        self.settings = settings
        self._words = HashingVectorizer(
            n_features=1 << settings.word_bits,
            analyzer="word",
            token_pattern=r"\S+",
            ngram_range=settings.word_ngrams,
            lowercase=False,
            alternate_sign=False,
            binary=True,
            norm="l2",
            dtype=np.float32,
        )
        self._chars = HashingVectorizer(
            n_features=1 << settings.char_bits,
            analyzer="char_wb",
            ngram_range=settings.char_ngrams,
            lowercase=False,
            alternate_sign=False,
            binary=True,
            norm="l2",
            dtype=np.float32,
        )

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        words = self._words.transform(texts)
        if not self.settings.use_chars:
            empty = sp.csr_matrix((len(texts), 1 << self.settings.char_bits), dtype=np.float32)
            return sp.hstack([words, empty], format="csr")
        return sp.hstack([words, self._chars.transform(texts)], format="csr")


__all__ = ["FeatureSettings", "Featurizer"]
