"""The registry pages: agencies, units and employees, each with its JSON twin."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from pantau.domain.access import Action
from pantau.domain.employees import EmployeeType
from pantau.text.labels import label_of
from pantau.web.audit.access import note_reads
from pantau.web.audit.models import AccessEntry
from pantau.web.labels import reader_language
from pantau.web.pages import (
    detail_answer,
    list_answer,
    paginate,
    require,
    search,
    search_text,
    signed_in,
    wants_json,
)
from pantau.web.registry import present, worknow
from pantau.web.registry.models import Agency, Employee, Unit
from pantau.web.registry.search import employee_matches


@signed_in
def agency_list(request: HttpRequest, fmt: str = "") -> HttpResponse:
    scope = require(request, Action.VIEW_STRUCTURE)
    records = search(scope.filter(Agency.objects.all()), request, "id", "name")
    return list_answer(
        request, fmt, "registry/agency_list.html", paginate(request, records), present.agency
    )


@signed_in
def agency_detail(request: HttpRequest, pk: str, fmt: str = "") -> HttpResponse:
    scope = require(request, Action.VIEW_STRUCTURE)
    record = scope.filter(Agency.objects.filter(pk=pk)).first()
    if record is None:
        raise Http404(pk)
    units = scope.filter(Unit.objects.filter(agency=record, parent__isnull=True))
    data = present.agency(record) | {
        "top_units": [present.unit(item, 0) for item in units],
        "calendar_url": reverse("agency-calendar", args=[record.pk]),
    }
    return detail_answer(request, fmt, "registry/agency_detail.html", data, {"record": record})


@signed_in
def unit_list(request: HttpRequest, fmt: str = "") -> HttpResponse:
    scope = require(request, Action.VIEW_STRUCTURE)
    records = scope.filter(Unit.objects.select_related("parent__parent__parent"))
    records = search(records, request, "code", "name", "kind")
    return list_answer(
        request, fmt, "registry/unit_list.html", paginate(request, records), present.unit
    )


@signed_in
def unit_detail(request: HttpRequest, pk: int, fmt: str = "") -> HttpResponse:
    scope = require(request, Action.VIEW_STRUCTURE)
    record = scope.filter(Unit.objects.select_related("parent").filter(pk=pk)).first()
    if record is None:
        raise Http404(pk)
    children = scope.filter(Unit.objects.filter(parent=record))
    staff = scope.filter(Employee.objects.filter(unit=record).select_related("unit"))
    data = present.unit(record) | {
        "children": [present.unit(item) for item in children],
        "employees": [present.employee(scope, item) for item in staff],
    }
    return detail_answer(request, fmt, "registry/unit_detail.html", data, {"record": record})


def _type_filter(request: HttpRequest, records: QuerySet[Employee]
                 ) -> tuple[QuerySet[Employee], list[dict[str, Any]]]:
    """The `type` filter, and what is filtered by (shown on the page and in the twin)."""
    kind = search_text(request.GET.get("type", ""))
    if not kind:
        return records, []
    shown = {"name": "type", "value": kind,
             "label": "Jenis pegawai" if reader_language() == "id" else "Employee type",
             "value_label": label_of(EmployeeType, kind, reader_language())}
    return records.filter(employee_type=kind), [shown]


@signed_in
def employee_list(request: HttpRequest, fmt: str = "") -> HttpResponse:
    scope = require(request, Action.VIEW_EMPLOYEES)
    records = scope.filter(Employee.objects.select_related("unit"))
    text = search_text(request.GET.get("q", ""))
    if text:
        records = records.filter(employee_matches(text)).distinct()
    records, filters = _type_filter(request, records)
    context = {
        "filters": filters,
        "hidden_filters": [(f["name"], f["value"]) for f in filters],
        "types": [(kind.value, label_of(EmployeeType, kind.value, reader_language()))
                  for kind in EmployeeType],
    }
    return list_answer(
        request, fmt, "registry/employee_list.html", paginate(request, records),
        lambda item: present.employee(scope, item), context,
    )


@signed_in
def employee_detail(request: HttpRequest, pk: int, fmt: str = "") -> HttpResponse:
    scope = require(request, Action.VIEW_EMPLOYEES)
    data = present.employee_detail(scope, pk)
    if data is None:
        raise Http404(pk)
    now = timezone.localtime()
    data["now"] = worknow.employee_now(Employee.objects.get(pk=pk), now, reader_language())
    via = "json" if wants_json(request, fmt) else "page"
    note_reads(request.user.get_username(), [(pk, str(data["agency"]))], via)
    trail: Any = []
    if pk == scope.employee_id:
        trail = scope.filter(AccessEntry.objects.filter(employee_id=pk))[:20]
    context = {"trail": trail, "today": now.date()}
    return detail_answer(request, fmt, "registry/employee_detail.html", data, context)


__all__ = ["Q"]
