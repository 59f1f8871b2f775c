"""The web's own activity table as a batch source: every report (`intake_report`) read in key
ranges straight from the database (SQLite here; PostgreSQL in the second pass of `make test`)
gives, row for row, what `pantau check` writes for the activities the web builds from the
same reports (`activity_of`)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from tests.integration.batch_corpus import batch_rows, check_lines
from tests.web.conftest import World

from pantau.batch import run_batch
from pantau.web.intake.models import Report
from pantau.web.intake.table import ReportTable
from pantau.web.review.checking import activity_of

pytestmark = pytest.mark.django_db(transaction=True)


def _url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    return (f"postgresql://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST']}:"
            f"{settings['PORT'] or 5432}/{settings['NAME']}")


def _reports(world: World) -> list[Report]:
    employee = world.employees[next(iter(world.employees))]
    start = datetime(2026, 2, 2, 1, 0, tzinfo=UTC)
    made = []
    for index in range(23):
        signals: dict[str, Any] = {"content": ["practical_politics"] if index % 3 else []}
        if index % 4 == 0:
            signals["uniform_visible"] = True
        made.append(Report.objects.create(
            agency_id="kab-ketapang", source="complaint", kind=["live", "video", "post"][index % 3],
            happened_at=start + timedelta(hours=7 * index),
            happened_until=start + timedelta(hours=7 * index, minutes=30) if index % 3 == 0
            else None,
            platform="tiktok", account=f"akun{index}", text="siaran langsung" if index % 2 else "",
            signals=signals, employee=employee if index % 2 else None))
    return made


def test_the_report_table_in_key_ranges_equals_pantau_check(world: World, tmp_path: Path) -> None:
    reports = _reports(world)
    result = run_batch(ReportTable(_url()), tmp_path / "out", classify=False,
                       rows_per_partition=5)
    assert result.partitions >= 4
    lines = [json.dumps(activity_of(r)).encode() + b"\n" for r in reports]
    expected = check_lines(lines)
    assert batch_rows(tmp_path / "out") == list(zip([r.pk for r in reports], expected,
                                                    strict=True))
    assert "pantau-ci" not in (tmp_path / "out" / "manifest.json").read_text()
