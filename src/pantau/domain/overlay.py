"""What is known of one employee's time: approved leave, a shift roster, official assignments.

The registry (or, without one, the activity itself) builds an `EmployeeOverlay`; the agency
calendar reads it when it answers whether an instant was working time for that employee.
Every datetime here must be aware (carry an offset).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

from pantau.domain.errors import InvalidDatetime
from pantau.domain.text import Message, joined, say


def require_aware(value: datetime, field: str) -> datetime:
    """The value itself, or InvalidDatetime when it has no UTC offset."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidDatetime(
            f"{field}: {value.isoformat()} has no UTC offset; "
            f"write it with one, e.g. {value.isoformat()}+07:00"
        )
    return value


@dataclass(frozen=True)
class LeavePeriod:
    """Approved leave (cuti), first and last date inclusive, in the agency's local dates."""

    first: date
    last: date
    kind: str = "cuti"
    reference: str = ""

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"leave ends ({self.last}) before it starts ({self.first})")

    @classmethod
    def on(cls, day: date, kind: str = "cuti", reference: str = "") -> LeavePeriod:
        """Leave on a single date (e.g. an activity that says `signals.on_leave: true`)."""
        return cls(day, day, kind, reference)

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last

    @cached_property
    def text(self) -> Message:
        """`cuti pegawai (cuti tahunan, SK 12)` / `employee on leave (…)`: one message a
        period (it is a calendar fact of every activity on the period's days, compared and
        hashed by the check's lookups: one object is found by identity)."""
        detail = tuple(part for part in (self.kind, self.reference) if part)
        if not detail:
            return say("leave.plain")
        return say("leave.detail", detail=joined(detail, ", "))


@dataclass(frozen=True)
class Shift:
    """One rostered shift, [start, end), aware datetimes; it may cross midnight."""

    start: datetime
    end: datetime
    label: str = ""

    def __post_init__(self) -> None:
        require_aware(self.start, "shift.start")
        require_aware(self.end, "shift.end")
        if self.end <= self.start:
            raise ValueError(f"shift {self.label!r} ends before it starts")


@dataclass(frozen=True)
class Assignment:
    """An official assignment (surat tugas): aware [start, end) and its reference."""

    start: datetime
    end: datetime
    reference: str

    def __post_init__(self) -> None:
        require_aware(self.start, "assignment.start")
        require_aware(self.end, "assignment.end")
        if self.end <= self.start:
            raise ValueError(f"assignment {self.reference!r} ends before it starts")


def overlaps(start: datetime, end: datetime | None, first: datetime, last: datetime) -> bool:
    """Whether [start, end) (or the instant start, when end is None) meets [first, last)."""
    if end is None or end <= start:
        return first <= start < last
    return start < last and first < end


@dataclass(frozen=True)
class EmployeeOverlay:
    """What the registry (or the activity) knows of one employee's time."""

    leave: tuple[LeavePeriod, ...] = ()
    roster: tuple[Shift, ...] | None = None
    assignments: tuple[Assignment, ...] = ()

    def leave_on(self, day: date) -> LeavePeriod | None:
        """The leave period covering a local date, if any."""
        return next((period for period in self.leave if period.covers(day)), None)

    def official_duty(self, start: datetime, end: datetime | None = None) -> bool:
        """Whether [start, end) (or the instant) overlaps an official assignment."""
        require_aware(start, "start")
        if end is not None:
            require_aware(end, "end")
        return any(overlaps(start, end, item.start, item.end) for item in self.assignments)

    def duty_for(self, start: datetime, end: datetime | None = None) -> Assignment | None:
        """The first assignment that [start, end) overlaps, for explanations."""
        return next(
            (item for item in self.assignments if overlaps(start, end, item.start, item.end)),
            None,
        )


__all__ = [
    "Assignment",
    "EmployeeOverlay",
    "LeavePeriod",
    "Shift",
    "overlaps",
    "require_aware",
]
