"""Employees from the registry as BKPSDM keeps it: one row per employee."""

from __future__ import annotations

import re

from pantau.domain.employees import (
    EmployeeType,
    NipKind,
    PositionLevel,
    Sex,
    normalise_nip_text,
    parse_nip,
)
from pantau.domain.errors import InvalidNip
from pantau.importing.cells import RowReader
from pantau.importing.columns import Column
from pantau.importing.common import replace_rows, run_preview, with_errors
from pantau.importing.crosscheck import (
    duplicate_errors,
    reference_errors,
    row_value,
    unknown_code_error,
)
from pantau.importing.limits import DEFAULT_LIMITS, Limits
from pantau.importing.preview import ImportPreview, PreviewRow, RowError
from pantau.importing.records import EmployeeRecord

COLUMNS = (
    Column("nip", "NIP", ("NIP/NI PPPK", "NI PPPK", "NIP Baru", "Nomor Induk Pegawai"), True),
    Column("internal_id", "ID Internal", ("ID Pegawai", "Nomor Kontrak", "No Kontrak", "ID")),
    Column("name", "Nama", ("Nama Lengkap", "Nama Pegawai", "Nama dengan Gelar"), True),
    Column("type", "Jenis Pegawai", ("Status Pegawai", "Status Kepegawaian", "Jenis ASN"), True),
    Column(
        "unit",
        "Unit Kerja (kode)",
        ("Unit Kerja", "Kode Unit", "Kode Unit Kerja", "Kode OPD", "OPD", "Unit"),
        True,
    ),
    Column("position", "Jabatan", ("Nama Jabatan", "Jabatan Terakhir"), True),
    Column(
        "level",
        "Eselon/Jenjang",
        ("Eselon", "Jenjang", "Jenjang Jabatan", "Jenis Jabatan", "Tingkat Jabatan"),
    ),
    Column(
        "superior",
        "NIP Atasan",
        ("NIP Atasan Langsung", "Atasan Langsung NIP", "Atasan", "Atasan Langsung"),
    ),
    Column("birth_date", "Tanggal Lahir", ("Tgl Lahir", "Tanggal Lahir HH BB TTTT")),
    Column("sex", "Jenis Kelamin", ("JK", "L/P", "Kelamin", "Gender")),
)
SHEETS = ("pegawai", "data pegawai", "employees", "asn")

TYPES = {
    "pns": EmployeeType.PNS,
    "cpns": EmployeeType.CPNS,
    "pppk": EmployeeType.PPPK,
    "pppk penuh waktu": EmployeeType.PPPK,
    "pppk paruh waktu": EmployeeType.PPPK_PARUH_WAKTU,
    "kontrak": EmployeeType.NON_ASN,
    "tenaga kontrak": EmployeeType.NON_ASN,
    "non asn": EmployeeType.NON_ASN,
    "nonasn": EmployeeType.NON_ASN,
    "tkk": EmployeeType.NON_ASN,
    "honorer": EmployeeType.NON_ASN,
    "tenaga kerja kontrak": EmployeeType.NON_ASN,
    "ppnpn": EmployeeType.NON_ASN,
}
_LEVEL_WORDS: dict[PositionLevel, tuple[str, ...]] = {
    PositionLevel.KEPALA_DAERAH: ("kepala daerah", "bupati", "wali kota", "walikota", "ppk"),
    PositionLevel.JPT_MADYA: ("jpt madya", "eselon i", "i a", "i b", "ia", "ib"),
    PositionLevel.JPT_PRATAMA: ("jpt pratama", "eselon ii", "ii a", "ii b", "iia", "iib"),
    PositionLevel.ADMINISTRATOR: ("administrator", "eselon iii", "iii a", "iii b", "iiia", "iiib"),
    PositionLevel.PENGAWAS: ("pengawas", "eselon iv", "iv a", "iv b", "iva", "ivb"),
    PositionLevel.PELAKSANA: ("pelaksana", "staf", "staff", "jfu", "non eselon"),
    PositionLevel.FUNGSIONAL: (
        "fungsional",
        "jft",
        "jf",
        "ahli pertama",
        "ahli muda",
        "ahli madya",
        "ahli utama",
        "pemula",
        "terampil",
        "mahir",
        "penyelia",
    ),
}
LEVELS = {word: level.value for level, words in _LEVEL_WORDS.items() for word in words}
_SCIENTIFIC = re.compile(r"^\d([.,]\d+)?e\+?\d+$", re.IGNORECASE)  # 1,96608E+17 from Excel
SEXES = {
    "l": "L",
    "laki laki": "L",
    "pria": "L",
    "1": "L",
    "male": "L",
    "p": "P",
    "perempuan": "P",
    "wanita": "P",
    "2": "P",
    "female": "P",
}


