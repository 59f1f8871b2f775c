"""The report pages: a report per agency, unit and period with its charts and tables, its JSON
twin, CSV and XLSX, the monthly report for the regional head (DOCX, PDF), and the public
transparency page of an agency. Each view parses, asks the scope, calls one service, renders;
the clock is read here, at the edge."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from pantau.domain.access import Action
from pantau.domain.errors import InputError
from pantau.domain.reporting import PeriodKind
from pantau.text import render as render_text
from pantau.web import errors
from pantau.web.labels import reader_language
from pantau.web.pages import detail_answer, scope_of, signed_in
from pantau.web.registry.models import Agency, Unit
from pantau.web.reports import charts, compare, export, monthly, public
from pantau.web.reports.query import Asked, asked, read_year

CHARTED = ("complaints", "findings", "review", "stages", "deadlines", "cases_by_unit",
           "missed_by_unit", "sanctions")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _asked(request: HttpRequest) -> Asked | HttpResponse:
    scope = scope_of(request)
    if not scope.can(Action.VIEW_REPORTS):
        raise PermissionDenied(Action.VIEW_REPORTS.value)
    try:
        return asked(request, scope, timezone.localdate())
    except InputError as error:
        return refused(request, error)


def refused(request: HttpRequest, error: InputError) -> HttpResponse:
    """A 400 that says, in the reader's language, what is wrong and how to fix it."""
    detail = render_text(error.message, reader_language()) if error.message else str(error)
    return errors.answer(request, 400, _("The report cannot be made"), detail)


def _data(ask: Asked, lang: str) -> dict[str, Any]:
    return compare.report(ask.area, ask.period, timezone.localdate(), lang)


@signed_in
def report(request: HttpRequest, fmt: str = "") -> HttpResponse:
    """The report page (and its JSON twin: `report.json` or `?format=json`)."""
    ask = _asked(request)
    if isinstance(ask, HttpResponse):
        return ask
    data = _data(ask, reader_language())
    sections = data["sections"]
    context = {
        "parts": [{"key": name, "section": section,
                   "chart": charts.bars(section["title"], section["rows"])
                   if name in CHARTED else None}
                  for name, section in sections.items()],
        "units": Unit.objects.filter(pk__in=sorted(ask.area.unit_ids or ()))
        if ask.area.unit_ids is not None else Unit.objects.filter(agency=ask.area.agency),
        "query": request.GET.urlencode(),
        "monthly": ask.period.kind is PeriodKind.MONTH,
    }
    return detail_answer(request, fmt, "reports/report.html", data, context)


@signed_in
def report_export(request: HttpRequest, kind: str) -> HttpResponse:
    """The report as CSV or XLSX."""
    ask = _asked(request)
    if isinstance(ask, HttpResponse):
        return ask
    data = _data(ask, reader_language())
    name = _file_name(ask)
    if kind == "csv":
        response = HttpResponse(export.to_csv(data), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(export.to_xlsx(data), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


def _file_name(ask: Asked) -> str:
    unit = f"-{ask.area.unit.code}" if ask.area.unit is not None else ""
    return f"laporan-{ask.area.agency.pk}{unit}-{ask.period.label.replace('..', '_')}"


@signed_in
def monthly_report(request: HttpRequest, kind: str) -> HttpResponse:
    """The monthly report for the regional head on the agency's letterhead: the DOCX at once,
    the PDF once the worker has made it (seconds; until then a page that says so)."""
    ask = _asked(request)
    if isinstance(ask, HttpResponse):
        return ask
    if ask.period.kind is not PeriodKind.MONTH:
        return errors.answer(request, 400, _("The report cannot be made"),
                             _("The monthly report needs one month, e.g. period=2026-10."))
    today = timezone.localdate()
    agency, unit = ask.area.agency.pk, ask.area.unit.code if ask.area.unit else ""
    if kind == "docx":
        return _download(monthly.docx(ask.area, ask.period.label, today), DOCX, ask, kind)
    found = monthly.made(agency, unit, ask.period.label, today)
    if found is None:
        monthly.ask(agency, unit, ask.period.label, today)
        found = monthly.made(agency, unit, ask.period.label, today)  # an immediate worker
    if found is None:
        return errors.answer(request, 202, _("The PDF is being made"),
                             _("Reload this page in a few seconds. If it does not come, "
                               "download the DOCX."))
    if "error" in found:
        return errors.answer(request, 503, _("The PDF cannot be made now"),
                             _("LibreOffice is not available on the server. Download the "
                               "DOCX instead, or ask the operator."))
    return _download(found["pdf"], "application/pdf", ask, kind)


def _download(content: bytes, content_type: str, ask: Asked, kind: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{_file_name(ask)}.{kind}"'
    return response


def transparency(request: HttpRequest, agency: str, fmt: str = "") -> HttpResponse:
    """The public transparency page of an agency for one year: counts only, no login."""
    found = Agency.objects.filter(pk=agency).first()
    if found is None:
        raise Http404(agency)
    today = timezone.localdate()
    try:
        number = read_year(request.GET.get("year", ""), today)
    except InputError as error:
        return refused(request, error)
    data = public.transparency(found, number, today)
    return detail_answer(request, fmt, "reports/transparency.html", data, {})


__all__ = ["monthly_report", "report", "report_export", "transparency"]
