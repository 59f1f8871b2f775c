"""What the registry records about demo employees: accounts, leave, assignments, rosters."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pantau.demo.config import AgencySpec, ShiftSpec
from pantau.demo.model import (
    DemoAccount,
    DemoAssignment,
    DemoEmployee,
    DemoLeave,
    DemoShift,
    DemoUnit,
)
from pantau.domain.employees import EmployeeType, Sex
from pantau.importing.records import AccountType, Platform, UnitKind

_PROFILE = {
    Platform.TIKTOK: "https://www.tiktok.com/@{}",
    Platform.INSTAGRAM: "https://www.instagram.com/{}",
    Platform.FACEBOOK: "https://www.facebook.com/{}",
    Platform.YOUTUBE: "https://www.youtube.com/@{}",
    Platform.X: "https://x.com/{}",
    Platform.THREADS: "https://www.threads.net/@{}",
}
_PERSONAL = (
    Platform.TIKTOK,
    Platform.TIKTOK,
    Platform.INSTAGRAM,
    Platform.INSTAGRAM,
    Platform.FACEBOOK,
    Platform.YOUTUBE,
    Platform.X,
)
ROSTER_DAYS_BEFORE, ROSTER_DAYS_AFTER = 7, 7


def account(
    agency: str,
    owner: str | None,
    unit: str | None,
    platform: Platform,
    name: str,
    kind: AccountType,
) -> DemoAccount:
    return DemoAccount(
        agency, owner, unit, platform, f"@{name}", kind, _PROFILE[platform].format(name)
    )


def official_accounts(agency: AgencySpec, units: Sequence[DemoUnit]) -> list[DemoAccount]:
    """An Instagram account for every OPD; the communications office runs the Pemda's own."""
    accounts = []
    for unit in units:
        if unit.kind in {UnitKind.BAGIAN}:
            continue
        slug = re.sub(r"[^a-z0-9]", "", unit.code.lower())
        accounts.append(
            account(
                agency.id,
                None,
                unit.code,
                Platform.INSTAGRAM,
                f"{slug}.{agency.login}",
                AccountType.OFFICIAL,
            )
        )
    comms = next(u.code for u in units if u.code.startswith("DISKOMINFO"))
    pemda = ("pemkot" if agency.region.startswith("Kota") else "pemkab") + agency.login
    accounts += [
        account(agency.id, None, comms, platform, pemda, AccountType.OFFICIAL)
        for platform in (Platform.TIKTOK, Platform.YOUTUBE, Platform.FACEBOOK, Platform.X)
    ]
    return accounts


def personal_accounts(
    agency: AgencySpec,
    employees: Sequence[DemoEmployee],
    always: set[str],
    rng: random.Random,
    used: set[str],
) -> list[DemoAccount]:
    """About half the employees have a personal account, some two; `always` have TikTok."""
    accounts = []
    for employee in employees:
        platforms: list[Platform] = []
        if employee.key in always or employee.employee_type is EmployeeType.NON_ASN:
            platforms.append(Platform.TIKTOK)
        elif rng.random() < 0.5:
            platforms.append(rng.choice(_PERSONAL))
        if platforms and rng.random() < 0.25:
            platforms.append(rng.choice(_PERSONAL))
        for platform in dict.fromkeys(platforms):
            name = _handle(employee.name, rng, used)
            if platform is Platform.X:  # X usernames hold letters, digits and underscores only
                name = name.replace(".", "_")
            accounts.append(
                account(agency.id, employee.key, None, platform, name, AccountType.PERSONAL)
            )
    return accounts


def _handle(name: str, rng: random.Random, used: set[str]) -> str:
    plain = re.sub(r"[^a-z ]", " ", name.split(",")[0].lower())
    base = ".".join([word for word in plain.split() if len(word) > 2][:2]) or "asn"
    while True:
        if rng.random() < 0.7:
            handle = f"{base}{rng.randint(1, 99):02d}"
        else:
            handle = f"{base}_{rng.choice(('official', 'real', 'id', 'daily', 'vlog'))}"
        if handle not in used:
            used.add(handle)
            return handle


def leave(
    agency: AgencySpec, people: Sequence[DemoEmployee], today: date, personnel_unit: str
) -> list[DemoLeave]:
    """Approved leave: one current (covers today), one past, one future, one maternity."""
    spans = (("Cuti Tahunan", -1, 3), ("Cuti Sakit", -12, -10), ("Cuti Alasan Penting", 5, 7))
    chosen = [people[i] for i in range(0, len(people), max(1, len(people) // 4))][:3]
    records = [
        DemoLeave(
            agency.id,
            employee.key,
            kind,
            today + timedelta(first),
            today + timedelta(last),
            _number("800.1.11.4", n, personnel_unit, today),
        )
        for n, (employee, (kind, first, last)) in enumerate(zip(chosen, spans, strict=False), 1)
    ]
    mother = next(
        (
            e
            for e in reversed(people)
            if e.sex is Sex.FEMALE and e.key not in {r.employee for r in records}
        ),
        None,
    )
    if mother is not None:
        records.append(
            DemoLeave(
                agency.id,
                mother.key,
                "Cuti Melahirkan",
                today - timedelta(20),
                today + timedelta(70),
                _number("800.1.11.4", 9, personnel_unit, today),
            )
        )
    return records


def _number(classification: str, serial: int, unit: str, today: date) -> str:
    return f"{classification}/{serial:03d}/{unit}/{today.year}"


def assignments(
    agency: AgencySpec, comms_officer: DemoEmployee, patrol_officer: DemoEmployee, today: date
) -> list[DemoAssignment]:
    """Surat tugas: a live broadcast of the Bupati's event today, a patrol yesterday."""
    zone = ZoneInfo(agency.zone)

    def at(day: date, hour: int) -> datetime:
        return datetime.combine(day, time(hour), tzinfo=zone)

    yesterday = today - timedelta(1)
    return [
        DemoAssignment(
            agency.id,
            comms_officer.key,
            _number("800.1.11.1", 14, comms_officer.unit, today),
            f"Siaran langsung kegiatan {agency.head_title} di akun resmi Pemda",
            at(today, 8),
            at(today, 12),
        ),
        DemoAssignment(
            agency.id,
            patrol_officer.key,
            _number("800.1.11.1", 15, patrol_officer.unit, today),
            "Patroli pemantauan ketertiban dan dokumentasi media sosial",
            at(yesterday, 9),
            at(yesterday, 15),
        ),
    ]


def roster(
    agency: AgencySpec,
    workers: Sequence[DemoEmployee],
    patterns: dict[str, tuple[ShiftSpec, ...]],
    today: date,
) -> list[DemoShift]:
    """A rotating roster from a week before to a week after `today`, in the agency's zone.

    `patterns` maps a unit code to its shift pattern; each worker starts at a different
    point of the rotation."""
    zone = ZoneInfo(agency.zone)
    shifts = []
    for index, worker in enumerate(workers):
        pattern = patterns[worker.unit]
        for offset in range(-ROSTER_DAYS_BEFORE, ROSTER_DAYS_AFTER + 1):
            day = today + timedelta(offset)
            spec = pattern[(index + offset) % len(pattern)]
            if not spec.start:
                continue
            start = datetime.combine(day, time.fromisoformat(spec.start), tzinfo=zone)
            end_time = time.fromisoformat(spec.end)
            end_day = day + timedelta(1) if end_time <= start.time() else day
            end = datetime.combine(end_day, end_time, tzinfo=zone)
            shifts.append(DemoShift(agency.id, worker.key, worker.unit, spec.name, start, end))
    return shifts
