"""The check service: one activity in, one finding out (SPEC §4).

`Checker` reads the agency's calendar (cached), builds the employee overlay the activity
implies (`signals.on_leave: true` is leave on the activity's local dates), evaluates every
policy of the agency in force on the activity's local date, and asks the content classifier
only when some predicate needs it (no `signals.content`, some `text`).

With `records` (the registry port, pantau.domain.registry), the employee behind the activity
is looked up: the employee fields the activity leaves out are filled, the registry's leave,
roster and surat tugas join the overlay, a null `official_duty` is read from the recorded
assignments, and the finding gains an `employee` object. Without it, nothing changes.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from pantau.domain.activities import Activity, parse_activity
from pantau.domain.content import ContentClassifier, ContentSuggestion
from pantau.domain.errors import InputError, MissingCalendarData, UnknownAgency
from pantau.domain.findings import Finding, RuleFinding, invalid_line
from pantau.domain.overlay import EmployeeOverlay, LeavePeriod
from pantau.domain.predicates import ClassifierView, Context, DutyRecord, WorkingTime
from pantau.domain.registry import EmployeeRecords, RegistryRecord, RegistryTime
from pantau.rules.policies import (
    POLICY_ROOT,
    ClassifierMapping,
    classifier_mapping,
    compiled_for,
    content_sources,
)


class Calendar(Protocol):
    """The part of pantau.domain.calendar.AgencyCalendar the check needs."""

    @property
    def zone(self) -> Any: ...

    def working_time(self, start: Any, end: Any = None,
                     overlay: EmployeeOverlay | None = None) -> WorkingTime: ...


def default_calendars(agency: str) -> Calendar:
    """The shipped calendar of an agency (raises UnknownAgency)."""
    from pantau.rules.calendars import load_calendar

    calendar: Calendar = load_calendar(agency)
    return calendar


def default_classifier() -> ContentClassifier | None:
    """The shipped classifier, or None when it is not installed."""
    try:
        module = importlib.import_module("pantau.classify")
    except ImportError:
        return None
    load_default = getattr(module, "load_default", None)
    if load_default is None:
        return None
    classifier: ContentClassifier = load_default()
    return classifier


def classifier_view(
    suggestions: Sequence[ContentSuggestion], mapping: ClassifierMapping
) -> ClassifierView:
    """Suggestions mapped to conduct codes and signals (data: content_sources.yaml)."""
    conduct: dict[str, ContentSuggestion] = {}
    signals: dict[str, ContentSuggestion] = {}
    for suggestion in suggestions:
        if suggestion.code in mapping.signals:
            signals.setdefault(mapping.signals[suggestion.code], suggestion)
            continue
        code = mapping.conduct.get(suggestion.code, suggestion.code)
        if code not in conduct or conduct[code].score < suggestion.score:
            conduct[code] = suggestion
    return ClassifierView(conduct, signals)


def leave_overlay(activity: Activity, calendar: Calendar) -> EmployeeOverlay | None:
    """Leave on the activity's local dates when `signals.on_leave` is true."""
    if not activity.signals.on_leave:
        return None
    first = activity.started_at.astimezone(calendar.zone).date()
    end = activity.ended_at or activity.started_at
    last = max(first, end.astimezone(calendar.zone).date())
    return EmployeeOverlay(leave=(LeavePeriod(first, last, "cuti", "signals.on_leave"),))


def registry_overlay(
    activity: Activity, calendar: Calendar, record: RegistryRecord
) -> EmployeeOverlay:
    """The registry's overlay for the activity, plus the leave `signals.on_leave` states."""
    overlay = record.overlay_for(activity, calendar.zone)
    own = leave_overlay(activity, calendar)
    if own is None:
        return overlay
    return EmployeeOverlay(own.leave + overlay.leave, overlay.roster, overlay.assignments)


@dataclass(frozen=True)
class NoPolicyTime:
    """Working time of a date the calendars do not cover, when no policy was in force then."""

    local: datetime
    error: str
    working: bool = False
    facts: tuple[str, ...] = ()

    def reason(self, lang: str = "id") -> str:
        if lang == "en":
            return f"no policy in force on this date; working time not known ({self.error})"
        return f"tidak ada kebijakan yang berlaku pada tanggal ini; jam kerja tidak diketahui " \
               f"({self.error})"


