"""How long pantau keeps personal data (UU PDP 27/2022 Pasal 16 ayat 2: personal data is
deleted or destroyed when its retention period ends), and what happens to it then.

The periods are data (`src/pantau/privacy/retention.yaml`, read by `pantau.rules.retention`);
this module only says what a category is, how a period is counted, and which treatment a
category may take. The clock is passed in (`as_of`).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class Category(StrEnum):
    """What kind of personal data a retention rule governs."""

    COMPLAINANT_CONTACT = "complainant_contact"  # the contact a complainant gave with consent
    DISMISSED_REPORT = "dismissed_report"  # a report dismissed by a reviewer
    CLOSED_CASE_EVIDENCE = "closed_case_evidence"  # evidence files of a closed case
    ACCESS_LOG = "access_log"  # who read whose personal record
    EVIDENCE_READS = "evidence_reads"  # who read which evidence file


class Treatment(StrEnum):
    """What happens to data whose period has ended."""

    ANONYMISE = "anonymise"  # personal fields blanked; the row stays for the counts
    DELETE_FILE = "delete_file"  # the file removed; its SHA-256, size and type stay
    DELETE = "delete"  # the rows removed


TREATMENTS: dict[Category, Treatment] = {
    Category.COMPLAINANT_CONTACT: Treatment.ANONYMISE,
    Category.DISMISSED_REPORT: Treatment.ANONYMISE,
    Category.CLOSED_CASE_EVIDENCE: Treatment.DELETE_FILE,
    Category.ACCESS_LOG: Treatment.DELETE,
    Category.EVIDENCE_READS: Treatment.DELETE,
}
"""The one treatment each category is implemented with (the data must name it)."""


@dataclass(frozen=True)
class Period:
    """A retention period in years, months and days (calendar, not working, days)."""

    years: int = 0
    months: int = 0
    days: int = 0

    def before(self, day: date) -> date:
        """The day this period before `day` (a month end clipped: 31 March less a month is
        28 or 29 February)."""
        return _shift(day, -1, self)

    def after(self, day: date) -> date:
        """The day this period after `day` (a month end clipped likewise)."""
        return _shift(day, 1, self)

    def describe(self) -> dict[str, int]:
        return {k: v for k, v in (("years", self.years), ("months", self.months),
                                  ("days", self.days)) if v}


def _shift(day: date, sign: int, period: Period) -> date:
    months = day.year * 12 + (day.month - 1) + sign * (period.years * 12 + period.months)
    year, month = divmod(months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last)) + timedelta(days=sign * period.days)


@dataclass(frozen=True)
class RetentionRule:
    """One category: its period, counted from `counted_from`, its treatment, its basis."""

    category: Category
    period: Period
    counted_from: str
    treatment: Treatment
    basis: tuple[str, ...]
    confidence: str  # P primary text, S secondary, D derived, U unconfirmed
    note: str
    stages: tuple[str, ...] = ()  # case stages that count as closed (closed_case_evidence)

    def cutoff(self, as_of: date) -> date:
        """The last day a record may have started on and be past its period on `as_of`:
        a record whose period started on or before it is due; one a day younger is not."""
        return self.period.before(as_of)

    def due(self, started: date, as_of: date) -> bool:
        return started <= self.cutoff(as_of)


@dataclass(frozen=True)
class RetentionSchedule:
    """The retention rules in force: one per category, with the schedule's own identity."""

    id: str
    adopted: date
    status: str
    notice: Period  # how far ahead the retention report lists what falls due
    rules: tuple[RetentionRule, ...]

    def rule(self, category: Category) -> RetentionRule:
        return next(rule for rule in self.rules if rule.category is category)


__all__ = ["TREATMENTS", "Category", "Period", "RetentionRule", "RetentionSchedule",
           "Treatment"]
