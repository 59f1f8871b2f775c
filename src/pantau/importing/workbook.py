"""Read one sheet of an XLSX workbook as a stream of rows, within limits.

openpyxl's read-only mode pads every row to the widest column it has seen (a cell in column
XFD makes each row 16,384 values) and its parser keeps the cleared rows under the sheet's
element. This reader drives openpyxl's own cell parser (`WorkSheetParser.parse_row`: shared
strings, inline strings, numbers, dates from the styles, formula results) one `<row>` at a
time, drops each row from the tree once read, and refuses a file past the limits: the size it
unpacks to (checked before anything is parsed), a value beyond the last allowed column (before
the row is built), and, by the caller, the number of data rows.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from pantau.importing.limits import Limits, TableError, too_big_unzipped, too_many_columns
from pantau.importing.preview import FileError

Row = tuple[int, tuple[object, ...]]
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_BROKEN = (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, OSError, EOFError)


def _not_a_workbook(error: Exception) -> TableError:
    return TableError(FileError(
        f"File bukan buku kerja Excel .xlsx yang valid ({type(error).__name__}).",
        "Buka file di Excel lalu Simpan Sebagai → 'Buku Kerja Excel (*.xlsx)'; file "
        ".xls lama tidak didukung.",
        f"The file is not a valid Excel .xlsx workbook ({type(error).__name__}).",
        "Open it in Excel and Save As → 'Excel Workbook (*.xlsx)'; old .xls files are "
        "not supported.",
    ))


def _check_unzipped(data: bytes, limits: Limits) -> None:
    """Refuse a workbook that unpacks past the limit. zipfile never yields more bytes for a
    member than the size the archive declares (it stops there and reports a bad CRC), so the
    declared sizes bound what parsing can ever read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            size = sum(info.file_size for info in archive.infolist())
    except _BROKEN as error:
        raise _not_a_workbook(error) from error
    if size > limits.unzipped_bytes:
        raise too_big_unzipped(size, limits)


@contextmanager
def open_sheet(
    data: bytes, preferred: Sequence[str], sheet: str | None, limits: Limits
) -> Iterator[tuple[str, Iterator[Row], Callable[[], int | None]]]:
    """The chosen sheet's title, its rows (row number, values up to the last non-empty one)
    and a function giving the row count the sheet's dimension declares (None: none declared,
    or not read yet)."""
    _check_unzipped(data, limits)
    try:
        reader, sheets = _open_workbook(data)
    except _BROKEN as error:
        raise _not_a_workbook(error) from error
    try:
        title = pick_sheet(list(sheets), preferred, sheet)
        dimension = _Dimension()
        yield title, _rows(reader, sheets[title], limits, dimension), dimension.rows
    finally:
        reader.archive.close()


def _open_workbook(data: bytes) -> tuple[Any, dict[str, str]]:
    """openpyxl's reader with the shared strings, the workbook and its styles (for dates) read,
    and the worksheets by title -> path. openpyxl's own load_workbook is not used: opening a
    sheet that declares no dimension parses (and keeps) the whole sheet just to size it."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet

    reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
    try:
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        sheets = {
            sheet.name: rel.target
            for sheet, rel in reader.parser.find_sheets()
            if rel.target in reader.valid_files and "chartsheet" not in rel.Type
        }
    except BaseException:
        reader.archive.close()
        raise
    if not sheets:
        reader.archive.close()
        raise KeyError("no worksheet")
    return reader, sheets


class _Dimension:
    """The row count a sheet's `<dimension ref="A1:E500">` declares, once read."""

    def __init__(self) -> None:
        self.declared: int | None = None

    def rows(self) -> int | None:
        return self.declared - 1 if self.declared and self.declared > 1 else None

    def read(self, ref: str) -> None:
        last = ref.split(":")[-1].lstrip("$ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        self.declared = int(last) if last.isdigit() else None


def _rows(reader: Any, path: str, limits: Limits, dimension: _Dimension) -> Iterator[Row]:
    from openpyxl.worksheet._reader import WorkSheetParser
    from openpyxl.xml.functions import iterparse

    workbook = reader.wb
    with reader.archive.open(path) as source:
        parser = WorkSheetParser(
            source, reader.shared_strings, data_only=True, epoch=workbook.epoch,
            date_formats=workbook._date_formats, timedelta_formats=workbook._timedelta_formats,
        )
        try:
            events = iterparse(source, events=("start", "end"))
            yield from _parse(parser, events, limits, dimension)
        except (SyntaxError, ValueError, KeyError, IndexError, zipfile.BadZipFile) as error:
            raise _not_a_workbook(error) from error


def _parse(parser: Any, events: Iterator[tuple[str, Any]], limits: Limits,
           dimension: _Dimension) -> Iterator[Row]:
    sheet_data = None
    for event, element in events:
        if event == "start":
            if element.tag == f"{_NS}sheetData":
                sheet_data = element
            continue
        if element.tag == f"{_NS}dimension":
            dimension.read(element.get("ref", ""))
        if element.tag != f"{_NS}row":
            continue
        number, cells = parser.parse_row(element)
        parser.row_dimensions.clear()  # row heights and styles: not needed, and they pile up
        if sheet_data is not None:
            sheet_data.clear()  # the row read, and every row before it, leave the tree
        yield number, _values(number, cells, limits)


def _values(number: int, cells: list[dict[str, Any]], limits: Limits) -> tuple[object, ...]:
    """The row's values by column, up to its last non-empty cell."""
    filled = [cell for cell in cells if not _blank(cell["value"])]
    if not filled:
        return ()
    last = max(cell["column"] for cell in filled)
    if last > limits.columns:
        raise too_many_columns(number, last, limits)
    values: list[object] = [None] * last
    for cell in filled:
        values[cell["column"] - 1] = cell["value"]
    return tuple(values)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def pick_sheet(available: list[str], preferred: Sequence[str], sheet: str | None) -> str:
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


__all__ = ["open_sheet", "pick_sheet"]
