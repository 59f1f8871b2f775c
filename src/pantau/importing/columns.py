"""Match the headers BKPSDM staff write to the fields pantau reads.

Matching ignores case, spacing and punctuation ("Unit Kerja (kode)" = "unit kerja kode" =
"UNIT_KERJA_KODE") and knows the usual synonyms. Unknown headers are ignored, and listed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pantau.importing.preview import FileError


@dataclass(frozen=True)
class Column:
    """A field of an import: its name, the header shown to users, synonyms, requiredness."""

    field: str
    label: str
    synonyms: tuple[str, ...] = ()
    required: bool = False

    def matches(self, header: str) -> bool:
        wanted = {normal(self.label), *(normal(s) for s in self.synonyms)}
        key = normal(header)
        return key in wanted or key.replace(" ", "") in {w.replace(" ", "") for w in wanted}


@dataclass(frozen=True)
class ColumnMap:
    """Which column index holds each field, and the header as written in the file."""

    index: dict[str, int]
    header: dict[str, str]
    ignored: tuple[str, ...]


def normal(text: str) -> str:
    """Lower case, punctuation and underscores as spaces, spaces collapsed."""
    return " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def match_columns(header: Sequence[str], columns: Sequence[Column], header_row: int) -> ColumnMap:
    """Map headers to fields; raise ColumnError listing every missing or doubled column."""
    index: dict[str, int] = {}
    shown: dict[str, str] = {}
    ignored: list[str] = []
    problems: list[FileError] = []
    for position, text in enumerate(header):
        column = next((c for c in columns if text and c.matches(text)), None)
        if column is None:
            if text:
                ignored.append(text)
            continue
        if column.field in index:
            problems.append(_doubled(column, shown[column.field], text, header_row))
            continue
        index[column.field] = position
        shown[column.field] = text
    problems.extend(
        _missing(column, header, header_row)
        for column in columns
        if column.required and column.field not in index
    )
    if problems:
        raise ColumnError(tuple(problems))
    return ColumnMap(index, shown, tuple(ignored))


class ColumnError(Exception):
    """The header row lacks required columns or names one field twice."""

    def __init__(self, errors: tuple[FileError, ...]) -> None:
        super().__init__("; ".join(error.message for error in errors))
        self.errors = errors


def _missing(column: Column, header: Sequence[str], header_row: int) -> FileError:
    found = ", ".join(f"'{text}'" for text in header if text) or "(kosong)"
    accepted = ", ".join(f"'{name}'" for name in (column.label, *column.synonyms[:4]))
    return FileError(
        f"Kolom wajib '{column.label}' tidak ditemukan di baris judul (baris {header_row}); "
        f"kolom yang ada: {found}.",
        f"Tambahkan kolom '{column.label}' (judul yang diterima: {accepted}) di baris "
        f"{header_row}.",
        f"Required column '{column.label}' is missing from the header row (row {header_row}); "
        f"found: {found}.",
        f"Add a column '{column.label}' (accepted headers: {accepted}) in row {header_row}.",
        row=header_row,
    )


def _doubled(column: Column, first: str, second: str, header_row: int) -> FileError:
    return FileError(
        f"Kolom '{first}' dan '{second}' sama-sama berarti '{column.label}'.",
        f"Hapus atau ganti judul salah satu kolom di baris {header_row}.",
        f"Columns '{first}' and '{second}' both mean '{column.label}'.",
        f"Delete or rename one of them in row {header_row}.",
        row=header_row,
    )
