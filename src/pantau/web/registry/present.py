"""Registry records as plain dictionaries: the one shape shared by the HTML pages, their JSON
twins and the REST API. NIPs are masked for readers who may not see them (UU PDP)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from pantau.web.authz import Scope, mask_nip
from pantau.web.registry.models import (
    AccessEntry,
    Account,
    Agency,
    Assignment,
    AuditEntry,
    Employee,
    Leave,
    Shift,
    Unit,
)

LEVEL_LABELS = {
    "KEPALA_DAERAH": "Kepala Daerah (PPK)",
    "JPT_MADYA": "JPT Madya",
    "JPT_PRATAMA": "JPT Pratama",
    "ADMINISTRATOR": "Administrator",
    "PENGAWAS": "Pengawas",
    "PELAKSANA": "Pelaksana",
    "FUNGSIONAL": "Fungsional",
}


def agency(record: Agency) -> dict[str, Any]:
    return {
        "id": record.pk,
        "name": record.name,
        "zone": record.zone,
        "url": reverse("agency-detail", args=[record.pk]),
    }


def unit(record: Unit) -> dict[str, Any]:
    parent = record.parent
    return {
        "id": record.pk,
        "agency": record.agency_id,
        "code": record.code,
        "name": record.name,
        "kind": record.kind,
        "shift": record.shift,
        "parent": parent.code if parent is not None else None,
        "depth": record.path.count("/") - 2,
        "url": reverse("unit-detail", args=[record.pk]),
    }


def nip_for(scope: Scope, record: Employee) -> str:
    return (record.nip or "") if scope.shows_full_nip(record) else mask_nip(record.nip)


def employee(scope: Scope, record: Employee) -> dict[str, Any]:
    return {
        "id": record.pk,
        "agency": record.agency_id,
        "nip": nip_for(scope, record),
        "staff_id": record.staff_id,
        "name": record.name,
        "type": record.employee_type,
        "unit": {"code": record.unit.code, "name": record.unit.name},
        "position": record.position,
        "level": record.level,
        "level_label": LEVEL_LABELS.get(record.level, record.level),
        "url": reverse("employee-detail", args=[record.pk]),
    }


def superior(scope: Scope, record: Employee | None, visible: bool) -> dict[str, Any] | None:
    """The superior: name and position always (the chain of command is public), the
    link and NIP only when the reader may open that record."""
    if record is None:
        return None
    return {
        "name": record.name,
        "position": record.position,
        "nip": nip_for(scope, record),
        "url": reverse("employee-detail", args=[record.pk]) if visible else None,
    }


def account(record: Account) -> dict[str, Any]:
    return {
        "platform": record.platform,
        "handle": record.handle,
        "type": record.account_type,
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


def audit_entry(record: AuditEntry) -> dict[str, Any]:
    return {
        "at": record.at,
        "actor": record.actor,
        "agency": record.agency_id,
        "action": record.action,
        "model": record.model,
        "object_pk": record.object_pk,
        "before": record.before,
        "after": record.after,
    }


def employee_detail(scope: Scope, pk: int) -> dict[str, Any] | None:
    """One employee in the reader's scope with superior, accounts, leave, assignments and
    roster; None when the record is not in scope (the edge answers 404)."""
    records = scope.employees(Employee.objects.select_related("unit", "superior"))
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


def access_entry(record: AccessEntry) -> dict[str, Any]:
    return {
        "at": record.at,
        "actor": record.actor,
        "agency": record.agency_id,
        "employee": record.employee_id,
        "via": record.via,
    }
