"""The plan of one local date for one agency: its schedule, its days off, and its segments.

A plan cuts the whole day [00:00, 24:00) into half-open segments, each working or not, each
with the reason a person reads (Indonesian and English). Answering "is this instant working
time?" is then a lookup in at most a handful of segments, which is what makes the calendar fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pantau.domain.worktime import MINUTES_PER_DAY, DatedWeek, DayOff, DaySchedule, Span, Week


@dataclass(frozen=True)
class Segment:
    """A half-open stretch [start, end) of a local day, in minutes, and what it is."""

    start: int
    end: int
    working: bool
    reason_id: str
    reason_en: str

    def reason(self, lang: str = "id") -> str:
        return self.reason_id if lang == "id" else self.reason_en


@dataclass(frozen=True)
class DayPlan:
    """Everything the calendar knows about one local date."""

    day: date
    week: Week
    dated: DatedWeek | None
    schedule: DaySchedule | None
    days_off: tuple[DayOff, ...]
    segments: tuple[Segment, ...]
    facts: tuple[str, ...]

    @property
    def working_day(self) -> bool:
        return any(segment.working for segment in self.segments)

    @property
    def periods(self) -> tuple[Span, ...]:
        """Working periods (breaks excluded), empty on a day off."""
        if self.schedule is None or not self.working_day:
            return ()
        return self.schedule.periods

    def segment_at(self, minute: int) -> Segment:
        for segment in self.segments:
            if segment.start <= minute < segment.end:
                return segment
        return self.segments[-1]


def plan_day(
    day: date, week: Week, dated: DatedWeek | None, days_off: tuple[DayOff, ...]
) -> DayPlan:
    """Build the plan of `day` under `week` (the dated week, if any, replaces it)."""
    effective = dated.week if dated is not None else week
    schedule = effective.days[day.weekday()]
    facts = tuple(off.describe() for off in days_off)
    if dated is not None:
        facts += (dated.fact(),)
    if days_off:
        segments: tuple[Segment, ...] = (_closed(days_off),)
    elif schedule is None:
        segments = (_no_work(day, effective),)
    else:
        segments = _open(day, effective, dated, schedule)
    return DayPlan(day, effective, dated, schedule, days_off, segments, facts)


def _closed(days_off: tuple[DayOff, ...]) -> Segment:
    reason_id = "; ".join(off.describe("id") for off in days_off)
    reason_en = "; ".join(off.describe("en") for off in days_off)
    return Segment(0, MINUTES_PER_DAY, False, reason_id, reason_en)


def _no_work(day: date, week: Week) -> Segment:
    if day.weekday() >= 5:
        return Segment(
            0,
            MINUTES_PER_DAY,
            False,
            "bukan hari kerja (akhir pekan)",
            "not a working day (weekend)",
        )
    return Segment(
        0,
        MINUTES_PER_DAY,
        False,
        f"bukan hari kerja ({week.name_id})",
        f"not a working day ({week.name_en})",
    )


def _open(
    day: date, week: Week, dated: DatedWeek | None, schedule: DaySchedule
) -> tuple[Segment, ...]:
    hours_id = "jam kerja" + (f" {dated.label_id}" if dated else "")
    hours_en = (f"{dated.label_en} " if dated else "") + "working hours"
    working = (
        f"{hours_id} ({week.describe(day.weekday(), 'id')})",
        f"{hours_en} ({week.describe(day.weekday(), 'en')})",
    )
    outside = (
        f"di luar {hours_id} ({schedule.hours.label('id')})",
        f"outside {hours_en} ({schedule.hours.label('en')})",
    )
    pieces = [(period, True) for period in schedule.periods]
    pieces += [(pause, False) for pause in schedule.breaks]
    pieces.sort(key=lambda piece: piece[0].start)
    segments: list[Segment] = []
    if schedule.hours.start > 0:
        segments.append(Segment(0, schedule.hours.start, False, *outside))
    for span, is_work in pieces:
        if is_work:
            segments.append(Segment(span.start, span.end, True, *working))
        else:
            segments.append(
                Segment(
                    span.start,
                    span.end,
                    False,
                    f"waktu istirahat {span.label('id')}",
                    f"break {span.label('en')}",
                )
            )
    if schedule.hours.end < MINUTES_PER_DAY:
        segments.append(Segment(schedule.hours.end, MINUTES_PER_DAY, False, *outside))
    return tuple(segments)


__all__ = ["DayPlan", "Segment", "plan_day"]
