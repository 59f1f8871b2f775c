"""The shipped linear model: pruned hashed-feature weights, calibration and thresholds.

Stored as two files, no pickle: `weights.npz` (feature ids, one weight column per head as
float16, intercepts) and `model.json` (feature settings, per-head Platt calibration and
decision threshold, data hashes, the training record).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

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
        weights: sp.csr_matrix,
        intercepts: np.ndarray,
        calibration: dict[str, HeadCalibration],
        record: dict[str, Any],
    ) -> None:
        self.settings = settings
        self.heads = tuple(heads)
        self.weights = weights
        self.intercepts = intercepts
        self.calibration = calibration
        self.record = record
        self.featurizer = Featurizer(settings)

    def margins(self, normalised: Sequence[str]) -> np.ndarray:
        """Raw linear scores, one row per text and one column per head."""
        features = self.featurizer.transform(normalised)
        return np.asarray((features @ self.weights).toarray()) + self.intercepts

    def scores(self, normalised: Sequence[str]) -> np.ndarray:
        """Calibrated probabilities, one row per text and one column per head."""
        margins = self.margins(normalised)
        out = np.empty_like(margins)
        for column, head in enumerate(self.heads):
            out[:, column] = self.calibration[head].probability(margins[:, column])
        return out

    def evidence(self, tokens: Sequence[str], head: str, limit: int = 3) -> tuple[str, ...]:
        """The words of a text that push `head` up most (word and character features)."""
        words = sorted({token for token in tokens if len(token) > 1})
        if not words:
            return ()
        column = self.heads.index(head)
        contributions = np.asarray(
            (self.featurizer.transform(words) @ self.weights[:, column]).toarray()
        ).ravel()
        ranked = sorted(zip(contributions, words, strict=True), key=lambda item: -item[0])
        return tuple(word for value, word in ranked[:limit] if value > 0)

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        coo = self.weights.tocoo()
        np.savez_compressed(
            directory / WEIGHTS_FILE,
            rows=coo.row.astype(np.int32),
            cols=coo.col.astype(np.int8),
            values=coo.data.astype(np.float16),
            intercepts=self.intercepts.astype(np.float64),
        )
        meta = {
            "format": 1,
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
            weights = sp.csr_matrix(
                (arrays["values"].astype(np.float32), (arrays["rows"], arrays["cols"])),
                shape=(settings.n_features, len(heads)),
            )
            intercepts = arrays["intercepts"].astype(np.float64)
        calibration = {
            head: HeadCalibration(float(c["a"]), float(c["b"]), float(c["threshold"]))
            for head, c in meta["calibration"].items()
        }
        return cls(settings, heads, weights, intercepts, calibration, meta["record"])


__all__ = ["MODEL_DIR", "HeadCalibration", "LinearModel"]
