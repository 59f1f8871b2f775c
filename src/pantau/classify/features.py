"""Hashed word and character n-gram features of normalised text, in plain Python.

The hashing trick needs no fitted vocabulary: the shipped model stores only its settings and
the weights of the features it kept. Word uni- and bigrams and character 2-5-grams inside
each word (padded with spaces) are hashed with CRC-32 into two spaces of `2**bits` ids each;
the character space comes after the word space.

- word space: the set of word uni- and bigram ids, each with value `1 / sqrt(#ids)`;
- character space: each distinct word contributes its set of character n-gram ids; an id
  shared by two words counts twice; every entry has value `1 / sqrt(#entries)`.

So a word's character contribution is a fixed sum that the runtime caches per word, and a
text's margin is `sum(word weights) / sqrt(#word ids) + sum over distinct words of
(their character weights) / sqrt(#character entries)`. Runtime needs numpy only.
"""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any, cast


@dataclass(frozen=True)
class FeatureSettings:
    """How texts become feature ids; stored with the model."""

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


def _hash(text: str, bits: int) -> int:
    return zlib.crc32(text.encode("utf-8")) & ((1 << bits) - 1)


class Featurizer:
    """Feature ids of normalised texts (tokens separated by single spaces)."""

    def __init__(self, settings: FeatureSettings) -> None:
        self.settings = settings
        self._offset = 1 << settings.word_bits
        self.word_char_ids = lru_cache(maxsize=200_000)(self._word_char_ids)
        self._unigrams: dict[str, int] = {}
        self._bigrams: dict[tuple[str, str], int] = {}

    def ids(self, tokens: Sequence[str]) -> tuple[set[int], list[tuple[int, ...]]]:
        """(word feature ids, character feature ids of each distinct word) of one text."""
        words = self.word_ngram_ids(tokens)
        if not self.settings.use_chars:
            return words, []
        return words, [self.word_char_ids(token) for token in dict.fromkeys(tokens)]

    def word_ngram_ids(self, tokens: Sequence[str]) -> set[int]:
        """The set of word uni- and bigram ids (any n-gram range the settings give)."""
        low, high = self.settings.word_ngrams
        bits = self.settings.word_bits
        words: set[int] = set()
        for n in range(low, high + 1):
            if n == 1:
                known = list(map(self._unigrams.get, tokens))
                if None in known:
                    known = [self.unigram_id(token) for token in tokens]
                words.update(cast(list[int], known))
                continue
            if n == 2:
                known = list(map(self._bigrams.get, itertools.pairwise(tokens)))
                if None in known:
                    known = [self._bigram_id(pair) for pair in itertools.pairwise(tokens)]
                words.update(cast(list[int], known))
                continue
            for start in range(len(tokens) - n + 1):
                words.add(_hash(" ".join(tokens[start : start + n]), bits))
        return words

    def _bigram_id(self, pair: tuple[str, str]) -> int:
        found = self._bigrams.get(pair)
        if found is None:
            if len(self._bigrams) >= 400_000:
                self._bigrams.clear()
            found = self._bigrams[pair] = _hash(f"{pair[0]} {pair[1]}", self.settings.word_bits)
        return found

    def unigram_id(self, token: str) -> int:
        found = self._unigrams.get(token)
        if found is None:
            if len(self._unigrams) >= 200_000:
                self._unigrams.clear()
            found = self._unigrams[token] = _hash(token, self.settings.word_bits)
        return found

    def _word_char_ids(self, token: str) -> tuple[int, ...]:
        padded = f" {token} "
        low, high = self.settings.char_ngrams
        bits, offset = self.settings.char_bits, self._offset
        return tuple(
            {
                offset + _hash(padded[start : start + n], bits)
                for n in range(low, high + 1)
                for start in range(len(padded) - n + 1)
            }
        )

    def word_ids(self, token: str) -> tuple[int, ...]:
        """The ids one word contributes by itself (its unigram and its character n-grams)."""
        own = (self.unigram_id(token),)
        return own + (self.word_char_ids(token) if self.settings.use_chars else ())


__all__ = ["FeatureSettings", "Featurizer"]
