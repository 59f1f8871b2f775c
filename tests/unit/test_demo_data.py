"""Invariants of the demonstration dataset (pantau.demo)."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

import pytest

import pantau.demo as demo
from pantau.demo import DemoDataset, DemoRole, build_demo
from pantau.domain.employees import EmployeeType, PositionLevel, parse_nip
from pantau.importing import UnitKind, preview_accounts, preview_employees, preview_units

TODAY = date(2026, 2, 3)
SEED_AGENCIES = {
    "kab-banyuasin",
    "kab-kepulauan-anambas",
    "kab-ketapang",
    "kab-pasaman-barat",
    "kota-bekasi",
}


@pytest.fixture(scope="module")
def data() -> DemoDataset:
    return build_demo(TODAY)


def test_the_five_seed_agencies_with_their_named_officials(data: DemoDataset) -> None:
    heads = {a.id: a.head_name for a in data.agencies}
    assert set(heads) == SEED_AGENCIES
    assert heads["kab-banyuasin"] == "H. Askolani"
    assert heads["kab-kepulauan-anambas"] == "Aneng"
    assert heads["kab-ketapang"] == "Alexander Wilyo"
    assert heads["kab-pasaman-barat"] == "Yulianto"
    sekda = {e.agency: e for e in data.employees if e.position == "SETDA.HEAD"}
    assert sekda["kota-bekasi"].name == "Reny Hendrawati" and sekda["kota-bekasi"].source
    kasat = next(
        e for e in data.employees if e.agency == "kab-ketapang" and e.position == "SATPOLPP.HEAD"
    )
    assert "Maryadi Asmui" in kasat.name


def test_every_nip_parses_and_matches_the_employee_type(data: DemoDataset) -> None:
    for employee in data.employees:
        if employee.employee_type is EmployeeType.NON_ASN:
            assert employee.nip is None and employee.internal_id == employee.key
            continue
        assert employee.nip == employee.key
        nip = parse_nip(employee.nip, employee.employee_type)
        assert (nip.birth_date, nip.sex) == (employee.birth_date, employee.sex)


def test_keys_and_account_handles_are_unique(data: DemoDataset) -> None:
    assert len({e.key for e in data.employees}) == len(data.employees)
    handles = Counter((a.platform, a.handle) for a in data.accounts)
    assert max(handles.values()) == 1


def test_every_type_of_employee_where_the_agency_has_them(data: DemoDataset) -> None:
    for agency in data.agencies:
        staff = [e for e in data.employees if e.agency == agency.id]
        assert 30 <= len(staff) <= 65
        types = {e.employee_type for e in staff}
        assert {EmployeeType.PNS, EmployeeType.PPPK} <= types
        assert (EmployeeType.NON_ASN in types) == (agency.id == "kota-bekasi")
        levels = {e.level for e in staff}
        assert {
            PositionLevel.JPT_PRATAMA,
            PositionLevel.ADMINISTRATOR,
            PositionLevel.PENGAWAS,
            PositionLevel.PELAKSANA,
            PositionLevel.FUNGSIONAL,
        } <= levels


def test_every_superior_chain_ends_at_the_sekda_under_the_ppk(data: DemoDataset) -> None:
    positions = {(p.agency, p.code): p for p in data.positions}
    by_key = {e.key: e for e in data.employees}
    seen: set[str] = set()
    for employee in data.employees:
        if employee.superior is not None:
            assert employee.superior in seen, "superiors come first (load order)"
            superior = by_key[employee.superior]
            assert superior.agency == employee.agency
            assert positions[(employee.agency, employee.position)].superior == superior.position
        seen.add(employee.key)
        chain, current = [employee.key], employee
        while current.superior is not None:
            current = by_key[current.superior]
            chain.append(current.key)
            assert len(chain) < 10
        top = positions[(current.agency, current.position)]
        assert top.code == "SETDA.HEAD" and top.level is PositionLevel.JPT_PRATAMA
        ppk = positions[(current.agency, top.superior or "")]
        assert ppk.level is PositionLevel.KEPALA_DAERAH and ppk.superior is None


def test_units_form_a_tree_per_agency(data: DemoDataset) -> None:
    seen: set[tuple[str, str]] = set()
    for unit in data.units:
        if unit.parent is not None:
            assert (unit.agency, unit.parent) in seen
        seen.add((unit.agency, unit.code))
    for agency in data.agencies:
        kinds = {u.kind for u in data.units if u.agency == agency.id}
        assert {
            UnitKind.SEKRETARIAT_DAERAH,
            UnitKind.DINAS,
            UnitKind.BADAN,
            UnitKind.KECAMATAN,
            UnitKind.RSUD,
            UnitKind.SATPOL_PP,
            UnitKind.INSPEKTORAT,
        } <= kinds
        assert (agency.id, agency.personnel_unit) in seen


def test_every_agency_has_every_role_with_real_records(data: DemoDataset) -> None:
    by_key = {e.key: e for e in data.employees}
    for agency in data.agencies:
        users = [u for u in data.users if u.agency == agency.id]
        assert {u.role for u in users} == set(DemoRole)
        for user in users:
            if user.role is DemoRole.DATA_PROTECTION_OFFICER:  # linked to no record
                assert user.employee is None and user.unit is None
                continue
            if user.employee is None:
                assert user.role is DemoRole.AUTHORISED_OFFICIAL
                assert agency.head_name in user.display_name
                continue
            employee = by_key[user.employee]
            assert employee.agency == agency.id and employee.unit == user.unit
        admin = next(u for u in users if u.role is DemoRole.BKPSDM_ADMIN)
        assert admin.unit == agency.personnel_unit
    assert len({u.username for u in data.users}) == len(data.users)
    assert data.password and data.logins()[0][1] == data.users[0].username


def test_shift_units_have_a_roster_around_today_in_local_time(data: DemoDataset) -> None:
    for agency in data.agencies:
        shift_units = {u.code for u in data.units if u.agency == agency.id and u.shift}
        assert {"RSUD", "SATPOLPP"} <= shift_units
        shifts = [s for s in data.shifts if s.agency == agency.id]
        assert {s.unit for s in shifts} == {"RSUD", "SATPOLPP"}
        for shift in shifts:
            assert shift.starts_at.utcoffset() == timedelta(hours=7)
            assert timedelta(hours=6) <= shift.ends_at - shift.starts_at <= timedelta(hours=12)
        covering = [s for s in shifts if s.starts_at.date() <= TODAY <= s.ends_at.date()]
        assert covering


def test_leave_and_assignments_are_placed_around_today(data: DemoDataset) -> None:
    for agency in data.agencies:
        leave = [x for x in data.leave if x.agency == agency.id]
        assert any(x.first_day <= TODAY <= x.last_day for x in leave)
        assert all(x.first_day <= x.last_day and x.reference for x in leave)
        jobs = [x for x in data.assignments if x.agency == agency.id]
        noon = datetime(2026, 2, 3, 10, tzinfo=jobs[0].starts_at.tzinfo)
        assert any(x.starts_at <= noon < x.ends_at and x.number for x in jobs)


def test_accounts_personal_and_official_on_every_platform(data: DemoDataset) -> None:
    assert {a.platform.value for a in data.accounts} >= {
        "tiktok",
        "instagram",
        "facebook",
        "youtube",
        "x",
    }
    keys = {e.key for e in data.employees}
    for account in data.accounts:
        assert (account.owner in keys) if account.account_type == "personal" else account.unit
        assert account.url.startswith("https://")
    pegawai = [u.employee for u in data.users if u.role is DemoRole.EMPLOYEE]
    assert all(
        any(a.owner == key and a.platform == "tiktok" for a in data.accounts) for key in pegawai
    )


def test_deterministic_and_people_do_not_depend_on_today(data: DemoDataset) -> None:
    assert build_demo(TODAY) == data
    later = build_demo(TODAY + timedelta(days=40))
    assert later.employees == data.employees and later.accounts == data.accounts
    assert later.leave != data.leave


def test_the_demo_registry_passes_the_importer(data: DemoDataset) -> None:
    """Written out as BKPSDM files, every demo agency imports without a single error."""
    for agency in data.agencies:
        units = [u for u in data.units if u.agency == agency.id]
        staff = [e for e in data.employees if e.agency == agency.id]
        unit_rows = [
            f"{u.code};{u.name};{u.parent or ''};{u.kind.value};{'ya' if u.shift else 'tidak'}"
            for u in units
        ]
        unit_csv = "\n".join(["Kode;Nama;Induk (kode);Jenis;Shift", *unit_rows])
        assert preview_units(unit_csv.encode(), "u.csv").ok
        staff_rows = [
            f"{e.nip or ''};{e.internal_id or ''};{e.name};{e.employee_type.value};"
            f"{e.unit};{e.position_title};{e.level.value if e.level else ''};"
            f"{e.superior or ''};{e.birth_date:%d/%m/%Y};{e.sex.value}"
            for e in staff
        ]
        header = (
            "NIP;ID Internal;Nama;Jenis Pegawai;Unit Kerja (kode);Jabatan;Eselon/Jenjang;"
            "NIP Atasan;Tanggal Lahir;Jenis Kelamin"
        )
        found = preview_employees(
            "\n".join([header, *staff_rows]).encode(), "p.csv", {u.code for u in units}, set()
        )
        assert found.ok, found.errors[:3]
        accounts = [a for a in data.accounts if a.agency == agency.id]
        rows = [
            f"{a.owner or ''},{a.unit or ''},{a.platform.value},{a.handle},"
            f"{'resmi' if a.unit else 'pribadi'},{a.url}"
            for a in accounts
        ]
        account_csv = "\n".join(["NIP,Unit Kerja (kode),Platform,Akun,Jenis Akun,URL", *rows])
        assert preview_accounts(
            account_csv.encode(), "a.csv", {u.code for u in units}, {e.key for e in staff}
        ).ok


def test_public_api() -> None:
    assert "build_demo" in demo.__all__ and "DemoDataset" in demo.__all__
