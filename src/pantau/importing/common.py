"""The steps every import shares: read the table, match columns, read rows, cross-check."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from pantau.importing.cells import RowReader, cell_text
from pantau.importing.columns import Column, ColumnError, ColumnMap, match_columns
from pantau.importing.preview import FileError, ImportPreview, PreviewRow, RowError
from pantau.importing.tables import Table, TableError, read_table

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
) -> ImportPreview[R]:
    """Read `data` and parse each row; file-level problems end the preview early."""
    try:
        table = read_table(data, filename, sheet_names, sheet)
        column_map = match_columns(table.header, columns, table.header_row)
    except TableError as error:
        return _failed(kind, filename, None, (error.error,))
    except ColumnError as error:
        return _failed(kind, filename, table.sheet, error.errors)
    rows = tuple(
        _preview_row(number, cells, table, column_map, parse_row) for number, cells in table.rows
    )
    columns_found = tuple((column_map.header[f], f) for f in column_map.index)
    return ImportPreview(kind, filename, table.sheet, columns_found, column_map.ignored, rows)


def _failed(
    kind: str, filename: str, sheet: str | None, errors: tuple[FileError, ...]
) -> ImportPreview[R]:
    return ImportPreview(kind, filename, sheet, (), (), (), errors)


def _preview_row(
    number: int,
    cells: tuple[object, ...],
    table: Table,
    column_map: ColumnMap,
    parse_row: RowParser[R],
) -> PreviewRow[R]:
    reader = RowReader(number, cells, column_map)
    record = parse_row(reader)
    values = tuple(
        (text, cell_text(cells[i]) if i < len(cells) else "")
        for i, text in enumerate(table.header)
        if text
    )
    errors = tuple(reader.errors)
    return PreviewRow(number, values, None if errors else record, errors)


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
