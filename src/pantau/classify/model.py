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
        self._index = dict(
            zip(self.feature_ids.tolist(), range(len(self.feature_ids)), strict=True)
        )
        self._a = np.array([calibration[head].a for head in self.heads])
        self._b = np.array([calibration[head].b for head in self.heads])

    def margins(self, tokens: Sequence[str]) -> np.ndarray:
        """Raw linear scores of one tokenised text, one per head."""
        total = self.intercepts.copy()
        index = self._index
        for group in self.featurizer.ids(tokens):
            rows = [index[feature] for feature in group if feature in index]
            if rows:
                total += self.weights[rows].sum(axis=0) / math.sqrt(len(group))
        return total

    def scores(self, token_lists: Sequence[Sequence[str]]) -> np.ndarray:
        """Calibrated probabilities, one row per text and one column per head."""
        if not token_lists:
            return np.zeros((0, len(self.heads)))
        margins = np.vstack([self.margins(tokens) for tokens in token_lists])
        return np.asarray(1.0 / (1.0 + np.exp(-(self._a * margins + self._b))))

    def evidence(self, tokens: Sequence[str], head: str, limit: int = 3) -> tuple[str, ...]:
        """The words of a text that push `head` up most (their word and character features)."""
        words_ids, char_ids = self.featurizer.ids(tokens)
        word_norm = 1.0 / math.sqrt(max(len(words_ids), 1))
        char_norm = 1.0 / math.sqrt(max(len(char_ids), 1))
        offset = 1 << self.settings.word_bits
        column = self.heads.index(head)
        ranked = []
        for word in sorted({token for token in tokens if len(token) > 1}):
            value = 0.0
            for feature in self.featurizer.word_ids(word):
                row = self._index.get(feature)
                if row is not None:
                    norm = char_norm if feature >= offset else word_norm
                    value += float(self.weights[row, column]) * norm
            ranked.append((-value, word))
        return tuple(word for value, word in sorted(ranked)[:limit] if value < 0)

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
