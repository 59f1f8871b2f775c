"""Reading a report request: which agency, unit and period the reader asks for (query
parameters `agency`, `unit`, `period` or `from` and `to`; by default the reader's agency, a
unit head's own unit, and the current month)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import HttpRequest

from pantau.domain.errors import InputError
from pantau.domain.reporting import Period, month, parse_period, period_between
from pantau.domain.text import say
from pantau.web.access.scope import Scope
from pantau.web.pages import whole_number
from pantau.web.reports.area import Area, area_for


@dataclass(frozen=True)
class Asked:
    area: Area
    period: Period


def read_date(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"{field} {text!r} is not a date; write YYYY-MM-DD, "
                         "e.g. 2026-10-01",
                         message=say("report.bad_date", field=field, value=repr(text))) from None


def read_period(period: str, start: str, end: str, today: date) -> Period:
    """The period asked for: `period`, else `from`..`to`, else the current month."""
    if period:
        return parse_period(period)
    if start or end:
        if not (start and end):
            raise InputError("give both from and to (YYYY-MM-DD), or a period (2026-10)",
                             message=say("report.both_dates"))
        return period_between(read_date(start, "from"), read_date(end, "to"))
    return month(today.year, today.month)


def read_year(text: str, today: date) -> int:
    """A year from 2000 to this one (default this one); InputError otherwise."""
    if not text.strip():
        return today.year
    year = whole_number(text)
    if year is None or not 2000 <= year <= today.year:
        raise InputError(f"year {text!r} is not a year from 2000 to {today.year}",
                         message=say("report.bad_year", value=repr(text), last=today.year))
    return year


def asked(request: HttpRequest, scope: Scope, today: date) -> Asked:
    """The area and period of the request (PermissionDenied, InputError)."""
    query = request.GET
    agency = query.get("agency", "").strip() or scope.agency_id
    if not agency:
        from pantau.web.registry.models import Agency

        first = Agency.objects.order_by("pk").first()
        agency = first.pk if first is not None else ""
    area = area_for(scope, agency, query.get("unit", "").strip())
    period = read_period(query.get("period", ""), query.get("from", ""), query.get("to", ""),
                         today)
    return Asked(area, period)


__all__ = ["Asked", "asked", "read_date", "read_period", "read_year"]
