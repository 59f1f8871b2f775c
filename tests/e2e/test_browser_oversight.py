"""The oversight pages of issue 12 in headless Chromium, on a phone: the report with its
server-drawn charts, the public transparency page without a login, the national record, the
retention report and an employee's own data; none scrolls sideways."""

from __future__ import annotations

from typing import Any

import pytest
from tests.e2e.test_browser_home import full_demo  # noqa: F401 (fixture)
from tests.e2e.test_browser_web import PHONE, browser, log_in  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _fits(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_oversight_pages_on_a_phone(browser: Any, full_demo: str) -> None:  # noqa: F811
    from django.utils import timezone

    year = timezone.localdate().year
    admin = log_in(browser, full_demo, "ketapang.admin")
    admin.goto(f"{full_demo}/reports/?agency=kab-ketapang&period={year}")
    assert "Kabupaten Ketapang" in admin.inner_text("main h1")
    charts = admin.locator("main svg[role=img]")
    assert charts.count() >= 1 and charts.first.is_visible()
    _fits(admin)
    admin.goto(f"{full_demo}/cases/siasn/")
    assert "SIASN" in admin.inner_text("main h1")
    _fits(admin)
    admin.goto(f"{full_demo}/privacy/retention/")
    assert admin.locator("main h1").count() == 1
    _fits(admin)
    admin.close()

    public = browser.new_page(viewport=PHONE)  # no login
    public.goto(f"{full_demo}/transparansi/kab-ketapang/?year={year}")
    table = public.inner_text("main table")
    assert str(year) in table and "Rina" not in table
    _fits(public)
    public.close()

    from pantau.web.access.models import Membership
    from pantau.web.registry.models import Employee

    me = Membership.objects.get(user__username="ketapang.pegawai").employee
    assert me is not None
    other = Employee.objects.filter(agency_id="kab-ketapang", unit__code="SATPOLPP").exclude(
        pk__in=[me.pk, me.superior_id or 0]).first()  # someone of another unit
    assert other is not None
    employee = log_in(browser, full_demo, "ketapang.pegawai")
    employee.goto(f"{full_demo}/me/data/")
    main = employee.inner_text("main")
    assert me.name in main and other.name not in main
    _fits(employee)
    employee.close()
