"""The one code path from rows to findings, for every engine and for the web.

`check_rows` gives, for each non-blank row of a partition, exactly the JSON text `pantau check`
writes for that line (the same decoding, the same `invalid` objects, the same writer) with the
finding behind it; `check_activities` checks activities already parsed, each with the registry
record a person or the web found (the web's re-evaluation after a change of the law).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from pantau.batch.sources import Row
from pantau.domain.activities import Activity, parse_activity
from pantau.domain.errors import InputError, MissingCalendarData, PantauError, UnknownAgency
from pantau.domain.findings import Finding
from pantau.domain.registry import RegistryRecord
from pantau.rules.checker import Checker
from pantau.text import text
from pantau.text.finding_json import FindingWriter
from pantau.text.findings import check_line, invalid_output
from pantau.text.lines import decode_line

K = TypeVar("K")


@dataclass(frozen=True)
class CheckedRow:
    """One row checked: its number, the JSON text written for it, and the finding (None when
    the row was invalid; `error` then says why)."""

    row: int
    output: str
    finding: Finding | None
    error: str | None = None


def _object_result(checker: Checker, obj: dict[str, Any], number: int, lang: str
                   ) -> Finding | dict[str, Any]:
    """As `check_line`, for an activity already decoded (Parquet columns)."""
    try:
        return checker.check(parse_activity(obj))
    except (InputError, UnknownAgency, MissingCalendarData) as error:
        where = text("check.line", lang, number=number)
        return invalid_output(number, text("check.invalid", lang, where=where, error=str(error)))


def _line_result(checker: Checker, raw: str | bytes, number: int, lang: str
                 ) -> Finding | dict[str, Any] | None:
    """As `pantau check` reads line `number`: None for a blank line."""
    line: str | dict[str, Any]
    if isinstance(raw, bytes):
        decoded = decode_line(raw, number)
        if isinstance(decoded, str):
            line = decoded
        else:
            error = text("check.not_utf8", lang, number=number, byte=decoded.byte,
                         position=decoded.position)
            line = invalid_output(number, error)
    else:
        line = raw
    if isinstance(line, dict):
        return line
    if not line.strip():
        return None
    return check_line(checker, line, number, lang)


def check_rows(checker: Checker, rows: Iterable[Row], lang: str = "id",
               writer: FindingWriter | None = None) -> Iterator[CheckedRow]:
    """Every non-blank row checked, in order."""
    writer = writer or FindingWriter(lang)
    for number, item in rows:
        if isinstance(item, dict):
            result = _object_result(checker, item, number, lang)
        else:
            found = _line_result(checker, item, number, lang)
            if found is None:
                continue
            result = found
        if isinstance(result, dict):
            yield CheckedRow(number, json.dumps(result, ensure_ascii=False), None,
                             str(result.get("error", "")))
        else:
            yield CheckedRow(number, writer.line(result), result)


def check_activities(checker: Checker,
                     items: Iterable[tuple[K, Activity, RegistryRecord | None]]
                     ) -> Iterator[tuple[K, Finding | PantauError]]:
    """Activities already parsed, each with its registry record (or None): the finding, or
    the error that kept it from being checked (a date the calendars do not cover)."""
    for key, activity, record in items:
        try:
            yield key, checker.check(activity, record)
        except PantauError as error:
            yield key, error


__all__ = ["CheckedRow", "check_activities", "check_rows"]
