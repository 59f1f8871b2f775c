"""Feature ids as a scipy sparse matrix, for training and evaluation (not needed at runtime)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from pantau.classify.features import Featurizer


def feature_matrix(featurizer: Featurizer, texts: Sequence[str]) -> sp.csr_matrix:
    """The features of `Featurizer` (see there); repeated character ids are summed."""
    indptr, indices, values = [0], [], []
    for text in texts:
        words, per_word_chars = featurizer.ids(text.split())
        chars = [feature for group in per_word_chars for feature in group]
        for group in (sorted(words), chars):
            if group:
                indices.extend(group)
                values.extend([1.0 / np.sqrt(len(group))] * len(group))
        indptr.append(len(indices))
    matrix = sp.csr_matrix(
        (np.array(values, dtype=np.float32), np.array(indices, dtype=np.int64), np.array(indptr)),
        shape=(len(texts), featurizer.settings.n_features),
    )
    matrix.sum_duplicates()
    return matrix


__all__ = ["feature_matrix"]
