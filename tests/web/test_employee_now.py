"""Employee detail: leave, surat tugas and roster in Indonesian dates, and whether the
employee is working now (the agency calendar with their leave, roster and assignments)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from pantau.web.registry.models import Assignment, Shift
from pantau.web.registry.worknow import employee_now

WIB = ZoneInfo("Asia/Jakarta")


def test_working_on_an_ordinary_morning(world: Any) -> None:
    now = employee_now(world.employees["kabag"], datetime(2026, 2, 3, 9, 15, tzinfo=WIB), "id")
    assert now["working"] is True
    assert now["reason"].startswith("Selasa 3 Feb 2026 09.15 WIB: jam kerja")
    assert now["on_leave"] is None and now["official_duty"] is None


def test_leave_removes_working_time(world: Any) -> None:
    now = employee_now(world.employees["perawat"], datetime(2026, 2, 4, 9, 15, tzinfo=WIB), "id")
    assert now["working"] is False
    assert now["on_leave"] == "cuti tahunan"
    assert "cuti pegawai (cuti tahunan, registri)" in now["reason"]


def test_a_roster_replaces_the_week(world: Any) -> None:
    """A Saturday night shift is working time for the nurse, not for the Setda clerk."""
    Shift.objects.create(
        employee=world.employees["perawat"],
        name="malam",
        starts_at=datetime(2026, 11, 21, 21, 0, tzinfo=WIB),
        ends_at=datetime(2026, 11, 22, 7, 0, tzinfo=WIB),
    )
    saturday_night = datetime(2026, 11, 21, 22, 37, tzinfo=WIB)
    assert employee_now(world.employees["perawat"], saturday_night, "id")["working"] is True
    assert employee_now(world.employees["kabag"], saturday_night, "id")["working"] is False
    sunday_noon = datetime(2026, 11, 22, 12, 0, tzinfo=WIB)
    assert employee_now(world.employees["perawat"], sunday_noon, "en")["working"] is False


def test_a_running_surat_tugas_is_official_duty(world: Any) -> None:
    Assignment.objects.create(
        employee=world.employees["kabag"],
        number="800/12/2026",
        purpose="Siaran resmi",
        starts_at=datetime(2026, 2, 3, 9, 0, tzinfo=WIB),
        ends_at=datetime(2026, 2, 3, 11, 0, tzinfo=WIB),
    )
    staff = world.employees["kabag"]
    assert employee_now(staff, datetime(2026, 2, 3, 10, tzinfo=WIB), "id")["official_duty"] == (
        "800/12/2026"
    )
    assert employee_now(staff, datetime(2026, 2, 3, 11, tzinfo=WIB), "id")["official_duty"] is None


def test_detail_page_shows_now_and_indonesian_dates(world: Any, login: Any) -> None:
    staff = world.employees["perawat"]
    Shift.objects.create(
        employee=staff,
        name="pagi",
        starts_at=datetime(2026, 2, 3, 7, 0, tzinfo=WIB),
        ends_at=datetime(2026, 2, 3, 14, 0, tzinfo=WIB),
    )
    client = login("kadis")
    body = client.get(f"/employees/{staff.pk}/").content.decode()
    assert 'id="now"' in body and "Sekarang" in body
    assert "Selasa, 3 Februari 2026 07:00" in body  # the roster
    assert "Selasa, 3 Februari 2026 – Kamis, 5 Februari 2026" in body  # the leave
    data = client.get(f"/employees/{staff.pk}.json").json()
    assert set(data["now"]) >= {"working", "reason", "on_leave", "official_duty"}
    assert "WIB" in data["now"]["reason"]
