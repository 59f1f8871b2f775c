"""Working weeks: a day's hours and breaks, a week of such days, dated weeks, days off.

Times of day are whole minutes after local midnight; every span is half-open, so 07:30-16:00
holds 07:30 and 15:59:59 but not 16:00. The words a reason is built from (Indonesian first,
English beside it) live here too, so that the calendar and its callers say things one way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

DAY_NAMES_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
DAY_NAMES_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS_ID = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MINUTES_PER_DAY = 24 * 60


def clock(minutes: int, lang: str = "id") -> str:
    """`07.30` in Indonesian style, `07:30` in English."""
    separator = "." if lang == "id" else ":"
    return f"{minutes // 60:02d}{separator}{minutes % 60:02d}"


def day_label(day: date, lang: str = "id") -> str:
    """`Selasa 3 Feb 2026` / `Tuesday 3 Feb 2026`."""
    names, months = (DAY_NAMES_ID, MONTHS_ID) if lang == "id" else (DAY_NAMES_EN, MONTHS_EN)
    return f"{names[day.weekday()]} {day.day} {months[day.month - 1]} {day.year}"


@dataclass(frozen=True, order=True)
class Span:
    """A half-open stretch of a day, in minutes after midnight: [start, end)."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end <= MINUTES_PER_DAY:
            raise ValueError(f"span {self.start}-{self.end} is not within one day, start < end")

    def label(self, lang: str = "id") -> str:
        """`12.00–13.00` / `12:00–13:00`."""
        return f"{clock(self.start, lang)}–{clock(self.end, lang)}"


@dataclass(frozen=True)
class DaySchedule:
    """The hours of one working day and the breaks inside them (breaks are not working time)."""

    hours: Span
    breaks: tuple[Span, ...] = ()

    def __post_init__(self) -> None:
        previous = self.hours.start
        for pause in self.breaks:
            if pause.start < previous or pause.end > self.hours.end:
                raise ValueError(
                    f"break {pause.label()} is not inside {self.hours.label()} in order"
                )
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

    def label(self, lang: str = "id") -> str:
        """`07.30–16.00, istirahat 12.00–13.00`."""
        word = "istirahat" if lang == "id" else "break"
        pauses = ", ".join(pause.label(lang) for pause in self.breaks)
        return self.hours.label(lang) + (f", {word} {pauses}" if pauses else "")


@dataclass(frozen=True)
class Week:
    """A working week: one schedule (or None, no work) for each weekday, Monday first."""

    name_id: str
    name_en: str
    days: tuple[DaySchedule | None, ...]
    basis: str

    def __post_init__(self) -> None:
        if len(self.days) != 7:
            raise ValueError(f"week {self.name_en!r} must give 7 days, Monday first")

    @property
    def minutes(self) -> int:
        """Working minutes a week, breaks excluded (as the national rules count them)."""
        return sum(schedule.minutes for schedule in self.days if schedule is not None)

    def describe(self, weekday: int, lang: str = "id") -> str:
        """`Senin–Kamis 07.30–16.00, istirahat 12.00–13.00`: the run of equal days around one."""
        schedule = self.days[weekday]
        if schedule is None:
            return ""
        first = last = weekday
        while first > 0 and self.days[first - 1] == schedule:
            first -= 1
        while last < 6 and self.days[last + 1] == schedule:
            last += 1
        names = DAY_NAMES_ID if lang == "id" else DAY_NAMES_EN
        days = names[first] if first == last else f"{names[first]}–{names[last]}"
        return f"{days} {schedule.label(lang)}"


@dataclass(frozen=True)
class DatedWeek:
    """A week in force from `first` to `last` inclusive (Ramadan, another temporary schedule)."""

    first: date
    last: date
    week: Week
    label_id: str
    label_en: str
    basis: str

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last

    def fact(self, lang: str = "id") -> str:
        """`jam kerja Ramadan 1447 H (19 Feb 2026–20 Mar 2026; <basis>)`."""
        word = "jam kerja" if lang == "id" else "working hours"
        label = self.label_id if lang == "id" else self.label_en
        span = f"{_short(self.first, lang)}–{_short(self.last, lang)}"
        return f"{word} {label} ({span}; {self.basis})"


class DayKind(StrEnum):
    """Why a date is not a working day for the whole agency."""

    NATIONAL_HOLIDAY = "libur_nasional"
    JOINT_LEAVE = "cuti_bersama"
    AGENCY_DAY_OFF = "libur_instansi"

    def label(self, lang: str = "id") -> str:
        return _KIND_LABELS[self][0 if lang == "id" else 1]


_KIND_LABELS = {
    DayKind.NATIONAL_HOLIDAY: ("libur nasional", "national public holiday"),
    DayKind.JOINT_LEAVE: ("cuti bersama", "joint leave day (cuti bersama)"),
    DayKind.AGENCY_DAY_OFF: ("libur instansi", "agency day off"),
}


@dataclass(frozen=True)
class DayOff:
    """A date off for everyone in the agency, its name and the decree that set it."""

    day: date
    kind: DayKind
    name_id: str
    name_en: str
    decree: str

    def describe(self, lang: str = "id") -> str:
        """`libur nasional Isra Mikraj (<the decree that set it>)`."""
        name = self.name_id if lang == "id" else self.name_en
        kind = self.kind.label(lang)
        if name.casefold().startswith(kind.split(" (")[0].casefold()):
            kind = self.kind.label("id")  # "Cuti Bersama Idul Fitri": the kind is not said twice
            return f"{name} ({self.decree})" if lang == "id" else f"{name}, {kind} ({self.decree})"
        return f"{kind} {name} ({self.decree})"


def _short(day: date, lang: str) -> str:
    months = MONTHS_ID if lang == "id" else MONTHS_EN
    return f"{day.day} {months[day.month - 1]} {day.year}"


__all__ = [
    "DAY_NAMES_EN",
    "DAY_NAMES_ID",
    "MONTHS_EN",
    "MONTHS_ID",
    "DatedWeek",
    "DayKind",
    "DayOff",
    "DaySchedule",
    "Span",
    "Week",
    "clock",
    "day_label",
]
