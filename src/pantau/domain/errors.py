"""The one error tree of pantau.

    PantauError                      every error pantau raises on purpose
    ├── InputError                   bad input from a user: a file, a line, a field
    │   ├── InvalidActivity          an activity line that cannot be checked
    │   ├── InvalidDatetime          a datetime without offset, or malformed
    │   └── InvalidNip               an NIP / NI PPPK whose segment is wrong (names the segment)
    ├── UnknownAgency                an agency id with no calendar or policy
    ├── DataError                    law-as-data (policy, calendar YAML) is invalid
    │   └── MissingCalendarData      a year or period the calendars do not cover
    └── ProcedureError               a disciplinary step taken out of order or too late

Each message says what went wrong, where (file, line, field) and how to fix it. Errors become
HTTP responses or CLI exit codes only at the edge. `str(error)` is for the person who runs
pantau (a developer, an operator at a terminal); an error that a user of the web may meet
also carries `message`, a catalogue message the edge renders in the reader's language.
"""

from __future__ import annotations

from typing import Any


class PantauError(Exception):
    """Base of every error pantau raises on purpose."""

    def __init__(self, *args: Any, message: Any = None) -> None:
        super().__init__(*args)
        self.message = message  # a pantau.domain.text.Message for people, or None


class InputError(PantauError):
    """Bad input from a user."""


class InvalidActivity(InputError):
    """An activity that cannot be checked."""


class InvalidDatetime(InputError):
    """A datetime without offset, or malformed."""


class InvalidNip(InputError):
    """An NIP (PNS) or NI PPPK that is malformed: the message names the wrong segment.

    `str(error)` is Indonesian; `message_en` is the English variant. `segment` is a stable
    identifier of the segment (e.g. "birth_date"), `positions` the 1-based digit range
    ("1–8"), `value` the offending digits and `fix`/`fix_en` say how to correct them.
    """

    def __init__(
        self,
        message: str,
        *,
        message_en: str,
        segment: str,
        positions: str = "",
        value: str = "",
        fix: str = "",
        fix_en: str = "",
    ) -> None:
        super().__init__(message)
        self.message_en = message_en
        self.segment = segment
        self.positions = positions
        self.value = value
        self.fix = fix
        self.fix_en = fix_en


class UnknownAgency(PantauError):
    """An agency id with no calendar or policy."""


class DataError(PantauError):
    """Law-as-data (policy or calendar YAML) is invalid."""


class MissingCalendarData(DataError):
    """The calendars hold no data for the year or period asked about."""


class ProcedureError(PantauError):
    """A disciplinary step taken out of order or too late."""


__all__ = [
    "DataError",
    "InputError",
    "InvalidActivity",
    "InvalidDatetime",
    "InvalidNip",
    "MissingCalendarData",
    "PantauError",
    "ProcedureError",
    "UnknownAgency",
]
