"""Load the calendar YAML in `pantau/calendars/` into `AgencyCalendar` objects.

    calendars/national/weeks.yaml            default week and default Ramadan week
    calendars/national/ramadan.yaml          Ramadan periods (government dates), cited
    calendars/national/holidays/YYYY.yaml    libur nasional and cuti bersama of a year, cited
    calendars/agencies/<agency-id>.yaml      zone, week, Ramadan week, own days off, units

Every value is validated; a bad one raises DataError naming the file, the line, the field and
the fix. Loaded calendars are cached for the life of the process.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pantau.domain.calendar import AgencyCalendar, UnitWeeks
from pantau.domain.errors import DataError, UnknownAgency
from pantau.domain.text import Term
from pantau.domain.worktime import (
    DatedWeek,
    DayKind,
    DayOff,
    DaySchedule,
    Span,
    Week,
    ramadan_label,
)
from pantau.rules.yamlsource import Where, mapping, read_yaml, text

ROOT = Path(__file__).resolve().parent.parent / "calendars"
HOLIDAYS = "calendars/national/holidays/"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ZONE_LABELS = {"WIB": 7, "WITA": 8, "WIT": 9}
_SPAN = re.compile(r"^(\d\d):(\d\d)-(\d\d):(\d\d)$")


@dataclass(frozen=True)
class NationalCalendar:
    """What every agency shares: weeks, Ramadan periods, national days off, covered years."""

    week: Week
    ramadan_week: Week
    ramadan: tuple[tuple[int, date, date, str], ...]
    days_off: tuple[DayOff, ...]
    years: tuple[int, ...]
    differences: dict[date, str]


def agency_ids() -> tuple[str, ...]:
    """Ids of every agency with a calendar file, sorted."""
    return tuple(sorted(path.stem for path in (ROOT / "agencies").glob("*.yaml")))


@cache
def load_calendar(agency_id: str) -> AgencyCalendar:
    """The calendar of an agency; UnknownAgency (naming the known ids) when there is none."""
    path = ROOT / "agencies" / f"{agency_id}.yaml"
    if not re.fullmatch(r"[a-z0-9-]+", agency_id) or not path.is_file():
        raise UnknownAgency(
            f"unknown agency {agency_id!r}; known agencies: {', '.join(agency_ids())}"
        )
    raw, where = read_yaml(path, ROOT.parent)
    if raw.get("id") != agency_id:
        raise DataError(where.say("id", f"must be {agency_id!r}, the file name"))
    national = load_national()
    week = _week_or_default(raw, "week", national.week, where)
    ramadan_week = _week_or_default(raw, "ramadan_week", national.ramadan_week, where)
    dated = [_schedule(item, where) for item in raw.get("schedules") or []]
    dated += [_ramadan_week(period, ramadan_week) for period in national.ramadan]
    own = [_own_day_off(item, national.years, where) for item in raw.get("days_off") or []]
    zone, label = _zone(raw, where)
    return AgencyCalendar(
        agency_id,
        text(raw, "name", where),
        zone,
        label,
        week=week,
        days_off=[*national.days_off, *own],
        dated_weeks=dated,
        years=national.years,
        data_hint=HOLIDAYS,
        units=_units(raw, where),
        version=calendar_version(agency_id),
    )


@cache
def calendar_version(agency_id: str) -> str:
    """A digest of every file an agency's calendar is read from: it changes when a holiday,
    a Ramadan period, a week or the agency's own days off change."""
    digest = hashlib.sha256()
    files = [ROOT / "agencies" / f"{agency_id}.yaml", *sorted((ROOT / "national").rglob("*.yaml"))]
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@cache
def load_national() -> NationalCalendar:
    """Weeks, Ramadan periods and national days off of every year in the holiday files."""
    weeks, where = read_yaml(ROOT / "national" / "weeks.yaml", ROOT.parent)
    week = _week(mapping(weeks, "default_week", where), where.at(weeks, "default_week"))
    ramadan_week = _week(
        mapping(weeks, "default_ramadan_week", where), where.at(weeks, "default_ramadan_week")
    )
    days_off: list[DayOff] = []
    differences: dict[date, str] = {}
    years: list[int] = []
    for path in sorted((ROOT / "national" / "holidays").glob("*.yaml")):
        year, offs, diffs = _holiday_year(path)
        years.append(year)
        days_off += offs
        differences.update(diffs)
    ramadan = _ramadan_periods(years)
    return NationalCalendar(week, ramadan_week, ramadan, tuple(days_off), tuple(years), differences)


