"""The public transparency page of an agency: counts only, for anyone, without a login.

For one year, and each of its months that has ended: complaints received, complaints resolved
(their review closed: confirmed and passed to the disciplinary procedure, or dismissed with a
reason), and the median number of days from receiving a complaint to its review decision.
Nothing names or describes a person, a unit or a complaint.

Small counts are hidden (N = `settings.PUBLIC_MIN_COUNT`), and so are the further months that
subtraction from the year's total would reveal (pantau.domain.reporting.suppressed_column);
a month's median is shown only with its count (a median shown beside a hidden count would
say the count is at least N), and never of fewer resolved complaints than N. The page is
offered per calendar year only, so that no two pages overlap and one cannot be subtracted
from another, and it counts ended months only: a month still running would change day by
day, and the day a hidden count grew by one would tell who it was.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings

from pantau.domain.reporting import Period, median, month, suppressed_column, year
from pantau.web.registry.models import Agency
from pantau.web.reports.area import Area
from pantau.web.reports.figures import decided, received, review_days


def _median(area: Area, period: Period, threshold: int) -> float | None:
    days = review_days(area, period)
    return median(days) if len(days) >= threshold else None


def transparency(agency: Agency, year_number: int, today: date) -> dict[str, Any]:
    """The public figures of an agency in a year (None: hidden)."""
    threshold = int(settings.PUBLIC_MIN_COUNT)
    area = Area(agency)
    whole = year(year_number)
    months = [month(year_number, number) for number in range(1, 13)
              if month(year_number, number).end < today]
    got, got_total = suppressed_column([received(area, m).count() for m in months], threshold)
    done, done_total = suppressed_column([decided(area, m).count() for m in months], threshold)
    ended = None
    if months:
        ended = whole if months[-1].end == whole.end else Period(whole.start, months[-1].end)
    return {
        "agency": agency.pk, "agency_name": agency.name, "year": year_number,
        "period": (ended or whole).to_json(), "as_of": today.isoformat(),
        "threshold": threshold,
        "total": {"received": got_total, "resolved": done_total,
                  "median_days": _median(area, ended, threshold)
                  if ended is not None and done_total is not None else None},
        "months": [{"month": m.label, "received": got[index], "resolved": done[index],
                    "median_days": _median(area, m, threshold)
                    if done[index] is not None else None}
                   for index, m in enumerate(months)],
    }


__all__ = ["transparency"]
