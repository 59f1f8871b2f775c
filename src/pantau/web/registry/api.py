"""The registry's REST routes (django-ninja): agencies, units and employees in the reader's
scope. Signed in with the session (the same login as the pages) and filtered by the same
`Scope` as every page: this module only maps it to JSON."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from pantau.domain.access import Action
from pantau.web.audit.access import note_reads
from pantau.web.pages import PAGE_SIZE, scope_of, search_fields, search_text
from pantau.web.registry import present
from pantau.web.registry.models import Agency, Employee, Unit
from pantau.web.registry.search import employee_matches

router = Router(tags=["registry"])


class Problem(Schema):
    detail: str


class ValidationProblem(Schema):
    """A parameter out of range (422): which one and why."""

    detail: list[dict[str, Any]]


class AgencyOut(Schema):
    id: str
    name: str
    zone: str
    url: str


class UnitOut(Schema):
    id: int
    agency: str
    code: str
    name: str
    kind: str
    kind_label: str
    shift: bool
    parent: str | None
    depth: int
    url: str


class UnitRef(Schema):
    code: str
    name: str


class EmployeeOut(Schema):
    id: int
    agency: str
    nip: str
    staff_id: str
    name: str
    type: str
    type_label: str
    unit: UnitRef
    position: str
    level: str
    level_label: str
    url: str


class SuperiorOut(Schema):
    name: str
    position: str
    nip: str | None
    url: str | None


class AccountOut(Schema):
    platform: str
    platform_label: str
    handle: str
    type: str
    type_label: str
    url: str


class LeaveOut(Schema):
    kind: str
    start: date
    end: date


class AssignmentOut(Schema):
    number: str
    purpose: str
    starts_at: datetime
    ends_at: datetime


class ShiftOut(Schema):
    name: str
    starts_at: datetime
    ends_at: datetime


class EmployeeDetailOut(EmployeeOut):
    superior: SuperiorOut | None
    accounts: list[AccountOut]
    leave: list[LeaveOut]
    assignments: list[AssignmentOut]
    roster: list[ShiftOut]


class PageIn(Schema):
    page: int = Field(1, ge=1, le=1_000_000, description="page number, from 1")
    q: str = Field("", max_length=200, description="text to search for")


class AgencyPage(Schema):
    count: int
    page: int
    results: list[AgencyOut]


class UnitPage(Schema):
    count: int
    page: int
    results: list[UnitOut]


class EmployeePage(Schema):
    count: int
    page: int
    results: list[EmployeeOut]


FORBIDDEN = {"detail": "Peran Anda tidak boleh melihat data ini (your role may not see this)."}
NOT_FOUND = {"detail": "Tidak ditemukan dalam lingkup Anda (not found in your scope)."}
ERRORS: dict[int, type[Schema]] = {
    401: Problem,
    403: Problem,
    404: Problem,
    422: ValidationProblem,
}


def _page(
    queryset: models.QuerySet[Any], params: PageIn, fields: tuple[str, ...]
) -> tuple[int, int, list[Any]]:
    queryset = search_fields(queryset, params.q, fields)
    page = Paginator(queryset, PAGE_SIZE).get_page(params.page)
    return page.paginator.count, page.number, list(page.object_list)


@router.get("/agencies", response={200: AgencyPage, **ERRORS}, summary="Agencies in scope")
def list_agencies(request: HttpRequest, params: Query[PageIn]) -> Status[dict[str, Any]]:
    scope = scope_of(request)
    if not scope.can(Action.VIEW_STRUCTURE):
        return Status(403, FORBIDDEN)
    count, number, rows = _page(scope.filter(Agency.objects.all()), params, ("id", "name"))
    return Status(
        200, {"count": count, "page": number, "results": [present.agency(r) for r in rows]}
    )


@router.get("/units", response={200: UnitPage, **ERRORS}, summary="Units in scope")
def list_units(request: HttpRequest, params: Query[PageIn]) -> Status[dict[str, Any]]:
    scope = scope_of(request)
    if not scope.can(Action.VIEW_STRUCTURE):
        return Status(403, FORBIDDEN)
    records = scope.filter(Unit.objects.select_related("parent"))
    count, number, rows = _page(records, params, ("code", "name"))
    return Status(200, {"count": count, "page": number, "results": [present.unit(r) for r in rows]})


@router.get("/employees", response={200: EmployeePage, **ERRORS}, summary="Employees in scope")
def list_employees(request: HttpRequest, params: Query[PageIn]) -> Status[dict[str, Any]]:
    scope = scope_of(request)
    if not scope.can(Action.VIEW_EMPLOYEES):
        return Status(403, FORBIDDEN)
    records = scope.filter(Employee.objects.select_related("unit"))
    text = search_text(params.q)
    if text:
        records = records.filter(employee_matches(text)).distinct()
    count, number, rows = _page(records, params.model_copy(update={"q": ""}), ())
    results = [present.employee(scope, r) for r in rows]
    return Status(200, {"count": count, "page": number, "results": results})


@router.get(
    "/employees/{employee_id}",
    response={200: EmployeeDetailOut, **ERRORS},
    summary="One employee with accounts, superior, leave, assignments and roster",
)
def get_employee(request: HttpRequest, employee_id: int) -> Status[dict[str, Any]]:
    scope = scope_of(request)
    if not scope.can(Action.VIEW_EMPLOYEES):
        return Status(403, FORBIDDEN)
    data = present.employee_detail(scope, employee_id)
    if data is None:
        return Status(404, NOT_FOUND)
    note_reads(request.user.get_username(), [(employee_id, str(data["agency"]))], "api")
    return Status(200, data)
