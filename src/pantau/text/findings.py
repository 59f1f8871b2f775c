"""Findings written for people and programs: the SPEC §4 output object in one language.

`finding_output` is what `pantau check` prints for a finding and what the web's JSON twins
show; `invalid_output` is the object for an input line that could not be checked.
"""

from __future__ import annotations

import json
import re
from typing import Any, Protocol

import orjson

from pantau.domain.activities import Activity, parse_activity
from pantau.domain.errors import InputError, MissingCalendarData, UnknownAgency
from pantau.domain.findings import Finding, RuleFinding, Verdict
from pantau.text import render, text
from pantau.text.activity_reader import fast_activity


def violation_output(violation: RuleFinding, lang: str) -> dict[str, Any]:
    """The violation object of SPEC §4."""
    return {
        "policy": violation.policy.id,
        "rule": violation.rule,
        "conduct": violation.conduct,
        "status": violation.status.value,
        "missing": list(violation.missing),
        "clause": violation.clause_text,
        "explanation": render(violation.explanation(), lang),
    }


def finding_output(finding: Finding, lang: str = "id", show_nip: bool = False) -> dict[str, Any]:
    """The finding object of SPEC §4, with the `employee` object when the registry found one
    (NIP masked unless `show_nip`)."""
    work = finding.work_time
    found: dict[str, Any] = {
        "activity_id": finding.activity_id,
        "verdict": finding.verdict.value,
        "violations": [violation_output(v, lang) for v in finding.violations],
        "work_time": {
            "local": work.local.isoformat(),
            "working": work.working,
            "reason": render(work.reason, lang),
        },
    }
    if finding.employee is not None:
        found["employee"] = finding.employee.to_json(show_nip)
    return found


class Checks(Protocol):
    """What checks an activity (pantau.rules.checker.Checker)."""

    def check(self, activity: Activity) -> Finding: ...


def check_line(checker: Checks, line: str, number: int, lang: str = "id"
               ) -> Finding | dict[str, Any]:
    """The finding for input line `number` (JSON text), or the `invalid` object saying what is
    wrong and where."""
    activity = fast_activity(line)  # the common line, read in one step (or None)
    if activity is None:
        try:  # orjson reads it, and it refuses any lone surrogate (_unwritable)
            activity = parse_activity(orjson.loads(line))
        except (orjson.JSONDecodeError, InputError, RecursionError):
            read = _read_again(line, number, lang)
            if isinstance(read, dict):
                return read
            activity = read
    try:
        return checker.check(activity)
    except (InputError, UnknownAgency, MissingCalendarData) as error:
        where = text("check.line", lang, number=number)
        return invalid_output(number, text("check.invalid", lang, where=where, error=str(error)))


def _read_again(line: str, number: int, lang: str) -> Activity | dict[str, Any]:
    """The activity of a line orjson did not read, read by json (see `read_activity`), or the
    `invalid` object with json's or the parser's own error."""
    try:
        activity = parse_activity(json.loads(line))
    except RecursionError:
        where = text("check.line", lang, number=number)
        return invalid_output(number, text("check.too_deep", lang, where=where))
    except InputError as error:
        where = text("check.line", lang, number=number)
        if _unwritable(line):
            return invalid_output(number, text("check.lone_surrogate", lang, where=where))
        return invalid_output(number, text("check.invalid", lang, where=where, error=str(error)))
    except ValueError as error:
        where = text("check.line", lang, number=number)
        return invalid_output(number, text("check.not_json", lang, where=where, error=str(error)))
    if _unwritable(line):
        where = text("check.line", lang, number=number)
        return invalid_output(number, text("check.lone_surrogate", lang, where=where))
    return activity


def read_activity(line: str | bytes) -> Activity:
    """The activity of one JSON line, exactly as `parse_activity(json.loads(line))` reads it
    (ValueError from json, InputError from the parser), faster: orjson decodes first. Where
    orjson differs from json it either refuses the line (NaN, a lone surrogate, deep nesting)
    or reads an integer beyond 64 bits as a float, which no field of an activity accepts; in
    both cases, and for every line that is not a valid activity (so that the error is json's
    and the parser's own), the line is decoded again by json. The common line is read by
    `fast_activity` (msgspec) before either, which gives the same activity or None."""
    # bytes are read the exact way: msgspec does not check the UTF-8 of the fields it skips
    found = fast_activity(line) if isinstance(line, str) else None
    if found is not None:
        return found
    try:
        return parse_activity(orjson.loads(line))
    except (orjson.JSONDecodeError, InputError):
        return parse_activity(json.loads(line))


# An escaped UTF-16 surrogate (\ud800-\udfff): the only way a line that is UTF-8 can hold one.
_LONE_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


def _unwritable(line: str) -> bool:
    """True when a string of the (JSON) line holds a lone surrogate (a pair escaped as two
    \\u escapes is one character and fine), which no UTF-8 output can carry."""
    if not _LONE_SURROGATE.search(line):
        return False
    try:
        json.dumps(json.loads(line), ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def check_output(checker: Checks, line: str, number: int, lang: str = "id",
                 show_nip: bool = False) -> dict[str, Any]:
    """What `pantau check` writes for one input line."""
    found = check_line(checker, line, number, lang)
    return found if isinstance(found, dict) else finding_output(found, lang, show_nip)


def invalid_output(number: int, error: str) -> dict[str, Any]:
    """The output object for an input line that cannot be checked."""
    return {"line": number, "verdict": Verdict.INVALID.value, "error": error}


__all__ = [
    "check_line", "check_output", "finding_output", "invalid_output", "read_activity",
    "violation_output",
]
