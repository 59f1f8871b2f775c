"""The home dashboard: counts, chart and "Sekarang", scoped by authz; the employee role sees
their own record. `dashboard()` takes the current time, so the tests fix it."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User

from pantau.web.access.scope import scope_for
from pantau.web.registry.models import Account, Assignment, Employee, Leave
from pantau.web.reports.dashboard import dashboard

WIB = ZoneInfo("Asia/Jakarta")
SATURDAY_NIGHT = datetime(2026, 11, 21, 22, 37, tzinfo=WIB)
ON_LEAVE = datetime(2026, 2, 4, 10, 0, tzinfo=WIB)  # Rina's cuti tahunan runs 3-5 Feb 2026


def data_of(user: str, now: datetime = SATURDAY_NIGHT) -> dict[str, Any]:
    return dashboard(scope_for(User.objects.get(username=user), now.date()), now, "id")


def test_sekarang_says_why_it_is_not_working_time(world: Any) -> None:
    (now,) = data_of("admin_ktp")["now"]
    assert now["agency"] == "kab-ketapang"
    assert now["working"] is False
    assert now["reason"] == "Sabtu 21 Nov 2026 22.37 WIB: bukan hari kerja (akhir pekan)"
    days = now["next_days_off"]
    assert len(days) == 5
    assert [d["date"] for d in days] == sorted(d["date"] for d in days)
    assert all(d["date"] >= date(2026, 11, 21) and d["name"] and d["decree"] for d in days)
    assert {"date": date(2026, 12, 25), "name": "Hari Raya Natal"}.items() <= next(
        d for d in days if d["date"] == date(2026, 12, 25)
    ).items()


def test_sekarang_on_a_working_morning(world: Any) -> None:
    (now,) = data_of("admin_ktp", datetime(2026, 2, 3, 9, 15, tzinfo=WIB))["now"]
    assert now["working"] is True
    assert now["reason"].startswith("Selasa 3 Feb 2026 09.15 WIB: jam kerja")


def test_admin_counts_the_whole_agency_and_nothing_of_another(world: Any) -> None:
    Account.objects.create(
        unit=world.units["SETDA"],
        platform="instagram",
        handle="@setda.ketapang",
        account_type="official",
    )
    Employee.objects.filter(name="Siti Umum").update(employee_type="PPPK_PARUH_WAKTU")
    data = data_of("admin_ktp", ON_LEAVE)
    assert data["units"] == 6
    assert data["employees"] == {
        "total": 5,
        "PNS": 4,
        "CPNS": 0,
        "PPPK": 0,
        "PPPK_PARUH_WAKTU": 1,
        "NON_ASN": 0,
    }
    assert data["accounts"] == {"personal": 1, "official": 1, "total": 2}
    assert data["on_leave_today"] == 1
    assert [agency["agency"] for agency in data["now"]] == ["kab-ketapang"]
    units = {row["unit"] for row in data["units_by_type"]}
    assert "Sekretariat Daerah Kota Bekasi" not in units
    assert {"Bagian Umum", "RSUD Agoesdjam"} <= units


def test_a_unit_head_counts_only_their_unit_subtree(world: Any) -> None:
    data = data_of("kadis", ON_LEAVE)
    assert data["units"] == 2  # Dinas Kesehatan and RSUD below it
    assert data["employees"]["total"] == 2
    assert data["accounts"]["personal"] == 1
    assert data["on_leave_today"] == 1
    assert {row["unit"] for row in data["units_by_type"]} == {"Dinas Kesehatan", "RSUD Agoesdjam"}
    assert data_of("kadis")["on_leave_today"] == 0  # in November nobody is on leave


def test_surat_tugas_today_counts_overlapping_assignments(world: Any) -> None:
    staff = world.employees
    Assignment.objects.create(
        employee=staff["perawat"],
        number="800/1",
        purpose="Siaran",
        starts_at=datetime(2026, 11, 21, 8, tzinfo=WIB),
        ends_at=datetime(2026, 11, 21, 10, tzinfo=WIB),
    )
    Assignment.objects.create(
        employee=staff["kabag"],
        number="800/2",
        purpose="Rapat",
        starts_at=datetime(2026, 11, 22, 8, tzinfo=WIB),
        ends_at=datetime(2026, 11, 22, 10, tzinfo=WIB),
    )
    assert data_of("admin_ktp")["on_assignment_today"] == 1
    assert data_of("pejabat")["on_assignment_today"] == 0  # Rina is not in the Setda subtree
    assert data_of("kadis")["on_assignment_today"] == 1


def test_monitor_sees_structure_counts_but_no_personal_data(world: Any) -> None:
    data = data_of("satpol")
    assert data["units"] == 6
    assert "employees" not in data and "units_by_type" not in data and "accounts" not in data


def test_employee_sees_their_own_record_instead(world: Any) -> None:
    data = data_of("rina", ON_LEAVE)
    assert data["me"]["name"] == "Rina Perawat"
    assert data["me"]["now"]["working"] is False
    assert data["me"]["now"]["on_leave"] == "cuti tahunan"
    assert "cuti" in data["me"]["now"]["reason"]
    assert "employees" not in data and "units" not in data


def test_a_user_without_a_role_gets_an_empty_dashboard(world: Any) -> None:
    assert data_of("norole") == {"role": "", "roles": [], "now": []}


def test_dashboard_page_draws_the_chart_inline(world: Any, login: Any) -> None:
    body = login("kadis").get("/").content.decode()
    assert "<svg" in body and "<rect" in body
    assert "RSUD Agoesdjam" in body
    assert "Bagian Umum" not in body and "Siti Umum" not in body
    assert "Sekarang" in body and "Hari libur berikutnya" in body
    scripts = re.findall(r"<script[^>]*>", body)  # no JavaScript library, no CDN, no inline
    assert scripts == ['<script src="/static/pantau/pantau.js" defer>']  # the language menu
    assert 'href="/agencies/kab-ketapang/calendar/"' in body


def test_dashboard_json_twin(world: Any, login: Any) -> None:
    client = login("admin_bks")
    twin = client.get("/dashboard.json")
    assert twin["Content-Type"] == "application/json"
    data = twin.json()
    assert [agency["agency"] for agency in data["now"]] == ["kota-bekasi"]
    assert data["employees"]["total"] == 1
    assert "Rina" not in twin.content.decode() and "Ketapang" not in twin.content.decode()
    assert client.get("/", {"format": "json"}).json()["employees"] == data["employees"]
    assert 'href="/?format=json"' in client.get("/").content.decode()


def test_dashboard_in_english(world: Any, login: Any) -> None:
    client = login("admin_ktp")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/").content.decode()
    assert "Now" in body and "Next days off" in body
    assert "WIB:" in body and "Sekarang" not in body


@pytest.mark.parametrize("user", ["admin_ktp", "rina"])
def test_leave_entries_are_still_in_the_json(world: Any, user: str) -> None:
    """Leave recorded for the employee shows in their record summary only when ahead."""
    Leave.objects.create(
        employee=world.employees["perawat"], kind="cuti sakit", start="2026-12-01", end="2026-12-02"
    )
    data = data_of(user)
    if user == "rina":
        assert [item["kind"] for item in data["me"]["leave_ahead"]] == ["cuti sakit"]
    else:
        assert "me" not in data


def test_the_legend_colours_in_the_stylesheet_are_the_charts() -> None:
    """The legend's swatches are classes (the Content-Security-Policy refuses style
    attributes); pantau.css gives each the colour the chart's bars have."""
    from pathlib import Path

    from pantau.web.reports.dashboard import TYPE_COLOURS

    css = (Path(__file__).resolve().parents[2] / "src/pantau/web/static/pantau/pantau.css"
           ).read_text(encoding="utf-8")
    for kind, colour in TYPE_COLOURS.items():
        assert f".swatch-{kind} {{ background: {colour}; }}" in css
