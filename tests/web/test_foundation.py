"""The web foundation (issue 8): the unit tree right by construction, several roles per login,
one registry record for the page and the check, the tamper-evident audit trail in plain
language."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from django.contrib.auth.models import User
from django.db import connection

from pantau.cli import main
from pantau.domain.access import Role
from pantau.domain.activities import parse_activity
from pantau.domain.employees import mask_nip
from pantau.rules.checker import Checker
from pantau.text import render
from pantau.web.access.models import Membership
from pantau.web.audit import chain
from pantau.web.audit.models import AuditEntry
from pantau.web.audit.trail import acting_as
from pantau.web.registry.models import Assignment, Employee, Leave, Shift, Unit
from pantau.web.registry.records import DjangoRecords
from pantau.web.registry.worknow import employee_now

WIB = ZoneInfo("Asia/Jakarta")


def names(client: Any, route: str = "/employees.json") -> set[str]:
    return {row["name"] for row in client.get(route).json()["results"]}


# ----- the unit tree ------------------------------------------------------------------------
def test_moving_a_unit_two_levels_deep_moves_who_sees_whom(world: Any, login: Any) -> None:
    """RSUD (under Dinas Kesehatan) gets a child and a grandchild with staff; moving RSUD under
    Kecamatan Delta Pawan must move all of it: the head of Dinkes no longer sees the
    grandchild's staff, the head of the kecamatan does."""
    rsud = world.units["RSUD"]
    poli = Unit.objects.create(agency=rsud.agency, code="POLI", name="Poliklinik", parent=rsud)
    ruang = Unit.objects.create(agency=rsud.agency, code="RUANG", name="Ruang Anak", parent=poli)
    world.employee("bidan", "kab-ketapang", "RSUD", "199101012015032001", name="Bidan Ruang")
    Employee.objects.filter(name="Bidan Ruang").update(unit=ruang)
    camat = world.user("camat", Role.UNIT_HEAD, "kab-ketapang",
                       unit=world.units["KEC-DELTAPAWAN"])
    assert "Bidan Ruang" in names(login("kadis"))
    assert "Bidan Ruang" not in names(login("camat"))

    rsud.parent = world.units["KEC-DELTAPAWAN"]
    rsud.save()

    assert names(login("kadis")) == {"Kadis Kesehatan"}
    assert {"Bidan Ruang", "Rina Perawat"} <= names(login(camat.username))
    units = {row["name"] for row in login("camat").get("/units.json").json()["results"]}
    assert units == {"Kecamatan Delta Pawan", "RSUD Agoesdjam", "Poliklinik", "Ruang Anak"}
    assert [u.code for u in ruang.ancestors()] == ["POLI", "RSUD", "KEC-DELTAPAWAN"]


def test_a_unit_cannot_be_put_under_its_own_descendant(world: Any) -> None:
    from django.core.exceptions import ValidationError

    dinkes = world.units["DINKES"]
    dinkes.parent = world.units["RSUD"]
    with pytest.raises(ValidationError, match=r"under itself|bawah dirinya"):
        dinkes.full_clean()


# ----- several roles, validity, acting officials ----------------------------------------------
def test_a_login_with_two_roles_sees_both_scopes(world: Any, login: Any) -> None:
    """The head of Dinkes is also Plt head of the Setda for two weeks."""
    kadis = User.objects.get(username="kadis")
    today = date.today()
    Membership.objects.create(
        user=kadis, agency=world.agencies["kab-ketapang"], role=Role.UNIT_HEAD,
        unit=world.units["SETDA"], acting="plt", valid_from=today - timedelta(days=3),
        valid_until=today + timedelta(days=10),
    )
    seen = names(login("kadis"))
    assert {"Kadis Kesehatan", "Rina Perawat", "Sekda Ketapang", "Siti Umum"} <= seen
    assert "Budi Bekasi" not in seen
    roles = login("kadis").get("/me.json").json()["roles"]
    assert {(r["role"], r["acting"]) for r in roles} == {("unit_head", ""), ("unit_head", "plt")}


