"""A disciplinary case in headless Chromium (issue 11): from a confirmed finding to a delivered
decision, the examination autosaved as it is typed, the letters downloaded as DOCX and PDF,
and the PDF's text (pdftotext) carrying the employee, the breached clause and the dates."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from tests.conftest import require
from tests.e2e.test_browser_web import browser, demo_site, log_in  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
WIB = ZoneInfo("Asia/Jakarta")


def _confirmed_finding() -> tuple[Any, Any]:
    """A Ketapang pelaksana's personal live in uniform on a working Monday, confirmed by the
    BKPSDM admin through the review services (SE Bupati Ketapang 5/2026)."""
    from django.contrib.auth.models import User

    from pantau.web.intake.models import Report
    from pantau.web.registry.models import Employee
    from pantau.web.review import services

    employee = Employee.objects.filter(agency_id="kab-ketapang", unit__code="DINKES",
                                       level="PELAKSANA", employee_type="PNS").first()
    assert employee is not None
    admin = User.objects.get(username="ketapang.admin")
    report = Report.objects.create(
        agency_id="kab-ketapang", source="monitor", kind="live", platform="tiktok",
        happened_at=datetime(2026, 2, 2, 10, 0, tzinfo=WIB),
        description="Siaran langsung TikTok berseragam saat jam kerja.")
    now = datetime.now(tz=WIB)
    services.identify(report, employee, "ketapang.admin", now)
    services.establish(report, {"official_duty": False, "uniform_visible": True,
                                "account_type": "personal"}, "ketapang.admin", now)
    services.confirm(report, admin, now)
    report.refresh_from_db()
    assert report.status == "confirmed"
    return report, employee


def _record(page: Any, kind: str, day: str, **fields: str) -> None:
    form = f"#record-{kind}"
    page.fill(f"{form} input[name=on]", day)
    for name, value in fields.items():
        selector = f"{form} [name={name}]"
        if page.locator(f"{form} select[name={name}]").count():
            page.select_option(selector, value)
        else:
            page.fill(selector, value)
    page.click(f"{form} button[type=submit]")
    page.wait_for_load_state()
    assert "error" not in (page.get_attribute(".messages li", "class") or ""), page.inner_text(
        ".messages")


def test_a_case_from_a_confirmed_finding_to_a_delivered_decision_with_its_letters(
    browser: Any, demo_site: str, settings: Any, tmp_path: Path  # noqa: F811
) -> None:
    require(bool(shutil.which("soffice")), "LibreOffice",
            "apt-get install libreoffice-writer-nogui")
    require(bool(shutil.which("pdftotext")), "pdftotext", "apt-get install poppler-utils")
    from docx import Document as Docx

    from pantau.web.cases.models import Case

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.STORAGES = {**settings.STORAGES, "evidence": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "evidence")}}}
    report, employee = _confirmed_finding()
    today = datetime.now(tz=WIB).date().isoformat()

    page = log_in(browser, demo_site, "ketapang.admin")
    page.goto(f"{demo_site}/cases/")
    page.click("#open-case")
    page.check(f"#report-{report.pk}")
    page.select_option(f"#level-{report.pk}", "ringan")
    page.click("#open-form button[type=submit]")
    page.wait_for_url(f"{demo_site}/cases/*/")
    assert employee.name in page.inner_text("#employee")
    summons = page.locator("#next article.step").first
    assert employee.superior.name in summons.inner_text()  # the direct superior, by name

    _record(page, "summoned", today, scheduled=today, place="Ruang Kepegawaian Dinkes")
    page.fill("#qa li.qa:first-child textarea[name=q]",
              "Apakah Saudara melakukan siaran langsung pada 2 Februari 2026 pukul 10.00?")
    page.fill("#qa li.qa:first-child textarea[name=a]", "Ya, benar, memakai seragam dinas.")
    page.wait_for_selector("#autosave-status[data-saved=yes]", timeout=10_000)
    page.reload()  # autosaved: the answer is there after a reload, never submitted
    assert "memakai seragam dinas" in page.input_value("#qa li.qa:first-child textarea[name=a]")
    _record(page, "examined", today)
    allowed = page.inner_text("#allowed")
    assert "teguran tertulis" in allowed
    _record(page, "decided", today, sanction="teguran_tertulis")
    _record(page, "delivered", today)
    assert "teguran tertulis" in page.inner_text("#decided")

    row = page.locator("#documents tr[data-kind=keputusan_teguran_tertulis]")
    with page.expect_download() as docx_download:
        row.locator("a.docx").click()
    docx = Path(docx_download.value.path()).read_bytes()
    text = "\n".join(p.text for p in Docx(io.BytesIO(docx)).paragraphs)
    assert employee.name in text
    with page.expect_download() as pdf_download:
        row.locator("a.pdf").click()
    pdf = Path(pdf_download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    words = " ".join(subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                                    check=True).stdout.decode().split())
    case = Case.objects.get(findings__report=report)
    from pantau.web.review.checking import finding_of

    found = finding_of(report)
    assert found is not None
    clause = found.violations[0].clause_text
    assert employee.name in words and employee.nip in words
    assert " ".join(clause.split())[:60] in words  # the breached clause, cited
    assert "2 Februari 2026" in words  # the date of the breach
    assert "PP 94/2021 Pasal 8 ayat (2) huruf b" in words  # the sanction's basis
    assert case.stage in ("delivered", "in_force")
    page.close()
