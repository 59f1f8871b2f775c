"""The steps every import shares: read the table, match columns, read rows, cross-check."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from pantau.importing.cells import RowReader, cell_text, nul_errors
from pantau.importing.columns import Column, ColumnError, ColumnMap, match_columns
from pantau.importing.limits import DEFAULT_LIMITS, Limits
from pantau.importing.preview import FileError, ImportPreview, PreviewRow, RowError
from pantau.importing.tables import TableError, open_table

R = TypeVar("R")
RowParser = Callable[[RowReader], R | None]


def run_preview(
    kind: str,
    data: bytes,
    filename: str,
    columns: Sequence[Column],
    sheet_names: Sequence[str],
    sheet: str | None,
    parse_row: RowParser[R],
    limits: Limits = DEFAULT_LIMITS,
) -> ImportPreview[R]:
    """Read `data` and parse each row as it is read; file-level problems (a damaged file, a
    missing column, a file past the limits) end the preview with no rows."""
    try:
        with open_table(data, filename, sheet_names, sheet, limits) as table:
            try:
                column_map = match_columns(table.header, columns, table.header_row)
            except ColumnError as error:
                return _failed(kind, filename, table.sheet, error.errors)
            narrow, read = _narrowed(column_map)
            cells = [(number, tuple(_at(row, i) for i in read)) for number, row in table.rows]
            sheet_title = table.sheet
    except TableError as error:
        return _failed(kind, filename, None, (error.error,))
    rows = tuple(_preview_row(number, row, narrow, parse_row) for number, row in cells)
    columns_found = tuple((column_map.header[f], f) for f in column_map.index)
    return ImportPreview(kind, filename, sheet_title, columns_found, column_map.ignored, rows)


def _narrowed(column_map: ColumnMap) -> tuple[ColumnMap, tuple[int, ...]]:
    """The columns pantau reads, in file order, renumbered from 0, and their positions in
    the file: rows keep only those cells (a file within the limits is read whole before a
    row is checked, so a file past them is refused before any work on its rows)."""
    order = sorted(column_map.index.items(), key=lambda item: item[1])
    index = {field: position for position, (field, _) in enumerate(order)}
    return ColumnMap(index, column_map.header, column_map.ignored), tuple(i for _, i in order)


def _at(row: tuple[object, ...], index: int) -> object:
    return row[index] if index < len(row) else None


def _failed(
    kind: str, filename: str, sheet: str | None, errors: tuple[FileError, ...]
) -> ImportPreview[R]:
    return ImportPreview(kind, filename, sheet, (), (), (), errors)


def _preview_row(
    number: int,
    cells: tuple[object, ...],
    column_map: ColumnMap,
    parse_row: RowParser[R],
) -> PreviewRow[R]:
    """One row: its record or its errors, and the values of the columns pantau reads (only
    those: a row keeps a dozen short strings however wide the sheet is)."""
    reader = RowReader(number, cells, column_map)
    refused = nul_errors(reader)
    record = parse_row(reader) if not refused else None
    values = tuple((column_map.header[field], _shown(cells, i))
                   for field, i in column_map.index.items())
    errors = (*refused, *reader.errors)
    return PreviewRow(number, values, None if errors else record, errors)


def _shown(cells: tuple[object, ...], index: int) -> str:
    return cell_text(cells[index]).replace("\x00", "") if index < len(cells) else ""


def with_errors(row: PreviewRow[R], extra: Sequence[RowError]) -> PreviewRow[R]:
    """The row with cross-row errors added (its record dropped when there are any)."""
    if not extra:
        return row
    return PreviewRow(row.row, row.values, None, (*row.errors, *extra))


def replace_rows(preview: ImportPreview[R], rows: Sequence[PreviewRow[R]]) -> ImportPreview[R]:
    return ImportPreview(
        preview.kind,
        preview.filename,
        preview.sheet,
        preview.columns,
        preview.ignored_columns,
        tuple(rows),
        preview.file_errors,
    )
