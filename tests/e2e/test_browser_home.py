"""Every role's home page in headless Chromium, on a phone and on a desktop (issue 12): each
shows its work (BKPSDM the queue and the cases by stage, the unit head the steps due, the PPK
the decisions waiting, the monitor what they filed, the employee their own cases), every chart
is drawn inside the page without a horizontal scroll, and a screenshot of each is kept in the
test artefacts (PANTAU_TEST_ARTEFACTS, default test-artefacts/ in the repository)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from tests.e2e.test_browser_web import PHONE, browser, log_in  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTEFACTS = Path(os.environ.get("PANTAU_TEST_ARTEFACTS")
                 or Path(__file__).resolve().parents[2] / "test-artefacts")
VIEWPORTS = {"phone": PHONE, "desktop": {"width": 1280, "height": 800}}

# login -> (the section of their work, the charts their home must draw)
ROLES = {
    "ketapang.admin": ("#work-queue", ["#queue-chart-title", "#stage-chart-title",
                                       "#chart-title"]),
    "ketapang.kepala": ("#work-steps", ["#stage-chart-title", "#chart-title"]),
    "ketapang.ppk": ("#work-steps", ["#stage-chart-title", "#chart-title"]),
    "ketapang.satpolpp": ("#work-filed", ["#filed-chart-title"]),
    "ketapang.pegawai": ("#my-cases", []),
}


@pytest.fixture
def full_demo(transactional_db: None, live_server: Any) -> str:
    """The whole demo (registry, complaints in every state, cases at every stage), as
    `pantau demo` loads it: relative to today, as the server's pages are."""
    from django.utils import timezone

    from pantau.web.demo import load_demo_once

    load_demo_once(timezone.localdate())
    return str(live_server.url)


def test_every_role_home_shows_its_work_and_its_charts_fit(
    browser: Any, full_demo: str  # noqa: F811
) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for username, (section, charts) in ROLES.items():
        for name, viewport in VIEWPORTS.items():
            page = log_in(browser, full_demo, username, viewport)
            work = page.locator(f"main {section}")
            assert work.count() == 1 and work.is_visible(), (username, name)
            assert work.locator("li").count() >= 1, (username, name)
            width = viewport["width"]
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, (username, name, scroll)  # no sideways scrolling
            for title in charts:
                svg = page.locator(f"svg:has(title{title})")
                assert svg.count() == 1, (username, name, title)
                box = svg.bounding_box()
                assert box is not None and box["width"] > 100, (username, name, title)
                assert box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5
                bars = svg.locator("g.bar")
                assert bars.count() >= 1, (username, name, title)
                for label in bars.locator("text").all()[:6]:
                    inside = label.bounding_box()
                    assert inside is not None and inside["height"] >= 7  # readable
                    assert inside["x"] + inside["width"] <= box["x"] + box["width"] + 0.5
            page.screenshot(path=str(ARTEFACTS / f"home-{username}-{name}.png"), full_page=True)
            page.close()
    shots = sorted(path.name for path in ARTEFACTS.glob("home-ketapang.*.png"))
    assert len(shots) >= len(ROLES) * len(VIEWPORTS)


def test_the_ppk_reads_the_decisions_waiting_and_opens_one(
    browser: Any, full_demo: str  # noqa: F811
) -> None:
    page = log_in(browser, full_demo, "ketapang.ppk", VIEWPORTS["desktop"])
    steps = page.locator("main #work-steps")
    assert "Keputusan yang menunggu Anda" in steps.inner_text()
    first = steps.locator("li a").first
    number = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert number in page.inner_text("main")
    page.close()
