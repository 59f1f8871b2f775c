"""Working time "now" on the pages: an agency's calendar answer for the current instant, the
next days off, and one employee's answer with their leave, roster and assignments.

The clock is read at the web edge (the views) and passed in as `now`; this module only maps
registry records to the domain's `EmployeeOverlay` and asks the agency calendar.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from pantau.domain.calendar import AgencyCalendar
from pantau.domain.errors import MissingCalendarData, PantauError
from pantau.domain.overlay import EmployeeOverlay
from pantau.rules.calendars import load_calendar
from pantau.text import render as render_text
from pantau.web.registry.models import Assignment, Employee, Leave, Shift
from pantau.web.registry.records import duty_window, leave_period, roster_shift

T = TypeVar("T")

UPCOMING_DAYS_OFF = 5
ROSTER_WINDOW = timedelta(days=2)


def calendar_of(agency_id: str) -> tuple[AgencyCalendar | None, str]:
    """The agency's calendar, or None and the calendar's own message why there is none."""
    try:
        return load_calendar(agency_id), ""
    except PantauError as error:
        return None, str(error)


def agency_now(agency_id: str, name: str, now: datetime, lang: str) -> dict[str, Any]:
    """Whether `now` is working time at an agency, why, and its next days off."""
    calendar, problem = calendar_of(agency_id)
    found: dict[str, Any] = {"agency": agency_id, "name": name}
    if calendar is None:
        return found | {"working": None, "reason": problem, "next_days_off": []}
    try:
        answer = calendar.working_time(now)
    except PantauError as error:
        return found | {"working": None, "reason": str(error), "next_days_off": []}
    return found | {
        "working": answer.working,
        "reason": render_text(answer.reason, lang),
        "local": answer.local.isoformat(),
        "next_days_off": next_days_off(calendar, answer.local.date(), lang),
    }


def next_days_off(calendar: AgencyCalendar, today: date, lang: str) -> list[dict[str, Any]]:
    """The next agency-wide days off from `today` on (holidays, cuti bersama, own days off),
    over the years the calendar covers."""
    found: list[dict[str, Any]] = []
    for year in (today.year, today.year + 1):
        try:
            offs = calendar.days_off(year)
        except MissingCalendarData:
            break
        for off in offs:
            if off.day >= today and len(found) < UPCOMING_DAYS_OFF:
                kind, name = render_text(off.kind.label, lang), render_text(off.name, lang)
                found.append(day_off(off.day, kind, name, off.decree))
    return found


def day_off(day: date, kind: str, name: str, decree: str) -> dict[str, Any]:
    return {"date": day, "kind": kind, "name": name, "decree": decree}


def overlay_for(record: Employee, now: datetime) -> EmployeeOverlay:
    """What the registry knows of an employee's time around `now`: all leave, the rostered
    shifts near `now` (a roster replaces the week only when the employee has one), and the
    assignments running near `now`."""
    leave = _present(leave_period(row) for row in Leave.objects.filter(employee=record))
    near = {"starts_at__lt": now + ROSTER_WINDOW, "ends_at__gt": now - ROSTER_WINDOW}
    shifts = _present(roster_shift(row) for row in Shift.objects.filter(employee=record, **near))
    has_roster = shifts or Shift.objects.filter(employee=record).exists()
    duties = _present(
        duty_window(row) for row in Assignment.objects.filter(employee=record, **near)
    )
    return EmployeeOverlay(leave=leave, roster=shifts if has_roster else None, assignments=duties)


def _present(items: Iterable[T | None]) -> tuple[T, ...]:
    return tuple(item for item in items if item is not None)


def employee_now(record: Employee, now: datetime, lang: str) -> dict[str, Any]:
    """Whether `now` is working time for this employee (their agency's calendar with their
    leave, roster and assignments), why, and what of their records is running today."""
    calendar, problem = calendar_of(record.agency_id)
    if calendar is None:
        return {"working": None, "reason": problem, "on_leave": None, "official_duty": None}
    overlay = overlay_for(record, now)
    try:
        answer = calendar.working_time(now, overlay=overlay)
    except PantauError as error:
        return {"working": None, "reason": str(error), "on_leave": None, "official_duty": None}
    leave = overlay.leave_on(answer.local.date())
    duty = overlay.duty_for(now)
    return {
        "working": answer.working,
        "reason": render_text(answer.reason, lang),
        "local": answer.local.isoformat(),
        "on_leave": leave.kind if leave is not None else None,
        "official_duty": duty.reference if duty is not None else None,
    }
