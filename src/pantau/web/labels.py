"""The label catalogue (pantau.text.labels) for Django: model `choices` and template filters
that speak the reader's language, so that no page shows a raw code."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.utils.functional import lazy
from django.utils.translation import get_language

from pantau.text import language, render
from pantau.text.labels import label, label_message


def reader_language() -> str:
    """`id` or `en`: the language Django activated for this request."""
    return language(get_language())


def _label_now(member: StrEnum) -> str:
    return label(member, reader_language())


lazy_label = lazy(_label_now, str)


def choices(vocabulary: type[StrEnum]) -> list[tuple[str, Any]]:
    """Model or form choices of a vocabulary, labelled in the reader's language."""
    return [(member.value, lazy_label(member)) for member in vocabulary]


def say_now(value: Any) -> str:
    """Render a message (or any pantau.domain.text value) in the reader's language."""
    return render(value, reader_language())


__all__ = ["choices", "label_message", "lazy_label", "reader_language", "say_now"]