def test_a_role_outside_its_dates_gives_nothing(world: Any, login: Any) -> None:
    Membership.objects.filter(user__username="kadis").update(
        valid_until=date.today() - timedelta(days=1)
    )
    assert login("kadis").get("/employees.json").status_code == 403
    Membership.objects.filter(user__username="kadis").update(
        valid_until=None, valid_from=date.today() + timedelta(days=1)
    )
    assert login("kadis").get("/employees.json").status_code == 403


# ----- one registry record for the page and the check -----------------------------------------
def _check(employee: Employee, at: datetime) -> Any:
    activity = parse_activity({
        "id": "x", "agency": employee.agency_id, "kind": "post", "started_at": at.isoformat(),
        "employee": {"nip": employee.nip}, "signals": {"content": []},
    })
    records = DjangoRecords("test")
    return Checker(classifier=None, records=records).check(activity)


@pytest.mark.parametrize(
    ("when", "working"),
    [
        (datetime(2026, 2, 4, 10, 0, tzinfo=WIB), False),  # on leave (3-5 Feb)
        (datetime(2026, 2, 9, 22, 0, tzinfo=WIB), True),  # rostered night shift (Monday)
        (datetime(2026, 2, 10, 10, 0, tzinfo=WIB), False),  # roster covers the day, no shift
        (datetime(2026, 2, 16, 10, 0, tzinfo=WIB), False),  # cuti bersama, outside the roster
        (datetime(2026, 2, 20, 10, 0, tzinfo=WIB), True),  # past the roster: the regular week
        (datetime(2026, 2, 20, 13, 30, tzinfo=WIB), True),  # ...with a surat tugas running
    ],
)
def test_the_employee_page_and_the_check_agree(world: Any, when: datetime, working: bool) -> None:
    nurse = world.employees["perawat"]  # RSUD, a shift unit; leave 3–5 Feb 2026
    Shift.objects.create(employee=nurse, name="malam", starts_at=datetime(2026, 2, 9, 21, 0,
                         tzinfo=WIB), ends_at=datetime(2026, 2, 10, 7, 0, tzinfo=WIB))
    Shift.objects.create(employee=nurse, name="pagi", starts_at=datetime(2026, 2, 11, 7, 0,
                         tzinfo=WIB), ends_at=datetime(2026, 2, 11, 14, 0, tzinfo=WIB))
    Assignment.objects.create(employee=nurse, number="ST/7/2026", purpose="posyandu",
                              starts_at=datetime(2026, 2, 20, 13, 0, tzinfo=WIB),
                              ends_at=datetime(2026, 2, 20, 16, 0, tzinfo=WIB))
    page = employee_now(nurse, when, "id")
    finding = _check(nurse, when)
    assert page["working"] is finding.work_time.working is working
    assert page["reason"] == render(finding.work_time.reason)
    check_facts = [render(fact) for fact in finding.work_time.facts]
    for fact in page["facts"]:
        assert fact in check_facts
    expected_duty = "ST/7/2026" if when.hour == 13 else None
    assert page["official_duty"] == expected_duty


def test_leave_written_backwards_is_ignored_by_both(world: Any) -> None:
    clerk = world.employees["staf_umum"]
    Leave.objects.create(employee=clerk, kind="cuti", start="2026-02-12", end="2026-02-10")
    when = datetime(2026, 2, 11, 10, 0, tzinfo=WIB)
    assert employee_now(clerk, when, "id")["working"] is _check(clerk, when).work_time.working


def test_one_masking_rule_on_pages_and_in_the_check(world: Any) -> None:
    """Wherever a NIP is masked it is masked one way: pantau.domain.employees.mask_nip."""
    from pantau.text.findings import finding_output
    from pantau.web.access.scope import Grant, Scope
    from pantau.web.registry.present import nip_for

    nurse, clerk = world.employees["perawat"], world.employees["staf_umum"]
    reader = Scope([Grant(Role.EMPLOYEE, "kab-ketapang", nurse.unit_id, nurse.pk)])
    assert nip_for(reader, clerk) == mask_nip(clerk.nip) == "**************2003"
    assert nip_for(reader, nurse) == nurse.nip  # their own, in full
    finding = _check(clerk, datetime(2026, 2, 10, 10, 0, tzinfo=WIB))
    assert finding_output(finding)["employee"]["nip"] == mask_nip(clerk.nip)


