"""Read a case from plain data (JSON from the web, YAML scenarios) and run the state machine.

A case in plain data:

    {"agency": "kab-ketapang",
     "employee": {"type": "PNS", "position": "PELAKSANA", "superior": "PENGAWAS"},
     "vacant": ["PENGAWAS"],
     "history": [{"sanction": "teguran_lisan", "decided_on": "2025-05-02",
                  "natures": ["live_in_work_hours"], "breaches": ["f-0"]}],
     "events": [{"kind": "reported", "on": "2026-02-03",
                 "breaches": [{"id": "f-1", "level": "ringan", "nature": "live_in_work_hours"}]},
                {"kind": "summoned", "on": "2026-02-04", "scheduled": "2026-02-10"}]}

Events may also be written `{"reported": "2026-02-03", "breaches": [...]}` (the kind as the key
of its date), as the YAML scenarios do.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from pantau.domain.employees import EmployeeType, PositionLevel
from pantau.domain.errors import InputError
from pantau.domain.procedure.authority import Official
from pantau.domain.procedure.cases import progress
from pantau.domain.procedure.events import CaseEvent, CaseFile, EventKind, PastSanction
from pantau.domain.procedure.progress import CaseProgress
from pantau.rules.calendars import load_calendar
from pantau.rules.procedure import load_procedure

_KINDS = {kind.value for kind in EventKind}


def parse_event(data: Any) -> CaseEvent:
    """An event from `{"kind": K, "on": D, ...}` or the shorthand `{K: D, ...}`."""
    if not isinstance(data, Mapping):
        raise InputError(f"an event is a mapping, not {data!r}")
    if "kind" not in data:
        kinds = [key for key in data if key in _KINDS]
        if len(kinds) != 1:
            raise InputError(
                f"an event names exactly one kind ({', '.join(sorted(_KINDS))}); got {list(data)}"
            )
        data = {**{k: v for k, v in data.items() if k != kinds[0]},
                "kind": kinds[0], "on": data[kinds[0]]}
    return CaseEvent.from_json(data)


def parse_case(data: Mapping[str, Any]) -> CaseFile:
    """The case file of a plain-data case (see the module docstring)."""
    employee = data.get("employee") or {}
    if not isinstance(employee, Mapping):
        raise InputError("employee must be a mapping with type and position")
    events = data.get("events") or []
    if not isinstance(events, list):
        raise InputError("events must be a list")
    return CaseFile(
        _choice(EmployeeType, employee.get("type", "PNS"), "employee.type"),
        tuple(parse_event(item) for item in events),
        _choice(PositionLevel, employee["position"], "employee.position")
        if employee.get("position") else None,
        _choice(Official, employee["superior"], "employee.superior")
        if employee.get("superior") else None,
        frozenset(_choice(Official, item, "vacant") for item in data.get("vacant") or []),
        tuple(_past(item) for item in data.get("history") or []),
    )


def case_progress(agency_id: str, case: CaseFile, today: date) -> CaseProgress:
    """The state machine on the agency's procedure data and calendar."""
    return progress(case, load_procedure(agency_id), load_calendar(agency_id), today)


def _choice(kind: Any, value: Any, field: str) -> Any:
    try:
        return kind(value)
    except ValueError:
        accepted = ", ".join(item.value for item in kind)
        raise InputError(f"{field} {value!r} is not one of {accepted}") from None


def _past(item: Any) -> PastSanction:
    if not isinstance(item, Mapping) or "sanction" not in item or "decided_on" not in item:
        raise InputError("a past sanction needs sanction and decided_on (natures, breaches)")
    decided = item["decided_on"]
    if not isinstance(decided, date):
        try:
            decided = date.fromisoformat(str(decided))
        except ValueError:
            raise InputError(f"decided_on {decided!r} is not a date; write YYYY-MM-DD") from None
    return PastSanction(
        str(item["sanction"]),
        decided,
        frozenset(str(n) for n in item.get("natures") or []),
        frozenset(str(b) for b in item.get("breaches") or []),
    )


__all__ = ["case_progress", "parse_case", "parse_event"]
