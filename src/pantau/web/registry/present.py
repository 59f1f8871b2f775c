"""Registry records as plain dictionaries: the one shape shared by the HTML pages, their JSON
twins and the REST API. Coded values carry their label in the reader's language; NIPs are
masked for readers who may not see them (UU PDP, pantau.domain.employees.mask_nip)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from pantau.domain.access import Role
from pantau.domain.employees import EmployeeType, PositionLevel, mask_nip
from pantau.domain.organisation import AccountType, Platform, UnitKind
from pantau.text.labels import label_of
from pantau.web.access.scope import Scope
from pantau.web.labels import reader_language
from pantau.web.registry.models import Account, Agency, Assignment, Employee, Leave, Shift, Unit


def agency(record: Agency) -> dict[str, Any]:
    return {
        "id": record.pk,
        "name": record.name,
        "zone": record.zone,
        "url": reverse("agency-detail", args=[record.pk]),
    }


def unit(record: Unit, depth: int | None = None) -> dict[str, Any]:
    parent = record.parent
    lang = reader_language()
    return {
        "id": record.pk,
        "agency": record.agency_id,
        "code": record.code,
        "name": record.name,
        "kind": record.kind,
        "kind_label": label_of(UnitKind, record.kind, lang),
        "shift": record.shift,
        "parent": parent.code if parent is not None else None,
        "depth": depth if depth is not None else len(record.ancestors()),
        "url": reverse("unit-detail", args=[record.pk]),
    }


def nip_for(scope: Scope, record: Employee) -> str:
    return (record.nip or "") if scope.shows_full_nip(record) else (mask_nip(record.nip) or "")


def employee(scope: Scope, record: Employee) -> dict[str, Any]:
    lang = reader_language()
    return {
        "id": record.pk,
        "agency": record.agency_id,
        "nip": nip_for(scope, record),
        "staff_id": record.staff_id,
        "name": record.name,
        "type": record.employee_type,
        "type_label": label_of(EmployeeType, record.employee_type, lang),
        "unit": {"code": record.unit.code, "name": record.unit.name},
        "position": record.position,
        "level": record.level,
        "level_label": label_of(PositionLevel, record.level, lang),
        "url": reverse("employee-detail", args=[record.pk]),
    }


def superior(scope: Scope, record: Employee | None, visible: bool) -> dict[str, Any] | None:
    """The direct superior. Who it is (name, position) is the chain of command every reader
    may know; an employee reading their own record gets the name only (README). The NIP and
    the link only when the reader may open the superior's record, masked unless they may see
    it in full."""
    if record is None:
        return None
    employee_only = scope.roles == frozenset({Role.EMPLOYEE})
    return {
        "name": record.name,
        "position": "" if employee_only and not visible else record.position,
        "nip": nip_for(scope, record) if visible else None,
        "url": reverse("employee-detail", args=[record.pk]) if visible else None,
    }


def account(record: Account) -> dict[str, Any]:
    lang = reader_language()
    return {
        "platform": record.platform,
        "platform_label": label_of(Platform, record.platform, lang),
        "handle": record.handle,
        "type": record.account_type,
        "type_label": label_of(AccountType, record.account_type, lang),
        "url": record.url,
    }


def leave(record: Leave) -> dict[str, Any]:
    return {"kind": record.kind, "start": record.start, "end": record.end}


def assignment(record: Assignment) -> dict[str, Any]:
    return {
        "number": record.number,
        "purpose": record.purpose,
        "starts_at": record.starts_at,
        "ends_at": record.ends_at,
    }


def shift(record: Shift) -> dict[str, Any]:
    return {"name": record.name, "starts_at": record.starts_at, "ends_at": record.ends_at}


def employee_detail(scope: Scope, pk: int) -> dict[str, Any] | None:
    """One employee in the reader's scope with superior, accounts, leave, assignments and
    roster; None when the record is not in scope (the edge answers 404)."""
    records = scope.filter(Employee.objects.select_related("unit", "superior"))
    record = records.filter(pk=pk).first() if abs(pk) < 2**62 else None
    if record is None:
        return None
    boss = record.superior
    visible = boss is not None and records.filter(pk=boss.pk).exists()
    return employee(scope, record) | {
        "superior": superior(scope, boss, visible),
        "accounts": [account(x) for x in Account.objects.filter(employee=record)],
        "leave": [leave(x) for x in Leave.objects.filter(employee=record)],
        "assignments": [assignment(x) for x in Assignment.objects.filter(employee=record)],
        "roster": [shift(x) for x in Shift.objects.filter(employee=record)[:60]],
    }
