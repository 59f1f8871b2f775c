"""Read `src/pantau/privacy/subject_access.yaml`: what subject access withholds, and why."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pantau.domain.errors import DataError
from pantau.domain.subject_access import Withheld, WithheldItem
from pantau.rules.yamlsource import mapping, read_yaml

SOURCE = Path(__file__).resolve().parents[1] / "privacy" / "subject_access.yaml"


@cache
def load_withheld(path: Path = SOURCE) -> tuple[WithheldItem, ...]:
    """Every withheld item with its basis (DataError naming file, line and field)."""
    raw, where = read_yaml(path, path.parent)
    items = mapping(raw, "withheld", where)
    found = []
    for item in Withheld:
        entry = items.get(item.value)
        here = where.at(entry) if entry is not None else where
        if not isinstance(entry, dict):
            raise DataError(here.say(item.value, "is required: what is withheld needs a basis"))
        basis = entry.get("basis")
        if not isinstance(basis, list) or not basis:
            raise DataError(here.say("basis", "must list at least one citation"))
        if entry.get("confidence") not in ("P", "S", "D", "U"):
            raise DataError(here.say("confidence", "must be one of P, S, D, U"))
        found.append(WithheldItem(item, tuple(str(b) for b in basis), str(entry["confidence"])))
    return tuple(found)


__all__ = ["load_withheld"]
