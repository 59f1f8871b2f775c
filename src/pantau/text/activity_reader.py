"""The common input line of `pantau check`, read in one step by msgspec.

`fast_activity(line)` is the activity `read_activity(line)` gives, or None; it never gives
another activity and never raises. msgspec decodes the JSON text and checks the type of
every field in C, into Structs that mirror the domain's value objects (`mirror`: the same
fields, types and defaults, made from the dataclasses themselves), from which the value
objects are built in one step each (pantau.domain.values). What is left in Python is what
msgspec cannot say: the times (read by the domain's own reader, `datetime.fromisoformat` and
its checks, not msgspec's RFC 3339 parser), an empty id or agency, and the order of the two
times. Any line it refuses is None: the caller reads it the exact way (orjson, then json),
which gives the same activity or the precise error. So is a line that might hold, in a field
the parser ignores and msgspec skips, what only json refuses (`_exact_only`: an integer
beyond Python's digit limit, deep nesting). It reads text only: msgspec does not check the
UTF-8 of the fields it skips, so bytes go the exact way. Tests hold the two readers equal on
valid lines, on broken variants of every field, and on JSON texts that decoders disagree on
(duplicate keys, numbers beyond 64 bits, NaN, lone surrogates, deep nesting, a byte order
mark); a differential fuzz of about 450,000 lines found only what `_exact_only` now sends on.

Reading a line this way costs about half what orjson's dicts and the field-by-field checks of
`parse_activity` cost (3.5 against 6.2 µs a line of the benchmark).
"""

from __future__ import annotations

import dataclasses
import sys
import typing
from typing import Any

import msgspec
from msgspec.structs import asdict

from pantau.domain.activities import (
    NO_EMPLOYEE,
    NO_SIGNALS,
    Activity,
    EmployeeRef,
    Signals,
    plain_datetime,
)
from pantau.domain.values import built


def mirror(cls: type, name: str, **overrides: tuple[Any, Any]) -> type[msgspec.Struct]:
    """A msgspec Struct with the fields of the dataclass `cls`, in its order, with its types
    and defaults (a field in `overrides` with the (type, default) given there), so that the
    two cannot drift apart."""
    hints = typing.get_type_hints(cls)
    fields: list[tuple[str, Any] | tuple[str, Any, Any]] = []
    for field in dataclasses.fields(cls):
        kind, default = overrides.get(field.name, (hints[field.name], field.default))
        fields.append((field.name, kind) if default is dataclasses.MISSING
                      else (field.name, kind, default))
    return msgspec.defstruct(name, fields, gc=False)


_Employee = mirror(EmployeeRef, "_Employee")
_Signals = mirror(Signals, "_Signals", on_leave=(bool | None, False))  # null: not on leave
# An activity line as msgspec checks it: the fields of SPEC §4 with their JSON types (the
# times as text, for the domain's reader; unknown fields are skipped, as the parser ignores
# them)
_Line = mirror(Activity, "_Line", started_at=(str, dataclasses.MISSING),
               ended_at=(str | None, None), employee=(_Employee | None, None),
               signals=(_Signals | None, None))
_decode = msgspec.json.Decoder(_Line).decode


# json, which reads the lines this module refuses, reads nesting recursively and fails near
# Python's recursion limit (at a depth that depends on the caller's stack), where msgspec may
# not. A line shorter than _SHORT nests at most _SHORT / 2 deep, far from that limit; a longer
# one is read in one step only with at most _BRACKETS brackets (a line of activity has four
# or so).
_SHORT = 1000
_BRACKETS = 100


def _exact_only(line: str) -> bool:
    """Whether `line` might hold what json refuses and msgspec reads in a field the parser
    ignores: an integer of more digits than Python converts (sys.get_int_max_str_digits, so
    only in a line longer than that), or deep nesting."""
    size, limit = len(line), sys.get_int_max_str_digits()
    if limit and size > limit:
        return True
    if size < _SHORT:
        return False
    return line.count("[") + line.count("{") > _BRACKETS


def fast_activity(line: str) -> Activity | None:
    """The activity of a JSON line of the common valid shape, or None (then read it the exact
    way: pantau.text.findings.read_activity)."""
    if _exact_only(line):
        return None
    try:
        read: Any = _decode(line)  # a _Line (made at import: its fields are not typed)
    except (msgspec.MsgspecError, RecursionError, UnicodeError, ValueError, OverflowError):
        return None
    identifier, agency = read.id, read.agency
    if identifier == "" or not agency:
        return None  # the parser's own message says which
    started = plain_datetime(read.started_at)
    if started is None:
        return None
    ended = None
    if read.ended_at is not None:
        ended = plain_datetime(read.ended_at)
        if ended is None or ended < started:
            return None
    employee, signals = read.employee, read.signals
    return built(Activity, {
        "id": identifier, "agency": agency, "kind": read.kind, "started_at": started,
        "ended_at": ended, "platform": read.platform, "account": read.account,
        "account_type": read.account_type,
        # the mirror's fields are the value object's, in its order (asdict: every field)
        "employee": NO_EMPLOYEE if employee is None else built(EmployeeRef, asdict(employee)),
        "text": read.text,
        "signals": NO_SIGNALS if signals is None else _signals(signals),
    })


def _signals(read: Any) -> Signals:
    fields = asdict(read)
    if fields["on_leave"] is None:
        fields["on_leave"] = False  # as the parser reads null
    return built(Signals, fields)


__all__ = ["fast_activity"]