def _holiday_year(path: Path) -> tuple[int, list[DayOff], dict[date, str]]:
    raw, where = read_yaml(path, ROOT.parent)
    year = raw.get("year")
    if not isinstance(year, int) or str(year) != path.stem:
        raise DataError(where.say("year", f"must equal the file name {path.stem}"))
    decrees = mapping(raw, "decrees", where)
    offs = [_national_day(item, year, decrees, where) for item in raw.get("days") or []]
    diffs: dict[date, str] = {}
    for item in raw.get("holidays_package_differences") or []:
        here = where.at(item)
        diffs[_date(item, "date", here)] = text(item, "reason", here)
    return year, offs, diffs


def _national_day(item: Any, year: int, decrees: dict[str, Any], where: Where) -> DayOff:
    here = where.at(item)
    day = _date(item, "date", here)
    if day.year != year:
        raise DataError(here.say("date", f"{day} is not in {year}; move it to {day.year}.yaml"))
    try:
        kind = DayKind(item.get("kind"))
    except ValueError:
        raise DataError(
            here.say("kind", "must be libur_nasional or cuti_bersama (national files)")
        ) from None
    decree = item.get("decree")
    if decree not in decrees:
        raise DataError(here.say("decree", f"{decree!r} is not one of the decrees above"))
    title = text(decrees[decree], "title", where.at(decrees[decree]))
    return DayOff(day, kind, _term(item, "name", here), title)


def _ramadan_periods(years: list[int]) -> tuple[tuple[int, date, date, str], ...]:
    raw, where = read_yaml(ROOT / "national" / "ramadan.yaml", ROOT.parent)
    periods = []
    for item in raw.get("periods") or []:
        here = where.at(item)
        first, last = _date(item, "first", here), _date(item, "last", here)
        if not first < last:
            raise DataError(here.say("last", "must come after first"))
        hijri = item.get("hijri")
        if not isinstance(hijri, int):
            raise DataError(here.say("hijri", "must be the Hijri year, e.g. 1447"))
        periods.append((hijri, first, last, text(item, "hours_basis", here)))
    missing = sorted(set(years) - {first.year for _, first, _, _ in periods})
    if missing:
        raise DataError(
            where.say("periods", f"no Ramadan period for {missing[0]}; add it with its source")
        )
    return tuple(periods)


def _ramadan_week(period: tuple[int, date, date, str], week: Week) -> DatedWeek:
    hijri, first, last, basis = period
    return DatedWeek(first, last, week, ramadan_label(hijri), basis, ramadan=True)


def _schedule(item: Any, where: Where) -> DatedWeek:
    here = where.at(item)
    first, last = _date(item, "first", here), _date(item, "last", here)
    if last < first:
        raise DataError(here.say("last", "must not come before first"))
    basis = text(item, "basis", here)
    week = _week({**mapping(item, "week", here), "basis": basis}, where.at(item, "week"))
    return DatedWeek(first, last, week, _term(item, "label", here), basis)


def _own_day_off(item: Any, years: tuple[int, ...], where: Where) -> DayOff:
    here = where.at(item)
    day = _date(item, "date", here)
    if day.year not in years:
        raise DataError(here.say("date", f"{day.year} has no national holiday file; add it"))
    return DayOff(
        day,
        DayKind.AGENCY_DAY_OFF,
        _term(item, "name", here),
        text(item, "basis", here),
    )


