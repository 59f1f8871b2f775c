"""Every role x every page, JSON twin and API route: allowed with exactly the records in
scope, or refused (403/404, a login redirect or 401 when anonymous). Assertions read content,
not only status codes."""

from __future__ import annotations

from typing import Any

import pytest

from pantau.domain.access import Role

KETAPANG_PEOPLE = {"Sekda Ketapang", "Kabag Umum", "Siti Umum", "Kadis Kesehatan", "Rina Perawat"}
KETAPANG_UNITS = {
    "Sekretariat Daerah",
    "Bagian Umum",
    "Dinas Kesehatan",
    "RSUD Agoesdjam",
    "Satuan Polisi Pamong Praja",
    "Kecamatan Delta Pawan",
}

# user -> (employees visible, units visible, agencies visible); None = refused (403)
SCOPES: dict[str, tuple[set[str] | None, set[str] | None, set[str] | None]] = {
    "admin_ktp": (KETAPANG_PEOPLE, KETAPANG_UNITS, {"kab-ketapang"}),
    "kadis": (
        {"Kadis Kesehatan", "Rina Perawat"},
        {"Dinas Kesehatan", "RSUD Agoesdjam"},
        {"kab-ketapang"},
    ),
    "pejabat": (
        {"Sekda Ketapang", "Kabag Umum", "Siti Umum"},
        {"Sekretariat Daerah", "Bagian Umum"},
        {"kab-ketapang"},
    ),
    "satpol": (None, KETAPANG_UNITS, {"kab-ketapang"}),
    "rina": ({"Rina Perawat"}, {"RSUD Agoesdjam"}, {"kab-ketapang"}),
    "admin_bks": ({"Budi Bekasi"}, {"Sekretariat Daerah Kota Bekasi"}, {"kota-bekasi"}),
    "norole": (None, None, None),
}
ALL_PEOPLE = KETAPANG_PEOPLE | {"Budi Bekasi"}
USERS = sorted(SCOPES)


def names(payload: dict[str, Any], key: str = "name") -> set[str]:
    return {item[key] for item in payload["results"]}


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("route", ["/employees.json", "/employees/?format=json", "/api/employees"])
def test_employee_lists_show_exactly_the_scope(
    world: Any, login: Any, user: str, route: str
) -> None:
    response = login(user).get(route)
    expected = SCOPES[user][0]
    if expected is None:
        assert response.status_code == 403
        assert not any(name.encode() in response.content for name in ALL_PEOPLE)
        return
    assert response.status_code == 200
    assert names(response.json()) == expected


@pytest.mark.parametrize("user", USERS)
def test_employee_list_page_shows_only_the_scope(world: Any, login: Any, user: str) -> None:
    response = login(user).get("/employees/")
    expected = SCOPES[user][0]
    if expected is None:
        assert response.status_code == 403
        return
    body = response.content.decode()
    assert response.status_code == 200
    assert all(name in body for name in expected)
    assert not any(name in body for name in ALL_PEOPLE - expected)
    assert 'href="/employees/?format=json"' in body  # the page links its JSON twin


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("route", ["/units.json", "/api/units"])
def test_unit_lists_show_exactly_the_scope(world: Any, login: Any, user: str, route: str) -> None:
    response = login(user).get(route)
    expected = SCOPES[user][1]
    if expected is None:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    assert names(response.json()) == expected


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("route", ["/agencies.json", "/api/agencies"])
def test_agency_lists_never_cross_agencies(world: Any, login: Any, user: str, route: str) -> None:
    response = login(user).get(route)
    expected = SCOPES[user][2]
    if expected is None:
        assert response.status_code == 403
        return
    assert names(response.json(), "id") == expected


@pytest.mark.parametrize("user", USERS)
def test_employee_detail_pages_open_only_in_scope(world: Any, login: Any, user: str) -> None:
    client = login(user)
    visible = SCOPES[user][0]
    for record in world.employees.values():
        for route in (
            f"/employees/{record.pk}/",
            f"/employees/{record.pk}.json",
            f"/api/employees/{record.pk}",
        ):
            response = client.get(route)
            if visible is None:
                assert response.status_code == 403, route
            elif record.name in visible:
                assert response.status_code == 200, route
                assert record.name in response.content.decode()
            else:
                assert response.status_code == 404, route
                assert record.name not in response.content.decode()


