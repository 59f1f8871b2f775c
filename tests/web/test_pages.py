"""Pages in Indonesian first (dates as "Selasa, 3 Februari 2026"), English on request; each
list page links its JSON twin; README documents every setting and every demo login."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pantau.demo import build_demo
from pantau.web.config import SETTINGS

README = Path(__file__).resolve().parents[2] / "README.md"


def test_dates_are_written_in_indonesian(world: Any, login: Any) -> None:
    pk = world.employees["perawat"].pk
    body = login("admin_ktp").get(f"/employees/{pk}/").content.decode()
    assert "Selasa, 3 Februari 2026" in body
    assert "Kamis, 5 Februari 2026" in body


def test_english_when_chosen(world: Any, login: Any) -> None:
    client = login("admin_ktp")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get(f"/employees/{world.employees['perawat'].pk}/").content.decode()
    assert "Tuesday, 3 February 2026" in body
    assert "Superior" in body


def test_the_browser_language_does_not_override_indonesian(world: Any, login: Any) -> None:
    body = login("admin_ktp").get("/", HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()
    assert "Selamat datang" in body


@pytest.mark.parametrize("route", ["/agencies/", "/units/", "/employees/", "/audit/"])
def test_every_list_page_links_its_json_twin(world: Any, login: Any, route: str) -> None:
    client = login("admin_ktp")
    body = client.get(route, {"q": "a"}).content.decode()
    twin = f"{route}?q=a&amp;format=json"
    assert f'href="{twin}"' in body
    assert client.get(twin.replace("&amp;", "&"))["Content-Type"] == "application/json"


def test_readme_documents_every_setting() -> None:
    text = README.read_text(encoding="utf-8")
    assert [s.name for s in SETTINGS if f"`{s.name}`" not in text] == []


def test_readme_lists_every_demo_login() -> None:
    text = README.read_text(encoding="utf-8")
    data = build_demo(date(2026, 2, 3))
    assert data.password in text
    assert [user.username for user in data.users if f"`{user.username}`" not in text] == []


def test_times_are_shown_in_the_agency_zone(world: Any, login: Any) -> None:
    """An assignment at 01:00 UTC is 09:00 in a WITA agency, 08:00 in a WIB one."""
    from datetime import UTC, datetime

    from pantau.web.registry.models import Agency, Assignment

    perawat = world.employees["perawat"]
    Assignment.objects.create(
        employee=perawat,
        number="800/1/2026",
        purpose="Siaran resmi",
        starts_at=datetime(2026, 2, 3, 1, 0, tzinfo=UTC),
        ends_at=datetime(2026, 2, 3, 2, 0, tzinfo=UTC),
    )
    client = login("admin_ktp")
    assert (
        "Selasa, 3 Februari 2026 08:00" in client.get(f"/employees/{perawat.pk}/").content.decode()
    )
    Agency.objects.filter(pk="kab-ketapang").update(zone="Asia/Makassar")
    assert (
        "Selasa, 3 Februari 2026 09:00" in client.get(f"/employees/{perawat.pk}/").content.decode()
    )


@pytest.mark.parametrize("language", ["id", "en"])
def test_translations_are_complete_and_compiled(language: str, tmp_path: Path) -> None:
    import subprocess

    folder = (
        Path(__file__).resolve().parents[2] / "src/pantau/web/locale" / language / "LC_MESSAGES"
    )
    po = (folder / "django.po").read_text(encoding="utf-8")
    entries = po.split("\n\n")[1:]  # after the header
    assert [e for e in entries if e.rstrip().endswith('msgstr ""') or "#, fuzzy" in e] == []
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(compiled), str(folder / "django.po")], check=True)
    assert compiled.read_bytes() == (folder / "django.mo").read_bytes(), "run msgfmt again"
