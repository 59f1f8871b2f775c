"""The registry port: what the employee registry knows about the person behind an activity.

`EmployeeRecords.lookup(activity)` finds the employee (by NIP, else by the platform and
handle of a social-media account linked to an employee of the activity's agency) and returns
a `RegistryRecord`: who they are (type, unit, position, direct superior) and their
`EmployeeOverlay` (leave, the shift roster of a shift unit, surat tugas assignments); None
when nothing matches. The check then fills what the activity leaves out (explicit values win)
and reads working time and official duty from the record (SPEC §3, §4).

`InMemoryRecords` is the fake shipped beside the port; the Django adapter lives in
`pantau.web.registry.records`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Protocol

from pantau.domain.activities import Activity
from pantau.domain.employees import EmployeeType, mask_nip
from pantau.domain.overlay import Assignment, EmployeeOverlay, LeavePeriod, Shift
from pantau.domain.text import Message, say

REGISTRY = "registri"  # the reference a registry leave period carries in reasons


class MatchedBy(StrEnum):
    """How the registry found the employee."""

    NIP = "nip"
    ACCOUNT = "account"


def account_key(platform: str | None, handle: str | None) -> tuple[str, str] | None:
    """(platform, handle) compared without case and without a leading '@'; None if either is
    missing."""
    if not platform or not handle:
        return None
    name = handle.strip().lower().removeprefix("@")
    return (platform.strip().lower(), name) if name else None


@dataclass(frozen=True)
class RegisteredEmployee:
    """An employee as the registry keeps them, with their direct superior."""

    nip: str | None
    name: str
    type: EmployeeType
    unit: str
    position: str = ""
    superior_name: str | None = None
    superior_position: str | None = None
    shift_unit: bool = False
    key: str | None = None  # the registry's own id of the record (for its access log)

    def to_json(self, show_nip: bool = False) -> dict[str, Any]:
        """The `employee` object of a finding (NIP masked unless `show_nip`)."""
        superior = None
        if self.superior_name is not None:
            superior = {"name": self.superior_name, "position": self.superior_position or ""}
        return {
            "nip": self.nip if show_nip else mask_nip(self.nip),
            "name": self.name,
            "type": self.type.value,
            "unit": self.unit,
            "position": self.position,
            "superior": superior,
        }

    def to_record(self) -> dict[str, Any]:
        """Everything the registry said, NIP in full: the stored form (`from_record`)."""
        return {
            "nip": self.nip, "name": self.name, "type": self.type.value, "unit": self.unit,
            "position": self.position, "superior_name": self.superior_name,
            "superior_position": self.superior_position, "shift_unit": self.shift_unit,
            "key": self.key,
        }

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> RegisteredEmployee:
        """The employee `to_record` wrote."""
        return cls(
            nip=data.get("nip"), name=str(data["name"]), type=EmployeeType(data["type"]),
            unit=str(data["unit"]), position=str(data.get("position") or ""),
            superior_name=data.get("superior_name"),
            superior_position=data.get("superior_position"),
            shift_unit=bool(data.get("shift_unit")), key=data.get("key"),
        )


def _days(shift: Shift, zone: Any) -> tuple[date, date]:
    return shift.start.astimezone(zone).date(), shift.end.astimezone(zone).date()


@dataclass(frozen=True)
class RegistryRecord:
    """What the registry knows of the employee behind one activity."""

    employee: RegisteredEmployee
    overlay: EmployeeOverlay
    matched_by: MatchedBy

    def fill(self, activity: Activity) -> Activity:
        """The activity with the employee fields it lacks taken from the registry; the
        activity's own values win."""
        own = activity.employee
        employee = replace(
            own,
            nip=own.nip or self.employee.nip,
            name=own.name or self.employee.name,
            type=own.type or self.employee.type,
            unit=own.unit or self.employee.unit,
        )
        return replace(activity, employee=employee)

    def overlay_at(self, start: datetime, end: datetime | None, zone: Any) -> EmployeeOverlay:
        """The overlay for [start, end) (or the instant start): the roster only when the unit
        works shifts and the recorded roster spans those local dates; outside the dates a
        roster was recorded for, nothing is known of the shifts and the regular week applies
        (a fact says so). The employee page and `pantau check --registry` both ask this."""
        if self.overlay.roster is None or self.roster_covers(start, end, zone):
            return self.overlay
        return replace(self.overlay, roster=None)

    def overlay_for(self, activity: Activity, zone: Any) -> EmployeeOverlay:
        """`overlay_at` the activity's time."""
        return self.overlay_at(activity.started_at, activity.ended_at, zone)

    def roster_covers(self, start: datetime, end: datetime | None, zone: Any) -> bool:
        """Whether the recorded roster spans the local dates of [start, end)."""
        roster = self.overlay.roster or ()
        if not roster:
            return False
        first = min(_days(shift, zone)[0] for shift in roster)
        last = max(_days(shift, zone)[1] for shift in roster)
        day = start.astimezone(zone).date()
        end_day = (end or start).astimezone(zone).date()
        return first <= day and end_day <= last

    def duty(self, activity: Activity) -> Assignment | None:
        """The surat tugas whose window the activity overlaps, if any."""
        return self.overlay.duty_for(activity.started_at, activity.ended_at)

    def time_facts(self, start: datetime, end: datetime | None, zone: Any) -> list[Message]:
        """What the registry says of the employee's time then: roster or not, surat tugas."""
        found: list[Message] = []
        if self.overlay.roster is not None and not self.roster_covers(start, end, zone):
            found.append(say("registry.no_roster"))
        elif self.overlay.roster is not None:
            found.append(say("registry.roster", unit=self.employee.unit))
        assignment = self.overlay.duty_for(start, end)
        if assignment is not None:
            found.append(say("registry.duty", reference=assignment.reference))
        return found

    def facts(self, activity: Activity, zone: Any) -> tuple[Message, ...]:
        """What the check took from the registry, as calendar facts."""
        if self.matched_by is MatchedBy.NIP:
            found = [say("registry.found_nip")]
        else:
            found = [say("registry.found_account", platform=activity.platform or "",
                         account=activity.account or "")]
        own = activity.employee
        if own.type is None:
            found.append(say("registry.type", type=self.employee.type.value))
        if own.unit is None:
            found.append(say("registry.unit", unit=self.employee.unit))
        found += self.time_facts(activity.started_at, activity.ended_at, zone)
        return tuple(found)


