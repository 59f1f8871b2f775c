"""The shipped hashed linear heads: pruned weights, calibration of the public heads, and the
batched scoring path (one gather and one segment sum per batch, numpy only).

Columns (heads) are the per-source heads trained on the public data sets (`insult`, `hoax`,
...) and the heads learnt on the short posts (`posts.<code>`); all read one hashed feature
space (see `features.py`), the public heads only its word part. Stored as two files, no
pickle: `weights.npz` (kept feature ids, their weights per head as float16, intercepts) and
`model.json` (feature settings, heads, Platt calibration of the public heads, the stacker,
the training record).

A text's margin is `intercept + sum(weights of its word n-gram ids) / sqrt(#ids)` plus, with
character features, `sum over its distinct words of (the word's character weights) /
sqrt(#character entries)`. A batch becomes two sparse matrices (texts x kept ids, texts x
distinct words) multiplied by the weight table and the per-word character sums: `np.add.
reduceat` over one gathered array each, so the cost per text is a few Python set and dict
operations.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import numpy as np

from pantau.classify.features import FeatureSettings, Featurizer

MODEL_DIR = Path(__file__).resolve().parent / "resources" / "model"
WEIGHTS_FILE = "weights.npz"
META_FILE = "model.json"
POSTS_PREFIX = "posts."
_CACHE_LIMIT = 200_000
_DENSE_BITS = 22


@dataclass(frozen=True)
class HeadCalibration:
    """Platt scaling `1 / (1 + exp(-(a * margin + b)))` and the decision threshold."""

    a: float
    b: float
    threshold: float

    def probability(self, margins: np.ndarray) -> np.ndarray:
        return np.asarray(1.0 / (1.0 + np.exp(-(self.a * margins + self.b))))

    def margin_at_threshold(self) -> float:
        """The margin where the calibrated probability reaches the threshold (inf: never)."""
        if self.threshold >= 1.0 or self.a <= 0:
            return math.inf
        return (math.log(self.threshold / (1.0 - self.threshold)) - self.b) / self.a


class _Batch:
    """Entries of the two sparse matrices of a batch, filled text by text."""

    def __init__(self) -> None:
        self.ids: list[int] = []
        self.id_ends: list[int] = []
        self.id_values: list[float] = []
        self.words: list[int] = []
        self.word_ends: list[int] = []
        self.word_values: list[float] = []


@dataclass(frozen=True)
class Scored:
    """The margins of a batch and, per text, its distinct words (rows of the word table, in
    order of first use) and the two normalisations, for finding the words behind a score."""

    margins: np.ndarray
    words: list[int]
    word_ends: list[int]
    id_values: list[float]
    word_values: list[float]


class LinearModel:
    """Linear heads over hashed features; batched margins, calibrated scores, word weights."""

    def __init__(
        self,
        settings: FeatureSettings,
        heads: Sequence[str],
        feature_ids: np.ndarray,
        weights: np.ndarray,
        intercepts: np.ndarray,
        calibration: dict[str, HeadCalibration],
        record: dict[str, Any],
        stacker: dict[str, Any] | None = None,
    ) -> None:
        self.settings = settings
        self.heads = tuple(heads)
        self.feature_ids = np.asarray(feature_ids, dtype=np.int64)
        self.weights = np.asarray(weights, dtype=np.float32).reshape(-1, len(self.heads))
        self.intercepts = np.asarray(intercepts, dtype=np.float64)
        self.calibration = calibration
        self.record = record
        self.stacker = stacker
        self.featurizer = Featurizer(settings)
        order = np.argsort(self.feature_ids, kind="stable")
        # a sentinel id above every hashed id ends the table, so a search never runs off it;
        # the row after the sentinel is all zeros and stands for "not kept"
        self._sorted_ids = np.append(self.feature_ids[order], np.iinfo(np.int64).max)
        self._table = np.vstack(
            [self.weights[order], np.zeros((1, len(self.heads)), dtype=np.float32)]
        )
        self._dense = self._dense_rows()
        self._a = np.array([self._cal(head).a for head in self.heads])
        self._b = np.array([self._cal(head).b for head in self.heads])
        self._word_index: dict[str, int] = {}
        self._word_chars = np.zeros((1024, len(self.heads)), dtype=np.float32)
        self._word_counts: list[int] = []
        self._word_unigrams = np.zeros(1024, dtype=np.int64)

    def _cal(self, head: str) -> HeadCalibration:
        return self.calibration.get(head, HeadCalibration(1.0, 0.0, 0.5))

    def _dense_rows(self) -> np.ndarray | None:
        """Row of the weight table of every id of the word space (the all-zero row for ids
        that were not kept): one gather instead of a search per id (4 MB for 2^20 ids). None
        when the space is larger than 2^22 ids or the kept ids repeat (then `_rows` searches)."""
        kept = self._sorted_ids[:-1]
        size = 1 << self.settings.word_bits
        if self.settings.word_bits > _DENSE_BITS or len(self._table) >= 1 << 31:
            return None
        if len(kept) and (kept[0] < 0 or len(np.unique(kept)) != len(kept)):
            return None
        dense = np.full(size, len(self._table) - 1, dtype=np.int32)
        inside = kept < size
        dense[kept[inside]] = np.flatnonzero(inside)
        return dense

    def _word_rows(self, ids: np.ndarray) -> np.ndarray:
        """`_rows` of word-space ids (hashed into `word_bits` bits, so never beyond `_dense`)."""
        if self._dense is None:
            return self._rows(ids)
        return np.asarray(self._dense[ids])

    def _rows(self, ids: np.ndarray) -> np.ndarray:
        """Rows of the weight table of `ids` (the all-zero row for ids that were not kept)."""
        positions = np.searchsorted(self._sorted_ids, ids)
        return np.where(self._sorted_ids[positions] == ids, positions, len(self._table) - 1)

    def score(self, token_lists: Sequence[Sequence[str]]) -> Scored:
        """Raw linear scores (texts x heads) and what `word_weights` needs."""
        batch = _Batch()
        if len(self._word_index) >= _CACHE_LIMIT:  # only between batches: rows stay valid
            self._word_index.clear()
            self._word_counts.clear()
        for tokens in token_lists:
            ids = self.featurizer.word_ngram_ids(tokens)
            batch.ids.extend(ids)
            batch.id_ends.append(len(batch.ids))
            batch.id_values.append(1.0 / math.sqrt(len(ids)) if ids else 0.0)
            self._add_words(batch, tokens)
        if len(token_lists) == 1:
            margins = self._one(batch)[None, :]
        else:
            margins = self._many(batch, len(token_lists))
        return Scored(margins, batch.words, batch.word_ends, batch.id_values, batch.word_values)

    def _one(self, batch: _Batch) -> np.ndarray:
        """The margins of a batch of one text (few numpy calls: the single-text path)."""
        ids = np.array(batch.ids, dtype=np.int64)
        positions = np.searchsorted(self._sorted_ids, ids)
        kept = positions[self._sorted_ids[positions] == ids]
        margin = self.intercepts + self._table[kept].sum(axis=0) * batch.id_values[0]
        if self.settings.use_chars:
            margin += self._word_chars[batch.words].sum(axis=0) * batch.word_values[0]
        return np.asarray(margin)

    def _many(self, batch: _Batch, count: int) -> np.ndarray:
        margins = np.tile(self.intercepts, (count, 1))
        if not count:
            return margins
        rows = self._word_rows(np.array(batch.ids, dtype=np.int64))
        margins += _segment_sum(self._table[rows], batch.id_ends, batch.id_values)
        if self.settings.use_chars:
            chars = self._word_chars[np.array(batch.words, dtype=np.int64)]
            margins += _segment_sum(chars, batch.word_ends, batch.word_values)
        return margins

    def margins_many(self, token_lists: Sequence[Sequence[str]]) -> np.ndarray:
        """Raw linear scores, one row per tokenised text and one column per head."""
        return self.score(token_lists).margins

    def _add_words(self, batch: _Batch, tokens: Sequence[str]) -> None:
        distinct = dict.fromkeys(tokens)
        found = list(map(self._word_index.get, distinct))
        words = [self._word(word) for word in distinct] if None in found else cast(list[int], found)
        batch.words.extend(words)
        batch.word_ends.append(len(batch.words))
        if self.settings.use_chars:
            total = sum(map(self._word_counts.__getitem__, words))
            batch.word_values.append(1.0 / math.sqrt(total) if total else 0.0)
        else:
            batch.word_values.append(0.0)

    def _word(self, word: str) -> int:
        """The row of a word's character weight sums (computed once, then cached)."""
        found = self._word_index.get(word)
        if found is not None:
            return found
        chars = self.featurizer.word_char_ids(word) if self.settings.use_chars else ()
        number = len(self._word_counts)
        if number >= len(self._word_chars):
            self._word_chars = np.vstack([self._word_chars, np.zeros_like(self._word_chars)])
            self._word_unigrams = np.concatenate([self._word_unigrams, self._word_unigrams])
        ids = np.array((self.featurizer.unigram_id(word), *chars), dtype=np.int64)
        rows = self._rows(ids)
        self._word_chars[number] = self._table[rows[1:]].sum(axis=0)
        self._word_counts.append(len(chars))
        self._word_unigrams[number] = rows[0]
        self._word_index[word] = number
        return number

    def margins(self, tokens: Sequence[str]) -> np.ndarray:
        """Raw linear scores of one tokenised text, one per head."""
        return np.asarray(self.margins_many([tokens])[0])

    def scores(self, token_lists: Sequence[Sequence[str]]) -> np.ndarray:
        """Calibrated probabilities (public heads; plain sigmoid for the others)."""
        margins = self.margins_many(token_lists)
        return np.asarray(1.0 / (1.0 + np.exp(-(self._a * margins + self._b))))

    def word_weights(self, scored: Scored, row: int) -> np.ndarray:
        """What each distinct word of text `row` of a scored batch (in order of first use)
        contributes to every head's margin: its unigram and its character n-grams, normalised
        as in the margin (bigrams aside)."""
        start = scored.word_ends[row - 1] if row else 0
        words = np.array(scored.words[start : scored.word_ends[row]], dtype=np.int64)
        own = self._table[self._word_unigrams[words]] * scored.id_values[row]
        if not self.settings.use_chars:
            return np.asarray(own)
        return np.asarray(own + self._word_chars[words] * scored.word_values[row])

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            directory / WEIGHTS_FILE,
            feature_ids=self.feature_ids.astype(np.int32),
            weights=self.weights.astype(np.float16),
            intercepts=self.intercepts.astype(np.float64),
        )
        meta = {
            "format": 3,
            "heads": list(self.heads),
            "features": self.settings.to_json(),
            "calibration": {
                head: {"a": cal.a, "b": cal.b, "threshold": cal.threshold}
                for head, cal in self.calibration.items()
            },
            "stacker": self.stacker,
            "record": self.record,
        }
        (directory / META_FILE).write_text(
            json.dumps(meta, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
        )

    @classmethod
    def load(cls, directory: Path = MODEL_DIR) -> LinearModel:
        meta = json.loads((directory / META_FILE).read_text(encoding="utf-8"))
        settings = FeatureSettings.from_json(meta["features"])
        heads = [str(head) for head in meta["heads"]]
        with np.load(directory / WEIGHTS_FILE) as arrays:
            feature_ids = arrays["feature_ids"].astype(np.int64)
            weights = arrays["weights"].astype(np.float32)
            intercepts = arrays["intercepts"].astype(np.float64)
        calibration = {
            head: HeadCalibration(float(c["a"]), float(c["b"]), float(c["threshold"]))
            for head, c in meta["calibration"].items()
        }
        return cls(
            settings,
            heads,
            feature_ids,
            weights,
            intercepts,
            calibration,
            meta["record"],
            meta.get("stacker"),
        )


def _segment_sum(values: np.ndarray, ends: list[int], scale: list[float]) -> np.ndarray:
    """Row sums of consecutive segments of `values` (segment i ends before ends[i]), each
    multiplied by scale[i]; an empty segment sums to zero."""
    stops = np.array(ends, dtype=np.int64)
    starts = np.concatenate(([0], stops[:-1]))
    filled = stops > starts
    sums = np.zeros((len(stops), values.shape[1]), dtype=values.dtype)
    if filled.any():  # an empty segment takes no rows: the others' sums are the same
        sums[filled] = np.add.reduceat(values, starts[filled], axis=0)
    return np.asarray(sums * np.array(scale)[:, None])


__all__ = ["MODEL_DIR", "POSTS_PREFIX", "HeadCalibration", "LinearModel", "Scored"]
