"""Read a CSV or XLSX file into rows of cells, as BKPSDM staff keep them.

CSV: UTF-8 (with or without the BOM Excel writes), or UTF-16 with its BOM ("Unicode Text");
the delimiter is `;` (Excel in an Indonesian locale), `,` or a tab, taken from the header
line. XLSX: read with openpyxl in read-only mode, values not formulas. Row numbers are the
ones a user sees in Excel: the first row of the file is row 1.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from pantau.importing.preview import FileError

Cell = object  # str, int, float, datetime, date, bool or None as the file holds it


@dataclass(frozen=True)
class Table:
    """The header (first non-empty row) and the data rows after it, with their numbers."""

    sheet: str | None
    header_row: int
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[Cell, ...]], ...]


class TableError(Exception):
    """Raised inside this package when a file cannot be read at all."""

    def __init__(self, error: FileError) -> None:
        super().__init__(error.message)
        self.error = error


def read_table(data: bytes, filename: str, sheet_names: Sequence[str], sheet: str | None) -> Table:
    """The table in `data`. `sheet_names` are the preferred sheet names (normalised)."""
    suffix = PurePath(filename).suffix.lower()
    if suffix in {".csv", ".txt"}:
        return _read_csv(data)
    if suffix in {".xlsx", ".xlsm"}:
        return _read_xlsx(data, sheet_names, sheet)
    raise TableError(
        FileError(
            f"Format file '{filename}' tidak didukung.",
            "Simpan file sebagai .xlsx (Buku Kerja Excel) atau .csv (CSV UTF-8), lalu unggah "
            "ulang.",
            f"The file format of '{filename}' is not supported.",
            "Save the file as .xlsx (Excel Workbook) or .csv (CSV UTF-8) and upload it again.",
        )
    )


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise TableError(
            FileError(
                f"File CSV bukan UTF-8: byte 0x{data[error.start]:02X} pada baris {line} "
                "tidak dapat dibaca (mungkin disimpan sebagai 'CSV (Comma delimited)' ANSI).",
                "Di Excel pilih Simpan Sebagai → 'CSV UTF-8 (Comma delimited) (*.csv)', "
                "atau unggah file .xlsx.",
                f"The CSV file is not UTF-8: byte 0x{data[error.start]:02X} on line {line} "
                "cannot be read (perhaps saved as ANSI 'CSV (Comma delimited)').",
                "In Excel choose Save As → 'CSV UTF-8 (Comma delimited) (*.csv)', or upload "
                "the .xlsx file.",
                row=line,
            )
        ) from error


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: first.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _read_csv(data: bytes) -> Table:
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[tuple[int, tuple[Cell, ...]]] = [
        (number, tuple(cells)) for number, cells in enumerate(reader, start=1)
    ]
    return _split_header(None, rows)


def _split_header(sheet: str | None, rows: list[tuple[int, tuple[Cell, ...]]]) -> Table:
    non_empty = [(number, cells) for number, cells in rows if not _is_blank(cells)]
    if not non_empty:
        raise TableError(
            FileError(
                "File tidak berisi data: tidak ada baris judul kolom.",
                "Isi baris 1 dengan judul kolom (mis. NIP, Nama, Jenis Pegawai, Unit Kerja) "
                "dan data mulai baris 2; contoh ada di examples/import/.",
                "The file holds no data: there is no header row.",
                "Put the column headers in row 1 and the data from row 2 on; see examples/import/.",
            )
        )
    header_row, header_cells = non_empty[0]
    header = tuple(_header_text(cell) for cell in header_cells)
    data_rows = tuple((number, cells) for number, cells in non_empty[1:])
    return Table(sheet, header_row, header, data_rows)


def _header_text(cell: Cell) -> str:
    return "" if cell is None else str(cell).strip()


def _is_blank(cells: Sequence[Cell]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def _read_xlsx(data: bytes, sheet_names: Sequence[str], sheet: str | None) -> Table:
    from openpyxl import load_workbook  # imported here: CSV imports never need it

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise TableError(
            FileError(
                f"File bukan buku kerja Excel .xlsx yang valid ({type(error).__name__}).",
                "Buka file di Excel lalu Simpan Sebagai → 'Buku Kerja Excel (*.xlsx)'; file "
                ".xls lama tidak didukung.",
                f"The file is not a valid Excel .xlsx workbook ({type(error).__name__}).",
                "Open it in Excel and Save As → 'Excel Workbook (*.xlsx)'; old .xls files are "
                "not supported.",
            )
        ) from error
    try:
        worksheet = workbook[_pick_sheet(workbook.sheetnames, sheet_names, sheet)]
        rows = [
            (number, tuple(cells))
            for number, cells in enumerate(worksheet.iter_rows(values_only=True), start=1)
        ]
        return _split_header(worksheet.title, rows)
    finally:
        workbook.close()


def _pick_sheet(available: list[str], preferred: Sequence[str], sheet: str | None) -> str:
    if sheet is not None:
        if sheet in available:
            return sheet
        listed = ", ".join(f"'{name}'" for name in available)
        raise TableError(
            FileError(
                f"Lembar (sheet) '{sheet}' tidak ada di buku kerja; yang ada: {listed}.",
                "Pilih salah satu lembar yang ada, atau ganti nama lembar di Excel.",
                f"The workbook has no sheet '{sheet}'; it has: {listed}.",
                "Choose one of the existing sheets, or rename the sheet in Excel.",
            )
        )
    by_name = {_normal(name): name for name in available}
    for name in preferred:
        if name in by_name:
            return by_name[name]
    return available[0]


def _normal(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split())
