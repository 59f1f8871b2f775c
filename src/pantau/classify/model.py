"""The shipped linear model: pruned hashed-feature weights, calibration and thresholds.

Stored as two files, no pickle: `weights.npz` (the kept feature ids, their weights per head
as float16, the intercepts) and `model.json` (feature settings, per-head Platt calibration and
decision threshold, data hashes, the training record). Loading and scoring need numpy only.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from pantau.classify.features import FeatureSettings, Featurizer

MODEL_DIR = Path(__file__).resolve().parent / "resources" / "model"
WEIGHTS_FILE = "weights.npz"
META_FILE = "model.json"


@dataclass(frozen=True)
class HeadCalibration:
    """Platt scaling `1 / (1 + exp(-(a * margin + b)))` and the decision threshold."""

    a: float
    b: float
    threshold: float

    def probability(self, margins: np.ndarray) -> np.ndarray:
        return np.asarray(1.0 / (1.0 + np.exp(-(self.a * margins + self.b))))


class LinearModel:
    """One linear head per code over hashed features; margins, scores and word evidence."""

    def __init__(
        self,
        settings: FeatureSettings,
        heads: Sequence[str],
        feature_ids: np.ndarray,
        weights: np.ndarray,
        intercepts: np.ndarray,
        calibration: dict[str, HeadCalibration],
        record: dict[str, Any],
    ) -> None:
        self.settings = settings
        self.heads = tuple(heads)
        self.feature_ids = np.asarray(feature_ids, dtype=np.int64)
        self.weights = np.asarray(weights, dtype=np.float32)
        self.intercepts = np.asarray(intercepts, dtype=np.float64)
        self.calibration = calibration
        self.record = record
        self.featurizer = Featurizer(settings)
        order = np.argsort(self.feature_ids, kind="stable")
        # a sentinel id above every hashed id ends the table, so a search never runs off it
        self._sorted_ids = np.append(self.feature_ids[order], np.iinfo(np.int64).max)
        self._sorted_weights = np.vstack([self.weights[order], np.zeros((1, len(self.heads)))])
        self._a = np.array([calibration[head].a for head in self.heads])
        self._b = np.array([calibration[head].b for head in self.heads])
        self._word_cache: dict[str, tuple[np.ndarray, np.ndarray, int]] = {}
        self._zero = np.zeros(len(self.heads))

    def _rows(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Positions in the sorted weights of the kept ids, and which of `ids` were kept."""
        positions = np.searchsorted(self._sorted_ids, ids)
        hit = self._sorted_ids[positions] == ids
        return positions[hit], hit

    def _word_parts(self, word: str) -> tuple[np.ndarray, np.ndarray, int]:
        """A word's unigram weights, the sum of its character n-gram weights, and how many
        character n-grams it has (cached: words repeat)."""
        parts = self._word_cache.get(word)
        if parts is None:
            if len(self._word_cache) >= 200_000:
                self._word_cache.clear()
            chars = self.featurizer.word_char_ids(word) if self.settings.use_chars else ()
            own = np.array((self.featurizer.unigram_id(word), *chars), dtype=np.int64)
            rows, hit = self._rows(own)
            kept = self._sorted_weights[rows]
            unigram = kept[0] if hit[0] else self._zero
            char_sum = kept[1:].sum(axis=0) if hit[0] else kept.sum(axis=0)
            parts = self._word_cache[word] = (unigram, char_sum, len(chars))
        return parts

    def _analyse(self, tokens: Sequence[str]) -> tuple[np.ndarray, list[str], np.ndarray]:
        """The margins of one text, its distinct words and each word's own contribution."""
        word_ids = self.featurizer.word_ngram_ids(tokens)
        words = list(dict.fromkeys(tokens))
        parts = [self._word_parts(word) for word in words]
        margin = self.intercepts.copy()
        word_norm = char_norm = 0.0
        if word_ids:
            rows, _ = self._rows(np.fromiter(word_ids, dtype=np.int64, count=len(word_ids)))
            word_norm = 1.0 / math.sqrt(len(word_ids))
            margin += self._sorted_weights[rows].sum(axis=0) * word_norm
        if not parts:
            return margin, words, np.zeros((0, len(self.heads)))
        unigrams = np.array([part[0] for part in parts])
        if not self.settings.use_chars:
            return margin, words, unigrams * word_norm
        chars = np.array([part[1] for part in parts])
        n_chars = sum(part[2] for part in parts)
        if n_chars:
            char_norm = 1.0 / math.sqrt(n_chars)
            margin += chars.sum(axis=0) * char_norm
        return margin, words, unigrams * word_norm + chars * char_norm

    def margins_many(self, token_lists: Sequence[Sequence[str]]) -> np.ndarray:
        """Raw linear scores, one row per tokenised text and one column per head."""
        if not token_lists:
            return np.zeros((0, len(self.heads)))
        return np.vstack([self._analyse(tokens)[0] for tokens in token_lists])

    def margins(self, tokens: Sequence[str]) -> np.ndarray:
        """Raw linear scores of one tokenised text, one per head."""
        return self._analyse(tokens)[0]

    def scores(self, token_lists: Sequence[Sequence[str]]) -> np.ndarray:
        """Calibrated probabilities, one row per text and one column per head."""
        return self._calibrate(self.margins_many(token_lists))

    def _calibrate(self, margins: np.ndarray) -> np.ndarray:
        return np.asarray(1.0 / (1.0 + np.exp(-(self._a * margins + self._b))))

    def scores_and_evidence(
        self, tokens: Sequence[str], limit: int = 3
    ) -> tuple[np.ndarray, dict[str, tuple[str, ...]]]:
        """Calibrated scores of one text, and for every head that passes its threshold the
        words that push it up most (a word's unigram and character n-grams; bigrams aside)."""
        margin, words, own = self._analyse(tokens)
        scores = self._calibrate(margin)
        evidence: dict[str, tuple[str, ...]] = {}
        for column, head in enumerate(self.heads):
            if scores[column] < self.calibration[head].threshold:
                continue
            column_values = own[:, column].tolist()
            ranked = sorted(
                (-value, word)
                for word, value in zip(words, column_values, strict=True)
                if len(word) > 1
            )
            evidence[head] = tuple(word for value, word in ranked[:limit] if value < 0)
        return scores, evidence

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            directory / WEIGHTS_FILE,
            feature_ids=self.feature_ids.astype(np.int32),
            weights=self.weights.astype(np.float16),
            intercepts=self.intercepts.astype(np.float64),
        )
        meta = {
            "format": 2,
            "heads": list(self.heads),
            "features": self.settings.to_json(),
            "calibration": {
                head: {"a": cal.a, "b": cal.b, "threshold": cal.threshold}
                for head, cal in self.calibration.items()
            },
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
        return cls(settings, heads, feature_ids, weights, intercepts, calibration, meta["record"])


__all__ = ["MODEL_DIR", "HeadCalibration", "LinearModel"]