# ----- the audit trail ------------------------------------------------------------------------
def _tamper(sql: str, params: list[Any]) -> None:
    """A database administrator bypassing pantau (on PostgreSQL, past the trigger too)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER USER")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER USER")


def _verify_cli() -> Any:
    return CliRunner().invoke(main, ["audit", "verify", "--json"])


def test_the_chain_is_intact_after_ordinary_changes(world: Any) -> None:
    with acting_as("admin_ktp"):
        employee = world.employees["staf_umum"]
        employee.position = "Analis"
        employee.save()
    found = chain.verify()
    assert found.intact and found.checked == AuditEntry.objects.count() > 10
    result = _verify_cli()
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["intact"] is True


def test_an_entry_edited_in_the_database_breaks_the_chain_there(world: Any, login: Any) -> None:
    target = AuditEntry.objects.order_by("seq")[5]
    _tamper("UPDATE audit_auditentry SET actor = %s WHERE seq = %s", ["someone", target.seq])
    found = chain.verify()
    assert found.first_break is not None
    assert (found.first_break.seq, found.first_break.kind) == (target.seq, chain.BreakKind.EDITED)
    result = _verify_cli()
    assert result.exit_code == 1
    assert json.loads(result.output)["first_break"]["seq"] == target.seq
    page = login("admin_ktp").get("/audit/verify/").content.decode()
    assert f"Rantai putus pada entri {target.seq}" in page


def test_an_entry_removed_from_the_database_is_reported_missing(world: Any) -> None:
    target = AuditEntry.objects.order_by("seq")[3]
    _tamper("DELETE FROM audit_auditentry WHERE seq = %s", [target.seq])
    found = chain.verify()
    assert found.first_break is not None
    assert found.first_break.seq == target.seq + 1
    assert found.first_break.kind is chain.BreakKind.MISSING


def test_a_forged_entry_with_a_fresh_hash_does_not_link(world: Any) -> None:
    """Rewriting an entry and recomputing its own hash still breaks the next link."""
    target = AuditEntry.objects.order_by("seq")[2]
    fields = chain._fields(target) | {"actor": "forger"}
    forged = chain.digest(fields, target.prev_hash)
    _tamper("UPDATE audit_auditentry SET actor = %s, hash = %s WHERE seq = %s",
            ["forger", forged, target.seq])
    found = chain.verify()
    assert found.first_break is not None
    assert (found.first_break.seq, found.first_break.kind) == (
        target.seq + 1, chain.BreakKind.UNLINKED)


def test_the_audit_page_speaks_in_names_not_ids(world: Any, login: Any) -> None:
    nurse = world.employees["perawat"]
    with acting_as("admin_ktp"):
        nurse.unit = world.units["DINKES"]
        nurse.employee_type = "PPPK_PARUH_WAKTU"
        nurse.save()
    body = login("admin_ktp").get("/audit/?q=Rina").content.decode()
    assert "Rina Perawat" in body and "diubah" in body
    assert "RSUD Agoesdjam → Dinas Kesehatan" in body
    assert "PNS → PPPK Paruh Waktu" in body
    assert "unit_id" not in body and "PPPK_PARUH_WAKTU" not in body
    twin = login("admin_ktp").get("/audit.json?q=Rina").json()["results"][0]
    assert {c["field"] for c in twin["changes"]} == {"unit", "jenis pegawai"}


def test_logins_and_roles_are_audited_without_the_password(world: Any) -> None:
    with acting_as("admin_ktp"):
        user = User.objects.create_user("baru", password="rahasia-sekali-1")
        Membership.objects.create(user=user, agency=world.agencies["kab-ketapang"],
                                  role=Role.MONITOR)
    entries = AuditEntry.objects.filter(model__in=["auth.user", "access.membership"],
                                        actor="admin_ktp")
    assert {e.model for e in entries} == {"auth.user", "access.membership"}
    assert all("password" not in (e.after or {}) for e in entries)
