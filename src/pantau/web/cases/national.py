"""The national-record pages for BKPSDM (each with its JSON twin): the SIASN export of the
agency's final sanctions (and its CSV), and the clean-record statement of an employee (its
standing on a date, issuing it, downloading it). Only a role with EXPORT_SIASN in the agency
reaches them; the rows come through the reader's scope."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from pantau.domain.access import Action
from pantau.web.access.scope import Scope
from pantau.web.audit.access import note_reads
from pantau.web.cases import siasn, statements
from pantau.web.cases.models import Case, RecordStatement
from pantau.web.cases.views import stored_letter
from pantau.web.pages import json_link, require, signed_in, wants_json, whole_number
from pantau.web.registry.models import Employee

ACTION = Action.EXPORT_SIASN


def _agency(request: HttpRequest, scope: Scope) -> str:
    """The agency asked for (default: the reader's own); 403 outside the reader's roles."""
    agency = request.GET.get("agency", "")[:64] or scope.agency_id
    if not scope.can(ACTION, agency):
        raise PermissionDenied(ACTION.value)
    return agency


def _export(request: HttpRequest) -> siasn.Export:
    scope = require(request, ACTION)
    agency = _agency(request, scope)
    found = siasn.export(agency, scope.filter(Case.objects.all(), ACTION),
                         timezone.localdate())
    note_reads(request.user.get_username(),
               [(r["employee"]["id"], agency) for r in found.records], "siasn")
    return found


@signed_in
@require_GET
def siasn_page(request: HttpRequest, fmt: str = "") -> HttpResponse:
    """Every final sanction of the agency as a SIASN hukdis record, with what is missing."""
    found = _export(request)
    if wants_json(request, fmt):
        return JsonResponse(found.to_json(), json_dumps_params={"ensure_ascii": False})
    return render(request, "cases/siasn.html", {
        "data": found.to_json(), "json_url": json_link(request),
        "csv_url": reverse("case-siasn-csv") + f"?agency={found.agency}"})


@signed_in
@require_GET
def siasn_csv(request: HttpRequest) -> HttpResponse:
    """The batch CSV of the same records."""
    found = _export(request)
    response = HttpResponse(siasn.to_csv(found), content_type="text/csv; charset=utf-8")
    name = f"siasn-hukdis-{found.agency}-{found.on.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _employee(scope: Scope, text: str, pk: str) -> tuple[Employee | None, list[Employee]]:
    """The employee asked for: by record id (`id`, exact), else by NIP, staff id or name; when
    several match, none is taken and the candidates are listed (namesakes are common)."""
    rows = scope.filter(Employee.objects.all(), ACTION).select_related("unit", "agency")
    if pk.strip():
        number = whole_number(pk)
        found = rows.filter(pk=number).first() if number is not None else None
        return found, []
    text = text.strip()[:200]
    if not text:
        return None, []
    matches = list(rows.filter(Q(nip=text) | Q(name__iexact=text) | Q(staff_id=text))
                   .order_by("name", "pk")[:20])
    if len(matches) == 1:
        return matches[0], []
    return None, matches


def _on(request: HttpRequest, text: str, today: date) -> date:
    """The date asked for: today when absent; a date that is not one, or is after today (a
    statement speaks of what is recorded), is said and replaced by today."""
    try:
        on = date.fromisoformat(text) if text else today
    except ValueError:
        messages.error(request, _("%(value)s is not a date (YYYY-MM-DD): today is used.")
                       % {"value": text[:40]})
        return today
    if on > today:
        messages.error(request, _("A statement speaks of what is recorded: a date after today "
                                  "is not taken, today is used."))
        return today
    return on


def _issued(scope: Scope, employee: Employee) -> list[dict[str, Any]]:
    rows = scope.filter(RecordStatement.objects.filter(employee=employee), ACTION)
    return [{"id": row.pk, "number": row.number, "on": row.on.isoformat(),
             "purpose": row.purpose, "made": row.created_at.isoformat(), "by": row.created_by,
             "docx": reverse("clean-record-document", args=[row.pk, "docx"]),
             "pdf": reverse("clean-record-document", args=[row.pk, "pdf"]) if row.pdf else None,
             "pdf_sha256": row.pdf_sha256 or None, "pdf_error": row.pdf_error or None}
            for row in rows]


@signed_in
def record_page(request: HttpRequest, fmt: str = "") -> HttpResponse:
    """The clean-record statement: an employee's standing on a date; issue it (POST)."""
    scope = require(request, ACTION)
    source = request.POST if request.method == "POST" else request.GET
    today = timezone.localdate()
    employee, candidates = _employee(scope, source.get("employee", ""), source.get("id", ""))
    on = _on(request, source.get("on", ""), today)
    data: dict[str, Any] = {"employee": None, "on": on.isoformat(), "today": today.isoformat(),
                            "standing": None, "issued": []}
    if employee is not None:
        if request.method == "POST":
            return _issue(request, employee, source.get("purpose", ""))
        note_reads(request.user.get_username(), [(employee.pk, employee.agency_id)],
                   "statement")
        data |= {"employee": {"id": employee.pk, "name": employee.name,
                              "nip": employee.nip or "", "unit": employee.unit.name,
                              "agency": employee.agency_id},
                 "standing": statements.standing_json(statements.standing_of(employee, on)),
                 "issued": _issued(scope, employee)}
    elif candidates:
        messages.error(request, _("Several employees match: choose one."))
        data["candidates"] = [{"id": row.pk, "name": row.name, "nip": row.nip or "",
                               "unit": row.unit.name,
                               "url": reverse("clean-record") + f"?id={row.pk}"}
                              for row in candidates]
    elif source.get("employee") or source.get("id"):
        messages.error(request, _("No employee in your scope with that name or NIP."))
    if wants_json(request, fmt):
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    return render(request, "cases/record.html", {
        "data": data, "json_url": json_link(request), "query": source.get("employee", "")})


def _issue(request: HttpRequest, employee: Employee, purpose: str) -> HttpResponse:
    """Issue the statement, dated today whatever date the page was looking at."""
    on = timezone.localdate()
    try:
        row = statements.issue(employee, on, purpose, request.user.get_username(),
                               timezone.now())
    except statements.StatementRefused as refused:
        messages.error(request, _("Refused: %(reasons)s") % {"reasons": " ".join(
            reason["message"] for reason in
            statements.standing_json(refused.standing)["reasons"])})
    else:
        messages.success(request, _("Statement %(number)s made.") % {"number": row.number})
    return redirect(reverse("clean-record") + f"?id={employee.pk}")


@signed_in
@require_GET
def record_document(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """A statement as DOCX or as its archived PDF."""
    scope = require(request, ACTION)
    row = scope.filter(RecordStatement.objects.filter(pk=pk), ACTION).first()
    if row is None or kind not in ("docx", "pdf"):
        raise Http404(pk)
    stored = row.docx if kind == "docx" else row.pdf
    if not stored:
        raise Http404(pk)
    note_reads(request.user.get_username(), [(row.employee_id, row.agency_id)],
               "statement")
    return stored_letter(stored, row.kind, row.number, kind)


__all__ = ["record_document", "record_page", "siasn_csv", "siasn_page"]
