"""The one error tree of pantau.

    PantauError                      every error pantau raises on purpose
    ├── InputError                   bad input from a user: a file, a line, a field
    │   ├── InvalidActivity          an activity line that cannot be checked
    │   └── InvalidDatetime          a datetime without offset, or malformed
    ├── UnknownAgency                an agency id with no calendar or policy
    ├── DataError                    law-as-data (policy, calendar YAML) is invalid
    │   └── MissingCalendarData      a year or period the calendars do not cover
    └── ProcedureError               a disciplinary step taken out of order or too late

Each message says what went wrong, where (file, line, field) and how to fix it. Errors become
HTTP responses or CLI exit codes only at the edge.
"""

from __future__ import annotations


class PantauError(Exception):
    """Base of every error pantau raises on purpose."""


class InputError(PantauError):
    """Bad input from a user."""


class InvalidActivity(InputError):
    """An activity that cannot be checked."""


class InvalidDatetime(InputError):
    """A datetime without offset, or malformed."""


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
    "MissingCalendarData",
    "PantauError",
    "ProcedureError",
    "UnknownAgency",
]
