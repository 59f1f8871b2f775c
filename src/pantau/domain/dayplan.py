"""The plan of one local date for one agency: its schedule, its days off, and its segments.

A plan cuts the whole day [00:00, 24:00) into half-open segments, each working or not, each
with the reason a person reads (a `Message`). Answering "is this instant working time?" is
then a lookup in at most a handful of segments, which is what makes the calendar fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from pantau.domain.text import Message, joined, say
from pantau.domain.worktime import MINUTES_PER_DAY, DatedWeek, DayOff, DaySchedule, Span, Week


@dataclass(frozen=True)
class Segment:
    """A half-open stretch [start, end) of a local day, in minutes, and what it is."""

    start: int
    end: int
    working: bool
    reason: Message


@dataclass(frozen=True)
class DayPlan:
    """Everything the calendar knows about one local date."""

    day: date
    week: Week
    dated: DatedWeek | None
    schedule: DaySchedule | None
    days_off: tuple[DayOff, ...]
    segments: tuple[Segment, ...]
    facts: tuple[Message, ...]

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
    facts = tuple(off.text for off in days_off)
    if dated is not None:
        facts += (_dated_fact(dated),)
    if days_off:
        segments: tuple[Segment, ...] = (_closed(days_off),)
    elif schedule is None:
        segments = (_no_work(day.weekday() >= 5, effective),)
    else:
        segments = _open(day.weekday(), effective, dated, schedule)
    return DayPlan(day, effective, dated, schedule, days_off, segments, facts)


# The segments of a day depend on its weekday and schedules only, so days alike share them (and
# the messages in them): a reason or a fact rendered or compared once is known by identity
# from then on, instead of compared field by field with an equal copy from another day.

@lru_cache(maxsize=1024)
def _dated_fact(dated: DatedWeek) -> Message:
    return dated.fact


def _closed(days_off: tuple[DayOff, ...]) -> Segment:
    days = joined(off.text for off in days_off)
    return Segment(0, MINUTES_PER_DAY, False, say("plan.days_off", days=days))


@lru_cache(maxsize=1024)
def _no_work(weekend: bool, week: Week) -> Segment:
    if weekend:
        return Segment(0, MINUTES_PER_DAY, False, say("plan.weekend"))
    return Segment(0, MINUTES_PER_DAY, False, say("plan.not_working_day", week=week.name))


@lru_cache(maxsize=1024)
def _open(
    weekday: int, week: Week, dated: DatedWeek | None, schedule: DaySchedule
) -> tuple[Segment, ...]:
    hours = say("plan.hours_dated", label=dated.label) if dated else say("plan.hours")
    working = say("plan.working", hours=hours, week=week.describe(weekday) or "")
    outside = say("plan.outside", hours=hours, span=schedule.hours.text)
    pieces = [(period, True) for period in schedule.periods]
    pieces += [(pause, False) for pause in schedule.breaks]
    pieces.sort(key=lambda piece: piece[0].start)
    segments: list[Segment] = []
    if schedule.hours.start > 0:
        segments.append(Segment(0, schedule.hours.start, False, outside))
    for span, is_work in pieces:
        reason = working if is_work else say("plan.break", span=span.text)
        segments.append(Segment(span.start, span.end, is_work, reason))
    if schedule.hours.end < MINUTES_PER_DAY:
        segments.append(Segment(schedule.hours.end, MINUTES_PER_DAY, False, outside))
    return tuple(segments)


__all__ = ["DayPlan", "Segment", "plan_day"]
