"""An agency's working calendar: its week, the Ramadan week, every day off of a year, and the
"Cek jam kerja" form (a GET form, so its answer has a JSON twin too).

A year without holiday data shows the calendar's own message (404); a malformed year or
date-time shows a field error (400); neither is ever a 500.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from pantau.domain.access import Action
from pantau.domain.activities import require_convertible
from pantau.domain.calendar import AgencyCalendar
from pantau.domain.errors import InvalidDatetime, PantauError
from pantau.domain.worktime import DayKind
from pantau.text import render as render_text
from pantau.text.calendars import calendar_overview
from pantau.web.pages import json_link, require, signed_in, wants_json, whole_number
from pantau.web.registry.models import Agency
from pantau.web.registry.worknow import calendar_of

FieldErrors = dict[str, str]


@signed_in
def agency_calendar(request: HttpRequest, pk: str, fmt: str = "") -> HttpResponse:
    scope = require(request, Action.VIEW_STRUCTURE)
    record = scope.filter(Agency.objects.filter(pk=pk)).first()
    if record is None:
        raise Http404(pk)
    lang = "en" if (get_language() or "id").startswith("en") else "id"
    calendar, problem = calendar_of(record.pk)
    data: dict[str, Any] = {"agency": record.pk, "name": record.name, "errors": {}}
    status = 200
    if calendar is None:
        data["error"], status = problem, 404
    else:
        status = _fill(data, calendar, request, lang)
    if wants_json(request, fmt):
        return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    context = {
        "data": data,
        "record": record,
        "json_url": json_link(request),
        "query": request.GET,
        "years": list(calendar.years) if calendar is not None else [],
    }
    return render(request, "registry/agency_calendar.html", context, status=status)


def _fill(data: dict[str, Any], calendar: AgencyCalendar, request: HttpRequest, lang: str) -> int:
    """The year's overview and the form's answer into `data`; the HTTP status."""
    errors: FieldErrors = data["errors"]
    today = timezone.now().astimezone(calendar.zone).date()
    year = _year(request.GET.get("year", ""), today.year, errors)
    data |= {"year": year, "years": list(calendar.years), "zone": calendar.zone.key}
    status = 200
    try:
        overview = calendar_overview(calendar, year, lang)
    except PantauError as error:
        data["error"], status = said(error, lang), 404
    else:
        data |= {key: overview[key] for key in ("zone_label", "week")}
        data["dated_weeks"] = [_dated(item) for item in overview["dated_weeks"]]
        data["days_off"] = [_day_off(item, lang) for item in overview["days_off"]]
    if request.GET.get("at", "").strip():
        data["check"] = check(calendar, request.GET, errors, lang)
    return 400 if errors else status


def said(error: PantauError, lang: str) -> str:
    """What a person reads of an error: its message for people, never a repository path."""
    if error.message is not None:
        return render_text(error.message, lang)
    return _("This could not be answered; check what you typed and try again.")


def _dated(item: dict[str, Any]) -> dict[str, Any]:
    return item | {
        "first_date": date.fromisoformat(item["first"]),
        "last_date": date.fromisoformat(item["last"]),
    }


def _day_off(item: dict[str, Any], lang: str) -> dict[str, Any]:
    return item | {
        "date": date.fromisoformat(item["date"]),
        "kind_label": render_text(DayKind(item["kind"]).label, lang),
    }


def _year(text: str, default: int, errors: FieldErrors) -> int:
    text = text.strip()
    if not text:
        return default
    year = whole_number(text)
    if year is not None and 1900 <= year <= 2999:
        return year
    errors["year"] = _("Year “%(value)s” is not a year; write four digits, e.g. %(example)s.") % {
        "value": text[:20],
        "example": default,
    }
    return default


def check(
    calendar: AgencyCalendar, query: Any, errors: FieldErrors, lang: str
) -> dict[str, Any] | None:
    """The "Cek jam kerja" answer for `at` (and optional `end`), in the agency's zone."""
    start = _moment(calendar, query.get("at", ""), "at", errors)
    end_text = query.get("end", "").strip()
    end = _moment(calendar, end_text, "end", errors) if end_text else None
    if start is None or (end_text and end is None):
        return None
    if end is not None and end <= start:
        errors["end"] = _("The end must be after the start.")
        return None
    try:
        answer = calendar.working_time(start, end)
    except PantauError as error:
        errors["at"] = said(error, lang)
        return None
    return {
        "at": start.isoformat(),
        "end": end.isoformat() if end is not None else None,
        "working": answer.working,
        "reason": render_text(answer.reason, lang),
        "facts": [render_text(fact, lang) for fact in answer.facts],
    }


def _moment(
    calendar: AgencyCalendar, text: str, field: str, errors: FieldErrors
) -> datetime | None:
    """A date-time typed in the agency's zone (an explicit offset is honoured)."""
    text = text.strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        errors[field] = _(
            "“%(value)s” is not a date and time; write e.g. 2026-02-03T09:15 (time in %(zone)s)."
        ) % {"value": text[:40], "zone": calendar.zone_label}
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=calendar.zone)
    try:
        return require_convertible(moment, field)
    except InvalidDatetime:  # it would overflow in the agency's zone
        errors[field] = _(
            "“%(value)s” is too near year 1 or year 9999 to be converted between time zones; "
            "write a date between them."
        ) % {"value": text[:40]}
        return None
