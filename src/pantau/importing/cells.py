"""Read the cells of one row into typed values, collecting errors with row and column."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime

from pantau.importing.columns import ColumnMap
from pantau.importing.preview import RowError
from pantau.importing.tables import Cell

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "jan"),
            ("februari", "feb", "pebruari"),
            ("maret", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "jun"),
            ("juli", "jul"),
            ("agustus", "agu", "agt", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct"),
            ("november", "nov", "nop"),
            ("desember", "des", "dec"),
        ),
        start=1,
    )
    for name in names
}
_NUMERIC_DATE = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})$")
_WORDED_DATE = re.compile(r"^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$")
_YES = {"ya", "y", "yes", "true", "1", "iya", "benar"}
_NO = {"tidak", "t", "no", "false", "0", "bukan", "tdk", ""}


def cell_text(cell: Cell) -> str:
    """A cell as the user sees it: integers without ".0", dates as ISO, text stripped."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "ya" if cell else "tidak"
    if isinstance(cell, float) and cell.is_integer() and abs(cell) < 1e15:
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell).strip()


class RowReader:
    """Typed access to the cells of one row; every problem becomes a RowError."""

    def __init__(self, row: int, cells: Sequence[Cell], columns: ColumnMap) -> None:
        self.row = row
        self._cells = cells
        self._columns = columns
        self.errors: list[RowError] = []

    def raw(self, field: str) -> Cell:
        position = self._columns.index.get(field)
        if position is None or position >= len(self._cells):
            return None
        return self._cells[position]

    def text(self, field: str) -> str:
        return cell_text(self.raw(field))

    def header(self, field: str) -> str:
        return self._columns.header.get(field, field)

    def has(self, field: str) -> bool:
        return field in self._columns.index

    @property
    def fields(self) -> tuple[str, ...]:
        """The fields this file has a column for."""
        return tuple(self._columns.index)

    def fail(self, field: str, message: tuple[str, str], fix: tuple[str, str]) -> None:
        """Record an error on this row's `field` column (messages in Indonesian, English)."""
        error = RowError(
            self.row, self.header(field), self.text(field), message[0], fix[0], message[1], fix[1]
        )
        self.errors.append(error)

    def required(self, field: str) -> str:
        value = self.text(field)
        if not value:
            label = self.header(field)
            self.fail(
                field,
                (f"Kolom '{label}' wajib diisi.", f"'{label}' is required."),
                (
                    f"Isi kolom '{label}' pada baris {self.row}.",
                    f"Fill in '{label}' in row {self.row}.",
                ),
            )
        return value

    def choice(self, field: str, options: Mapping[str, str], *, required: bool = True) -> str:
        """The canonical value of a coded cell; `options` maps normalised words to it."""
        value = self.text(field)
        if not value and not required:
            return ""
        key = " ".join(re.sub(r"[^0-9a-z]+", " ", value.lower()).split())
        if key in options:
            return options[key]
        accepted = ", ".join(sorted({k for k in options if k}))
        label = self.header(field)
        self.fail(
            field,
            (
                f"Nilai '{value}' tidak dikenal untuk kolom '{label}'.",
                f"'{value}' is not a known value for '{label}'.",
            ),
            (f"Gunakan salah satu: {accepted}.", f"Use one of: {accepted}."),
        )
        return ""

    def flag(self, field: str) -> bool:
        value = self.text(field).lower()
        if value in _YES:
            return True
        if value not in _NO:
            label = self.header(field)
            self.fail(
                field,
                (f"Nilai '{value}' bukan ya/tidak.", f"'{value}' is not yes/no."),
                (
                    f"Isi kolom '{label}' dengan 'ya' atau 'tidak'.",
                    f"Write 'ya' or 'tidak' in '{label}'.",
                ),
            )
        return False

    def date(self, field: str) -> date | None:
        cell = self.raw(field)
        if isinstance(cell, datetime):
            return cell.date()
        if isinstance(cell, date):
            return cell
        value = cell_text(cell)
        if not value:
            return None
        parsed = parse_date_text(value)
        if parsed is None:
            self.fail(
                field,
                (f"'{value}' bukan tanggal yang dikenali.", f"'{value}' is not a recognised date."),
                (
                    "Tulis tanggal sebagai HH/BB/TTTT (mis. 01/08/1966) atau TTTT-BB-HH.",
                    "Write the date as DD/MM/YYYY (e.g. 01/08/1966) or YYYY-MM-DD.",
                ),
            )
        return parsed


def nul_errors(reader: RowReader) -> list[RowError]:
    """An error on each cell of a read column that holds a NUL character (byte 0): no
    database stores it (PostgreSQL refuses it), so it is refused here, at input."""
    errors = []
    for field in reader.fields:
        raw = reader.raw(field)
        if isinstance(raw, str) and "\x00" in raw:
            shown = raw.replace("\x00", "\u2400")[:200]
            errors.append(RowError(
                reader.row, reader.header(field), shown,
                "Sel berisi karakter NUL (byte 0, ditampilkan sebagai ␀) yang tidak dapat "
                "disimpan.",
                "Ketik ulang isi sel itu; bila banyak sel begini, simpan ulang file sebagai "
                "CSV UTF-8 (file UTF-16 tanpa BOM terbaca penuh byte 0).",
                "The cell holds a NUL character (byte 0, shown as ␀), which cannot be stored.",
                "Type the cell again; when many cells are like this, save the file again as "
                "CSV UTF-8 (UTF-16 without a BOM reads as full of zero bytes).",
            ))
    return errors


def parse_date_text(value: str) -> date | None:
    """DD/MM/YYYY, DD-MM-YYYY, DD.MM.YYYY, YYYY-MM-DD or "1 Agustus 1966"; None if neither."""
    text = value.strip().lower()
    numeric = _NUMERIC_DATE.match(text)
    worded = _WORDED_DATE.match(text)
    try:
        if numeric:
            first, month, last = (int(part) for part in numeric.groups())
            year, day = (first, last) if len(numeric.group(1)) == 4 else (last, first)
            return date(year, month, day) if year >= 1900 else None
        if worded and worded.group(2) in _MONTHS:
            return date(int(worded.group(3)), _MONTHS[worded.group(2)], int(worded.group(1)))
    except ValueError:
        return None
    return None
