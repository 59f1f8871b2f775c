"""Working time "now" on the pages: an agency's calendar answer for the current instant, the
next days off, and one employee's answer with their leave, roster and assignments.

The clock is read at the web edge (the views) and passed in as `now`; this module only maps
registry records to the domain's `EmployeeOverlay` and asks the agency calendar.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pantau.domain.calendar import AgencyCalendar
from pantau.domain.errors import MissingCalendarData, PantauError
from pantau.rules.calendars import load_calendar
from pantau.text import render as render_text
from pantau.web.registry.models import Employee
from pantau.web.registry.records import record_of

UPCOMING_DAYS_OFF = 5


def calendar_of(agency_id: str) -> tuple[AgencyCalendar | None, str]:
    """The agency's calendar, or None and the calendar's own message why there is none."""
    try:
        return load_calendar(agency_id), ""
    except PantauError as error:
        return None, render_text(error.message, "id") if error.message else str(error)


def agency_now(agency_id: str, name: str, now: datetime, lang: str) -> dict[str, Any]:
    """Whether `now` is working time at an agency, why, and its next days off."""
    calendar, problem = calendar_of(agency_id)
    found: dict[str, Any] = {"agency": agency_id, "name": name}
    if calendar is None:
        return found | {"working": None, "reason": problem, "next_days_off": []}
    try:
        answer = calendar.working_time(now)
    except PantauError as error:
        reason = render_text(error.message, lang) if error.message else str(error)
        return found | {"working": None, "reason": reason, "next_days_off": []}
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


def employee_now(record: Employee, now: datetime, lang: str) -> dict[str, Any]:
    """Whether `now` is working time for this employee: their agency's calendar with the
    registry record `pantau check --registry` uses (leave, roster within the dates it covers,
    surat tugas), why, and what of their records is running then."""
    calendar, problem = calendar_of(record.agency_id)
    if calendar is None:
        return {"working": None, "reason": problem, "on_leave": None, "official_duty": None,
                "facts": []}
    registry = record_of(record)
    overlay = registry.overlay_at(now, None, calendar.zone)
    try:
        answer = calendar.working_time(now, overlay=overlay)
    except PantauError as error:
        reason = render_text(error.message, lang) if error.message else str(error)
        return {"working": None, "reason": reason, "on_leave": None, "official_duty": None,
                "facts": []}
    leave = overlay.leave_on(answer.local.date())
    duty = overlay.duty_for(now)
    facts = registry.time_facts(now, None, calendar.zone) + list(answer.facts)
    return {
        "working": answer.working,
        "reason": render_text(answer.reason, lang),
        "local": answer.local.isoformat(),
        "on_leave": leave.kind if leave is not None else None,
        "official_duty": duty.reference if duty is not None else None,
        "facts": [render_text(fact, lang) for fact in facts],
    }
