"""Import service: preview a file against the registry, then write confirmed rows.

Parsing and validation are `pantau.importing`'s (pure Python, within the limits of the
PANTAU_IMPORT_* settings); this module adds what needs the database, in a few queries per
file whatever its length (the units and employee keys of the agency, the NIPs and accounts of
the file that other agencies hold), and writes the rows (`import_writes`): update-or-create by
unit code, by NIP (or the internal id of contract staff) and by (platform, handle), so that
importing the same file twice changes nothing. A confirmed import is one transaction: all of
it is written, or none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.db import transaction

from pantau import importing
from pantau.domain.errors import InputError
from pantau.importing.limits import Limits
from pantau.importing.preview import FileError, ImportPreview, PreviewRow, RowError
from pantau.importing.records import AccountRecord, EmployeeRecord
from pantau.web.audit.trail import batched
from pantau.web.registry import import_writes
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


def configured_limits() -> Limits:
    """The limits of the PANTAU_IMPORT_* settings."""
    return Limits(settings.IMPORT_MAX_ROWS, settings.IMPORT_MAX_COLUMNS,
                  settings.IMPORT_MAX_UNZIPPED_BYTES)


def too_big(data: bytes, filename: str, kind: str) -> ImportPreview[Any] | None:
    """A preview refusing a file over PANTAU_IMPORT_LIMIT_MB; None when it is not."""
    limit = settings.IMPORT_LIMIT_BYTES
    if len(data) <= limit:
        return None
    size, most = len(data) / 1024 / 1024, limit / 1024 / 1024
    error = FileError(
        f"File berukuran {size:.1f} MB; batasnya {most:.0f} MB.".replace(".", ","),
        "Bagi data menjadi beberapa file yang lebih kecil (masing-masing dengan baris judul "
        "kolom), lalu impor satu per satu.",
        f"The file is {size:.1f} MB; the limit is {most:.0f} MB.",
        "Split the data into smaller files (each with the header row) and import them one "
        "after the other.",
    )
    return ImportPreview(kind, filename, None, (), (), (), (error,))


def preview(kind: str, data: bytes, filename: str, agency_id: str) -> ImportPreview[Any]:
    """Read `data` as `kind` and check it against this agency's registry. Writes nothing."""
    if kind not in importing.PREVIEWS:
        raise ImportRefused(
            f"jenis impor {kind!r} tidak dikenal; pilih employees, units atau accounts")
    refused = too_big(data, filename, kind)
    if refused is not None:
        return refused
    units = known_units(agency_id)
    keys = known_employee_keys(agency_id) if kind != "units" else set()
    found = importing.PREVIEWS[kind](data, filename, known_units=units, known_nips=keys,
                                     limits=configured_limits())
    if kind == "units":
        return found
    if kind == "accounts":
        return _mark_rows(found, _foreign_accounts(found.records, agency_id))
    return _mark_rows(found, _foreign_nips(found.records, agency_id))


def _foreign_nips(records: tuple[EmployeeRecord, ...], agency_id: str) -> dict[int, RowError]:
    """An error on each row whose NIP another agency holds. It says only that the NIP cannot
    be used here, not where it is registered: an agency sees no other agency's staff."""
    wanted = {record.nip: record for record in records if record.nip}
    taken: set[str] = set()
    for nips in import_writes.chunks(wanted):
        taken.update(nip for nip in Employee.objects.filter(nip__in=nips).exclude(
            agency_id=agency_id).values_list("nip", flat=True) if nip)
    return {wanted[nip].row: _unusable(wanted[nip].row, "NIP", nip, "NIP") for nip in taken}


def _foreign_accounts(records: tuple[AccountRecord, ...], agency_id: str
                      ) -> dict[int, RowError]:
    """An error on each row whose account is registered to another agency's employee or
    unit (without saying whose)."""
    wanted = {record.key: record for record in records}
    errors: dict[int, RowError] = {}
    for handles in import_writes.chunks(record.handle for record in records):
        rows = Account.objects.filter(handle__in=handles).values_list(
            "platform", "handle", "employee__agency_id", "unit__agency_id")
        for platform, handle, owner_agency, unit_agency in rows:
            record = wanted.get((platform, handle))
            if record is not None and agency_id not in (owner_agency, unit_agency):
                errors[record.row] = _unusable(record.row, "Akun", handle, "akun")
    return errors


def _unusable(row: int, column: str, value: str, noun: str) -> RowError:
    return RowError(
        row=row,
        column=column,
        value=value,
        message=f"{noun[0].upper()}{noun[1:]} ini tidak dapat dipakai di instansi ini.",
        fix=f"Periksa {noun} pada dokumen sumbernya. Bila sudah benar, hubungi BKPSDM untuk "
        "menyelesaikannya; baris ini tidak dapat diimpor dari sini.",
        message_en=f"This {'account' if noun == 'akun' else 'NIP'} cannot be used in this "
        "agency.",
        fix_en="Check it against its source document. If it is right, contact BKPSDM to "
        "settle it; this row cannot be imported from here.",
    )


def _mark_rows(found: ImportPreview[Any], errors: dict[int, RowError]) -> ImportPreview[Any]:
    if not errors:
        return found
    rows: list[PreviewRow[Any]] = []
    for row in found.rows:
        error = errors.get(row.row) if row.record is not None else None
        rows.append(replace(row, record=None, errors=(*row.errors, error)) if error else row)
    return replace(found, rows=tuple(rows))


def describe(found: ImportPreview[Any]) -> str:
    """The preview as text for the command line: the counts, then every error with row,
    column and fix."""
    good = sum(1 for row in found.rows if row.ok)
    lines = [
        f"{found.filename}: {len(found.rows)} baris (rows), {good} siap (ready), "
        f"{len(found.rows) - good} bermasalah (with errors), {len(found.errors)} galat (errors)"
    ]
    lines += [f"GALAT BERKAS (file error): {error}" for error in found.file_errors]
    for row in found.rows:
        lines += [f"GALAT (error) {error}" for error in row.errors]
    lines.append(f"{good} baris siap (ready), {len(found.rows) - good} bermasalah (with errors)")
    return "\n".join(lines)


def apply(kind: str, found: ImportPreview[Any], agency_id: str) -> Applied:
    """Write every row of a valid preview, in one transaction (all of it, or nothing)."""
    if not found.ok:
        raise ImportRefused("berkas masih berisi galat; perbaiki dulu lalu pratinjau ulang")
    records = [row.record for row in found.rows if row.record is not None]
    writer: dict[str, Callable[[list[Any], str], list[str]]] = {
        "units": import_writes.write_units,
        "employees": import_writes.write_employees,
        "accounts": import_writes.write_accounts,
    }
    try:
        with transaction.atomic(), batched():
            outcomes = writer[kind](records, agency_id)
            if kind == "units":
                check_tree(agency_id)
    except KeyError as missing:  # a unit the preview found was removed meanwhile
        raise ImportRefused(
            f"unit {missing} tidak ada lagi di registri (the registry changed since the "
            "preview); pratinjau ulang berkasnya") from missing
    return Applied(
        kind,
        outcomes.count("created"),
        outcomes.count("updated"),
        outcomes.count("unchanged"),
    )


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
