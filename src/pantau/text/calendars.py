"""An agency's calendar year as plain data in one language: what `pantau calendar show` prints
and the agency calendar page shows (one shape for both edges)."""

from __future__ import annotations

from typing import Any

from pantau.domain.calendar import AgencyCalendar
from pantau.domain.text import DayName
from pantau.domain.worktime import DatedWeek, Week
from pantau.text import render, text


def calendar_overview(calendar: AgencyCalendar, year: int, lang: str) -> dict[str, Any]:
    """The agency's year: weeks, dated weeks, days off with their decrees
    (MissingCalendarData for a year without holiday data)."""
    days_off = calendar.days_off(year)
    dated = [item for item in calendar.dated_weeks if item.first.year <= year <= item.last.year]
    return {
        "agency": calendar.agency_id,
        "name": calendar.name,
        "zone": calendar.zone.key,
        "zone_label": calendar.zone_label,
        "year": year,
        "week": week_data(calendar.week, lang),
        "dated_weeks": [_dated_data(item, lang) for item in dated],
        "days_off": [
            {
                "date": off.day.isoformat(),
                "day": render(DayName(off.day), lang),
                "kind": off.kind.value,
                "name": render(off.name, lang),
                "decree": off.decree,
            }
            for off in days_off
        ],
    }


def render_overview(overview: dict[str, Any], lang: str) -> list[str]:
    """Text lines of an overview, for people."""
    lines = [
        f"{overview['name']} ({overview['agency']}), {overview['zone']} ({overview['zone_label']})"
    ]
    lines += _render_week(text("show.week", lang), overview["week"])
    for item in overview["dated_weeks"]:
        lines += _render_week(f"{item['label']} ({item['first']} – {item['last']})", item["week"])
    count = len(overview["days_off"])
    lines.append(f"{text('show.days_off', lang)} {overview['year']} ({count}):")
    for off in overview["days_off"]:
        kind = text(f"show.kind.{off['kind']}", lang)
        lines.append(f"  {off['date']} {off['day']:<7} {kind:<15} {off['name']} — {off['decree']}")
    return lines


def _render_week(title: str, week: dict[str, Any]) -> list[str]:
    lines = [f"{title}: {week['name']} ({week['hours']}; {week['basis']})"]
    return lines + [f"  {line}" for line in week["days"]]


def week_data(week: Week, lang: str) -> dict[str, Any]:
    """A week's name, total hours, basis and its runs of equal days."""
    runs = [
        render(run, lang)
        for weekday, schedule in enumerate(week.days)
        if schedule is not None
        and (weekday == 0 or week.days[weekday - 1] != schedule)
        and (run := week.describe(weekday)) is not None
    ]
    return {
        "name": render(week.name, lang),
        "hours": render(week.hours_text, lang),
        "basis": week.basis,
        "days": runs,
    }


def _dated_data(item: DatedWeek, lang: str) -> dict[str, Any]:
    return {
        "label": render(item.label, lang),
        "first": item.first.isoformat(),
        "last": item.last.isoformat(),
        "basis": item.basis,
        "week": week_data(item.week, lang),
    }


__all__ = ["calendar_overview", "render_overview", "week_data"]
