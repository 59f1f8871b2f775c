"""403, 404 and 500 in the site layout, Indonesian first, with a link home; JSON readers
get JSON."""

from __future__ import annotations

from typing import Any

from django.test import RequestFactory
from django.utils import translation

from pantau.web.errors import server_error


def test_404_in_the_layout_in_indonesian(world: Any, login: Any) -> None:
    response = login("admin_ktp").get("/tidak-ada/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in body
    assert 'class="top"' in body and 'href="/"' in body
    assert "Not Found" not in body  # not Django's bare page


def test_404_for_a_record_out_of_scope(world: Any, login: Any) -> None:
    bekasi = world.employees["bekasi_staf"].pk
    response = login("admin_ktp").get(f"/employees/{bekasi}/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()
    assert "Budi" not in response.content.decode()


def test_404_in_english_when_chosen(world: Any, login: Any) -> None:
    client = login("admin_ktp")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/tidak-ada/").content.decode()
    assert "Page not found" in body and "Back to the home page" in body


def test_403_in_the_layout(world: Any, login: Any) -> None:
    response = login("rina").get("/audit/")
    body = response.content.decode()
    assert response.status_code == 403
    assert "Akses ditolak" in body and "Kembali ke beranda" in body
    assert 'class="top"' in body


def test_json_readers_get_json_errors(world: Any, login: Any) -> None:
    client = login("rina")
    refused = client.get("/audit.json")
    assert refused.status_code == 403
    assert refused.json() == {
        "status": 403,
        "error": "Akses ditolak",
        "detail": refused.json()["detail"],
    }
    missing = client.get("/employees/999999.json")
    assert missing.status_code == 404 and missing.json()["status"] == 404


def test_500_in_the_layout_without_touching_the_database() -> None:
    """Rendered without context processors: no query, so a broken database cannot break it."""
    request = RequestFactory().get("/employees/")
    with translation.override("id"):
        response = server_error(request)
    body = response.content.decode()
    assert response.status_code == 500
    assert "Terjadi kesalahan" in body and 'href="/"' in body
    assert 'class="top"' in body


def test_500_from_a_failing_view(world: Any, client: Any, settings: Any) -> None:
    settings.ROOT_URLCONF = "tests.web.failing_urls"
    client.raise_request_exception = False
    response = client.get("/rusak/")
    assert response.status_code == 500
    assert "Terjadi kesalahan" in response.content.decode()
