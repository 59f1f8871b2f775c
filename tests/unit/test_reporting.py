"""The arithmetic of reports (pantau.domain.reporting): periods and the period before, median
and nearest-rank percentile, changes, and small-count suppression, checked by hand."""

from __future__ import annotations

from datetime import date

import pytest

from pantau.domain.errors import InputError
from pantau.domain.reporting import (
    Period,
    change,
    median,
    parse_period,
    percentile,
    period_between,
    suppressed,
)


def test_a_month_is_compared_with_the_month_before_even_when_shorter() -> None:
    october = parse_period("2026-10")
    assert (october.start, october.end, october.days) == (date(2026, 10, 1),
                                                          date(2026, 10, 31), 31)
    before = october.previous()
    assert (before.start, before.end, before.label) == (date(2026, 9, 1), date(2026, 9, 30),
                                                        "2026-09")


def test_january_is_compared_with_december_of_the_year_before() -> None:
    assert parse_period("2026-01").previous().label == "2025-12"
    assert parse_period("2024-03").previous().end == date(2024, 2, 29)  # a leap year


def test_a_quarter_and_a_year_compare_with_the_one_before() -> None:
    q4 = parse_period("2026-q4")
    assert (q4.start, q4.end, q4.label) == (date(2026, 10, 1), date(2026, 12, 31), "2026-Q4")
    assert q4.previous().label == "2026-Q3"
    assert parse_period("2026-Q1").previous().label == "2025-Q4"
    assert parse_period("2026").previous() == Period(date(2025, 1, 1), date(2025, 12, 31),
                                                     parse_period("2025").kind)


def test_a_range_compares_with_as_many_days_just_before() -> None:
    span = period_between(date(2026, 10, 11), date(2026, 10, 20))
    assert span.days == 10
    assert span.previous() == Period(date(2026, 10, 1), date(2026, 10, 10))


@pytest.mark.parametrize("text", ["2026-13", "2026-Q5", "26", "Oktober", "2026-00", ""])
def test_a_malformed_period_is_refused_with_the_forms_it_takes(text: str) -> None:
    with pytest.raises(InputError, match="2026-Q4"):
        parse_period(text)


def test_a_range_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(InputError, match="before it starts"):
        period_between(date(2026, 10, 2), date(2026, 10, 1))


def test_median_and_p90_by_hand() -> None:
    values = [20, 1, 10, 3, 5]  # sorted: 1 3 5 10 20
    assert median(values) == 5
    assert percentile(values, 90) == 20  # rank ceil(4.5) = 5
    assert median([19, 33]) == 26
    assert percentile([19, 33], 90) == 33  # rank ceil(1.8) = 2
    assert percentile(list(range(1, 11)), 90) == 9  # rank 9 of 10
    assert median([]) is None and percentile([], 90) is None


def test_change_against_the_period_before() -> None:
    assert change(6, 2) == {"current": 6, "previous": 2, "difference": 4, "percent": 200.0}
    assert change(1, 0)["percent"] is None
    assert change(None, 5)["difference"] is None


def test_small_counts_are_suppressed_but_zero_is_shown() -> None:
    assert [suppressed(n, 5) for n in (0, 1, 4, 5, 9)] == [0, None, None, 5, 9]


@pytest.mark.parametrize(("cells", "shown", "total"), [
    ([0, 8, 7, 12], [0, 8, 7, 12], 27),  # nothing small: everything shown
    ([0, 3, 7, 12], [0, None, None, 12], 22),  # 3 alone would be 22-19: 7 hidden too
    ([2, 9, 9], [None, None, 9], 20),  # smallest first
    ([1, 1, 0, 9], [None, None, 0, None], 11),  # 1+1 < 5: the 9 joins them
    ([1, 1, 0], [None, None, 0], None),  # nothing left to hide with: the total goes too
    ([3, 0], [None, 0], None),
])
def test_a_column_hides_cells_that_subtraction_would_reveal(
        cells: list[int], shown: list[int | None], total: int | None) -> None:
    from pantau.domain.reporting import suppressed_column

    assert suppressed_column(cells, 5) == (shown, total)