def _units(raw: dict[str, Any], where: Where) -> dict[str, UnitWeeks]:
    units: dict[str, UnitWeeks] = {}
    for name, item in (raw.get("units") or {}).items():
        here = where.at(item)
        basis = text(item, "basis", here)
        week = _week({**mapping(item, "week", here), "basis": basis}, here)
        ramadan = item.get("ramadan_week")
        units[name] = UnitWeeks(week, _week({**ramadan, "basis": basis}, here) if ramadan else None)
    return units


def _week_or_default(raw: dict[str, Any], field: str, default: Week, where: Where) -> Week:
    value = raw.get(field, "default")
    if value == "default":
        return default
    if not isinstance(value, dict):
        raise DataError(where.say(field, "must be `default` or a week with days"))
    return _week(value, where.at(raw, field))


def _week(raw: dict[str, Any], where: Where) -> Week:
    days_raw = mapping(raw, "days", where)
    unknown = set(days_raw) - set(WEEKDAYS)
    if unknown:
        raise DataError(where.say("days", f"unknown day {sorted(unknown)[0]!r}; use {WEEKDAYS}"))
    days = tuple(_day(days_raw.get(name), where.at(days_raw, name)) for name in WEEKDAYS)
    week = Week(_term(raw, "name", where), days, text(raw, "basis", where))
    expected = raw.get("weekly_minutes")
    if expected is not None and expected != week.minutes:
        raise DataError(
            where.say("weekly_minutes", f"says {expected} but the days give {week.minutes}")
        )
    return week


def _term(raw: Any, field: str, where: Where) -> Term:
    """A name data gives in both languages: `<field>_id` and `<field>_en`."""
    return Term(text(raw, f"{field}_id", where), text(raw, f"{field}_en", where))


def _day(raw: Any, where: Where) -> DaySchedule | None:
    if raw is None:
        return None
    try:
        return DaySchedule(
            _span(raw.get("hours"), where),
            tuple(_span(item, where) for item in raw.get("breaks") or []),
        )
    except ValueError as error:
        raise DataError(where.say("breaks", str(error))) from None


def _span(value: Any, where: Where) -> Span:
    found = _SPAN.match(str(value))
    if found is None:
        raise DataError(where.say("hours", f"{value!r} is not HH:MM-HH:MM, e.g. 07:30-16:00"))
    h1, m1, h2, m2 = (int(group) for group in found.groups())
    try:
        return Span(h1 * 60 + m1, h2 * 60 + m2)
    except ValueError as error:
        raise DataError(where.say("hours", str(error))) from None


def _date(raw: Any, field: str, where: Where) -> date:
    value = raw.get(field) if isinstance(raw, dict) else None
    if not isinstance(value, date):
        raise DataError(where.say(field, f"{value!r} is not a date; write YYYY-MM-DD"))
    return value


def _zone(raw: dict[str, Any], where: Where) -> tuple[ZoneInfo, str]:
    label = raw.get("zone_label")
    if label not in ZONE_LABELS:
        raise DataError(where.say("zone_label", "must be WIB, WITA or WIT"))
    try:
        zone = ZoneInfo(str(raw.get("zone")))
    except (ZoneInfoNotFoundError, ValueError):
        raise DataError(where.say("zone", "must be an IANA zone, e.g. Asia/Jakarta")) from None
    offset = datetime(2026, 1, 1, tzinfo=zone).utcoffset()
    if offset is None or offset.total_seconds() != ZONE_LABELS[label] * 3600:
        raise DataError(where.say("zone", f"{zone.key} is not {label} (UTC+{ZONE_LABELS[label]})"))
    return zone, label


__all__ = ["NationalCalendar", "agency_ids", "load_calendar", "load_national"]
