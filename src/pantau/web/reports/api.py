"""REST routes of reports (django-ninja): the figures of a report, the same JSON as the report
page's twin, and the public transparency counts of an agency (no account)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field

from pantau.domain.access import Action
from pantau.domain.errors import InputError
from pantau.text import render as render_text
from pantau.web.labels import reader_language
from pantau.web.pages import scope_of
from pantau.web.registry.models import Agency
from pantau.web.reports import compare, public
from pantau.web.reports.area import area_for
from pantau.web.reports.query import read_period, read_year
from pantau.web.review.api import ERRORS, FORBIDDEN, NOT_FOUND

router = Router(tags=["reports"])


class FiguresIn(Schema):
    agency: str = Field("", max_length=64, pattern=r"^[a-z0-9-]*$")
    unit: str = Field("", max_length=64, pattern=r"^[^\x00]*$")
    period: str = Field("", max_length=7, pattern=r"^(|[0-9]{4}(-(0[1-9]|1[0-2])|-[Qq][1-4])?)$")
    start: str = Field("", alias="from", max_length=10, pattern=r"^(|[0-9]{4}-[0-9]{2}-[0-9]{2})$")
    end: str = Field("", alias="to", max_length=10, pattern=r"^(|[0-9]{4}-[0-9]{2}-[0-9]{2})$")


def _problem(error: InputError) -> dict[str, str]:
    text = render_text(error.message, reader_language()) if error.message else str(error)
    return {"detail": text}


@router.get("/reports/figures", response={200: dict[str, Any], **ERRORS},
            summary="A report's figures (an agency or unit, a period and the period before)")
def figures(request: HttpRequest, params: Query[FiguresIn]) -> Status[dict[str, Any]]:
    scope = scope_of(request)
    if not scope.can(Action.VIEW_REPORTS):
        return Status(403, FORBIDDEN)
    today = timezone.localdate()
    try:
        area = area_for(scope, params.agency or scope.agency_id, params.unit)
        period = read_period(params.period, params.start, params.end, today)
    except PermissionDenied:
        return Status(403, FORBIDDEN)
    except InputError as error:
        return Status(400, _problem(error))
    return Status(200, compare.report(area, period, today, reader_language()))


@router.get("/transparency/{agency}", auth=None, response={200: dict[str, Any], **ERRORS},
            summary="An agency's public counts in a year (no account)")
def transparency(request: HttpRequest, agency: str, year: str = "") -> Status[dict[str, Any]]:
    found = Agency.objects.filter(pk=agency).first()
    if found is None:
        return Status(404, NOT_FOUND)
    today = timezone.localdate()
    try:
        number = read_year(year, today)
    except InputError as error:
        return Status(400, _problem(error))
    return Status(200, public.transparency(found, number, today))


__all__ = ["router"]