def preview_employees(
    data: bytes,
    filename: str,
    known_units: set[str] | None = None,
    known_nips: set[str] | None = None,
    *,
    sheet: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ImportPreview[EmployeeRecord]:
    """Read employees; check each row, duplicates, units and superiors. Writes nothing."""
    preview = run_preview(
        "employees",
        data,
        filename,
        COLUMNS,
        SHEETS,
        sheet,
        lambda reader: _employee(reader, known_units),
        limits,
    )
    if preview.file_errors:
        return preview
    headers = {field: header for header, field in preview.columns}
    extra: dict[int, list[RowError]] = {}
    superiors = reference_errors(
        preview.rows,
        _key,
        _superior_of,
        known_nips,
        headers.get("superior", "NIP Atasan"),
        ("atasan", "superior"),
    )
    nip_header, id_header = headers.get("nip", "NIP"), headers.get("internal_id", "ID Internal")

    def key_of(row: PreviewRow[EmployeeRecord]) -> str:
        return normalise_nip_text(row_value(row, nip_header)) or row_value(row, id_header)

    for error in (*duplicate_errors(preview.rows, key_of, nip_header), *superiors):
        extra.setdefault(error.row, []).append(error)
    return replace_rows(preview, [with_errors(r, extra.get(r.row, ())) for r in preview.rows])


def _key(record: EmployeeRecord) -> str:
    return record.key


def _superior_of(record: EmployeeRecord) -> str | None:
    return record.superior_nip


def _employee(reader: RowReader, known_units: set[str] | None) -> EmployeeRecord | None:
    name = reader.required("name")
    type_text = reader.choice("type", TYPES)
    unit = reader.required("unit")
    if unit and known_units is not None and unit not in known_units:
        reader.errors.append(unknown_code_error(reader, "unit", unit))
    position = reader.required("position")
    level_text = reader.choice("level", LEVELS, required=False)
    sex_text = reader.choice("sex", SEXES, required=False)
    birth = reader.date("birth_date")
    employee_type = EmployeeType(type_text) if type_text else None
    nip = _nip(reader, employee_type)
    internal_id = reader.text("internal_id") or None
    if employee_type is EmployeeType.NON_ASN and not internal_id:
        _missing_internal_id(reader)
    if nip is not None:
        _match_nip(reader, nip, birth, Sex(sex_text) if sex_text else None)
    superior = _superior(reader)
    if reader.errors or employee_type is None:
        return None
    return EmployeeRecord(
        reader.row,
        nip,
        internal_id,
        name,
        employee_type,
        unit,
        position,
        PositionLevel(level_text) if level_text else None,
        superior,
        birth,
        Sex(sex_text) if sex_text else None,
    )


def _missing_internal_id(reader: RowReader) -> None:
    reader.fail(
        "internal_id" if reader.has("internal_id") else "nip",
        (
            "Tenaga kontrak (Non ASN) tidak memiliki NIP dan memerlukan ID internal.",
            "Contract staff (non-ASN) have no NIP and need an internal id.",
        ),
        (
            "Tambahkan kolom 'ID Internal' dan isi nomor kontrak atau ID pegawai.",
            "Add an 'ID Internal' column holding the contract number or staff id.",
        ),
    )


def _nip(reader: RowReader, employee_type: EmployeeType | None) -> str | None:
    raw = reader.raw("nip")
    text = reader.text("nip")
    if (isinstance(raw, float) or _SCIENTIFIC.match(text)) and text:
        reader.fail(
            "nip",
            (
                "NIP tersimpan sebagai angka, sehingga Excel membulatkan digit terakhirnya.",
                "The NIP is stored as a number, so Excel rounded its last digits.",
            ),
            (
                "Format kolom NIP sebagai Teks lalu ketik ulang NIP dari SK.",
                "Format the NIP column as Text and type the number again from the decree.",
            ),
        )
        return None
    if not text:
        if employee_type is not None and NipKind.for_type(employee_type) is not None:
            reader.required("nip")
        return None
    try:
        return parse_nip(text, employee_type).digits
    except InvalidNip as error:
        reader.fail("nip", _without_fix(error), (error.fix, error.fix_en))
        return None


def _match_nip(reader: RowReader, nip: str, birth: object, sex: Sex | None) -> None:
    parsed = parse_nip(nip)
    if birth is not None and birth != parsed.birth_date:
        reader.fail(
            "birth_date",
            (
                f"Tanggal lahir {birth} tidak sama dengan digit 1–8 NIP "
                f"({parsed.birth_date.isoformat()}).",
                f"Date of birth {birth} differs from NIP digits 1–8 "
                f"({parsed.birth_date.isoformat()}).",
            ),
            (
                "Periksa tanggal lahir dan NIP pada SK; salah satunya salah ketik.",
                "Check the date of birth and the NIP on the decree; one is mistyped.",
            ),
        )
    if sex is not None and sex is not parsed.sex:
        reader.fail(
            "sex",
            (
                f"Jenis kelamin tidak sama dengan digit 15 NIP ({parsed.sex.value}).",
                f"Sex differs from NIP digit 15 ({parsed.sex.value}).",
            ),
            ("Periksa jenis kelamin dan NIP pada SK.", "Check the sex and the NIP on the decree."),
        )


def _without_fix(error: InvalidNip) -> tuple[str, str]:
    """The message without its fix, which a RowError carries separately."""
    return (
        str(error).removesuffix(f"; {error.fix}") + ".",
        error.message_en.removesuffix(f"; {error.fix_en}") + ".",
    )


def _superior(reader: RowReader) -> str | None:
    text = reader.text("superior")
    if not text:
        return None
    try:
        return parse_nip(text).digits
    except InvalidNip as error:
        message, message_en = _without_fix(error)
        reader.fail(
            "superior",
            (f"NIP atasan tidak valid: {message}", f"Invalid superior NIP: {message_en}"),
            (error.fix, error.fix_en),
        )
        return normalise_nip_text(text)


__all__ = ["COLUMNS", "preview_employees"]
