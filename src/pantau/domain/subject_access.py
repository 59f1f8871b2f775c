"""Subject access (UU PDP 27/2022, the data subject's right of access and Pasal 32: access
with the processing trail): what an employee's own-data export withholds, and on what basis.
The bases are data (`src/pantau/privacy/subject_access.yaml`); the web words each item."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Withheld(StrEnum):
    """What the export leaves out."""

    COMPLAINANT = "complainant"  # who filed a report, their contact, their own words
    COMPLAINANT_MATERIAL = "complainant_material"  # messages with them, evidence files
    THIRD_PARTY_STATEMENTS = "third_party_statements"  # witnesses in a case
    REVIEW_NOTES = "review_notes"  # reviewers' internal notes, classifier scores


@dataclass(frozen=True)
class WithheldItem:
    item: Withheld
    basis: tuple[str, ...]
    confidence: str  # P, S, D or U as in REGULATIONS.md


__all__ = ["Withheld", "WithheldItem"]