@pytest.mark.parametrize("user", USERS)
def test_unit_and_agency_detail_pages_open_only_in_scope(world: Any, login: Any, user: str) -> None:
    client = login(user)
    units, agencies = SCOPES[user][1], SCOPES[user][2]
    for record in world.units.values():
        response = client.get(f"/units/{record.pk}.json")
        if units is None:
            assert response.status_code == 403
        else:
            assert response.status_code == (200 if record.name in units else 404)
    for agency_id in world.agencies:
        response = client.get(f"/agencies/{agency_id}/")
        if agencies is None:
            assert response.status_code == 403
        else:
            assert response.status_code == (200 if agency_id in agencies else 404)


def test_unit_detail_lists_only_employees_in_scope(world: Any, login: Any) -> None:
    """A monitor sees the unit, not its staff; a unit head sees their staff."""
    rsud = world.units["RSUD"].pk
    assert login("satpol").get(f"/units/{rsud}.json").json()["employees"] == []
    staff = login("kadis").get(f"/units/{rsud}.json").json()["employees"]
    assert [person["name"] for person in staff] == ["Rina Perawat"]


@pytest.mark.parametrize("user", USERS)
def test_audit_trail_only_for_bkpsdm_admins_of_their_agency(
    world: Any, login: Any, user: str
) -> None:
    response = login(user).get("/audit.json")
    if not user.startswith("admin_"):
        assert response.status_code == 403
        assert login(user).get("/audit/").status_code == 403
        return
    agency = SCOPES[user][2]
    entries = response.json()["results"]
    assert entries, "creating the world is audited"
    assert {entry["agency"] for entry in entries} == agency


@pytest.mark.parametrize("user", USERS)
def test_import_only_for_bkpsdm_admins(world: Any, login: Any, user: str) -> None:
    response = login(user).get("/import/")
    assert response.status_code == (200 if user.startswith("admin_") else 403)


def test_import_form_offers_only_the_admins_agency(world: Any, login: Any) -> None:
    body = login("admin_bks").get("/import/").content.decode()
    assert 'value="kota-bekasi"' in body
    assert "kab-ketapang" not in body


@pytest.mark.parametrize(
    "route", ["/", "/employees/", "/units/", "/agencies/", "/audit/", "/import/"]
)
def test_anonymous_readers_are_sent_to_login(world: Any, client: Any, route: str) -> None:
    response = client.get(route)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    "route", ["/employees.json", "/units/?format=json", "/dashboard.json", "/audit.json",
              "/agencies/kab-ketapang/calendar.json", "/employees/1.json"]
)
def test_anonymous_json_readers_get_a_401_json_error(world: Any, client: Any, route: str) -> None:
    """A script or a JSON twin opened while signed out gets JSON, not the HTML login page."""
    response = client.get(route)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["status"] == 401 and "Rina" not in response.content.decode()


@pytest.mark.parametrize("route", ["/api/employees", "/api/units", "/api/agencies"])
def test_anonymous_api_calls_get_401(world: Any, client: Any, route: str) -> None:
    response = client.get(route)
    assert response.status_code == 401
    assert b"Rina" not in response.content


def test_employee_sees_own_record_and_superiors_name_only(world: Any, login: Any) -> None:
    """Rina sees her own record with her full NIP and her superior's name only (README): no
    link to the superior's record, no NIP, no position."""
    rina = world.employees["perawat"].pk
    data = login("rina").get(f"/employees/{rina}.json").json()
    assert data["superior"]["name"] == "Kadis Kesehatan"
    assert data["superior"]["url"] is None
    assert data["superior"]["nip"] is None and data["superior"]["position"] == ""
    assert data["nip"] == "199505052020122005"  # her own, in full
    assert [account["handle"] for account in data["accounts"]] == ["@rina.rsud"]
    assert data["leave"][0]["start"] == "2026-02-03"


def test_admin_site_is_scoped_too(world: Any, login: Any) -> None:
    from django.contrib.auth.models import User

    User.objects.filter(username="admin_ktp").update(is_staff=True, is_superuser=False)
    user = User.objects.get(username="admin_ktp")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="registry"))
    client = login("admin_ktp")
    body = client.get("/admin/registry/employee/").content.decode()
    assert "Rina Perawat" in body
    assert "Budi Bekasi" not in body
    bekasi = world.employees["bekasi_staf"].pk
    assert client.get(f"/admin/registry/employee/{bekasi}/change/").status_code in (302, 404)
    rina = world.employees["perawat"].pk
    form = client.get(f"/admin/registry/employee/{rina}/change/").content.decode()
    assert "RSUD Agoesdjam" in form  # the unit choices of her agency
    assert "Sekretariat Daerah Kota Bekasi" not in form and "Budi Bekasi" not in form
    assert "Kota Bekasi" not in form


