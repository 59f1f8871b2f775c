"""The Indonesian content classifier: it suggests conduct codes, a person decides.

`load_default()` returns the shipped classifier (model and lexicons inside the package, no
training and no network needed); `suggest(text)` gives `ContentSuggestion`s at or above
threshold, highest score first.
"""

from __future__ import annotations

from functools import cache

from pantau.classify.classifier import Classifier
from pantau.classify.codes import SUGGESTED_CODES


@cache
def load_default() -> Classifier:
    """The shipped classifier (loaded once per process)."""
    from pantau.classify import slang
    from pantau.classify.model import LinearModel
    from pantau.classify.normalise import Normaliser
    from pantau.classify.patterns import RuleSet

    dictionary = slang.load()
    normaliser = Normaliser(dictionary, slang.vocabulary(dictionary))
    return Classifier(LinearModel.load(), RuleSet.load(), normaliser)


__all__ = ["SUGGESTED_CODES", "Classifier", "load_default"]
