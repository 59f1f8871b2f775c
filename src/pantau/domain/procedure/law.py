"""Legal references, how sure we are of them, and dated validity.

Every value of a procedure regime carries a `Basis`: the reference a legal officer can look up
and a `Confidence` tag with the meaning REGULATIONS.md gives it (P read in the primary text,
S read in a secondary source, U unconfirmed, D derived or interpreted). A `Period` says when a
version of a rule applies; one of its bounds may wait for a legal event that has not happened
yet (a regulation not yet issued), which the caller passes in as a date or None.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Confidence(StrEnum):
    """How a value was established (REGULATIONS.md, 'How to read this file')."""

    PRIMARY = "P"
    SECONDARY = "S"
    UNCONFIRMED = "U"
    DERIVED = "D"

    @property
    def label_id(self) -> str:
        return _CONFIDENCE_LABELS[self]


_CONFIDENCE_LABELS = {
    Confidence.PRIMARY: "dibaca pada teks resmi",
    Confidence.SECONDARY: "dari sumber sekunder, belum dicocokkan dengan teks resmi",
    Confidence.UNCONFIRMED: "belum terverifikasi",
    Confidence.DERIVED: "tafsiran atau turunan, bukan bunyi aturan",
}


@dataclass(frozen=True)
class Basis:
    """A legal reference (`reference`), how sure it is, and an optional note."""

    reference: str
    confidence: Confidence = Confidence.PRIMARY
    note: str = ""

    def __str__(self) -> str:
        return self.reference

    @property
    def unverified(self) -> bool:
        """Unconfirmed values must be shown as such (issue: law as data)."""
        return self.confidence is Confidence.UNCONFIRMED

    def to_json(self) -> dict[str, str]:
        data = {"reference": self.reference, "confidence": self.confidence.value}
        if self.note:
            data["note"] = self.note
        return data


def joined(bases: Iterable[Basis]) -> str:
    """The references of several bases, each once, in order, separated by '; '."""
    seen: list[str] = []
    for basis in bases:
        if basis.reference not in seen:
            seen.append(basis.reference)
    return "; ".join(seen)


@dataclass(frozen=True)
class Period:
    """Dates [start, end) on which something applies; None is open.

    `start_event` / `end_event` name a legal event (e.g. a regulation still to be issued)
    whose date the caller supplies: a start waiting for an event with no date has not begun;
    an end waiting for one has not come.
    """

    start: date | None = None
    end: date | None = None
    start_event: str | None = None
    end_event: str | None = None

    def covers(self, day: date, events: Mapping[str, date | None]) -> bool:
        start = self._bound(self.start, self.start_event, events)
        end = self._bound(self.end, self.end_event, events)
        if self.start_event is not None and start is None:
            return False
        return (start is None or start <= day) and (end is None or day < end)

    @staticmethod
    def _bound(
        fixed: date | None, event: str | None, events: Mapping[str, date | None]
    ) -> date | None:
        if event is None:
            return fixed
        return events.get(event)


@dataclass(frozen=True)
class LegalEvent:
    """A dated legal event a rule waits for (e.g. a regulation to be issued); `on` None: not yet."""

    name: str
    label_id: str
    on: date | None
    basis: Basis


__all__ = ["Basis", "Confidence", "LegalEvent", "Period", "joined"]