@pytest.mark.parametrize(
    ("route", "text", "found"),
    [
        ("/employees.json", "Rina\x00", "Rina Perawat"),
        ("/api/employees", "Rina\x00", "Rina Perawat"),
        ("/units/", "\x00RSUD", "RSUD Agoesdjam"),
    ],
)
def test_search_text_with_a_nul_character_is_harmless(
    world: Any, login: Any, route: str, text: str, found: str
) -> None:
    """PostgreSQL refuses NUL in strings; the search drops it instead of failing."""
    response = login("admin_ktp").get(route, {"q": text})
    assert response.status_code == 200
    assert found in response.content.decode()
    assert "Siti Umum" not in response.content.decode()


@pytest.mark.parametrize("user", [u for u in USERS if u != "admin_ktp"] + [None])
@pytest.mark.parametrize(
    "route", ["/admin/registry/employee/", "/admin/registry/auditentry/", "/admin/"]
)
def test_admin_site_refuses_every_other_role(
    world: Any, login: Any, user: str | None, route: str
) -> None:
    """Only staff get into the admin; the demo makes only BKPSDM admins staff."""
    response = login(user).get(route)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert "Rina Perawat" not in response.content.decode()


@pytest.mark.parametrize("user", USERS)
def test_agency_calendar_opens_only_in_scope(world: Any, login: Any, user: str) -> None:
    client = login(user)
    agencies = SCOPES[user][2]
    for agency_id in world.agencies:
        for route in (f"/agencies/{agency_id}/calendar/", f"/agencies/{agency_id}/calendar.json"):
            response = client.get(route, {"year": "2026", "at": "2026-02-03T09:15"})
            if agencies is None:
                assert response.status_code == 403, route
            elif agency_id in agencies:
                assert response.status_code == 200, route
            else:
                assert response.status_code == 404, route
                assert world.agencies[agency_id].name not in response.content.decode()


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("route", ["/", "/dashboard.json", "/?format=json"])
def test_dashboard_shows_only_the_scope(world: Any, login: Any, user: str, route: str) -> None:
    """Every role gets a dashboard; it names no one and no agency outside the scope."""
    response = login(user).get(route)
    assert response.status_code == 200
    body = response.content.decode()
    people, agencies = SCOPES[user][0] or set(), SCOPES[user][2] or set()
    assert not any(name in body for name in ALL_PEOPLE - people)
    for agency_id in {"kab-ketapang", "kota-bekasi"} - agencies:
        assert f"/agencies/{agency_id}/" not in body and f'"{agency_id}"' not in body


@pytest.mark.parametrize("route", ["/agencies/kab-ketapang/calendar/"])
def test_anonymous_readers_are_sent_to_login_from_new_pages(
    world: Any, client: Any, route: str
) -> None:
    response = client.get(route)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# ----- the workflow's pages: every role x every page, twin and API route ---------------------
WORKFLOW_PAGES = ("/cases/", "/cases.json", "/api/cases", "/cases/siasn/", "/api/cases/siasn",
                  "/cases/record/", "/reports/", "/reports/report.json", "/api/reports/figures",
                  "/review/", "/access/", "/privacy/retention/", "/me/data/")
WORKFLOW_MATRIX = {  # status per page, in the order above (a no-role login sees no cases)
    "admin_ktp": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403),
    "admin_bks": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403),
    "kadis": (200, 200, 200, 403, 403, 403, 200, 200, 200, 200, 403, 403, 403),
    "pejabat": (200, 200, 200, 403, 403, 403, 200, 200, 200, 403, 403, 403, 403),
    "satpol": (403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403),
    "rina": (200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200),
    "dpo": (403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200, 403),
    "norole": (200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
}


@pytest.mark.parametrize("user", list(WORKFLOW_MATRIX))
def test_each_role_opens_exactly_its_workflow_pages(world: Any, login: Any, user: str) -> None:
    """Cases, the national record, reports, review, the access log, retention and subject
    access: the status each role gets, page by page (README, the roles table)."""
    if user == "dpo":
        world.user("dpo", Role.DATA_PROTECTION_OFFICER, "kab-ketapang")
    client = login(user)
    found = tuple(client.get(page).status_code for page in WORKFLOW_PAGES)
    assert dict(zip(WORKFLOW_PAGES, found, strict=True)) == dict(
        zip(WORKFLOW_PAGES, WORKFLOW_MATRIX[user], strict=True))
