"""What an import shows before anything is written: rows, their records, their errors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

R = TypeVar("R")


@dataclass(frozen=True)
class RowError:
    """One problem in one cell. `row` is the spreadsheet row a user sees (header = row 1).

    `column` is the header as written in the file. `message` and `fix` are Indonesian;
    `message_en` and `fix_en` their English variants.
    """

    row: int
    column: str
    value: str
    message: str
    fix: str
    message_en: str = ""
    fix_en: str = ""

    def __str__(self) -> str:
        return f"baris {self.row}, kolom {self.column}: {self.message} Perbaikan: {self.fix}"


@dataclass(frozen=True)
class FileError:
    """A problem with the whole file: encoding, format, sheet, a missing column."""

    message: str
    fix: str
    message_en: str = ""
    fix_en: str = ""
    row: int | None = None

    def __str__(self) -> str:
        where = f"baris {self.row}: " if self.row is not None else ""
        return f"{where}{self.message} Perbaikan: {self.fix}"


@dataclass(frozen=True)
class PreviewRow(Generic[R]):
    """One data row: its values as read (header -> text), and a record or its errors."""

    row: int
    values: tuple[tuple[str, str], ...]
    record: R | None
    errors: tuple[RowError, ...] = ()

    @property
    def ok(self) -> bool:
        return self.record is not None and not self.errors


@dataclass(frozen=True)
class ImportPreview(Generic[R]):
    """The result of reading one file; nothing has been written anywhere.

    `kind` is "employees", "units" or "accounts". `columns` maps each recognised header
    (as in the file) to its field; `ignored_columns` lists headers that were not recognised.
    """

    kind: str
    filename: str
    sheet: str | None
    columns: tuple[tuple[str, str], ...]
    ignored_columns: tuple[str, ...]
    rows: tuple[PreviewRow[R], ...]
    file_errors: tuple[FileError, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the file and every row are valid."""
        return not self.file_errors and all(row.ok for row in self.rows)

    @property
    def records(self) -> tuple[R, ...]:
        """The valid records, in file order."""
        return tuple(row.record for row in self.rows if row.ok and row.record is not None)

    @property
    def errors(self) -> tuple[RowError, ...]:
        """Every row error, in file order."""
        return tuple(error for row in self.rows for error in row.errors)

    @property
    def invalid_rows(self) -> tuple[int, ...]:
        return tuple(row.row for row in self.rows if not row.ok)
