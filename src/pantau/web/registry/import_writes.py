"""Write the rows of a confirmed import: update-or-create, in one transaction, in bulk.

Each kind reads what it needs of the agency's registry once (units, employees, accounts by
key), then creates, updates or leaves each record, so that a file of 50,000 employees takes
one query per changed row instead of a dozen; the audit trail gets every change, appended to
its chain together when the import ends (`pantau.web.audit.trail.batched`). Records are saved
one by one (the audit trail and its names need the model's signals), parents and superiors
before the rows that point to them, so each row is saved once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from django.db import connection, models

from pantau.importing.records import AccountRecord, EmployeeRecord, UnitRecord
from pantau.web.registry.models import Account, Agency, Employee, Unit

M = TypeVar("M", bound=models.Model)
R = TypeVar("R")


def chunks(values: Iterable[str]) -> Iterator[list[str]]:
    """Values in lists as long as one query may take (SQLite's variable limit, or 10,000)."""
    size = _query_params() - 10
    items = sorted(set(values))
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _query_params() -> int:
    if connection.vendor == "sqlite":
        import sqlite3

        connection.ensure_connection()
        raw = connection.connection
        if raw is not None and hasattr(raw, "getlimit"):
            return int(raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
        return 999
    return 10_000


def upsert(model: type[M], current: M | None, lookup: dict[str, Any],
           values: dict[str, Any]) -> tuple[str, M]:
    """Create `model(**lookup, **values)`, or update `current` where it differs (a reference
    compared by id), or leave it; says which. An unchanged record is not saved."""
    if current is None:
        created = model(**lookup, **values)
        created.save()
        return "created", created
    changed = [name for name, value in values.items() if not _same(current, name, value)]
    if not changed:
        return "unchanged", current
    for name in changed:
        setattr(current, name, values[name])
    current.save()
    return "updated", current


def _same(instance: models.Model, name: str, value: Any) -> bool:
    if isinstance(value, models.Model) or (value is None and _is_reference(instance, name)):
        stored = getattr(instance, f"{name}_id")
        return bool(stored == (value.pk if value is not None else None))
    return bool(getattr(instance, name) == value)


def _is_reference(instance: models.Model, name: str) -> bool:
    return bool(instance._meta.get_field(name).is_relation)


def in_dependency_order(records: Sequence[R], key: Callable[[R], str],
                        link: Callable[[R], str | None]) -> list[R]:
    """The records with each one after the record of the file it points to (its parent unit,
    its superior); links outside the file do not order anything. The preview refused cycles;
    a cycle left here is written in file order."""
    by_key = {key(record): record for record in records}
    ordered: list[R] = []
    placed: set[str] = set()
    for record in records:
        chain: list[R] = []
        current: R | None = record
        while current is not None and key(current) not in placed and current not in chain:
            chain.append(current)
            target = link(current)
            current = by_key.get(target) if target else None
        for item in reversed(chain):
            placed.add(key(item))
            ordered.append(item)
    return ordered


def write_units(records: list[UnitRecord], agency_id: str) -> list[str]:
    agency = Agency.objects.get(pk=agency_id)
    units = {unit.code: unit for unit in Unit.objects.filter(agency=agency)}
    outcomes = []
    for record in in_dependency_order(records, lambda r: r.code, lambda r: r.parent_code):
        values = {"name": record.name, "kind": record.kind.value, "shift": record.shift,
                  "parent": units[record.parent_code] if record.parent_code else None}
        lookup = {"agency": agency, "code": record.code}
        outcome, units[record.code] = upsert(Unit, units.get(record.code), lookup, values)
        outcomes.append(outcome)
    return outcomes


class _Employees:
    """The agency's employees by NIP and by internal id, kept up to date while writing."""

    def __init__(self, agency: Agency) -> None:
        self.by_nip: dict[str, Employee] = {}
        self.by_staff_id: dict[str, Employee] = {}
        for employee in Employee.objects.filter(agency=agency).select_related(
                "agency", "unit", "superior"):
            self.add(employee)

    def add(self, employee: Employee) -> None:
        if employee.nip:
            self.by_nip[employee.nip] = employee
        if employee.staff_id:
            self.by_staff_id[employee.staff_id] = employee

    def find(self, key: str | None) -> Employee | None:
        """By NIP or internal id (as `find_employee`)."""
        if not key:
            return None
        return self.by_nip.get(key) or self.by_staff_id.get(key)


def write_employees(records: list[EmployeeRecord], agency_id: str) -> list[str]:
    agency = Agency.objects.get(pk=agency_id)
    units = {unit.code: unit for unit in Unit.objects.filter(agency=agency)}
    known = _Employees(agency)
    outcomes = []
    for record in in_dependency_order(records, lambda r: r.key, lambda r: r.superior_nip):
        values: dict[str, Any] = {
            "agency": agency, "name": record.name, "employee_type": record.employee_type.value,
            "unit": units[record.unit_code], "position": record.position,
            "level": record.level.value if record.level is not None else "",
        }
        if record.nip:
            values["staff_id"] = record.internal_id or ""
        if record.superior_nip:
            values["superior"] = known.find(record.superior_nip)
        if record.nip:
            lookup: dict[str, Any] = {"nip": record.nip}
            current = known.by_nip.get(record.nip)
        else:
            lookup = {"staff_id": record.internal_id or ""}
            current = known.by_staff_id.get(record.internal_id or "")
        outcome, employee = upsert(Employee, current, lookup, values)
        known.add(employee)
        outcomes.append(outcome)
    return outcomes


def write_accounts(records: list[AccountRecord], agency_id: str) -> list[str]:
    agency = Agency.objects.get(pk=agency_id)
    units = {unit.code: unit for unit in Unit.objects.filter(agency=agency)}
    known = _Employees(agency)
    accounts: dict[tuple[str, str], Account] = {}
    for handles in chunks(record.handle for record in records):
        for account in Account.objects.filter(handle__in=handles).select_related(
                "employee", "unit"):
            accounts[(account.platform, account.handle)] = account
    outcomes = []
    for record in records:
        values = {
            "employee": known.find(record.owner_key),
            "unit": units.get(record.unit_code) if record.unit_code else None,
            "account_type": record.account_type.value,
            "url": record.url or "",
        }
        lookup = {"platform": record.platform.value, "handle": record.handle}
        outcome, accounts[record.key] = upsert(Account, accounts.get(record.key), lookup, values)
        outcomes.append(outcome)
    return outcomes


__all__ = ["chunks", "in_dependency_order", "upsert", "write_accounts", "write_employees",
           "write_units"]
