"""An agency's working-time calendar: its week, dated weeks (Ramadan), days off, its zone.

Working periods are half-open and breaks are not working time (SPEC §3). An instant or an
interval is converted to the agency's zone first; an interval is working time when any part
of [start, end) overlaps a working period. The calendar covers the years it holds holiday data
for, and raises MissingCalendarData for any other year instead of guessing.

Working-day arithmetic: `add_working_days(d, n)` is the n-th working day after d (before d
when n < 0; d itself when n == 0), and `count_working_days(a, b)` counts working days in
(a, b] (minus those in [b, a) when b < a), so that `count(d, add(d, n)) == n` for every n.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

from pantau.domain.dayplan import DayPlan, Segment, plan_day
from pantau.domain.errors import MissingCalendarData
from pantau.domain.overlay import EmployeeOverlay, overlaps, require_aware
from pantau.domain.reasons import LazyReason, reason_message
from pantau.domain.text import Clock, LongDate, Message, Span, Value, say
from pantau.domain.values import built
from pantau.domain.worktime import DatedWeek, DayOff, Week


@dataclass(frozen=True)
class WorkingTimeAnswer(LazyReason):
    """Whether [start, end) (or the instant start) was working time, why, and the calendar
    facts used (days off, a dated schedule, the employee's leave). The calendar builds it with
    the reason's parts; the reason is made when first read (pantau.domain.reasons)."""

    working: bool
    local: datetime
    reason: Message
    facts: tuple[Message, ...] = ()


def _answer(working: bool, local: datetime, when: tuple[str, tuple[tuple[str, Value], ...]],
            why: Message, facts: tuple[Message, ...]) -> WorkingTimeAnswer:
    """`WorkingTimeAnswer(working, local, reason, facts)` with the reason `time.reason` of
    `when` (a message's key and parameters) and `why` kept as parts, built in one step (one
    answer an activity: pantau.domain.values, pantau.domain.reasons)."""
    return built(WorkingTimeAnswer, {"working": working, "local": local, "facts": facts,
                                     "_parts": (when[0], when[1], why)})


@dataclass(frozen=True)
class UnitWeeks:
    """The weeks of a unit that does not follow the agency week (a 6-day unit, say)."""

    week: Week
    ramadan_week: Week | None = None


class AgencyCalendar:
    """Working time of one agency, in its own zone."""

    def __init__(
        self,
        agency_id: str,
        name: str,
        zone: ZoneInfo,
        zone_label: str,
        *,
        week: Week,
        days_off: Iterable[DayOff],
        dated_weeks: Sequence[DatedWeek],
        years: Iterable[int],
        data_hint: str = "calendars/national/holidays/",
        units: Mapping[str, UnitWeeks] | None = None,
        version: str = "",
    ) -> None:
        self.agency_id = agency_id
        self.name = name
        self.zone = zone
        self.zone_label = zone_label
        self.week = week
        self.dated_weeks = tuple(dated_weeks)
        self.years = tuple(sorted(set(years)))
        self.data_hint = data_hint
        self.units: Mapping[str, UnitWeeks] = dict(units or {})
        self.version = version  # a digest of the data the calendar was read from
        self._days_off: dict[date, tuple[DayOff, ...]] = {}
        for off in days_off:
            self._days_off[off.day] = (*self._days_off.get(off.day, ()), off)
        if self.years and list(self.years) != list(range(self.years[0], self.years[-1] + 1)):
            raise MissingCalendarData(
                f"holiday data in {data_hint} covers {list(self.years)}, with a gap; "
                "add the missing years"
            )
        self._plans: dict[date, DayPlan] = {}
        self._known_days: dict[date, tuple[DayPlan, tuple[Segment, ...] | None]] = {}
        self._ordinals: list[int] | None = None

    def __repr__(self) -> str:
        return f"AgencyCalendar({self.agency_id!r}, {self.zone.key}, years={self.years})"

    # ----- days -------------------------------------------------------------------------
    def plan(self, day: date) -> DayPlan:
        """The plan of a local date (cached); MissingCalendarData outside the covered years."""
        found = self._plans.get(day)
        if found is None:
            self._require(day)
            dated = next((item for item in self.dated_weeks if item.covers(day)), None)
            found = plan_day(day, self.week, dated, self._days_off.get(day, ()))
            self._plans[day] = found
        return found

    def _day(self, day: date) -> tuple[DayPlan, tuple[Segment, ...] | None]:
        """The plan of a local date and its segment at each minute of the day, kept per
        date: None for a day of one segment (a weekend, a day off: each has its own), else
        one tuple per set of segments (working days alike share their segments:
        pantau.domain.dayplan)."""
        plan = self.plan(day)
        table = None
        if len(plan.segments) > 1:
            kept = _BY_MINUTE.get(id(plan.segments))
            if kept is None or kept[0] is not plan.segments:
                if len(_BY_MINUTE) >= _BY_MINUTE_LIMIT:
                    _BY_MINUTE.clear()
                kept = _BY_MINUTE[id(plan.segments)] = (plan.segments, _by_minute(plan))
            table = kept[1]
        found = self._known_days[day] = (plan, table)
        return found

    def days_off(self, year: int) -> tuple[DayOff, ...]:
        """Every agency-wide day off of a year, in date order."""
        self._require(date(year, 1, 1))
        found = (off for day, offs in self._days_off.items() if day.year == year for off in offs)
        return tuple(sorted(found, key=lambda off: (off.day, off.kind)))

    def is_working_day(self, day: date) -> bool:
        return self.plan(day).working_day

    def working_periods(self, day: date) -> tuple[tuple[datetime, datetime], ...]:
        """Aware half-open working periods [start, end) of a local date, breaks excluded."""
        return tuple(
            (self._at(day, period.start), self._at(day, period.end))
            for period in self.plan(day).periods
        )

    def add_working_days(self, day: date, n: int) -> date:
        """The n-th working day after `day` (before it when n < 0; `day` itself when 0)."""
        self._require(day)
        if n == 0:
            return day
        ordinals = self._working_ordinals()
        if n > 0:
            index = bisect_right(ordinals, day.toordinal()) + n - 1
        else:
            index = bisect_left(ordinals, day.toordinal()) + n
        if index < 0:
            self._require(date(self.years[0] - 1, 12, 31))
        if index >= len(ordinals):
            self._require(date(self.years[-1] + 1, 1, 1))
        return date.fromordinal(ordinals[index])

    def count_working_days(self, start: date, end: date) -> int:
        """Working days in (start, end]; when end < start, minus those in [end, start)."""
        self._require(start)
        self._require(end)
        ordinals = self._working_ordinals()
        if end >= start:
            return bisect_right(ordinals, end.toordinal()) - bisect_right(
                ordinals, start.toordinal()
            )
        return bisect_left(ordinals, end.toordinal()) - bisect_left(ordinals, start.toordinal())

    def for_unit(self, unit: str) -> AgencyCalendar:
        """The calendar of a unit with its own week (e.g. a 6-day unit), same days off."""
        weeks = self.units.get(unit)
        if weeks is None:
            known = ", ".join(sorted(self.units)) or "none"
            raise KeyError(f"agency {self.agency_id} has no unit week {unit!r}; known: {known}")
        dated = tuple(
            replace(item, week=weeks.ramadan_week)
            if weeks.ramadan_week and item.ramadan
            else item
            for item in self.dated_weeks
        )
        offs = [off for offs in self._days_off.values() for off in offs]
        return AgencyCalendar(
            self.agency_id,
            self.name,
            self.zone,
            self.zone_label,
            week=weeks.week,
            days_off=offs,
            dated_weeks=dated,
            years=self.years,
            data_hint=self.data_hint,
        )

    # ----- instants and intervals -------------------------------------------------------
    def working_time(
        self,
        start: datetime,
        end: datetime | None = None,
        overlay: EmployeeOverlay | None = None,
    ) -> WorkingTimeAnswer:
        """Whether [start, end) (the instant start when end is None) overlaps working time."""
        _aware(start, "start")
        zone = self.zone
        local = start.astimezone(zone)
        local_end = None
        if end is not None:
            _aware(end, "end")
            local_end = end.astimezone(zone)
            # compared in one zone (no offsets to work out), unless a time is a repeated one
            if (local_end <= local if not (local.fold or local_end.fold) else end <= start):
                end = local_end = None
        if overlay is not None and overlay.roster is not None:
            return self._roster_time(local, end, overlay)
        if local_end is None:
            return self._instant(local, overlay)
        return self._interval(local, local_end, overlay)

    def _instant(self, local: datetime, overlay: EmployeeOverlay | None) -> WorkingTimeAnswer:
        if overlay is None:  # the common case, in one step (the same answer as below)
            day = local.date()
            known = self._known_days.get(day)
            if known is None:
                known = self._day(day)
            plan, segments = known
            # plan.segment_at(minute): a day of one segment (a weekend, a day off) has no table
            segment = (segments[local.hour * 60 + local.minute] if segments is not None
                       else plan.segments[0])
            return _answer(segment.working, local, self._when_parts(local, None),
                           segment.reason, plan.facts)
        working, why, facts = self._classify(local, overlay)
        return _answer(working, local, self._when_parts(local, None), why, facts)

    def _reason(self, local: datetime, local_end: datetime | None, why: Message) -> Message:
        return reason_message((*self._when_parts(local, local_end), why))

    def _classify(
        self, local: datetime, overlay: EmployeeOverlay | None
    ) -> tuple[bool, Message, tuple[Message, ...]]:
        plan = self.plan(local.date())
        leave = overlay.leave_on(local.date()) if overlay else None
        if leave is not None and plan.working_day:
            return False, leave.text, (*plan.facts, leave.text)
        segment = plan.segment_at(local.hour * 60 + local.minute)
        return segment.working, segment.reason, plan.facts

    def _interval(
        self, local: datetime, local_end: datetime, overlay: EmployeeOverlay | None
    ) -> WorkingTimeAnswer:
        if local_end.date() == local.date():
            return self._same_day(local, local_end, overlay)
        return self._days(local, local_end, overlay)

    def _days(
        self, local: datetime, local_end: datetime, overlay: EmployeeOverlay | None
    ) -> WorkingTimeAnswer:
        """`_interval` day by day: the facts of each day (once each) and the first working
        segment (not on leave) overlapping the interval, else the reason at `local`."""
        day = local.date()
        facts: list[Message] = []
        while day <= local_end.date():
            plan = self.plan(day)
            facts += [fact for fact in plan.facts if fact not in facts]
            leave = overlay.leave_on(day) if overlay else None
            if leave is None:
                hit = _first_overlap(plan, _window(day, local, local_end))
                if hit is not None:
                    return self._interval_hit(local, local_end, hit, tuple(facts))
            elif plan.working_day:
                facts.append(leave.text)
            day += timedelta(days=1)
        _, why, _ = self._classify(local, overlay)
        return _answer(False, local, self._when_parts(local, local_end), why, tuple(facts))

    def _same_day(
        self, local: datetime, local_end: datetime, overlay: EmployeeOverlay | None
    ) -> WorkingTimeAnswer:
        """`_interval` of an interval that ends on the day it starts, without its loop over
        days: the one day's facts (the loop's first pass takes them all, in order), its leave
        or its first working segment overlapping [local, local_end), else the reason at
        `local`. The same answer (a test holds them equal on every minute of sample days)."""
        plan = self.plan(local.date())
        leave = overlay.leave_on(local.date()) if overlay else None
        if leave is None:
            hit = _first_overlap(plan, (_seconds(local), _seconds(local_end)))
            if hit is not None:
                return self._interval_hit(local, local_end, hit, tuple(plan.facts))
            facts = tuple(plan.facts)
        elif plan.working_day:
            facts = (*plan.facts, leave.text)
        else:
            facts = tuple(plan.facts)
        _, why, _ = self._classify(local, overlay)
        return _answer(False, local, self._when_parts(local, local_end), why, facts)

    def _interval_hit(
        self,
        local: datetime,
        local_end: datetime,
        hit: tuple[Segment, float, float],
        facts: tuple[Message, ...],
    ) -> WorkingTimeAnswer:
        segment, lo, hi = hit
        why = _within(segment, int(lo // 60), int(hi // 60))
        return _answer(True, local, self._when_parts(local, local_end), why, facts)

    def _roster_time(
        self, local: datetime, end: datetime | None, overlay: EmployeeOverlay
    ) -> WorkingTimeAnswer:
        roster = overlay.roster or ()
        local_end = end.astimezone(self.zone) if end else None
        facts = (say("roster.fact", count=len(roster)),)
        for shift in roster:
            if not overlaps(local, end, shift.start, shift.end):
                continue
            leave = overlay.leave_on(shift.start.astimezone(self.zone).date())
            if leave is not None:
                why = leave.text
                return WorkingTimeAnswer(
                    False, local, self._reason(local, local_end, why), (*facts, leave.text)
                )
            span = self._shift_span(shift.start, shift.end)
            why = (
                say("roster.shift_named", name=shift.label, span=span)
                if shift.label
                else say("roster.shift", span=span)
            )
            return WorkingTimeAnswer(True, local, self._reason(local, local_end, why), facts)
        why = say("roster.outside")
        return WorkingTimeAnswer(False, local, self._reason(local, local_end, why), facts)

    # ----- helpers ----------------------------------------------------------------------
    def _require(self, day: date) -> None:
        if day.year not in self.years:
            covered = f"{self.years[0]}–{self.years[-1]}" if self.years else "no year"
            raise MissingCalendarData(
                f"no holiday data for {day.year} in {self.data_hint} (covered: {covered}); "
                f"add {self.data_hint}{day.year}.yaml",
                message=say("calendar.missing_year", year=day.year, covered=covered),
            )

    def _working_ordinals(self) -> list[int]:
        if self._ordinals is None:
            first, last = date(self.years[0], 1, 1), date(self.years[-1], 12, 31)
            self._ordinals = [
                ordinal
                for ordinal in range(first.toordinal(), last.toordinal() + 1)
                if self.plan(date.fromordinal(ordinal)).working_day
            ]
        return self._ordinals

    def _at(self, day: date, minute: int) -> datetime:
        if minute >= 24 * 60:
            return datetime(day.year, day.month, day.day, tzinfo=self.zone) + timedelta(days=1)
        return datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=self.zone)

    def _when_parts(self, local: datetime, local_end: datetime | None
                    ) -> tuple[str, tuple[tuple[str, Value], ...]]:
        """The key and parameters of `Selasa 3 Feb 2026 09.15 WIB`, `…09.15–09.40 WIB` or
        `… – Rabu 4 Feb 2026 01.00 WIB`."""
        day, at = _long_date(local.date()), _CLOCKS[local.hour * 60 + local.minute]
        if local_end is None:
            return "time.at", (("date", day), ("clock", at), ("zone", self.zone_label))
        end = _CLOCKS[local_end.hour * 60 + local_end.minute]
        if local_end.date() == local.date():
            return "time.same_day", (("date", day), ("clock", at), ("end", end),
                                     ("zone", self.zone_label))
        return "time.days", (("date", day), ("clock", at),
                             ("end_date", _long_date(local_end.date())), ("end", end),
                             ("zone", self.zone_label))

    def _shift_span(self, start: datetime, end: datetime) -> Span:
        a, b = start.astimezone(self.zone), end.astimezone(self.zone)
        return Span(a.hour * 60 + a.minute, b.hour * 60 + b.minute)




# Every reason names the date and the minute of its activity. One value per date and per
# minute of the day, shared by every reason that names it, is built, hashed and rendered once
# (the values are immutable and compare by value, so sharing them changes no answer).
_CLOCKS = tuple(Clock(minute) for minute in range(24 * 60))


@lru_cache(maxsize=4096)
def _long_date(day: date) -> LongDate:
    return LongDate(day)


# A working day's segments at each minute (AgencyCalendar._day), by the identity of the
# segments' tuple (shared by working days alike: pantau.domain.dayplan), the entry holding
# it: a few per week and dated week of each agency (about 11 KB each), so a small bound.
_BY_MINUTE: dict[int, tuple[tuple[Segment, ...], tuple[Segment, ...]]] = {}
_BY_MINUTE_LIMIT = 2_000


def _by_minute(plan: DayPlan) -> tuple[Segment, ...]:
    """`plan.segment_at(minute)` for every minute of the day: each segment repeated over its
    minutes when the segments cut the day in order (they do: pantau.domain.dayplan), else
    asked minute by minute."""
    table: list[Segment] = []
    for segment in plan.segments:
        if segment.start != len(table) or segment.end < segment.start:
            break
        table += [segment] * (segment.end - segment.start)
    else:
        if len(table) == 24 * 60:
            return tuple(table)
    return tuple(plan.segment_at(minute) for minute in range(24 * 60))


def _aware(value: datetime, field: str) -> None:
    """`require_aware`, without asking a fixed offset (which always has one) for it."""
    zone = value.tzinfo
    if zone is None or (type(zone) is not timezone and value.utcoffset() is None):
        require_aware(value, field)


# `12.00–13.00 dalam jam kerja (...)`: one message per segment and stretch of it, shared by
# every interval it answers (so rendered once, then found by identity), keyed by the segment's
# identity (segments are shared and kept: pantau.domain.dayplan), the entry holding it.
_WITHIN: dict[tuple[int, int, int], tuple[Segment, Message]] = {}


def _within(segment: Segment, start: int, end: int) -> Message:
    """`say("time.within", part=Span(start, end), segment=segment.reason)`, shared."""
    key = (id(segment), start, end)
    kept = _WITHIN.get(key)
    if kept is not None and kept[0] is segment:
        return kept[1]
    why = say("time.within", part=Span(start, end), segment=segment.reason)
    if len(_WITHIN) >= 100_000:
        _WITHIN.clear()
    _WITHIN[key] = (segment, why)
    return why


def _seconds(moment: datetime) -> float:
    return moment.hour * 3600 + moment.minute * 60 + moment.second + moment.microsecond / 1e6


def _window(day: date, local: datetime, local_end: datetime) -> tuple[float, float]:
    """The part of [local, local_end) on `day`, in seconds after local midnight."""
    low = _seconds(local) if day == local.date() else 0.0
    high = _seconds(local_end) if day == local_end.date() else 86400.0
    return low, high


def _first_overlap(
    plan: DayPlan, window: tuple[float, float]
) -> tuple[Segment, float, float] | None:
    low, high = window
    for segment in plan.segments:
        if segment.working and low < segment.end * 60 and segment.start * 60 < high:
            return segment, max(low, segment.start * 60.0), min(high, segment.end * 60.0)
    return None


__all__ = ["AgencyCalendar", "UnitWeeks", "WorkingTimeAnswer"]
