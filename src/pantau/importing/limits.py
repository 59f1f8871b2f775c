"""How big an import file may be, and what a user is told when theirs is bigger.

A workbook is a zip of XML: 100 KB on disk can unpack to gigabytes, or hold a cell in the last
of Excel's 16,384 columns on every row. Files are read as a stream and refused as soon as they
pass a limit: the unpacked size (declared in the zip, which never yields more than it declares),
the number of data rows and the number of columns. The web and `pantau import` take the limits
from the settings (PANTAU_IMPORT_MAX_ROWS, PANTAU_IMPORT_MAX_COLUMNS,
PANTAU_IMPORT_MAX_UNZIPPED_MB); `DEFAULT_LIMITS` are the same defaults.
"""

from __future__ import annotations

from dataclasses import dataclass

from pantau.importing.preview import FileError


@dataclass(frozen=True)
class Limits:
    """The most a file may hold: data rows (the header not counted), columns, unpacked bytes."""

    rows: int = 100_000
    columns: int = 200
    unzipped_bytes: int = 100 * 1024 * 1024


DEFAULT_LIMITS = Limits()


class TableError(Exception):
    """Raised inside this package when a file cannot be read at all."""

    def __init__(self, error: FileError) -> None:
        super().__init__(error.message)
        self.error = error


def _id(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def column_letters(number: int) -> str:
    """Excel's name of column `number` (1 = A, 16384 = XFD)."""
    text = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        text = chr(65 + rest) + text
    return text


def too_many_rows(sheet: str | None, limits: Limits, total: int | None) -> TableError:
    where = f"Lembar '{sheet}'" if sheet else "File"
    where_en = f"Sheet '{sheet}'" if sheet else "The file"
    found = f" ({_id(total)} baris)" if total else ""
    found_en = f" ({total:,} rows)" if total else ""
    parts = f"{_id(limits.rows)}"
    return TableError(FileError(
        f"{where} berisi lebih dari {_id(limits.rows)} baris data{found}; batasnya "
        f"{_id(limits.rows)} baris per file.",
        f"Bagi data menjadi beberapa file berisi paling banyak {parts} baris, masing-masing "
        "dengan baris judul kolom di baris 1, lalu impor satu per satu. Hapus juga baris kosong "
        "yang berformat di bawah data.",
        f"{where_en} holds more than {limits.rows:,} data rows{found_en}; the limit is "
        f"{limits.rows:,} rows a file.",
        f"Split the data into files of at most {limits.rows:,} rows, each with the header row "
        "in row 1, and import them one after the other. Delete formatted empty rows below the "
        "data too.",
        row=limits.rows + 2 if total is None else None,
    ))


def too_many_columns(row: int, column: int, limits: Limits) -> TableError:
    cell = f"{column_letters(column)}{row}"
    last = column_letters(limits.columns)
    return TableError(FileError(
        f"Baris {row} berisi nilai di kolom {column_letters(column)} (kolom ke-{_id(column)}, "
        f"sel {cell}); batasnya {limits.columns} kolom (sampai kolom {last}).",
        f"Hapus isi sel {cell} dan semua kolom setelah {last} (pilih kolom-kolom itu, klik "
        "kanan → Hapus), atau salin hanya kolom yang dipakai ke buku kerja baru.",
        f"Row {row} holds a value in column {column_letters(column)} (column {column:,}, cell "
        f"{cell}); the limit is {limits.columns} columns (up to column {last}).",
        f"Clear cell {cell} and delete every column after {last} (select them, right-click → "
        "Delete), or copy only the columns in use to a new workbook.",
        row=row,
    ))


def too_big_unzipped(size: int, limits: Limits) -> TableError:
    mb, limit_mb = size / 1024 / 1024, limits.unzipped_bytes / 1024 / 1024
    return TableError(FileError(
        f"Buku kerja ini berukuran {mb:,.0f} MB setelah dibuka (dari zip); batasnya "
        f"{limit_mb:,.0f} MB.".replace(",", "."),
        "Salin hanya lembar data (tanpa gambar, tanpa lembar lain) ke buku kerja baru, atau "
        "bagi datanya menjadi beberapa file; simpan sebagai CSV UTF-8 bila perlu.",
        f"This workbook unpacks to {mb:,.0f} MB; the limit is {limit_mb:,.0f} MB.",
        "Copy only the data sheet (no pictures, no other sheets) to a new workbook, or split "
        "the data into several files; save as CSV UTF-8 if need be.",
    ))


__all__ = [
    "DEFAULT_LIMITS",
    "Limits",
    "TableError",
    "column_letters",
    "too_big_unzipped",
    "too_many_columns",
    "too_many_rows",
]