@dataclass(frozen=True)
class RegistryTime:
    """A working-time answer with the facts that came from the registry added."""

    answer: Any
    registry_facts: tuple[Message, ...]

    @property
    def working(self) -> bool:
        return bool(self.answer.working)

    @property
    def local(self) -> datetime:
        local: datetime = self.answer.local
        return local

    @property
    def facts(self) -> tuple[Message, ...]:
        own: tuple[Message, ...] = tuple(self.answer.facts)
        return self.registry_facts + own

    @property
    def reason(self) -> Message:
        reason: Message = self.answer.reason
        return reason


class EmployeeRecords(Protocol):
    """The registry as the check sees it."""

    def lookup(self, activity: Activity) -> RegistryRecord | None:
        """The record of the employee behind the activity, or None when nothing matches."""
        ...


@dataclass(frozen=True)
class StoredEmployee:
    """One employee of the fake registry: agency, record, linked accounts, time overlay."""

    agency: str
    employee: RegisteredEmployee
    accounts: tuple[tuple[str, str], ...] = ()
    leave: tuple[LeavePeriod, ...] = ()
    roster: tuple[Shift, ...] = ()
    assignments: tuple[Assignment, ...] = ()

    def record(self, matched_by: MatchedBy) -> RegistryRecord:
        roster = self.roster if self.employee.shift_unit else None
        overlay = EmployeeOverlay(self.leave, roster, self.assignments)
        return RegistryRecord(self.employee, overlay, matched_by)


class InMemoryRecords:
    """A fake registry for tests: employees held in memory, looked up like the real one."""

    def __init__(self, employees: Iterable[StoredEmployee] = ()) -> None:
        self._by_nip: dict[tuple[str, str], StoredEmployee] = {}
        self._by_account: dict[tuple[str, str, str], StoredEmployee] = {}
        self.lookups = 0
        for item in employees:
            self.add(item)

    def add(self, item: StoredEmployee) -> None:
        if item.employee.nip:
            self._by_nip[(item.agency, item.employee.nip)] = item
        for platform, handle in item.accounts:
            key = account_key(platform, handle)
            if key is not None:
                self._by_account[(item.agency, *key)] = item

    def lookup(self, activity: Activity) -> RegistryRecord | None:
        self.lookups += 1
        nip = activity.employee.nip
        found = self._by_nip.get((activity.agency, nip)) if nip else None
        if found is not None:
            return found.record(MatchedBy.NIP)
        key = account_key(activity.platform, activity.account)
        found = self._by_account.get((activity.agency, *key)) if key else None
        return found.record(MatchedBy.ACCOUNT) if found is not None else None


__all__ = [
    "EmployeeRecords",
    "InMemoryRecords",
    "MatchedBy",
    "RegisteredEmployee",
    "RegistryRecord",
    "RegistryTime",
    "StoredEmployee",
    "account_key",
]
