"""Read a CSV or XLSX file into rows of cells, as BKPSDM staff keep them, within limits.

CSV: UTF-8 (with or without the BOM Excel writes), or UTF-16 with its BOM ("Unicode Text");
the delimiter is `;` (Excel in an Indonesian locale), `,` or a tab, taken from the header
line. XLSX: streamed one row at a time (pantau.importing.workbook), values not formulas. Row
numbers are the ones a user sees in Excel: the first row of the file is row 1. A file past the
limits (pantau.importing.limits: data rows, columns, unpacked size), a damaged text encoding or
a cell the CSV reader refuses is a `TableError` carrying the `FileError` to show.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePath

from pantau.importing.limits import (
    DEFAULT_LIMITS,
    Limits,
    TableError,
    too_many_columns,
    too_many_rows,
)
from pantau.importing.preview import FileError
from pantau.importing.workbook import open_sheet

Cell = object  # str, int, float, datetime, date, bool or None as the file holds it
Rows = Iterator[tuple[int, tuple[Cell, ...]]]


@dataclass(frozen=True)
class Table:
    """The header (first non-empty row) and the data rows after it, with their numbers.

    `rows` is read as it is consumed (inside `open_table`), blank rows left out; reading past
    the row limit raises `TableError`."""

    sheet: str | None
    header_row: int
    header: tuple[str, ...]
    rows: Rows


@contextmanager
def open_table(
    data: bytes,
    filename: str,
    sheet_names: Sequence[str],
    sheet: str | None,
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[Table]:
    """The table in `data`. `sheet_names` are the preferred sheet names (normalised)."""
    suffix = PurePath(filename).suffix.lower()
    if suffix in {".csv", ".txt"}:
        text = _decode(data)
        yield _table(None, _csv_rows(text), limits, lambda: _count_csv_rows(text))
    elif suffix in {".xlsx", ".xlsm"}:
        with open_sheet(data, sheet_names, sheet, limits) as (title, rows, declared):
            yield _table(title, rows, limits, declared)
    else:
        raise TableError(
            FileError(
                f"Format file '{filename}' tidak didukung.",
                "Simpan file sebagai .xlsx (Buku Kerja Excel) atau .csv (CSV UTF-8), lalu "
                "unggah ulang.",
                f"The file format of '{filename}' is not supported.",
                "Save the file as .xlsx (Excel Workbook) or .csv (CSV UTF-8) and upload it "
                "again.",
            )
        )


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise TableError(_broken_utf16(data, error)) from error
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


def _broken_utf16(data: bytes, error: UnicodeDecodeError) -> FileError:
    """A file that starts as UTF-16 (its BOM) but does not go on as UTF-16: cut short (an odd
    number of bytes) or holding half a character."""
    odd = len(data) % 2 == 1
    why = "jumlah bytenya ganjil (terpotong)" if odd else f"byte ke-{error.start + 1} rusak"
    why_en = "an odd number of bytes (cut short)" if odd else f"byte {error.start + 1} is damaged"
    return FileError(
        f"File teks UTF-16 ('Unicode Text') ini rusak: {why}.",
        "Simpan ulang dari Excel (Simpan Sebagai → 'CSV UTF-8 (Comma delimited) (*.csv)') lalu "
        "unggah file yang baru; jangan menyalin file yang belum selesai diunduh.",
        f"This UTF-16 ('Unicode Text') file is damaged: {why_en}.",
        "Save it again from Excel (Save As → 'CSV UTF-8 (Comma delimited) (*.csv)') and upload "
        "the new file; do not copy a file that has not finished downloading.",
    )


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: first.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _csv_rows(text: str) -> Rows:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, tuple(cells)
    except csv.Error as error:
        raise TableError(_unreadable_csv(reader.line_num or number + 1, error)) from error


def _unreadable_csv(line: int, error: csv.Error) -> FileError:
    """The csv reader's refusal (a cell over its 128 KB limit: nearly always a quotation mark
    opened and never closed, which swallows the lines after it)."""
    return FileError(
        f"Isi CSV mulai sekitar baris {line} tidak dapat dibaca ({error}): satu sel lebih "
        "dari 128 KB, biasanya karena tanda kutip (\") dibuka dan tidak ditutup.",
        "Periksa tanda kutip pada baris itu (setiap \" pembuka perlu \" penutup; tanda kutip "
        "di dalam teks ditulis \"\"), atau simpan ulang dari Excel sebagai CSV UTF-8.",
        f"The CSV cannot be read from about line {line} on ({error}): one cell is larger "
        "than 128 KB, nearly always a quotation mark (\") opened and never closed.",
        "Check the quotation marks on that line (each opening \" needs a closing one; a quote "
        "inside text is written \"\"), or save it again from Excel as CSV UTF-8.",
        row=line,
    )


def _count_csv_rows(text: str) -> int | None:
    """Data rows of a CSV (header and blank rows not counted), for the row-limit message."""
    try:
        return sum(1 for _, cells in _csv_rows(text) if not _is_blank(cells)) - 1
    except TableError:
        return None


def _table(
    sheet: str | None, rows: Iterable[tuple[int, tuple[Cell, ...]]], limits: Limits,
    total: Callable[[], int | None],
) -> Table:
    """The header row and the data rows after it, read lazily and counted against limits.
    `total` is called for the number of data rows when the limit is passed (None: unknown)."""
    iterator = iter(rows)
    for number, cells in iterator:
        trimmed = _trimmed(cells)
        if trimmed:
            _check_width(number, trimmed, limits)
            header = tuple(_header_text(cell) for cell in trimmed)
            return Table(sheet, number, header, _data_rows(sheet, iterator, limits, total))
    raise TableError(
        FileError(
            "File tidak berisi data: tidak ada baris judul kolom.",
            "Isi baris 1 dengan judul kolom (mis. NIP, Nama, Jenis Pegawai, Unit Kerja) "
            "dan data mulai baris 2; contoh ada di examples/import/.",
            "The file holds no data: there is no header row.",
            "Put the column headers in row 1 and the data from row 2 on; see examples/import/.",
        )
    )


def _data_rows(sheet: str | None, rows: Iterator[tuple[int, tuple[Cell, ...]]],
               limits: Limits, total: Callable[[], int | None]) -> Rows:
    count = 0
    for number, cells in rows:
        trimmed = _trimmed(cells)
        if not trimmed:
            continue
        _check_width(number, trimmed, limits)
        count += 1
        if count > limits.rows:
            raise too_many_rows(sheet, limits, total())
        yield number, trimmed


def _check_width(number: int, cells: tuple[Cell, ...], limits: Limits) -> None:
    if len(cells) > limits.columns:
        raise too_many_columns(number, len(cells), limits)


def _trimmed(cells: tuple[Cell, ...]) -> tuple[Cell, ...]:
    """The cells up to the last one that is not blank (() for a blank row)."""
    end = len(cells)
    while end and _is_blank((cells[end - 1],)):
        end -= 1
    return cells[:end]


def _header_text(cell: Cell) -> str:
    return "" if cell is None else str(cell).strip()


def _is_blank(cells: Sequence[Cell]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


__all__ = ["Cell", "Limits", "Table", "TableError", "open_table"]
