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


PHONE = {"width": 390, "height": 844}


def log_in(browser: Any, site: str, username: str, viewport: dict[str, int] | None = None
           ) -> Any:
    page = browser.new_page(viewport=viewport or PHONE)  # a phone unless told otherwise
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


def _ketapang_person_under_dinkes() -> tuple[str, str]:
    """(name, tiktok handle) of a Ketapang employee in Dinas Kesehatan or below."""
    from pantau.web.registry.models import Account, Unit

    dinkes = Unit.objects.get(agency_id="kab-ketapang", code="DINKES")
    below, todo = set(), [dinkes]
    while todo:
        unit = todo.pop()
        below.add(unit.pk)
        todo.extend(unit.children.all())
    account = Account.objects.filter(employee__unit__in=below, platform="tiktok",
                                     employee__employee_type="PNS").select_related(
        "employee").order_by("pk").first()
    assert account is not None and account.employee is not None
    return account.employee.name, account.handle


def test_a_complaint_from_the_public_to_a_confirmed_finding(
    browser: Any, demo_site: str, settings: Any, tmp_path: Path, mailoutbox: Any
) -> None:
    """The whole path: a member of the public files a complaint with an upload and gets a
    code; the BKPSDM reviewer records what was established and confirms; the unit head sees
    it and was notified; the status page shows the outcome; another agency sees nothing."""
    import re

    from django.contrib.auth.models import User

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.STORAGES = {**settings.STORAGES, "evidence": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "evidence")}}}
    User.objects.filter(username="ketapang.kepala").update(email="kepala@ketapangkab.go.id")
    name, handle = _ketapang_person_under_dinkes()
    shot = tmp_path / "tangkapan.png"
    shot.write_bytes(bytes.fromhex(
        "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
        "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"))

    public = browser.new_page(viewport={"width": 390, "height": 844})
    public.goto(f"{demo_site}/lapor/")
    public.select_option("#id_agency", "kab-ketapang")
    public.fill("#id_links", f"https://www.tiktok.com/{handle}/video/7411111111111111111")
    public.fill("#id_happened_at", "2026-02-03T10:15")
    public.select_option("#id_kind", "video")
    public.fill("#id_description", "Video memakai seragam dinas di jam kerja.")
    public.set_input_files("#id_evidence", str(shot))
    question = public.inner_text("label[for=id_answer]")
    first, second = (int(n) for n in re.findall(r"\d+", question)[:2])
    public.fill("#id_answer", str(first + second))
    public.click("#complaint-form button[type=submit]")
    public.wait_for_url(f"{demo_site}/lapor/terima/")
    code = public.inner_text("#receipt-code")
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z*~$=U]{3}", code)

    reviewer = log_in(browser, demo_site, "ketapang.admin")
    reviewer.goto(f"{demo_site}/review/")
    reviewer.click("table.list td a")
    assert name in reviewer.inner_text("#employee")
    reviewer.click("#actions form button:has-text('Ambil')")
    reviewer.check("#signal-uniform_visible input[value=yes]")
    reviewer.select_option("#id_account_type", "personal")
    reviewer.click("#establish-form button[type=submit]")
    assert reviewer.inner_text("#verdict") == "violation"
    reviewer.click("#confirm-form button[type=submit]")
    assert "terbukti" in reviewer.inner_text("h1 .tag").lower()
    report_url = reviewer.url

    head = log_in(browser, demo_site, "ketapang.kepala")
    head.goto(report_url)
    assert name in head.inner_text("#employee")
    assert head.locator("#superior-told").count() == 1
    assert [message.to for message in mailoutbox] == [["kepala@ketapangkab.go.id"]]

    public.goto(f"{demo_site}/lapor/status/")
    public.fill("#id_code", code)
    public.click("#status-form button[type=submit]")
    outcome = public.inner_text("#status-result")
    assert "terbukti" in outcome and name not in outcome

    other = log_in(browser, demo_site, "bekasi.admin")
    other.goto(report_url)
    assert "tidak ditemukan" in other.inner_text("main").lower()
    other.goto(f"{demo_site}/review/")
    assert name not in other.inner_text("main")
    for page in (public, reviewer, head, other):
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
