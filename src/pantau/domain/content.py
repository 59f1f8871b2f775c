"""The seam between the evaluation and an automatic content classifier.

The classifier never establishes a violation: its suggestions can only make a rule suspected.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class ContentSuggestion:
    """A code an automatic classifier suggests for a text, its score and the words behind it."""

    code: str
    score: float
    evidence: tuple[str, ...] = ()


class ContentClassifier(Protocol):
    """Anything that suggests conduct codes for a text."""

    def suggest(self, text: str) -> Sequence[ContentSuggestion]:
        """Codes at or above their decision threshold, highest score first."""
        ...
