"""The demonstration dataset: frozen records that reference each other by code or key.

Load order for a database: agencies, units (parents first: `units` is in that order),
positions, employees (superiors first: `employees` is in that order), accounts, leave,
assignments, shifts, users. An employee's `key` is the NIP, or the internal id of contract
staff; the Sekda's `superior` is None because the Sekda reports to the PPK (the agency's
`head`, who is not an employee).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from pantau.domain.access import Role
from pantau.domain.employees import EmployeeType, PositionLevel, Sex
from pantau.importing.records import AccountType, Platform, UnitKind

DemoRole = Role  # the roles of SPEC §1 that sign in (pantau.domain.access)


@dataclass(frozen=True)
class DemoAgency:
    id: str
    name: str
    region: str
    province: str
    zone: str
    head_title: str  # "Bupati Ketapang": the PPK of the regency or city
    head_name: str
    head_source: str  # where the seeds name this person; "" when fictitious
    personnel_unit: str  # code of the BKPSDM/BKPPD
    contract_staff: bool


@dataclass(frozen=True)
class DemoUnit:
    agency: str
    code: str
    name: str
    kind: UnitKind
    parent: str | None
    shift: bool


@dataclass(frozen=True)
class DemoPosition:
    """A post. `code` is unique in its agency; the PPK's post has code "PPK" and no unit."""

    agency: str
    code: str
    unit: str | None
    title: str
    level: PositionLevel | None  # None for contract staff, outside the ASN ladder
    superior: str | None  # code of the superior post; None only for the PPK


@dataclass(frozen=True)
class DemoEmployee:
    agency: str
    key: str  # NIP, or internal id for contract staff
    nip: str | None
    internal_id: str | None
    name: str
    employee_type: EmployeeType
    unit: str
    position: str  # DemoPosition.code
    position_title: str
    level: PositionLevel | None
    superior: str | None  # key of the direct superior; None for the Sekda (reports to PPK)
    birth_date: date
    sex: Sex
    source: str = ""  # where the seeds name this person; "" when fictitious


@dataclass(frozen=True)
class DemoAccount:
    agency: str
    owner: str | None  # employee key, for personal accounts (and managers of official ones)
    unit: str | None  # unit code, for official accounts
    platform: Platform
    handle: str
    account_type: AccountType
    url: str


@dataclass(frozen=True)
class DemoLeave:
    """Approved leave (cuti), first and last day inclusive."""

    agency: str
    employee: str
    kind: str
    first_day: date
    last_day: date
    reference: str


@dataclass(frozen=True)
class DemoAssignment:
    """An official assignment (surat tugas): the window is half-open [starts_at, ends_at)."""

    agency: str
    employee: str
    number: str
    purpose: str
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class DemoShift:
    """One shift of a roster, in the agency's zone: half-open [starts_at, ends_at)."""

    agency: str
    employee: str
    unit: str
    name: str
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class DemoUser:
    agency: str
    username: str
    role: DemoRole
    display_name: str
    unit: str | None  # the unit a unit head or a monitor belongs to
    employee: str | None  # the employee record behind the login; None for the PPK


@dataclass(frozen=True)
class DemoDataset:
    today: date
    password: str  # the one password of every demo login
    agencies: tuple[DemoAgency, ...]
    units: tuple[DemoUnit, ...]
    positions: tuple[DemoPosition, ...]
    employees: tuple[DemoEmployee, ...]
    accounts: tuple[DemoAccount, ...]
    leave: tuple[DemoLeave, ...]
    assignments: tuple[DemoAssignment, ...]
    shifts: tuple[DemoShift, ...]
    users: tuple[DemoUser, ...]

    def employee(self, key: str) -> DemoEmployee:
        """The employee with this NIP or internal id; KeyError if none."""
        for employee in self.employees:
            if employee.key == key:
                return employee
        raise KeyError(key)

    def logins(self) -> tuple[tuple[str, str, str, str], ...]:
        """(agency, username, role, who) for every login, to print beside the password."""
        return tuple(
            (user.agency, user.username, user.role.value, user.display_name) for user in self.users
        )
