"""Units (perangkat daerah and their parts) as a tree by code."""

from __future__ import annotations

from pantau.importing.cells import RowReader
from pantau.importing.columns import Column
from pantau.importing.common import replace_rows, run_preview, with_errors
from pantau.importing.crosscheck import duplicate_errors, reference_errors, row_value
from pantau.importing.limits import DEFAULT_LIMITS, Limits
from pantau.importing.preview import ImportPreview, PreviewRow, RowError
from pantau.importing.records import UnitKind, UnitRecord

COLUMNS = (
    Column("code", "Kode", ("Kode Unit", "Kode Unit Kerja", "Kode OPD", "Kode Satker"), True),
    Column("name", "Nama", ("Nama Unit", "Nama Unit Kerja", "Nama OPD", "Unit Kerja"), True),
    Column("parent", "Induk (kode)", ("Induk", "Kode Induk", "Unit Induk", "Kode Unit Induk")),
    Column("kind", "Jenis", ("Jenis Unit", "Tipe", "Tipe Unit", "Jenis Perangkat Daerah"), True),
    Column("shift", "Shift", ("Sif", "Kerja Shift", "Jadwal Shift", "Bergilir", "Shift ya tidak")),
)
SHEETS = ("unit", "unit kerja", "units", "opd", "perangkat daerah")

_KIND_WORDS: dict[UnitKind, tuple[str, ...]] = {
    UnitKind.SEKRETARIAT_DAERAH: ("sekretariat daerah", "setda", "sekretariat"),
    UnitKind.SEKRETARIAT_DPRD: ("sekretariat dprd", "setwan"),
    UnitKind.INSPEKTORAT: ("inspektorat",),
    UnitKind.DINAS: ("dinas",),
    UnitKind.BADAN: ("badan",),
    UnitKind.KECAMATAN: ("kecamatan",),
    UnitKind.KELURAHAN: ("kelurahan",),
    UnitKind.RSUD: ("rsud", "rumah sakit", "rumah sakit umum daerah"),
    UnitKind.SATPOL_PP: ("satpol pp", "satuan polisi pamong praja"),
    UnitKind.BAGIAN: ("bagian",),
    UnitKind.BIDANG: ("bidang",),
    UnitKind.SEKSI: ("seksi", "subbagian", "sub bagian", "subbidang"),
    UnitKind.UPTD: ("uptd", "upt"),
    UnitKind.PUSKESMAS: ("puskesmas",),
}
KINDS = {word: kind.value for kind, words in _KIND_WORDS.items() for word in words}


def preview_units(
    data: bytes,
    filename: str,
    known_units: set[str] | None = None,
    known_nips: set[str] | None = None,
    *,
    sheet: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ImportPreview[UnitRecord]:
    """Read units; check each row, duplicate codes, and that every parent exists.

    A parent may be a row of the same file (in any order) or one of `known_units`;
    `known_nips` is accepted for a uniform signature and not used."""
    del known_nips
    preview = run_preview("units", data, filename, COLUMNS, SHEETS, sheet, _unit, limits)
    if preview.file_errors:
        return preview
    headers = {field: header for header, field in preview.columns}
    parents = reference_errors(
        preview.rows,
        _code,
        _parent,
        known_units,
        headers.get("parent", "Induk (kode)"),
        ("unit induk", "parent"),
    )
    extra: dict[int, list[RowError]] = {}
    code_header = headers.get("code", "Kode")

    def key_of(row: PreviewRow[UnitRecord]) -> str:
        return row_value(row, code_header)

    for error in (*duplicate_errors(preview.rows, key_of, code_header), *parents):
        extra.setdefault(error.row, []).append(error)
    return replace_rows(preview, [with_errors(r, extra.get(r.row, ())) for r in preview.rows])


def _code(record: UnitRecord) -> str:
    return record.code


def _parent(record: UnitRecord) -> str | None:
    return record.parent_code


def _unit(reader: RowReader) -> UnitRecord | None:
    code = reader.required("code")
    name = reader.required("name")
    kind = reader.choice("kind", KINDS)
    shift = reader.flag("shift")
    parent = reader.text("parent") or None
    if code and any(char.isspace() for char in code):
        reader.fail(
            "code",
            (f"Kode '{code}' berisi spasi.", f"Code '{code}' contains spaces."),
            (
                "Gunakan kode tanpa spasi, mis. 'DINKES' atau '1.02.01'.",
                "Use a code without spaces, e.g. 'DINKES' or '1.02.01'.",
            ),
        )
    if reader.errors:
        return None
    return UnitRecord(reader.row, code, name, parent, UnitKind(kind), shift)
