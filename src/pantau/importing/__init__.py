"""Import the registry from the files BKPSDM staff keep: CSV or XLSX, Indonesian headers.

Nothing here writes anywhere: each function reads one file and returns an `ImportPreview`
that the caller shows, and writes only the rows a user confirms (update-or-create by NIP or
internal id for employees, by unit code for units, by (platform, handle) for accounts, so that
re-importing the same file changes nothing).

Public API:

    preview_employees(data, filename, known_units=None, known_nips=None, *, sheet=None)
        -> ImportPreview[EmployeeRecord]
    preview_units(data, filename, known_units=None, known_nips=None, *, sheet=None)
        -> ImportPreview[UnitRecord]
    preview_accounts(data, filename, known_units=None, known_nips=None, *, sheet=None)
        -> ImportPreview[AccountRecord]
    PREVIEWS: {"employees": preview_employees, "units": preview_units,
               "accounts": preview_accounts}

`data` is the file's bytes and `filename` decides the format (.csv/.txt or .xlsx). CSV may
be UTF-8 (with or without BOM) or UTF-16 with BOM, delimited by `;`, `,` or tab. In a workbook
the sheet named like the kind ("Pegawai", "Unit", "Akun") is read, else the first sheet;
`sheet=` names one explicitly. `known_units` / `known_nips` are the unit codes and employee
keys (NIPs, and internal ids of contract staff) already in the registry: references (unit,
superior, parent, owner) must point to a row of the same file or to one of them. `None` means
"not checked against the registry".

`ImportPreview` holds `rows` (each a `PreviewRow` with `row` — the spreadsheet row number, the
header being row 1 — its `values`, and a frozen `record` or `errors`), `file_errors`
(`FileError`: encoding, format, unknown sheet, missing or doubled column) and helpers `ok`,
`records`, `errors`. A `RowError(row, column, value, message, fix, message_en, fix_en)` names
the row, the column as headed in the file, the value, what is wrong and how to fix it
(Indonesian first, English in the `_en` fields).

Headers are matched ignoring case, spacing and punctuation, with synonyms; the accepted
headers of each kind are the `COLUMNS` of `pantau.importing.employees`, `.units`, `.accounts`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pantau.importing.accounts import preview_accounts
from pantau.importing.employees import preview_employees
from pantau.importing.preview import FileError, ImportPreview, PreviewRow, RowError
from pantau.importing.records import (
    AccountRecord,
    AccountType,
    EmployeeRecord,
    Platform,
    UnitKind,
    UnitRecord,
)
from pantau.importing.units import preview_units

PREVIEWS: dict[str, Callable[..., ImportPreview[Any]]] = {
    "employees": preview_employees,
    "units": preview_units,
    "accounts": preview_accounts,
}

__all__ = [
    "PREVIEWS",
    "AccountRecord",
    "AccountType",
    "EmployeeRecord",
    "FileError",
    "ImportPreview",
    "Platform",
    "PreviewRow",
    "RowError",
    "UnitKind",
    "UnitRecord",
    "preview_accounts",
    "preview_employees",
    "preview_units",
]
