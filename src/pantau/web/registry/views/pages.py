"""The registry pages: agencies, units, employees and the audit trail, each with its JSON twin."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from pantau.web.authz import Action
from pantau.web.registry import dashboard, present, worknow
from pantau.web.registry.access import record_access
from pantau.web.registry.models import AccessEntry, Agency, AuditEntry, Employee, Unit
from pantau.web.registry.views.common import (
    detail_answer,
    list_answer,
    paginate,
    require,
    scope_of,
    search,
    wants_json,
)


def reader_language() -> str:
    return "en" if (get_language() or "id").startswith("en") else "id"


@login_required
def home(request: HttpRequest, fmt: str = "") -> HttpResponse:
    """The dashboard of the reader's scope; the clock is read here, at the edge."""
    scope = scope_of(request)
    data = dashboard.dashboard(scope, timezone.localtime(), reader_language())
    chart = dashboard.chart(data.get("units_by_type", []))
    return detail_answer(request, fmt, "pantau/home.html", data, {"chart": chart})


@login_required
def agency_list(request: HttpRequest, fmt: str = "") -> HttpResponse:
    scope = require(request, Action.VIEW_STRUCTURE)
    records = search(scope.agencies(Agency.objects.all()), request, "id", "name")
    return list_answer(
        request, fmt, "pantau/agency_list.html", paginate(request, records), present.agency
    )


@login_required
def agency_detail(request: HttpRequest, pk: str, fmt: str = "") -> HttpResponse:
    scope = require(request, Action.VIEW_STRUCTURE)
    record = scope.agencies(Agency.objects.filter(pk=pk)).first()
    if record is None:
        raise Http404(pk)
    units = scope.units(Unit.objects.filter(agency=record, parent__isnull=True))
    data = present.agency(record) | {
        "top_units": [present.unit(item) for item in units],
        "calendar_url": reverse("agency-calendar", args=[record.pk]),
    }
    return detail_answer(request, fmt, "pantau/agency_detail.html", data, {"record": record})


@login_required
def unit_list(request: HttpRequest, fmt: str = "") -> HttpResponse:
    scope = require(request, Action.VIEW_STRUCTURE)
    records = scope.units(Unit.objects.select_related("parent"))
    records = search(records, request, "code", "name", "kind")
    return list_answer(
        request, fmt, "pantau/unit_list.html", paginate(request, records), present.unit
    )


@login_required
def unit_detail(request: HttpRequest, pk: int, fmt: str = "") -> HttpResponse:
    scope = require(request, Action.VIEW_STRUCTURE)
    record = scope.units(Unit.objects.select_related("parent").filter(pk=pk)).first()
    if record is None:
        raise Http404(pk)
    children = scope.units(Unit.objects.filter(parent=record))
    staff = scope.employees(Employee.objects.filter(unit=record).select_related("unit"))
    data = present.unit(record) | {
        "children": [present.unit(item) for item in children],
        "employees": [present.employee(scope, item) for item in staff],
    }
    return detail_answer(request, fmt, "pantau/unit_detail.html", data, {"record": record})


@login_required
def employee_list(request: HttpRequest, fmt: str = "") -> HttpResponse:
    scope = require(request, Action.VIEW_EMPLOYEES)
    records = scope.employees(Employee.objects.select_related("unit"))
    records = search(records, request, "name", "nip", "staff_id", "position", "unit__name")
    kind = request.GET.get("type", "")
    if kind:
        records = records.filter(employee_type=kind)
    return list_answer(
        request,
        fmt,
        "pantau/employee_list.html",
        paginate(request, records),
        lambda item: present.employee(scope, item),
    )


@login_required
def employee_detail(request: HttpRequest, pk: int, fmt: str = "") -> HttpResponse:
    scope = require(request, Action.VIEW_EMPLOYEES)
    data = present.employee_detail(scope, pk)
    if data is None:
        raise Http404(pk)
    now = timezone.localtime()
    data["now"] = worknow.employee_now(Employee.objects.get(pk=pk), now, reader_language())
    record_access(request, pk, "json" if wants_json(request, fmt) else "page")
    trail = (
        scope.access(AccessEntry.objects.filter(employee_id=pk))[:20]
        if pk == scope.employee_id
        else []
    )
    context = {"trail": trail, "today": now.date()}
    return detail_answer(request, fmt, "pantau/employee_detail.html", data, context)


@login_required
def access_list(request: HttpRequest, fmt: str = "") -> HttpResponse:
    scope = require(request, Action.VIEW_AUDIT)
    records = search(scope.access(AccessEntry.objects.all()), request, "actor", "via")
    page = paginate(request, records)
    return list_answer(request, fmt, "pantau/access_list.html", page, present.access_entry)


@login_required
def audit_list(request: HttpRequest, fmt: str = "") -> HttpResponse:
    scope = require(request, Action.VIEW_AUDIT)
    records = search(scope.audit(AuditEntry.objects.all()), request, "actor", "model", "object_pk")
    return list_answer(
        request, fmt, "pantau/audit_list.html", paginate(request, records), present.audit_entry
    )


def me(request: HttpRequest) -> HttpResponse:
    """Who the reader is, for scripts: role, agency, what they may do."""
    scope = scope_of(request)
    return JsonResponse(
        {
            "user": request.user.get_username() if request.user.is_authenticated else None,
            "role": scope.role,
            "agency": scope.agency_id,
            "may": sorted(action.value for action in Action if scope.can(action)),
        }
    )
