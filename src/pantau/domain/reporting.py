"""The arithmetic of reports: periods, the period before, median and percentile, changes, and
the suppression of small counts on public pages.

A period is a span of whole days in the agency's zone, both ends included: a month
(`2026-10`), a quarter (`2026-Q4`), a year (`2026`) or any range of dates. A calendar period is
compared with the calendar period of the same kind just before it (October with September, Q4
with Q3, 2026 with 2025), even where their numbers of days differ; a range of dates with the
same number of days just before its first day.

Percentiles are nearest-rank (the smallest value with at least p% of the values at or below
it), so a reader can check them by hand on a sorted list; the median is the usual one (the
mean of the two middle values of an even count).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from pantau.domain.errors import InputError
from pantau.domain.text import say

_MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")  # ASCII digits: \d would take "２０２６"
_QUARTER = re.compile(r"^([0-9]{4})-[Qq]([1-4])$")
_YEAR = re.compile(r"^([0-9]{4})$")
YEARS = range(1901, 9999)
"""Years a period may fall in: the period before it and the instants bounding it stay within
what `date` and `datetime` hold (a technical bound, not a rule)."""


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    RANGE = "range"


@dataclass(frozen=True)
class Period:
    """Whole days from `start` to `end`, both included."""

    start: date
    end: date
    kind: PeriodKind = PeriodKind.RANGE

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def label(self) -> str:
        if self.kind is PeriodKind.MONTH:
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind is PeriodKind.YEAR:
            return str(self.start.year)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> Period:
        """The period this one is compared with (see the module's docstring)."""
        before = self.start - timedelta(days=1)
        if self.kind is PeriodKind.MONTH:
            return month(before.year, before.month)
        if self.kind is PeriodKind.QUARTER:
            return quarter(before.year, (before.month - 1) // 3 + 1)
        if self.kind is PeriodKind.YEAR:
            return year(before.year)
        return Period(self.start - timedelta(days=self.days), before)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "label": self.label, "from": self.start.isoformat(),
                "to": self.end.isoformat(), "days": self.days}


def month(year_number: int, month_number: int) -> Period:
    start = date(year_number, month_number, 1)
    following = date(year_number + month_number // 12, month_number % 12 + 1, 1)
    return Period(start, following - timedelta(days=1), PeriodKind.MONTH)


def quarter(year_number: int, number: int) -> Period:
    first = month(year_number, number * 3 - 2)
    last = month(year_number, number * 3)
    return Period(first.start, last.end, PeriodKind.QUARTER)


def year(year_number: int) -> Period:
    return Period(date(year_number, 1, 1), date(year_number, 12, 31), PeriodKind.YEAR)


def parse_period(text: str, field: str = "period") -> Period:
    """`2026-10` (a month), `2026-Q4` (a quarter) or `2026` (a year); InputError otherwise."""
    value = text.strip()
    try:
        if (found := _MONTH.match(value)) and int(found[1]) in YEARS:
            return month(int(found[1]), int(found[2]))
        if (found := _QUARTER.match(value)) and int(found[1]) in YEARS:
            return quarter(int(found[1]), int(found[2]))
        if (found := _YEAR.match(value)) and int(found[1]) in YEARS:
            return year(int(found[1]))
    except ValueError:
        pass
    raise InputError(f"{field} {text!r} is not a period; write a month (2026-10), a quarter "
                     "(2026-Q4) or a year (2026)",
                     message=say("report.bad_period", field=field, value=repr(text)))


def period_between(start: date, end: date) -> Period:
    """The range of dates from `start` to `end`; InputError when it ends before it starts or
    lies outside `YEARS`."""
    for day in (start, end):
        if day.year not in YEARS:
            raise InputError(f"{day.isoformat()} is outside the years {YEARS.start} to "
                             f"{YEARS.stop - 1} a report covers",
                             message=say("report.bad_date", field="from/to",
                                         value=repr(day.isoformat())))
    if end < start:
        raise InputError(f"the period ends ({end.isoformat()}) before it starts "
                         f"({start.isoformat()}); swap --from and --to",
                         message=say("report.ends_before_start", start=start.isoformat(),
                                     end=end.isoformat()))
    return Period(start, end)


def median(values: Sequence[float]) -> float | None:
    """The median; None for no values."""
    ordered = sorted(values)
    count = len(ordered)
    if not count:
        return None
    middle = count // 2
    if count % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def percentile(values: Sequence[float], share: float) -> float | None:
    """The nearest-rank percentile (`share` in 0..100); None for no values."""
    ordered = sorted(values)
    if not ordered:
        return None
    rank = max(1, math.ceil(share / 100 * len(ordered)))
    return float(ordered[rank - 1])


def change(current: float | None, previous: float | None) -> dict[str, Any]:
    """A figure beside the same figure of the period before: the difference, and the change
    in percent (None where the period before had none)."""
    difference = None if current is None or previous is None else current - previous
    percent = (None if difference is None or not previous
               else round(difference * 100 / previous, 1))
    return {"current": current, "previous": previous, "difference": difference,
            "percent": percent}


def suppressed(count: int, threshold: int) -> int | None:
    """A count as a public page may show it: None (shown as "< threshold") when it is above
    zero and below the threshold, so that no small group can point at a person."""
    return None if 0 < count < threshold else count


def suppressed_column(cells: Sequence[int], threshold: int
                      ) -> tuple[list[int | None], int | None]:
    """The cells of a column and their total as a public table may show them.

    A cell above zero and below the threshold is hidden (primary suppression). Since the total
    is shown, a lone hidden cell could be worked out by subtraction, and so could several
    whose sum is small: further cells are hidden, smallest first, until at least two are hidden
    and together they hold at least `threshold` (secondary suppression). Where that cannot be
    done, the total is hidden too."""
    shown: list[int | None] = [suppressed(cell, threshold) for cell in cells]
    total = sum(cells)

    def hidden() -> list[int]:
        return [cell for cell, value in zip(cells, shown, strict=True) if value is None]

    if not hidden():
        return shown, suppressed(total, threshold)
    while len(hidden()) < 2 or sum(hidden()) < threshold:
        visible = [(cell, index) for index, cell in enumerate(cells)
                   if shown[index] is not None and cell > 0]
        if not visible:
            return shown, None
        shown[min(visible)[1]] = None
    return shown, suppressed(total, threshold)


__all__ = ["Period", "PeriodKind", "change", "median", "month", "parse_period",
           "percentile", "period_between", "quarter", "suppressed", "suppressed_column", "year"]
