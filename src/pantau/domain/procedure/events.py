"""A disciplinary case as the events recorded on it (event-sourced).

The web stores `CaseEvent`s (as `to_json` dicts) and asks the state machine (`cases.progress`)
what is next, who must act, by when, and whether it is overdue. `CaseFile` adds what the events
do not say: the employee's type and position, their direct superior's post, vacant posts, and
the sanctions imposed on the employee before (for repeat offences and the ban on sanctioning a
breach twice).

Event kinds and their fields (besides `on`, the date the event happened). `attempt` may be left
out: the state machine knows which summons it is, and refuses a wrong one when it is given.

    reported           breaches (id, level, nature, on): the finding(s) confirmed, level assessed
    summoned           scheduled: the examination date set in the letter; attempt (1 or 2)
    absent             the employee did not come to that examination; attempt (1 or 2)
    team_formed        the examination team was formed
    released           temporarily released from duty
    examined           the BAP is signed; breaches may restate the levels found
    bap_forwarded      the BAP went up to the authorised official
    official_failed    official: the authorised official failed to act
    decided            sanction (type id), official: who set the decision
    delivered          the employee received the decision (`on` is the date of receipt)
    objection_filed    received by the decider on `on`; copy_received: by the official
    official_responded the official answered the objection
    objection_decided  outcome, sanction (the new type where the outcome needs one)
    appeal_filed       received by BPASN on `on`; copy_received: by the PPK
    appeal_responded   the PPK answered the appeal
    appeal_decided     outcome, sanction
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from pantau.domain.employees import EmployeeType, PositionLevel
from pantau.domain.errors import InputError
from pantau.domain.procedure.authority import Official
from pantau.domain.procedure.remedies import Outcome
from pantau.domain.procedure.sanctions import SanctionLevel


class EventKind(StrEnum):
    REPORTED = "reported"
    SUMMONED = "summoned"
    ABSENT = "absent"
    TEAM_FORMED = "team_formed"
    RELEASED = "released"
    EXAMINED = "examined"
    BAP_FORWARDED = "bap_forwarded"
    OFFICIAL_FAILED = "official_failed"
    DECIDED = "decided"
    DELIVERED = "delivered"
    OBJECTION_FILED = "objection_filed"
    OFFICIAL_RESPONDED = "official_responded"
    OBJECTION_DECIDED = "objection_decided"
    APPEAL_FILED = "appeal_filed"
    APPEAL_RESPONDED = "appeal_responded"
    APPEAL_DECIDED = "appeal_decided"


@dataclass(frozen=True)
class Breach:
    """One breach in a case: a confirmed finding, its assessed level and its nature."""

    id: str
    level: SanctionLevel
    nature: str = ""
    on: date | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "level": self.level.value}
        if self.nature:
            data["nature"] = self.nature
        if self.on is not None:
            data["on"] = self.on.isoformat()
        return data


@dataclass(frozen=True)
class CaseEvent:
    """Something that happened in a case, on a date."""

    kind: EventKind
    on: date
    breaches: tuple[Breach, ...] = ()
    attempt: int | None = None
    scheduled: date | None = None
    sanction: str | None = None
    official: Official | None = None
    outcome: Outcome | None = None
    copy_received: date | None = None
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind.value, "on": self.on.isoformat()}
        if self.breaches:
            data["breaches"] = [item.to_json() for item in self.breaches]
        if self.attempt is not None:
            data["attempt"] = self.attempt
        for name in ("scheduled", "copy_received"):
            value = getattr(self, name)
            if value is not None:
                data[name] = value.isoformat()
        for name in ("sanction", "official", "outcome", "note"):
            value = getattr(self, name)
            if value:
                data[name] = str(value)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CaseEvent:
        """An event from its `to_json` form (dates as ISO text or `date`); InputError if bad."""
        kind = _enum(EventKind, data.get("kind"), "kind")
        attempt = data.get("attempt")
        if attempt not in (None, 1, 2):
            raise InputError(f"event {kind.value}: attempt must be 1 or 2, not {attempt!r}")
        official = data.get("official")
        outcome = data.get("outcome")
        return cls(
            kind,
            _date(data.get("on"), "on"),
            tuple(_breach(item) for item in data.get("breaches") or ()),
            attempt,
            _date(data["scheduled"], "scheduled") if data.get("scheduled") else None,
            str(data["sanction"]) if data.get("sanction") else None,
            _enum(Official, official, "official") if official else None,
            _enum(Outcome, outcome, "outcome") if outcome else None,
            _date(data["copy_received"], "copy_received") if data.get("copy_received") else None,
            str(data.get("note") or ""),
        )


@dataclass(frozen=True)
class PastSanction:
    """A sanction imposed on the employee before (in any case): type, date, natures, breaches."""

    sanction: str
    decided_on: date
    natures: frozenset[str] = frozenset()
    breaches: frozenset[str] = frozenset()


@dataclass(frozen=True)
class CaseFile:
    """A case's events and the facts about the employee that the procedure needs."""

    employee_type: EmployeeType
    events: tuple[CaseEvent, ...]
    position: PositionLevel | None = None
    superior: Official | None = None
    vacant: frozenset[Official] = field(default_factory=frozenset)
    history: tuple[PastSanction, ...] = ()


def _enum(kind: Any, value: Any, field_name: str) -> Any:
    try:
        return kind(value)
    except ValueError:
        accepted = ", ".join(item.value for item in kind)
        raise InputError(f"{field_name} {value!r} is not one of {accepted}") from None


def _date(value: Any, field_name: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"{field_name} {value!r} is not a date; write YYYY-MM-DD") from None


def _breach(data: Any) -> Breach:
    if not isinstance(data, Mapping) or "id" not in data:
        raise InputError("a breach is a mapping with id, level and optionally nature and on")
    on = data.get("on")
    return Breach(
        str(data["id"]),
        _enum(SanctionLevel, data.get("level"), "level"),
        str(data.get("nature") or ""),
        _date(on, "on") if on else None,
    )


__all__ = ["Breach", "CaseEvent", "CaseFile", "EventKind", "PastSanction"]
