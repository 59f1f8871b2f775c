"""What users tripped over (issue 8): lockouts, case in user names, the admin site for
everybody else, agency admins managing their own logins, filters lost when paging, and
searching an employee by what a viral clip shows (a handle, a profile URL, a NIP)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import Permission, User
from django.test import Client

from pantau.domain.access import Role
from pantau.web.access.models import Membership
from pantau.web.registry.models import Employee

PASSWORD = "rahasia-uji-123"  # as in conftest.py


def _fail_logins(name: str, times: int = 5) -> Client:
    client = Client()
    for _ in range(times):
        client.post("/accounts/login/", {"username": name, "password": "salah-salah"})
    return client


def test_a_locked_login_is_told_for_how_long_and_an_admin_unlocks_it(
    world: Any, login: Any
) -> None:
    client = _fail_logins("rina")
    locked = client.post("/accounts/login/", {"username": "rina", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Coba lagi dalam 1 jam" in locked.content.decode()

    listed = login("admin_ktp").get("/access/lockouts.json").json()["results"]
    assert [row["username"] for row in listed] == ["rina"]
    assert login("admin_bks").get("/access/lockouts.json").json()["results"] == []
    assert login("kadis").get("/access/lockouts/").status_code == 403

    refused = login("admin_bks").post("/access/lockouts/unlock/", {"username": "rina"})
    assert refused.status_code == 302
    assert login("admin_ktp").get("/access/lockouts.json").json()["results"] != []
    login("admin_ktp").post("/access/lockouts/unlock/", {"username": "rina"})
    assert login("admin_ktp").get("/access/lockouts.json").json()["results"] == []
    again = Client().post("/accounts/login/", {"username": "rina", "password": PASSWORD})
    assert again.status_code == 302


def test_user_names_are_not_case_sensitive(world: Any) -> None:
    client = Client()
    response = client.post("/accounts/login/", {"username": " Admin_KTP", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/me.json").json()["user"] == "admin_ktp"
    page = Client().get("/accounts/login/").content.decode()
    assert 'autocapitalize="none"' in page


def test_failures_typed_in_another_case_count_for_the_same_login(world: Any) -> None:
    _fail_logins("RINA", 3)
    client = _fail_logins("Rina", 2)
    assert client.post("/accounts/login/", {"username": "rina", "password": PASSWORD}
                       ).status_code == 429


def test_the_admin_site_uses_pantaus_login_and_layout(world: Any, login: Any) -> None:
    anonymous = Client().get("/admin/", follow=True)
    assert anonymous.redirect_chain[-1][0].startswith("/accounts/login/?next=")
    assert "csrfmiddlewaretoken" in anonymous.content.decode()  # pantau's own form
    refused = login("kadis").get("/admin/", follow=True)
    assert refused.status_code == 403
    assert 'class="top"' in refused.content.decode()  # pantau's layout, not a second login


def _staff(world: Any, name: str) -> None:
    user = User.objects.get(username=name)
    user.is_staff = True
    user.save()
    wanted = Permission.objects.filter(
        content_type__app_label__in=["auth", "access", "registry"],
        codename__in=["add_user", "change_user", "view_user", "add_membership",
                      "change_membership", "view_membership", "add_agency", "view_agency",
                      "view_employee"],
    )
    user.user_permissions.add(*wanted)


def test_an_agency_admin_creates_logins_for_their_own_agency_only(
    world: Any, login: Any
) -> None:
    _staff(world, "admin_ktp")
    client = login("admin_ktp")
    listing = client.get("/admin/auth/user/").content.decode()
    assert "kadis" in listing and "admin_bks" not in listing
    created = client.post("/admin/auth/user/add/", {
        "username": "Petugas.Baru", "password1": "kata-sandi-yang-kuat-1",
        "password2": "kata-sandi-yang-kuat-1", "usable_password": "true",
    })
    assert created.status_code == 302, created.content.decode()[:2000]
    user = User.objects.get(username="petugas.baru")
    role = client.post("/admin/access/membership/add/", {
        "user": user.pk, "agency": "kab-ketapang", "role": Role.MONITOR.value,
        "acting": "",
    })
    assert role.status_code == 302, role.content.decode()[:2000]
    foreign = client.post("/admin/access/membership/add/", {
        "user": user.pk, "agency": "kota-bekasi", "role": Role.MONITOR.value, "acting": "",
    })
    assert foreign.status_code == 200  # the form refuses an agency outside the scope
    assert user.memberships.count() == 1
    assert client.get("/admin/registry/agency/add/").status_code == 403
    other = User.objects.get(username="admin_bks")
    assert client.get(f"/admin/auth/user/{other.pk}/change/").status_code == 302  # not found


def test_a_login_without_a_role_is_seen_by_the_admins_of_the_agency_that_made_it_only(
    world: Any, login: Any
) -> None:
    """Found by a probe: a login another agency's administrator had just made (no role yet)
    was listed to every agency's administrator, who could set its password and give it a
    role of their own agency."""
    _staff(world, "admin_ktp")
    _staff(world, "admin_bks")
    bekasi = login("admin_bks")
    made = bekasi.post("/admin/auth/user/add/", {
        "username": "bekasi.baru", "password1": "kata-sandi-yang-kuat-1",
        "password2": "kata-sandi-yang-kuat-1", "usable_password": "true",
    })
    assert made.status_code == 302, made.content.decode()[:2000]
    new = User.objects.get(username="bekasi.baru")
    assert not new.memberships.exists()
    ketapang = login("admin_ktp")  # the same client, signed in as the other agency's admin
    assert "bekasi.baru" not in ketapang.get("/admin/auth/user/").content.decode()
    assert ketapang.get(f"/admin/auth/user/{new.pk}/change/").status_code == 302  # not found
    ketapang.post(f"/admin/auth/user/{new.pk}/password/", {
        "password1": "diambil-alih-1234", "password2": "diambil-alih-1234",
        "usable_password": "true"})
    new.refresh_from_db()
    assert new.check_password("kata-sandi-yang-kuat-1")
    assert f'value="{new.pk}"' not in ketapang.get("/admin/access/membership/add/").content.decode()
    refused = ketapang.post("/admin/access/membership/add/", {
        "user": new.pk, "agency": "kab-ketapang", "role": Role.MONITOR.value, "acting": ""})
    assert refused.status_code == 200 and not new.memberships.exists()
    # the agency that made it sees it and gives it its role
    bekasi = login("admin_bks")
    assert "bekasi.baru" in bekasi.get("/admin/auth/user/").content.decode()
    role = bekasi.post("/admin/access/membership/add/", {
        "user": new.pk, "agency": "kota-bekasi", "role": Role.MONITOR.value, "acting": ""})
    assert role.status_code == 302, role.content.decode()[:2000]


def test_a_login_without_a_role_follows_the_agencies_its_maker_administers_today(
    world: Any, login: Any
) -> None:
    """Found by a review: any role of its maker's, even an expired one, put a new login in
    that agency's administrators' sight; only agencies the maker administers today count."""
    maker = world.user("admin_dua", Role.BKPSDM_ADMIN, "kab-ketapang")
    Membership.objects.create(user=maker, agency=world.agencies["kota-bekasi"],
                              role=Role.MONITOR)
    Membership.objects.create(user=maker, agency=world.agencies["kota-bekasi"],
                              role=Role.BKPSDM_ADMIN, valid_until=date(2020, 12, 31))
    for name in ("admin_dua", "admin_ktp", "admin_bks"):
        _staff(world, name)
    made = login("admin_dua").post("/admin/auth/user/add/", {
        "username": "dua.baru", "password1": "kata-sandi-yang-kuat-1",
        "password2": "kata-sandi-yang-kuat-1", "usable_password": "true"})
    assert made.status_code == 302, made.content.decode()[:2000]
    assert "dua.baru" in login("admin_ktp").get("/admin/auth/user/").content.decode()
    assert "dua.baru" not in login("admin_bks").get("/admin/auth/user/").content.decode()


def test_admin_filters_list_only_agencies_in_scope(world: Any, login: Any) -> None:
    _staff(world, "admin_ktp")
    page = login("admin_ktp").get("/admin/registry/employee/").content.decode()
    assert "Kabupaten Ketapang" in page and "Kota Bekasi" not in page


def _many_staff(world: Any, count: int = 30) -> None:
    for index in range(count):
        Employee.objects.create(
            agency=world.agencies["kab-ketapang"], unit=world.units["UMUM"],
            nip=f"1990010120150310{index + 10:02d}", name=f"Staf {index:02d}",
            employee_type="PNS",
        )
    Employee.objects.create(agency=world.agencies["kab-ketapang"], unit=world.units["UMUM"],
                            staff_id="K-1", name="Kontrak Satu", employee_type="NON_ASN")


def test_filters_are_kept_when_paging_and_shown(world: Any, login: Any) -> None:
    _many_staff(world)
    client = login("admin_ktp")
    first = client.get("/employees/", {"type": "PNS", "q": "Staf"}).content.decode()
    assert 'href="?type=PNS&amp;q=Staf&amp;page=2"' in first
    assert "Disaring menurut" in first and "Jenis pegawai: PNS" in first
    second = client.get("/employees.json", {"type": "PNS", "q": "Staf", "page": 2}).json()
    assert second["page"] == 2 and second["filters"][0]["value"] == "PNS"
    assert all(row["type"] == "PNS" for row in second["results"])
    assert client.get("/employees.json", {"page": "0"}).json()["page"] == 1
    assert client.get("/employees.json", {"page": "-3"}).json()["page"] == 1


def test_a_type_shows_its_label_not_its_code(world: Any, login: Any) -> None:
    _many_staff(world, 1)
    body = login("admin_ktp").get("/employees/", {"type": "NON_ASN"}).content.decode()
    assert "Kontrak Satu" in body and "Non-ASN (tenaga kontrak)" in body
    assert ">NON_ASN<" not in body


def test_search_by_handle_profile_url_and_nip_with_spaces(world: Any, login: Any) -> None:
    client = login("admin_ktp")

    def found(text: str) -> set[str]:
        return {row["name"] for row in client.get("/employees.json", {"q": text}).json()[
            "results"]}

    assert found("@rina.rsud") == {"Rina Perawat"}
    assert found("https://www.tiktok.com/@Rina.RSUD/video/7345") == {"Rina Perawat"}
    assert found("tiktok.com/@rina.rsud") == {"Rina Perawat"}
    assert found("19950505 202012 2 005") == {"Rina Perawat"}
    assert found("https://www.instagram.com/rina.rsud/") == set()  # another platform
    assert found("@budi.bks") == set()  # another agency's account


def test_the_api_searches_the_same_way(world: Any, login: Any) -> None:
    rows = login("admin_ktp").get("/api/employees", {"q": "tiktok.com/@rina.rsud"}).json()
    assert [row["name"] for row in rows["results"]] == ["Rina Perawat"]