class Checker:
    """Checks activities against the shipped policies and calendars."""

    def __init__(
        self,
        calendars: Callable[[str], Calendar] = default_calendars,
        classifier: Callable[[], ContentClassifier | None] | None = default_classifier,
        root: Path = POLICY_ROOT,
        records: EmployeeRecords | None = None,
        show_nip: bool = False,
    ) -> None:
        self._calendars = lru_cache(maxsize=None)(calendars)
        self._load_classifier = classifier
        self._classifier: ContentClassifier | bool | None = False
        self._root = root
        self._mapping = classifier_mapping(root)
        self._sources = content_sources(root)
        self._records = records
        self._show_nip = show_nip

    def _classify(self, text: str) -> ClassifierView | None:
        if self._classifier is False:
            loader = self._load_classifier
            self._classifier = loader() if loader is not None else None
        if not self._classifier or isinstance(self._classifier, bool):
            return None
        return classifier_view(self._classifier.suggest(text), self._mapping)

    def _working_time(self, activity: Activity,
                      record: RegistryRecord | None = None) -> WorkingTime:
        calendar = self._calendars(activity.agency)
        try:
            if record is not None:
                overlay = registry_overlay(activity, calendar, record)
                return calendar.working_time(activity.started_at, activity.ended_at, overlay)
            return calendar.working_time(activity.started_at, activity.ended_at,
                                         leave_overlay(activity, calendar))
        except MissingCalendarData as error:
            local = activity.started_at.astimezone(calendar.zone)
            policies = compiled_for(activity.agency, self._root)
            if any(compiled.policy.in_force(local.date()) for compiled in policies):
                raise
            return NoPolicyTime(local, str(error))

    def check(self, activity: Activity) -> Finding:
        """The finding for one parsed activity (UnknownAgency for an unknown agency)."""
        return self.check_record(activity)[0]

    def _lookup(self, activity: Activity) -> RegistryRecord | None:
        if self._records is None:
            return None
        self._calendars(activity.agency)  # an unknown agency is invalid before any lookup
        return self._records.lookup(activity)

    def check_record(self, activity: Activity) -> tuple[Finding, RegistryRecord | None]:
        """The finding and the registry record used (None without a registry or a match)."""
        record = self._lookup(activity)
        duty = None
        if record is not None:
            facts = record.facts(activity, self._calendars(activity.agency).zone)
            activity = record.fill(activity)
            assignment = record.duty(activity)
            duty = DutyRecord(assignment.reference if assignment is not None else None)
        answer = self._working_time(activity, record)
        if record is not None:
            answer = RegistryTime(answer, facts)
        context = Context(activity, answer, self._sources, self._classify, duty)
        day = answer.local.date()
        employee_type = activity.employee.type
        judged = employee_type.judged_as.value if employee_type else None
        found: list[RuleFinding] = []
        for compiled in compiled_for(activity.agency, self._root):
            if not compiled.policy.in_force(day):
                continue
            for judgement in compiled.judge(context):
                found.append(RuleFinding(compiled.policy, judgement, judged, answer.facts))
        return Finding(activity.id, tuple(found), answer), record

    def check_line(self, line: str, number: int, lang: str = "id") -> dict[str, Any]:
        """The output object for one input line: a finding, or an `invalid` record."""
        where = f"line {number}" if lang == "en" else f"baris {number}"
        try:
            obj = json.loads(line)
        except ValueError as error:
            what = "not valid JSON" if lang == "en" else "bukan JSON yang sah"
            return invalid_line(number, f"{where}: {what} ({error}); write one JSON object a line")
        try:
            finding, record = self.check_record(parse_activity(obj))
        except (InputError, UnknownAgency, MissingCalendarData) as error:
            return invalid_line(number, f"{where}: {error}")
        result = finding.to_json(lang)
        if record is not None:
            result["employee"] = record.employee.to_json(self._show_nip)
        return result


__all__ = ["Checker", "classifier_view", "default_calendars", "default_classifier",
           "leave_overlay", "registry_overlay"]
