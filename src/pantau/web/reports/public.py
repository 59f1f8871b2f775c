"""The public transparency page of an agency: counts only, for anyone, without a login.

Complaints received and complaints resolved (their review closed: confirmed and passed to the
disciplinary procedure, or dismissed with a reason) in the period and in each of its months,
and the median number of days from receiving a complaint to its review decision. Nothing names
or describes a person, a unit or a complaint. A count above zero and below
`settings.PUBLIC_MIN_COUNT` is suppressed (shown as "< N"), and so is a median of fewer
resolved complaints: a small group could point at a person.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings

from pantau.domain.reporting import Period, PeriodKind, median, month, suppressed
from pantau.web.registry.models import Agency
from pantau.web.reports.area import Area
from pantau.web.reports.figures import decided, received, review_days


def _counts(area: Area, period: Period, threshold: int) -> dict[str, Any]:
    days = review_days(area, period)
    shown_median = median(days) if len(days) >= threshold else None
    return {
        "from": period.start.isoformat(), "to": period.end.isoformat(),
        "received": suppressed(received(area, period).count(), threshold),
        "resolved": suppressed(decided(area, period).count(), threshold),
        "median_days": shown_median,
    }


def months_of(period: Period) -> list[Period]:
    """The months of a quarter or a year (none for a month or a range of dates)."""
    if period.kind in (PeriodKind.MONTH, PeriodKind.RANGE):
        return []
    first = period.start.month
    return [month(period.start.year, number)
            for number in range(first, period.end.month + 1)]


def transparency(agency: Agency, period: Period, today: date) -> dict[str, Any]:
    """The public figures of an agency in a period (None: suppressed)."""
    threshold = int(settings.PUBLIC_MIN_COUNT)
    area = Area(agency)
    return {
        "agency": agency.pk, "agency_name": agency.name, "period": period.to_json(),
        "as_of": today.isoformat(), "threshold": threshold,
        "total": _counts(area, period, threshold),
        "months": [_counts(area, part, threshold) | {"month": part.label}
                   for part in months_of(period) if part.start <= today],
    }


__all__ = ["months_of", "transparency"]
