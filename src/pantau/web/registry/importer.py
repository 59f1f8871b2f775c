"""Import service: preview a file against the registry, then write confirmed rows.

Parsing and validation are `pantau.importing`'s (pure Python); this module adds what needs
the database (known units and NIPs, a NIP registered in another agency) and writes the rows:
update-or-create by unit code, by NIP (or the internal id of contract staff) and by
(platform, handle), so that importing the same file twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from django.db import models, transaction

from pantau import importing
from pantau.domain.errors import InputError
from pantau.importing.preview import ImportPreview, PreviewRow, RowError
from pantau.importing.records import AccountRecord, EmployeeRecord, UnitRecord
from pantau.web.registry.models import Account, Agency, Employee, Unit


class ImportRefused(InputError):
    """An import that cannot run: unknown agency, file with errors, a cycle of units."""


@dataclass(frozen=True)
class Applied:
    """What a confirmed import wrote."""

    kind: str
    created: int
    updated: int
    unchanged: int

    def __str__(self) -> str:
        return (
            f"{self.kind}: {self.created} baru (created), {self.updated} diperbarui (updated), "
            f"{self.unchanged} tetap (unchanged)"
        )


def resolve_agency(agency: str | None) -> str:
    """The agency an import writes to: the one named, or the only one there is."""
    known = list(Agency.objects.values_list("pk", flat=True))
    listed = ", ".join(known) or "-"
    if agency:
        if agency not in known:
            raise ImportRefused(
                f"instansi {agency!r} tidak dikenal (unknown agency); dikenal: {listed}. "
                "Perbaikan: pakai --agency dengan salah satu id itu."
            )
        return agency
    if len(known) == 1:
        return known[0]
    raise ImportRefused(f"pilih instansi dengan --agency (choose the agency): {listed}")


def known_units(agency_id: str) -> set[str]:
    return set(Unit.objects.filter(agency_id=agency_id).values_list("code", flat=True))


def known_employee_keys(agency_id: str) -> set[str]:
    rows = Employee.objects.filter(agency_id=agency_id).values_list("nip", "staff_id")
    return {key for nip, staff_id in rows for key in (nip, staff_id) if key}


def preview(kind: str, data: bytes, filename: str, agency_id: str) -> ImportPreview[Any]:
    """Read `data` as `kind` and check it against this agency's registry. Writes nothing."""
    units = known_units(agency_id)
    keys = known_employee_keys(agency_id)
    if kind == "units":
        return importing.preview_units(data, filename, known_units=units)
    if kind == "accounts":
        accounts = importing.preview_accounts(data, filename, known_units=units, known_nips=keys)
        return _mark_rows(accounts, lambda record: _foreign_account(record, agency_id))
    if kind == "employees":
        found = importing.preview_employees(data, filename, known_units=units, known_nips=keys)
        return _mark_rows(found, lambda record: _foreign_nip(record, agency_id))
    raise ImportRefused(f"jenis impor {kind!r} tidak dikenal; pilih employees, units atau accounts")


def _foreign_nip(record: EmployeeRecord, agency_id: str) -> RowError | None:
    if not record.nip:
        return None
    other = Employee.objects.filter(nip=record.nip).exclude(agency_id=agency_id).first()
    if other is None:
        return None
    return RowError(
        row=record.row,
        column="NIP",
        value=record.nip,
        message=f"NIP ini sudah terdaftar di instansi lain ({other.agency_id}).",
        fix="Periksa NIP; pegawai pindahan dipindahkan oleh BKPSDM instansi asal lebih dulu.",
        message_en=f"This NIP is already registered in another agency ({other.agency_id}).",
        fix_en="Check the NIP; a transferred employee is released by the former agency first.",
    )


def _foreign_account(record: AccountRecord, agency_id: str) -> RowError | None:
    account = Account.objects.filter(platform=record.platform.value, handle=record.handle).first()
    if account is None:
        return None
    owner_agency = account.employee.agency_id if account.employee else None
    unit_agency = account.unit.agency_id if account.unit else None
    if agency_id in (owner_agency, unit_agency):
        return None
    return RowError(
        row=record.row,
        column="Akun",
        value=record.handle,
        message="Akun ini sudah terdaftar untuk instansi lain.",
        fix="Periksa platform dan nama akun; satu akun hanya milik satu pegawai atau unit.",
        message_en="This account is already registered to another agency.",
        fix_en="Check the platform and handle; an account belongs to one employee or unit.",
    )


def _mark_rows(
    found: ImportPreview[Any], check: Callable[[Any], RowError | None]
) -> ImportPreview[Any]:
    rows: list[PreviewRow[Any]] = []
    for row in found.rows:
        error = check(row.record) if row.record is not None else None
        rows.append(replace(row, errors=(*row.errors, error)) if error else row)
    return replace(found, rows=tuple(rows))


