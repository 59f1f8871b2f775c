"""Build the demo dataset for the five seed agencies: deterministic, no clock."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from pantau.demo import records
from pantau.demo.config import AgencySpec, DemoConfig, ShiftSpec, load_config
from pantau.demo.model import (
    DemoAccount,
    DemoAgency,
    DemoAssignment,
    DemoDataset,
    DemoEmployee,
    DemoLeave,
    DemoPosition,
    DemoRole,
    DemoShift,
    DemoUnit,
    DemoUser,
)
from pantau.demo.people import PersonFactory
from pantau.demo.structure import build_organisation

SEED = "pantau-demo-2026"


@dataclass
class _Parts:
    agencies: list[DemoAgency] = field(default_factory=list)
    units: list[DemoUnit] = field(default_factory=list)
    positions: list[DemoPosition] = field(default_factory=list)
    employees: list[DemoEmployee] = field(default_factory=list)
    accounts: list[DemoAccount] = field(default_factory=list)
    leave: list[DemoLeave] = field(default_factory=list)
    assignments: list[DemoAssignment] = field(default_factory=list)
    shifts: list[DemoShift] = field(default_factory=list)
    users: list[DemoUser] = field(default_factory=list)


def build_demo(today: date) -> DemoDataset:
    """The demonstration dataset. People, NIPs and accounts do not depend on `today`; leave,
    assignments and rosters are placed around it (so that a demo always has someone on
    leave today, an assignment today, and a roster covering this week)."""
    config = load_config()
    parts = _Parts()
    used: set[str] = set()
    handles: set[str] = set()
    for agency in config.agencies:
        _build_agency(config, agency, today, parts, used, handles)
    return DemoDataset(
        today,
        config.password,
        tuple(parts.agencies),
        tuple(parts.units),
        tuple(parts.positions),
        tuple(parts.employees),
        tuple(parts.accounts),
        tuple(parts.leave),
        tuple(parts.assignments),
        tuple(parts.shifts),
        tuple(parts.users),
    )


def _build_agency(
    config: DemoConfig,
    agency: AgencySpec,
    today: date,
    parts: _Parts,
    used: set[str],
    handles: set[str],
) -> None:
    rng = random.Random(f"{SEED}:{agency.id}")
    org = build_organisation(config, agency, PersonFactory(config, agency.names, rng, used))
    by_position = {e.position: e for e in org.employees}
    unit_of_type = {spec.type: spec.code for spec in reversed(agency.units)}
    personnel = unit_of_type["BKPSDM"]
    parts.agencies.append(
        DemoAgency(
            agency.id,
            agency.name,
            agency.region,
            agency.province,
            agency.zone,
            agency.head_title,
            agency.head_name,
            agency.head_source,
            personnel,
            bool(agency.contract_units),
        )
    )
    parts.units += org.units
    parts.positions += org.positions
    parts.employees += org.employees
    demo_employee = by_position[f"{unit_of_type['DINKES']}.STAF"]
    parts.accounts += records.official_accounts(agency, org.units)
    parts.accounts += records.personal_accounts(
        agency, org.employees, {demo_employee.key}, rng, handles
    )
    _add_schedules(agency, today, parts, org.employees, demo_employee)
    parts.shifts += records.roster(agency, org.shift_workers, _patterns(config, agency), today)
    parts.users += _users(agency, by_position, unit_of_type, demo_employee)


def _add_schedules(
    agency: AgencySpec,
    today: date,
    parts: _Parts,
    employees: Sequence[DemoEmployee],
    demo_employee: DemoEmployee,
) -> None:
    """Leave for ordinary staff (not heads, not the demo employee); two surat tugas."""
    by_position = {e.position: e for e in employees}
    unit_of_type = {spec.type: spec.code for spec in reversed(agency.units)}
    ordinary = [
        e
        for e in employees
        if e.level is not None
        and e.superior is not None
        and e.key != demo_employee.key
        and not e.position.endswith(".HEAD")
    ]
    parts.leave += records.leave(agency, ordinary, today, unit_of_type["BKPSDM"])
    comms = by_position[f"{unit_of_type['DISKOMINFO']}.FUNG1"]
    patrol = by_position[f"{unit_of_type['SATPOLPP']}.FUNG1"]
    parts.assignments += records.assignments(agency, comms, patrol, today)


def _patterns(config: DemoConfig, agency: AgencySpec) -> dict[str, tuple[ShiftSpec, ...]]:
    return {s.code: config.rosters[s.type] for s in agency.units if s.type in config.rosters}


def _users(
    agency: AgencySpec,
    by_position: dict[str, DemoEmployee],
    unit_of_type: dict[str, str],
    demo_employee: DemoEmployee,
) -> Sequence[DemoUser]:
    """One login per role, named `<agency login>.<role word>`."""

    def user(word: str, role: DemoRole, employee: DemoEmployee) -> DemoUser:
        return DemoUser(
            agency.id,
            f"{agency.login}.{word}",
            role,
            f"{employee.name} ({employee.position_title})",
            employee.unit,
            employee.key,
        )

    def post(unit_type: str, suffix: str) -> DemoEmployee:
        return by_position[f"{unit_of_type[unit_type]}.{suffix}"]

    ppk = DemoUser(
        agency.id,
        f"{agency.login}.ppk",
        DemoRole.AUTHORISED_OFFICIAL,
        f"{agency.head_name} ({agency.head_title})",
        None,
        None,
    )
    return (
        user("admin", DemoRole.BKPSDM_ADMIN, post("BKPSDM", "KASUBBAG")),
        user("kepala", DemoRole.UNIT_HEAD, post("DINKES", "HEAD")),
        ppk,
        user("sekda", DemoRole.AUTHORISED_OFFICIAL, post("SETDA", "HEAD")),
        user("satpolpp", DemoRole.MONITOR, post("SATPOLPP", "HEAD")),
        user("inspektorat", DemoRole.MONITOR, post("INSPEKTORAT", "FUNG1")),
        user("pegawai", DemoRole.EMPLOYEE, demo_employee),
        _dpo(agency, post("DISKOMINFO", "SEKRETARIS")),
    )


def _dpo(agency: AgencySpec, holder: DemoEmployee) -> DemoUser:
    """The data-protection officer (UU PDP Pasal 53): agency-wide, and linked to no employee
    record, so that the login reads the access log and the retention report and nothing else."""
    return DemoUser(agency.id, f"{agency.login}.dpo", DemoRole.DATA_PROTECTION_OFFICER,
                    f"{holder.name} ({holder.position_title})", None, None)
