"""Cross-check every year of holiday data against the `holidays` package (HOL, >= 0.99).

`public` in HOL is our libur_nasional, `government` our cuti_bersama. A deliberate difference
must be listed, with its reason, under `holidays_package_differences` in the year's file.
"""

from __future__ import annotations

from datetime import date

import holidays
import pytest

from pantau.domain.worktime import DayKind
from pantau.rules.calendars import load_national

YEARS = range(2021, 2028)


@pytest.mark.parametrize("year", YEARS)
def test_holiday_data_matches_the_holidays_package(year: int) -> None:
    national = load_national()
    ours = {(off.day, off.kind) for off in national.days_off if off.day.year == year}
    theirs: set[tuple[date, DayKind]] = set()
    for category, kind in (
        ("public", DayKind.NATIONAL_HOLIDAY),
        ("government", DayKind.JOINT_LEAVE),
    ):
        found = holidays.country_holidays("ID", years=year, categories=(category,))
        theirs |= {(day, kind) for day in found}
    differing = {day for day, _ in ours ^ theirs}
    documented = {day for day in national.differences if day.year == year}
    assert differing == documented


def test_every_covered_year_is_cross_checked() -> None:
    assert load_national().years == tuple(YEARS)
