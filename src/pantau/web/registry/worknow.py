"""Working time "now" on the pages: an agency's calendar answer for the current instant, the
next days off, and one employee's answer with their leave, roster and assignments.

The clock is read at the web edge (the views) and passed in as `now`; this module only maps
registry records to the domain's `EmployeeOverlay` and asks the agency calendar.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from pantau.domain.calendar import AgencyCalendar
from pantau.domain.errors import MissingCalendarData, PantauError
from pantau.domain.overlay import Assignment as DutyWindow
from pantau.domain.overlay import EmployeeOverlay, LeavePeriod
from pantau.domain.overlay import Shift as RosterShift
from pantau.rules.calendars import load_calendar
from pantau.web.registry.models import Assignment, Employee, Leave, Shift

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
        "reason": answer.reason(lang),
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
                found.append(day_off(off.day, off.kind.label(lang), _name(off, lang), off.decree))
    return found


def day_off(day: date, kind: str, name: str, decree: str) -> dict[str, Any]:
    return {"date": day, "kind": kind, "name": name, "decree": decree}


def _name(off: Any, lang: str) -> str:
    return str(off.name_id if lang == "id" else off.name_en)


def overlay_for(record: Employee, now: datetime) -> EmployeeOverlay:
    """What the registry knows of an employee's time around `now`: all leave, the rostered
    shifts near `now` (a roster replaces the week only when the employee has one), and the
    assignments running near `now`."""
    leave = tuple(
        LeavePeriod(item.start, item.end, item.kind)
        for item in Leave.objects.filter(employee=record)
        if item.end >= item.start
    )
    window = (now - ROSTER_WINDOW, now + ROSTER_WINDOW)
    shifts = tuple(
        RosterShift(item.starts_at, item.ends_at, item.name)
        for item in Shift.objects.filter(
            employee=record, starts_at__lt=window[1], ends_at__gt=window[0]
        )
        if item.ends_at > item.starts_at
    )
    has_roster = shifts or Shift.objects.filter(employee=record).exists()
    duties = tuple(
        DutyWindow(item.starts_at, item.ends_at, item.number)
        for item in Assignment.objects.filter(
            employee=record, starts_at__lt=window[1], ends_at__gt=window[0]
        )
        if item.ends_at > item.starts_at
    )
    return EmployeeOverlay(leave=leave, roster=shifts if has_roster else None, assignments=duties)


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
        "reason": answer.reason(lang),
        "local": answer.local.isoformat(),
        "on_leave": leave.kind if leave is not None else None,
        "official_duty": duty.reference if duty is not None else None,
    }
