"""The web system in headless Chromium: every role logs in and sees its own world; a BKPSDM
admin imports a CSV with one bad row, reads the error naming row and column, fixes the file,
confirms and finds the employees."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "import"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
# test itself (fixtures, assertions) are synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def demo_site(transactional_db: None, live_server: Any) -> str:
    from datetime import date

    from django.contrib.auth.models import User

    from pantau.web.registry.demo_load import load_demo_once

    load_demo_once(date(2026, 2, 3))
    assert User.objects.filter(username="ketapang.admin").exists()
    return str(live_server.url)


def log_in(browser: Any, site: str, username: str) -> Any:
    page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone
    page.goto(f"{site}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pantau-demo")
    page.click("button[type=submit]")
    page.wait_for_url(f"{site}/")
    return page


ROLES = {
    "ketapang.admin": ("Admin BKPSDM", True, True),
    "ketapang.kepala": ("Kepala unit", True, False),
    "ketapang.ppk": ("Pejabat yang berwenang menghukum", True, False),
    "ketapang.satpolpp": ("Pemantau", False, False),
    "ketapang.pegawai": ("Pegawai", True, False),
}


def test_every_role_logs_in_and_sees_its_menu(browser: Any, demo_site: str) -> None:
    for username, (role, employees, admin) in ROLES.items():
        page = log_in(browser, demo_site, username)
        text = page.inner_text("main")
        assert role in text, username
        assert "Kabupaten Ketapang" in text
        nav = page.inner_text("header")
        assert ("Pegawai" in nav) is employees, username
        assert ("Impor" in nav) is admin, username
        assert ("Jejak audit" in nav) is admin, username
        page.close()


def test_a_unit_head_sees_only_their_unit(browser: Any, demo_site: str) -> None:
    from pantau.web.access.models import Membership
    from pantau.web.registry.models import Employee

    page = log_in(browser, demo_site, "ketapang.kepala")
    page.goto(f"{demo_site}/employees/")
    shown = set(page.locator("table.list td:first-child a").all_inner_texts())
    unit = Membership.objects.get(user__username="ketapang.kepala").unit
    assert unit is not None
    below, todo = set(), [unit]
    while todo:  # the unit and every unit below it, walked here independently of the scope
        current = todo.pop()
        below.add(current.pk)
        todo.extend(current.children.all())
    inside = Employee.objects.filter(agency_id="kab-ketapang", unit__in=below)
    assert len(inside) <= 25  # one page
    assert shown == {person.name for person in inside}
    page.close()


def test_import_with_a_bad_row_then_fixed(browser: Any, demo_site: str, tmp_path: Path) -> None:
    from pantau.web.registry.models import Employee

    bad = EXAMPLES / "pegawai-satu-salah.csv"
    page = log_in(browser, demo_site, "ketapang.admin")
    page.goto(f"{demo_site}/import/")
    page.select_option("#id_kind", "employees")
    page.set_input_files("#id_file", str(bad))
    page.click("#upload-form button[type=submit]")
    errors = page.inner_text("#preview-rows")
    assert "Baris 3, kolom NIP" in errors
    assert "tanggal lahir" in errors
    assert page.locator("#confirm").count() == 0
    assert not Employee.objects.filter(name__startswith="Yuliana Natalia").exists()

    fixed = tmp_path / "pegawai-diperbaiki.csv"
    good_text = (EXAMPLES / "pegawai-contoh.csv").read_text(encoding="utf-8-sig")
    fixed.write_text(good_text, encoding="utf-8")
    page.select_option("#id_kind", "employees")
    page.set_input_files("#id_file", str(fixed))
    page.click("#upload-form button[type=submit]")
    page.click("#confirm")
    page.wait_for_url(f"{demo_site}/employees/")
    assert "Impor selesai" in page.inner_text("main")
    page.fill("input[name=q]", "Yuliana Natalia")
    page.click(".search button")
    assert "Yuliana Natalia" in page.inner_text("table.list")
    assert Employee.objects.filter(name__startswith="Yuliana Natalia").count() == 1
    page.close()


def test_language_switch_to_english(browser: Any, demo_site: str) -> None:
    page = log_in(browser, demo_site, "ketapang.admin")
    with page.expect_navigation():
        page.select_option("select[name=language]", "en")
    assert "Employees" in page.inner_text("header")
    page.close()


def test_dashboard_then_calendar_and_cek_jam_kerja(browser: Any, demo_site: str) -> None:
    """The admin sees the dashboard (counts, inline chart, "Sekarang"), opens the agency's
    calendar from it, asks whether a Tuesday morning is working time and reads the answer."""
    page = log_in(browser, demo_site, "ketapang.admin")
    assert "Sekarang" in page.inner_text("#now")
    assert page.locator("#chart svg rect").count() > 0
    assert "Hari libur berikutnya" in page.inner_text("#now")
    page.click("#now h3 a")
    page.wait_for_url(f"{demo_site}/agencies/kab-ketapang/calendar/")
    page.select_option("#id_year", "2026")
    page.click("#year-form button[type=submit]")
    page.wait_for_url("**/calendar/?year=2026")
    assert "Jumat, 25 Desember 2026" in page.inner_text("#days-off")
    page.fill("#id_at", "2026-02-03T09:15")
    page.click("#check-form button[type=submit]")
    page.wait_for_selector("#check-answer")
    answer = page.inner_text("#check-answer")
    assert "Jam kerja" in answer
    assert "Selasa 3 Feb 2026 09.15 WIB" in answer
    page.fill("#id_at", "2026-02-07T10:00")
    page.click("#check-form button[type=submit]")
    page.wait_for_selector("#check-answer")
    assert "Bukan jam kerja" in page.inner_text("#check-answer")
    page.close()


def test_the_home_chart_fits_a_phone_and_names_every_unit(browser: Any, demo_site: str,
                                                          tmp_path: Path) -> None:
    """On a 390 px phone every unit label of the chart lies inside the drawing (none clipped)
    and the legend lists only the employee types that occur."""
    page = log_in(browser, demo_site, "ketapang.admin")
    chart = page.locator("#chart svg")
    box = chart.bounding_box()
    assert box is not None and box["width"] <= 390
    for label in page.locator("#chart svg g.bar > text:first-child").all():
        inside = label.bounding_box()
        assert inside is not None and inside["x"] >= box["x"] - 0.5
        assert inside["x"] + inside["width"] <= box["x"] + box["width"] + 0.5
        assert inside["height"] >= 9  # readable: not scaled down to a speck
    legend = page.locator("#chart .legend span").all_inner_texts()
    assert "PPPK Paruh Waktu" not in legend or page.locator(
        "#counts a[href$='type=PPPK_PARUH_WAKTU']").count() == 1
    assert all("_" not in item for item in legend)
    page.screenshot(path=str(tmp_path / "home-phone.png"), full_page=True)
    page.close()


def test_paging_keeps_the_filter_and_shows_it(browser: Any, demo_site: str) -> None:
    page = log_in(browser, demo_site, "ketapang.admin")
    page.goto(f"{demo_site}/employees/?type=PNS")
    assert "Jenis pegawai: PNS" in page.inner_text("main")
    page.click("a[rel=next]")
    assert "type=PNS" in page.url and "page=2" in page.url
    types = set(page.locator("table.list td:nth-child(3)").all_inner_texts())
    assert types == {"PNS"}
    page.close()


def test_a_locked_login_is_unlocked_by_the_agency_admin(browser: Any, demo_site: str) -> None:
    for _ in range(5):
        attempt = browser.new_page()
        attempt.goto(f"{demo_site}/accounts/login/")
        attempt.fill("#id_username", "ketapang.pegawai")
        attempt.fill("#id_password", "salah")
        attempt.click("button[type=submit]")
        attempt.close()
    admin = log_in(browser, demo_site, "ketapang.admin")
    admin.goto(f"{demo_site}/access/lockouts/")
    assert "ketapang.pegawai" in admin.inner_text("main")
    admin.click("main button:has-text('Buka kunci')")
    admin.wait_for_load_state()
    assert "ketapang.pegawai" in admin.inner_text(".messages")
    admin.close()
    page = log_in(browser, demo_site, "Ketapang.Pegawai")  # a phone capitalised it
    assert "Pegawai" in page.inner_text("main")
    page.close()


def test_no_page_breaks_the_content_security_policy(browser: Any, demo_site: str) -> None:
    """Issue 14: every page works under the policy (no inline script or style); the
    language menu still switches by itself and the API documentation still draws."""
    from pantau.web.registry.models import Employee

    page = log_in(browser, demo_site, "ketapang.admin")
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    employee = Employee.objects.filter(agency_id="kab-ketapang").first()
    assert employee is not None
    for route in ("/", "/employees/", f"/employees/{employee.pk}/", "/import/", "/audit/",
                  "/agencies/kab-ketapang/calendar/", "/review/", "/lapor/", "/api/docs"):
        page.goto(f"{demo_site}{route}")
        page.wait_for_load_state("networkidle")
    page.wait_for_selector("#swagger-ui .opblock", timeout=15_000)
    assert refused == []
    page.goto(f"{demo_site}/")
    with page.expect_navigation():
        page.select_option("select[name=language]", "en")
    assert "Employees" in page.inner_text("header")
    page.close()
