"""The agency calendar page and its "Cek jam kerja" form: HTML and JSON twin, field errors
instead of 500s, a year without data answered with the calendar's own message."""

from __future__ import annotations

from typing import Any

import pytest

from pantau.web.registry.models import Agency

URL = "/agencies/kab-ketapang/calendar/"
TWIN = "/agencies/kab-ketapang/calendar.json"


def test_the_year_with_its_days_off_in_indonesian(world: Any, login: Any) -> None:
    response = login("admin_ktp").get(URL, {"year": "2026"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Kalender kerja" in body
    assert "Jumat, 25 Desember 2026" in body and "Hari Raya Natal" in body
    assert "SKB" in body  # the decree
    assert "Senin–Kamis 07.30–16.00" in body  # the week
    assert "Ramadan 1447 H" in body and "19 Februari 2026" in body
    assert 'href="/agencies/kab-ketapang/calendar/?year=2026&amp;format=json"' in body


def test_json_twin_lists_every_day_off_with_its_decree(world: Any, login: Any) -> None:
    data = login("kadis").get(TWIN, {"year": "2026"}).json()
    assert data["year"] == 2026
    christmas = next(item for item in data["days_off"] if item["date"] == "2026-12-25")
    assert christmas["name"] == "Hari Raya Natal"
    assert christmas["kind"] == "libur_nasional" and christmas["decree"]
    assert data["week"]["days"]
    assert [item["first"] for item in data["dated_weeks"]] == ["2026-02-19"]


def test_default_year_is_the_current_one(world: Any, login: Any) -> None:
    from django.utils import timezone

    data = login("admin_ktp").get(TWIN).json()
    assert data["year"] == timezone.now().year


def test_a_year_without_data_shows_the_calendars_message(world: Any, login: Any) -> None:
    response = login("admin_ktp").get(URL, {"year": "2019"})
    assert response.status_code == 404
    body = response.content.decode()
    assert "belum memuat hari libur tahun 2019" in body  # for people, in Indonesian
    assert "calendars/national" not in body  # no repository path
    assert 'class="top"' in body  # in the site layout
    error = login("admin_ktp").get(TWIN, {"year": "2019"}).json()["error"]
    assert error.startswith("Kalender kerja belum memuat hari libur tahun 2019")


def test_a_malformed_year_is_a_field_error(world: Any, login: Any) -> None:
    response = login("admin_ktp").get(URL, {"year": "dua ribu"})
    assert response.status_code == 400
    assert "bukan tahun" in response.content.decode()


@pytest.mark.parametrize(
    ("at", "end", "working", "reason"),
    [
        ("2026-02-03T09:15", "", True, "Selasa 3 Feb 2026 09.15 WIB: jam kerja"),
        ("2026-02-03T12:30", "", False, "Selasa 3 Feb 2026 12.30 WIB: waktu istirahat"),
        ("2026-02-07T10:00", "", False, "Sabtu 7 Feb 2026 10.00 WIB: bukan hari kerja"),
        ("2026-02-03T02:15:00+00:00", "", True, "Selasa 3 Feb 2026 09.15 WIB"),
        ("2026-02-03T11:00", "2026-02-03T13:30", True, "Selasa 3 Feb 2026 11.00–13.30 WIB"),
    ],
)
def test_cek_jam_kerja(
    world: Any, login: Any, at: str, end: str, working: bool, reason: str
) -> None:
    client = login("satpol")
    check = client.get(TWIN, {"at": at, "end": end}).json()["check"]
    assert check["working"] is working
    assert check["reason"].startswith(reason)
    page = client.get(URL, {"at": at, "end": end}).content.decode()
    assert 'id="check-answer"' in page and reason in page


@pytest.mark.parametrize(
    ("query", "field", "text"),
    [
        ({"at": "besok pagi"}, "at", "bukan tanggal dan jam"),
        ({"at": "2026-02-30T09:00"}, "at", "bukan tanggal dan jam"),
        ({"at": "2026-02-03T09:00", "end": "2026-02-03T08:00"}, "end", "sesudah"),
        ({"at": "2019-02-05T09:00"}, "at", "belum memuat hari libur tahun 2019"),
        # found by a review: these overflowed when converted to the zone (a server error)
        ({"at": "0001-01-01T00:00"}, "at", "terlalu dekat dengan tahun 1 atau tahun 9999"),
        ({"at": "2026-02-03T09:00", "end": "9999-12-31T23:00"}, "end", "terlalu dekat"),
    ],
)
def test_malformed_input_is_a_clear_field_error(
    world: Any, login: Any, query: dict[str, str], field: str, text: str
) -> None:
    client = login("admin_ktp")
    response = client.get(URL, query)
    assert response.status_code == 400
    assert text in response.content.decode()
    assert f'id="{field}-error"' in response.content.decode()
    twin = client.get(TWIN, query)
    assert twin.status_code == 400
    assert text in twin.json()["errors"][field]


def test_an_agency_without_a_calendar_file(world: Any, login: Any) -> None:
    Agency.objects.create(id="kab-tanpa-kalender", name="Kabupaten Tanpa Kalender")
    from django.contrib.auth.models import User

    User.objects.filter(username="admin_ktp").update(is_superuser=True)
    response = login("admin_ktp").get("/agencies/kab-tanpa-kalender/calendar/")
    assert response.status_code == 404
    assert "unknown agency" in response.content.decode()
    assert "kab-ketapang" in response.content.decode()  # the message names the known ones


def test_agency_page_links_its_calendar(world: Any, login: Any) -> None:
    client = login("admin_ktp")
    assert (
        'href="/agencies/kab-ketapang/calendar/"'
        in client.get("/agencies/kab-ketapang/").content.decode()
    )
    assert client.get("/agencies/kab-ketapang.json").json()["calendar_url"] == URL


def test_english_reason_when_chosen(world: Any, login: Any) -> None:
    client = login("admin_ktp")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get(URL, {"at": "2026-02-07T10:00"}).content.decode()
    assert "Check working time" in body
    assert "Saturday 7 Feb 2026 10:00 WIB" in body
