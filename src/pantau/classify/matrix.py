"""Feature ids as a scipy sparse matrix, for training and evaluation (not needed at runtime)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from pantau.classify.features import Featurizer


def feature_matrix(featurizer: Featurizer, texts: Sequence[str]) -> sp.csr_matrix:
    """Binary features, each space (words, characters) L2-normalised per row."""
    indptr, indices, values = [0], [], []
    for text in texts:
        words, chars = featurizer.ids(text.split())
        for group in (words, chars):
            if group:
                weight = 1.0 / np.sqrt(len(group))
                indices.extend(sorted(group))
                values.extend([weight] * len(group))
        indptr.append(len(indices))
    return sp.csr_matrix(
        (np.array(values, dtype=np.float32), np.array(indices, dtype=np.int64), np.array(indptr)),
        shape=(len(texts), featurizer.settings.n_features),
    )


__all__ = ["feature_matrix"]
