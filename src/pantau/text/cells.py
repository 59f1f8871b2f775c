"""Text bound for a spreadsheet cell (CSV or XLSX) that a spreadsheet must not run.

A cell beginning with `=`, `+`, `-` or `@` (or a tab or carriage return before one) is taken
for a formula by Excel, LibreOffice and Google Sheets: a name such as `=HYPERLINK(...)`
typed into the registry would run when BKPSDM opens an export (OWASP, "CSV injection").
Such a text is written with a leading apostrophe, which spreadsheets show as plain text.
Numbers, texts that are only a signed number (a change of -3, a phone +62...) or a lone
dash, and empty values pass unchanged: no spreadsheet runs them."""

from __future__ import annotations

import re
from typing import Any

_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?[0-9]+([.,][0-9]+)?|-")


def safe_cell(value: Any) -> Any:
    """`value` as a spreadsheet may hold it without running it (None becomes "")."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


__all__ = ["safe_cell"]
