"""The registry port (pantau.domain.registry.EmployeeRecords) on the Django registry: the one
adapter from registry rows to the domain's `RegistryRecord`.

`record_of(employee)` is one employee's record (the employee page asks it what "now" is);
`load_index(agency)` holds every employee of an agency (five queries an agency) and is what
`pantau check --registry` looks activities up in. Both build the record the same way
(`stored_employee`), so the page and the check agree on leave, roster and surat tugas.
`DjangoRecords` notes each employee it finds once; `close()` writes one access-log entry per
employee read (UU PDP Pasal 31), naming the CLI user.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TypeVar

from pantau.domain.activities import Activity
from pantau.domain.employees import EmployeeType
from pantau.domain.overlay import Assignment, LeavePeriod, Shift
from pantau.domain.registry import (
    REGISTRY,
    InMemoryRecords,
    MatchedBy,
    RegisteredEmployee,
    RegistryRecord,
    StoredEmployee,
)
from pantau.web.audit.access import record_reads
from pantau.web.registry import models

ACCESS_VIA = "check"
T = TypeVar("T")
R = TypeVar("R", models.Leave, models.Assignment, models.Shift)


def _registered(row: models.Employee) -> RegisteredEmployee:
    superior = row.superior
    return RegisteredEmployee(
        nip=row.nip or None,
        name=row.name,
        type=EmployeeType(row.employee_type),
        unit=row.unit.name,
        position=row.position,
        superior_name=superior.name if superior is not None else None,
        superior_position=superior.position if superior is not None else None,
        shift_unit=row.unit.shift,
        key=str(row.pk),
    )


def _grouped(rows: Iterable[tuple[int, T]]) -> dict[int, tuple[T, ...]]:
    grouped: dict[int, list[T]] = defaultdict(list)
    for key, value in rows:
        grouped[key].append(value)
    return {key: tuple(values) for key, values in grouped.items()}


def _by_employee(rows: Iterable[R], convert: Callable[[R], T | None]) -> dict[int, tuple[T, ...]]:
    """The converted rows grouped by employee id, rows that do not convert left out."""
    pairs = ((row.employee_id, convert(row)) for row in rows)
    return _grouped((key, item) for key, item in pairs if item is not None)


def leave_period(row: models.Leave, reference: str = "") -> LeavePeriod | None:
    """A registry leave row as the calendar's LeavePeriod (None for a backward period);
    `reference` names the source in the calendar's reason (the check says `registri`)."""
    return LeavePeriod(row.start, row.end, row.kind, reference) if row.end >= row.start else None


def duty_window(row: models.Assignment) -> Assignment | None:
    """A surat tugas row as the calendar's Assignment (None for an empty or backward window)."""
    if row.ends_at <= row.starts_at:
        return None
    return Assignment(row.starts_at, row.ends_at, row.number)


def roster_shift(row: models.Shift) -> Shift | None:
    """A roster row as the calendar's Shift (None for an empty or backward shift)."""
    return Shift(row.starts_at, row.ends_at, row.name) if row.ends_at > row.starts_at else None


def _time_records(
    agency: str,
) -> tuple[
    dict[int, tuple[LeavePeriod, ...]],
    dict[int, tuple[Assignment, ...]],
    dict[int, tuple[Shift, ...]],
]:
    owned = {"employee__agency_id": agency}
    leave = _by_employee(
        models.Leave.objects.filter(**owned).order_by("start"),
        lambda row: leave_period(row, REGISTRY),
    )
    duties = _by_employee(
        models.Assignment.objects.filter(**owned).order_by("starts_at"), duty_window
    )
    shifts = _by_employee(models.Shift.objects.filter(**owned).order_by("starts_at"), roster_shift)
    return leave, duties, shifts


def stored_employee(
    row: models.Employee,
    accounts: Iterable[tuple[str, str]],
    leave: Iterable[LeavePeriod],
    shifts: Iterable[Shift],
    duties: Iterable[Assignment],
) -> StoredEmployee:
    """One employee's registry rows as the domain keeps them."""
    return StoredEmployee(
        row.agency_id, _registered(row), tuple(accounts), tuple(leave), tuple(shifts),
        tuple(duties),
    )


def _present(items: Iterable[T | None]) -> tuple[T, ...]:
    return tuple(item for item in items if item is not None)


def record_of(row: models.Employee) -> RegistryRecord:
    """The registry record of one employee (leave, roster, surat tugas in full)."""
    accounts = row.accounts.values_list("platform", "handle")
    stored = stored_employee(
        row,
        accounts,
        _present(leave_period(x, REGISTRY) for x in row.leaves.order_by("start")),
        _present(roster_shift(x) for x in row.shifts.order_by("starts_at")),
        _present(duty_window(x) for x in row.assignments.order_by("starts_at")),
    )
    return stored.record(MatchedBy.NIP)


def load_index(agency: str) -> InMemoryRecords:
    """The agency's employees, accounts and time records, read in five queries."""
    accounts: dict[int, list[tuple[str, str]]] = defaultdict(list)
    rows = models.Account.objects.filter(employee__agency_id=agency).values_list(
        "employee_id", "platform", "handle"
    )
    for employee_id, platform, handle in rows:
        accounts[employee_id].append((platform, handle))
    leave, duties, shifts = _time_records(agency)
    index = InMemoryRecords()
    for row in models.Employee.objects.filter(agency_id=agency).select_related("unit", "superior"):
        index.add(
            stored_employee(
                row,
                accounts.get(row.pk, ()),
                leave.get(row.pk, ()),
                shifts.get(row.pk, ()),
                duties.get(row.pk, ()),
            )
        )
    return index


class DjangoRecords:
    """EmployeeRecords on the Django registry, cached per agency for one run."""

    def __init__(self, actor: str) -> None:
        self.actor = actor
        self._indexes: dict[str, InMemoryRecords] = {}
        self._read: dict[int, str] = {}

    def lookup(self, activity: Activity) -> RegistryRecord | None:
        index = self._indexes.get(activity.agency)
        if index is None:
            index = self._indexes[activity.agency] = load_index(activity.agency)
        record = index.lookup(activity)
        if record is not None and record.employee.key is not None:
            self._read.setdefault(int(record.employee.key), activity.agency)
        return record

    def close(self) -> int:
        """Write one access-log entry for each employee read in this run; how many."""
        written = record_reads(self.actor, sorted(self._read.items()), ACCESS_VIA)
        self._read.clear()
        return written


__all__ = ["ACCESS_VIA", "DjangoRecords", "load_index", "record_of", "stored_employee"]