def describe(found: ImportPreview[Any]) -> str:
    """The preview as text for the command line: every error with row, column and fix."""
    lines = [f"{found.filename}: {len(found.rows)} baris (rows)"]
    lines += [f"GALAT BERKAS (file error): {error}" for error in found.file_errors]
    for row in found.rows:
        lines += [f"GALAT (error) {error}" for error in row.errors]
    good = sum(1 for row in found.rows if row.ok)
    lines.append(f"{good} baris siap (ready), {len(found.rows) - good} bermasalah (with errors)")
    return "\n".join(lines)


def apply(kind: str, found: ImportPreview[Any], agency_id: str) -> Applied:
    """Write every row of a valid preview, in one transaction."""
    if not found.ok:
        raise ImportRefused("berkas masih berisi galat; perbaiki dulu lalu pratinjau ulang")
    records = [row.record for row in found.rows if row.record is not None]
    writer: dict[str, Callable[[list[Any], str], list[str]]] = {
        "units": _write_units,
        "employees": _write_employees,
        "accounts": _write_accounts,
    }
    with transaction.atomic():
        outcomes = writer[kind](records, agency_id)
    return Applied(
        kind,
        outcomes.count("created"),
        outcomes.count("updated"),
        outcomes.count("unchanged"),
    )


def upsert(model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]) -> str:
    """Create, update or leave a record; says which (an unchanged record is not saved)."""
    record = model._default_manager.filter(**lookup).first()
    if record is None:
        model._default_manager.create(**lookup, **values)
        return "created"
    changed = [name for name, value in values.items() if getattr(record, name) != value]
    if not changed:
        return "unchanged"
    for name in changed:
        setattr(record, name, values[name])
    record.save()
    return "updated"


def _write_units(records: list[UnitRecord], agency_id: str) -> list[str]:
    pending = list(records)
    outcomes: list[str] = []
    while pending:
        codes = known_units(agency_id)
        ready = [r for r in pending if r.parent_code is None or r.parent_code in codes]
        if not ready:
            rows = ", ".join(str(r.row) for r in pending)
            raise ImportRefused(
                f"unit induk melingkar atau tidak ada (parent cycle) di baris {rows}"
            )
        for record in ready:
            parent = Unit.objects.filter(agency_id=agency_id, code=record.parent_code).first()
            values = {
                "name": record.name,
                "kind": record.kind.value,
                "shift": record.shift,
                "parent": parent,
            }
            outcomes.append(upsert(Unit, {"agency_id": agency_id, "code": record.code}, values))
        pending = [r for r in pending if r not in ready]
    check_tree(agency_id)
    return outcomes


def check_tree(agency_id: str) -> None:
    """Refuse a unit tree with a cycle (a file that moves a unit under one of its own
    descendants in the registry); the import's transaction then keeps nothing."""
    parents = dict(Unit.objects.filter(agency_id=agency_id).values_list("code", "parent__code"))
    for start in parents:
        seen: set[str] = {start}
        code: str | None = parents[start]
        while code is not None:
            if code in seen:
                raise ImportRefused(
                    f"unit {start} akan berada di bawah dirinya sendiri (a unit would sit under "
                    f"itself): periksa kolom Induk untuk {code}"
                )
            seen.add(code)
            code = parents.get(code)


def _employee_lookup(record: EmployeeRecord, agency_id: str) -> dict[str, Any]:
    if record.nip:
        return {"nip": record.nip}
    return {"agency_id": agency_id, "staff_id": record.internal_id or ""}


def _write_employees(records: list[EmployeeRecord], agency_id: str) -> list[str]:
    units = {u.code: u for u in Unit.objects.filter(agency_id=agency_id)}
    outcomes = []
    for record in records:
        values = {
            "agency_id": agency_id,
            "name": record.name,
            "employee_type": record.employee_type.value,
            "unit": units[record.unit_code],
            "position": record.position,
            "level": record.level.value if record.level is not None else "",
        }
        if record.nip:
            values["staff_id"] = record.internal_id or ""
        outcomes.append(upsert(Employee, _employee_lookup(record, agency_id), values))
    for record in records:
        if record.superior_nip:
            boss = find_employee(agency_id, record.superior_nip)
            upsert(Employee, _employee_lookup(record, agency_id), {"superior": boss})
    return outcomes


def find_employee(agency_id: str, key: str) -> Employee | None:
    """An employee of the agency by NIP or internal id."""
    condition = models.Q(nip=key) | models.Q(staff_id=key)
    return Employee.objects.filter(condition, agency_id=agency_id).first()


def _write_accounts(records: list[AccountRecord], agency_id: str) -> list[str]:
    outcomes = []
    for record in records:
        owner = find_employee(agency_id, record.owner_key) if record.owner_key else None
        unit = (
            Unit.objects.filter(agency_id=agency_id, code=record.unit_code).first()
            if record.unit_code
            else None
        )
        values = {
            "employee": owner,
            "unit": unit,
            "account_type": record.account_type.value,
            "url": record.url or "",
        }
        lookup = {"platform": record.platform.value, "handle": record.handle}
        outcomes.append(upsert(Account, lookup, values))
    return outcomes
