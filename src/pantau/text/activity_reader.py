"""The common input line of `pantau check`, read in one step by msgspec.

`fast_activity(line)` is the activity `read_activity(line)` gives, or None; it never gives
another activity and never raises. msgspec decodes the JSON text and checks the types of the
fields in C, straight into the domain's `EmployeeRef` and `Signals` (frozen dataclasses:
msgspec fills them without their __init__, as pantau.domain.values does, and the fields the
line omits are given their defaults here); what is left in
Python is what msgspec cannot say: the times (read by the domain's own reader,
`datetime.fromisoformat` and its checks, not msgspec's RFC 3339 parser), an empty id or
agency, and the order of the two times. Any line it refuses, or that this module is not sure
of, is None: the caller reads it the exact way (orjson, then json), which gives the same
activity or the precise error. A test holds the two equal on valid lines, on broken variants
of every field, and on JSON texts that decoders disagree on (duplicate keys, numbers beyond
64 bits, NaN, lone surrogates, deep nesting, a byte order mark).

About half the CPU time of reading a line (decode and build the activity) is saved: the
decoder builds the value objects without a dict per object and without a Python check per
field.
"""

from __future__ import annotations

from typing import Any

import msgspec

from pantau.domain.activities import (
    NO_EMPLOYEE,
    NO_SIGNALS,
    Activity,
    ActivityKind,
    EmployeeRef,
    Signals,
    plain_datetime,
)
from pantau.domain.values import built


class _Line(msgspec.Struct, gc=False):
    """An activity line as msgspec checks it: the fields of SPEC §4 with their JSON types
    (unknown fields are skipped, as the parser ignores them)."""

    id: str | int
    agency: str
    kind: ActivityKind
    started_at: str
    ended_at: str | None = None
    platform: str | None = None
    account: str | None = None
    account_type: str | None = None
    employee: EmployeeRef | None = None
    text: str | None = None
    signals: Signals | None = None


_decode = msgspec.json.Decoder(_Line).decode
_set = object.__setattr__
# msgspec leaves a field the JSON omits to the class's default; the object is given every
# field, as its constructor would (in the order of the class, the JSON's values over them).
_EMPLOYEE_DEFAULTS = vars(EmployeeRef())
_SIGNALS_DEFAULTS = vars(Signals())


def _whole(value: Any, defaults: dict[str, Any]) -> Any:
    if len(value.__dict__) != len(defaults):
        _set(value, "__dict__", {**defaults, **value.__dict__})
    return value


def fast_activity(line: str | bytes) -> Activity | None:
    """The activity of a JSON line of the common valid shape, or None (then read it the exact
    way: pantau.text.findings.read_activity)."""
    try:
        read = _decode(line)
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
    if employee is not None:
        _whole(employee, _EMPLOYEE_DEFAULTS)
    if signals is not None:
        _whole(signals, _SIGNALS_DEFAULTS)
    return built(Activity, {
        "id": identifier, "agency": agency, "kind": read.kind, "started_at": started,
        "ended_at": ended, "platform": read.platform, "account": read.account,
        "account_type": read.account_type,
        "employee": NO_EMPLOYEE if employee is None else employee, "text": read.text,
        "signals": NO_SIGNALS if signals is None else signals,
    })


__all__ = ["fast_activity"]
