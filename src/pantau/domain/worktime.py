"""Working weeks: a day's hours and breaks, a week of such days, dated weeks, days off.

Times of day are whole minutes after local midnight; every span is half-open, so 07:30-16:00
holds 07:30 and 15:59:59 but not 16:00. What a week, a day off or a dated schedule says about
itself is a `Message` (pantau.domain.text): the words are chosen at the edge, in either
language, from the message catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pantau.domain.text import Message, ShortDate, Term, Value, joined, say
from pantau.domain.text import Span as SpanText

MINUTES_PER_DAY = 24 * 60


def clock(minutes: int) -> str:
    """`07:30`, for messages to developers (data errors); people read `Clock` renderings."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def weekday(index: int) -> Message:
    """The name of a weekday, Monday = 0: `Senin` / `Monday`."""
    return say(f"weekday.{index}")


@dataclass(frozen=True, order=True)
class Span:
    """A half-open stretch of a day, in minutes after midnight: [start, end)."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end <= MINUTES_PER_DAY:
            raise ValueError(f"span {self.start}-{self.end} is not within one day, start < end")

    @property
    def text(self) -> SpanText:
        """`12.00–13.00` / `12:00–13:00`."""
        return SpanText(self.start, self.end)

    def __str__(self) -> str:
        return f"{clock(self.start)}-{clock(self.end)}"


@dataclass(frozen=True)
class DaySchedule:
    """The hours of one working day and the breaks inside them (breaks are not working time)."""

    hours: Span
    breaks: tuple[Span, ...] = ()

    def __post_init__(self) -> None:
        previous = self.hours.start
        for pause in self.breaks:
            if pause.start < previous or pause.end > self.hours.end:
                raise ValueError(f"break {pause} is not inside {self.hours} in order")
            previous = pause.end

    @property
    def periods(self) -> tuple[Span, ...]:
        """Working periods of the day, breaks excluded, in order."""
        pieces: list[Span] = []
        cursor = self.hours.start
        for pause in self.breaks:
            if pause.start > cursor:
                pieces.append(Span(cursor, pause.start))
            cursor = pause.end
        if cursor < self.hours.end:
            pieces.append(Span(cursor, self.hours.end))
        return tuple(pieces)

    @property
    def minutes(self) -> int:
        """Working minutes, breaks excluded."""
        return sum(period.end - period.start for period in self.periods)

    @property
    def text(self) -> Message:
        """`07.30–16.00, istirahat 12.00–13.00`."""
        if not self.breaks:
            return say("schedule.hours", hours=self.hours.text)
        pauses = joined((pause.text for pause in self.breaks), ", ")
        return say("schedule.hours_breaks", hours=self.hours.text, breaks=pauses)


@dataclass(frozen=True)
class Week:
    """A working week: one schedule (or None, no work) for each weekday, Monday first."""

    name: Term
    days: tuple[DaySchedule | None, ...]
    basis: str

    def __post_init__(self) -> None:
        if len(self.days) != 7:
            raise ValueError(f"week {self.name.en!r} must give 7 days, Monday first")

    @property
    def minutes(self) -> int:
        """Working minutes a week, breaks excluded (as the national rules count them)."""
        return sum(schedule.minutes for schedule in self.days if schedule is not None)

    def run(self, index: int) -> tuple[int, int]:
        """The first and last weekday of the run of equal days around `index`."""
        schedule = self.days[index]
        first = last = index
        while first > 0 and self.days[first - 1] == schedule:
            first -= 1
        while last < 6 and self.days[last + 1] == schedule:
            last += 1
        return first, last

    def describe(self, index: int) -> Message | None:
        """`Senin–Kamis 07.30–16.00, istirahat 12.00–13.00`: the run of equal days around
        weekday `index` (Monday = 0); None on a day without work."""
        schedule = self.days[index]
        if schedule is None:
            return None
        first, last = self.run(index)
        days: Value = weekday(first)
        if first != last:
            days = say("weekday.range", first=weekday(first), last=weekday(last))
        return say("week.run", days=days, schedule=schedule.text)

    @property
    def hours_text(self) -> Message:
        """`37 jam 30 menit` / `37 h 30 min`."""
        hours, minutes = divmod(self.minutes, 60)
        return say("week.total", hours=hours, minutes=minutes)


@dataclass(frozen=True)
class DatedWeek:
    """A week in force from `first` to `last` inclusive (Ramadan, another temporary schedule).

    `label` names it (a `Term` from data, or a message such as `Ramadan 1447 H`); `ramadan`
    says whether it is a Ramadan week, which a unit with its own Ramadan week replaces."""

    first: date
    last: date
    week: Week
    label: Value
    basis: str
    ramadan: bool = False

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last

    @property
    def fact(self) -> Message:
        """`jam kerja Ramadan 1447 H (19 Feb 2026–20 Mar 2026; <basis>)`."""
        return say(
            "calendar.dated_fact",
            label=self.label,
            first=ShortDate(self.first),
            last=ShortDate(self.last),
            basis=self.basis,
        )


def ramadan_label(hijri: int) -> Message:
    """`Ramadan 1447 H` / `Ramadan 1447 AH`."""
    return say("calendar.ramadan", hijri=hijri)


class DayKind(StrEnum):
    """Why a date is not a working day for the whole agency."""

    NATIONAL_HOLIDAY = "libur_nasional"
    JOINT_LEAVE = "cuti_bersama"
    AGENCY_DAY_OFF = "libur_instansi"

    @property
    def label(self) -> Message:
        """`libur nasional` / `national public holiday`."""
        return say(f"day_kind.{self.value}")


@dataclass(frozen=True)
class DayOff:
    """A date off for everyone in the agency, its name and the decree that set it."""

    day: date
    kind: DayKind
    name: Term
    decree: str

    @property
    def text(self) -> Message:
        """`libur nasional Isra Mikraj (<decree>)`; a joint-leave day's name already says
        what it is (`Cuti Bersama Idul Fitri 1447 H (<decree>)`, a calendar test checks that
        every one does), so the kind is not said twice."""
        if self.kind is DayKind.JOINT_LEAVE:
            return say("day_off.joint_leave", name=self.name, decree=self.decree)
        return say("day_off.named", kind=self.kind.label, name=self.name, decree=self.decree)


__all__ = [
    "MINUTES_PER_DAY",
    "DatedWeek",
    "DayKind",
    "DayOff",
    "DaySchedule",
    "Span",
    "Week",
    "clock",
    "ramadan_label",
    "weekday",
]
