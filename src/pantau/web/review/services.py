"""Review decisions: claim or assign, identify, record what a person established (the finding
is checked again at once), then confirm, dismiss with a reason, or ask the complainant.

A confirmation needs the employee identified and at least one rule established by a person:
a suspected rule (an unknown element, or only a classifier suggestion) must be completed
first. When a finding is confirmed the employee's direct superior is told (a breach is not a
complaint-based offence): the report records since when they know.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import chain
from typing import Any

from django.db import transaction

from pantau.batch.evaluate import check_activities
from pantau.domain.activities import BOOLEAN_SIGNALS, Activity, Location
from pantau.domain.errors import InputError, PantauError
from pantau.domain.findings import Verdict
from pantau.domain.intake import DismissalReason, Status
from pantau.domain.registry import RegistryRecord
from pantau.rules.policies import conduct_codes
from pantau.web.intake.models import Message, Report
from pantau.web.intake.services import event
from pantau.web.registry.models import Employee
from pantau.web.review import checking
from pantau.web.review.models import ContentJudgement

EXTRA_FLAGS = ("content_creator", "conflict_of_interest", "allowed_content")


class ReviewRefused(InputError):
    """A decision that cannot be taken now; `code` names why (for the message catalogue)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _open(report: Report) -> None:
    if not Status(report.status).open:
        raise ReviewRefused("closed")


def claim(report: Report, user: Any, now: datetime) -> None:
    _open(report)
    assign(report, user, user, now)


def assign(report: Report, reviewer: Any, actor: Any, now: datetime) -> None:
    _open(report)
    report.assigned_to, report.claimed_at = reviewer, now
    if report.status == Status.RECEIVED:
        report.status = Status.IN_REVIEW.value
    report.save()
    event(report, now, actor.get_username(), "assigned", to=reviewer.get_username())


def identify(report: Report, employee: Employee, actor: str, now: datetime) -> None:
    _open(report)
    if employee.agency_id != report.agency_id:
        raise ReviewRefused("other_agency")
    report.employee, report.matched_by = employee, "reviewer"
    report.save()
    event(report, now, actor, "identified", by="reviewer", employee=employee.name)
    checking.check(report, now)


def clean_signals(values: dict[str, Any]) -> dict[str, Any]:
    """What a person established, as SPEC §4 signals (unknown keys and values dropped)."""
    signals: dict[str, Any] = {}
    for name in (*BOOLEAN_SIGNALS, *EXTRA_FLAGS):
        if values.get(name) is True or values.get(name) is False:  # not 1 or 0
            signals[name] = values[name]
    location = values.get("location")
    if isinstance(location, str) and location in {item.value for item in Location}:
        signals["location"] = location
    if values.get("on_leave") is True:
        signals["on_leave"] = True
    if isinstance(values.get("content"), list):
        known = conduct_codes()
        signals["content"] = sorted({code for code in values["content"]
                                     if isinstance(code, str) and code in known})
    if values.get("account_type") in ("personal", "official"):
        signals["account_type"] = values["account_type"]
    return signals


def establish(report: Report, values: dict[str, Any], actor: str, now: datetime) -> None:
    """Record what a person established and check the finding again at once."""
    _open(report)
    report.signals = clean_signals(values)
    report.save()
    event(report, now, actor, "established", signals=report.signals)
    checking.check(report, now)


def confirm(report: Report, user: Any, now: datetime, note: str = "") -> None:
    """Confirm a violation a person established; tell the superior."""
    _open(report)
    if report.employee_id is None:
        raise ReviewRefused("not_identified")
    if report.verdict != Verdict.VIOLATION:
        raise ReviewRefused("not_established")
    with transaction.atomic():
        report.status, report.decided_by, report.decided_at = Status.CONFIRMED.value, user, now
        report.decision_note = note
        report.save()
        event(report, now, user.get_username(), "confirmed", note=note)
        _keep_judgement(report, user, now)
        tell_superior(report, now)


def tell_superior(report: Report, now: datetime) -> None:
    """The direct superior knows from now; the notification goes out in the background."""
    from pantau.web.review.tasks import notify_superior

    employee = report.employee
    superior = employee.superior if employee is not None else None
    report.superior, report.superior_told_at = superior, now
    report.save()
    event(report, now, "system", "superior_told",
          superior=superior.name if superior is not None else "")
    transaction.on_commit(lambda: notify_superior.enqueue(report.pk))


def dismiss(report: Report, user: Any, reason: str, note: str, now: datetime) -> None:
    _open(report)
    try:
        DismissalReason(reason)
    except ValueError:
        raise ReviewRefused("reason") from None
    if reason == DismissalReason.OTHER and not note.strip():
        raise ReviewRefused("note")
    report.status, report.decided_by, report.decided_at = Status.DISMISSED.value, user, now
    report.dismissal_reason, report.decision_note = reason, note
    report.save()
    event(report, now, user.get_username(), "dismissed", reason=reason, note=note)
    _keep_judgement(report, user, now)


def ask(report: Report, user: Any, text: str, now: datetime) -> None:
    """Ask the complainant for more; the question shows on their status page."""
    _open(report)
    if not text.strip():
        raise ReviewRefused("empty")
    if not report.receipt_digest:
        raise ReviewRefused("no_complainant")
    Message.objects.create(report=report, author=user.get_username(), text=text.strip())
    report.status = Status.WAITING.value
    report.save()
    event(report, now, user.get_username(), "asked")


def reply(report: Report, text: str, now: datetime) -> None:
    """The complainant answers on the status page; the report returns to the queue."""
    if report.status != Status.WAITING or not text.strip():
        raise ReviewRefused("not_waiting")
    Message.objects.create(report=report, from_complainant=True, text=text.strip()[:4000])
    report.status = Status.IN_REVIEW.value if report.assigned_to_id else Status.RECEIVED.value
    report.save()
    event(report, now, "complainant", "replied")


def _keep_judgement(report: Report, user: Any, now: datetime) -> None:
    """A person's content judgement on a text is feedback for the classifier."""
    content = (report.signals or {}).get("content")
    if report.text and isinstance(content, list):
        ContentJudgement.objects.create(report=report, text=report.text, codes=content,
                                        reviewer=user.get_username(), at=now)


def recheck(reports: Iterable[Report], now: datetime) -> list[tuple[int, str, str]]:
    """Check open reports again (the law changed), through the batch code path
    (pantau.batch.check_activities); (id, verdict before, verdict after) for every report
    whose outcome changed, which is also on its timeline."""
    before: dict[int, str] = {}
    unreadable: list[tuple[Report, PantauError]] = []  # filled while the check reads items

    def items() -> Iterator[tuple[Report, Activity, RegistryRecord | None]]:
        for report in reports:
            before[report.pk] = report.verdict
            try:
                activity, record = checking.prepare(report)
            except InputError as error:  # kept as its check error, like any other
                unreadable.append((report, error))
                continue
            yield report, activity, record

    changed = []
    for report, result in chain(check_activities(checking.checker(), items()), unreadable):
        checking.keep(report, result, now)
        was = before.pop(report.pk)
        event(report, now, "system:recheck", "rechecked", before=was, after=report.verdict,
              versions=report.law_versions)
        if was != report.verdict:
            changed.append((report.pk, was, report.verdict))
    return changed


__all__ = ["ReviewRefused", "ask", "assign", "claim", "clean_signals", "confirm", "dismiss",
           "establish", "identify", "recheck", "reply", "tell_superior"]
