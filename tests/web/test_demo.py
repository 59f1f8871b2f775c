"""`pantau demo` loads the five seed agencies once, with a working login for every role."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner
from django.contrib.auth.models import User
from django.test import Client

from pantau.cli import main
from pantau.domain.access import Role
from pantau.web.access.models import Membership
from pantau.web.audit.models import AuditEntry
from pantau.web.registry.models import Agency, Employee

SEED_AGENCIES = {
    "kab-banyuasin",
    "kab-kepulauan-anambas",
    "kab-ketapang",
    "kab-pasaman-barat",
    "kota-bekasi",
}


@pytest.fixture
def demo(db: None) -> Any:
    result = CliRunner().invoke(main, ["demo", "--no-serve"])
    assert result.exit_code == 0, result.output
    return result


def test_demo_loads_once_and_reuses_the_database(demo: Any) -> None:
    assert "dimuat" in demo.output
    assert set(Agency.objects.values_list("pk", flat=True)) == SEED_AGENCIES
    employees = Employee.objects.count()
    again = CliRunner().invoke(main, ["demo", "--no-serve"])
    assert "dipakai lagi" in again.output
    assert Employee.objects.count() == employees


def test_every_agency_has_every_role(demo: Any) -> None:
    for agency in SEED_AGENCIES:
        roles = set(Membership.objects.filter(agency_id=agency).values_list("role", flat=True))
        assert roles == {role.value for role in Role}, agency


def test_the_load_is_in_the_audit_trail(demo: Any) -> None:
    assert AuditEntry.objects.filter(actor="system:demo", model="registry.employee").count() == (
        Employee.objects.count()
    )


def test_the_printed_logins_work_and_stay_in_their_agency(demo: Any) -> None:
    assert "pantau-demo" in demo.output
    for username in ("ketapang.admin", "bekasi.admin"):
        assert username in demo.output
        client = Client()
        page = client.post("/accounts/login/", {"username": username, "password": "pantau-demo"})
        assert page.status_code == 302, username
        agency = User.objects.get(username=username).memberships.get().agency_id
        listed = client.get("/employees.json?page=1").json()
        assert listed["count"] == Employee.objects.filter(agency_id=agency).count()
        assert {row["agency"] for row in listed["results"]} == {agency}


def test_repeated_failed_logins_lock_the_account(demo: Any) -> None:
    client = Client()
    for _ in range(5):
        client.post("/accounts/login/", {"username": "ketapang.pegawai", "password": "salah"})
    locked = client.post(
        "/accounts/login/", {"username": "ketapang.pegawai", "password": "pantau-demo"}
    )
    assert locked.status_code == 429
    assert "Login terkunci" in locked.content.decode()
    assert "Coba lagi dalam 1 jam" in locked.content.decode()  # says for how long


def test_employee_lists_page_through_the_scope_and_search_narrows_them(demo: Any) -> None:
    client = Client()
    client.post("/accounts/login/", {"username": "ketapang.admin", "password": "pantau-demo"})
    first = client.get("/employees.json?page=1").json()
    second = client.get("/employees.json?page=2").json()
    total = Employee.objects.filter(agency_id="kab-ketapang").count()
    assert first["count"] == second["count"] == total > 25
    names_1 = {row["name"] for row in first["results"]}
    names_2 = {row["name"] for row in second["results"]}
    assert len(first["results"]) == 25 and names_1.isdisjoint(names_2)
    someone = Employee.objects.filter(agency_id="kab-ketapang").order_by("name")[3]
    found = client.get("/employees.json", {"q": someone.nip}).json()
    assert [row["name"] for row in found["results"]] == [someone.name]
    other = Employee.objects.exclude(agency_id="kab-ketapang").first()
    assert other is not None
    assert client.get("/employees.json", {"q": other.nip}).json()["results"] == []
