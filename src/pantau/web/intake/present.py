"""Reports as plain dictionaries: for the complainant (nothing about the employee), for the
lists of monitors and reviewers, and for the review page."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from pantau.domain.activities import ActivityKind
from pantau.domain.intake import DismissalReason, Source, Status
from pantau.text.labels import label_of
from pantau.web.intake.models import Report
from pantau.web.labels import reader_language


def status_label(status: str) -> str:
    return {
        Status.RECEIVED: _("received, waiting for review"),
        Status.IN_REVIEW: _("being reviewed"),
        Status.WAITING: _("waiting for your answer"),
        Status.CONFIRMED: _("a violation was confirmed and handed to the employee's superior"),
        Status.DISMISSED: _("closed without a finding of violation"),
    }.get(Status(status), status)


def public_status(report: Report) -> dict[str, Any]:
    """What the holder of a receipt may know: the status, dates, the messages meant for
    them; nothing about the employee or the evidence of others."""
    return {
        "status": report.status,
        "status_label": status_label(report.status),
        "received": report.created_at,
        "decided": report.decided_at,
        "agency": report.agency.name,
        "waiting_for_answer": report.status == Status.WAITING,
        "messages": [
            {"at": m.at, "from_you": m.from_complainant, "text": m.text}
            for m in report.messages.order_by("at", "pk")
        ],
    }


def report_row(report: Report) -> dict[str, Any]:
    """A report in a list (queue, my reports)."""
    lang = reader_language()
    return {
        "id": report.pk,
        "agency": report.agency_id,
        "source": report.source,
        "source_label": _source(report),
        "status": report.status,
        "status_label": status_short(report.status),
        "kind": report.kind,
        "kind_label": label_of(ActivityKind, report.kind, lang),
        "happened_at": report.happened_at,
        "received": report.created_at,
        "employee": report.employee.name if report.employee_id and report.employee else None,
        "unit": report.employee.unit.name if report.employee_id and report.employee else None,
        "verdict": report.verdict,
        "conducts": [c for c in report.conducts.split(",") if c],
        "severity": report.severity,
        "classifier_score": report.classifier_score,
        "matter": report.matter_id,
        "url": reverse("review-detail", args=[report.pk]),
    }


def _source(report: Report) -> str:
    return {
        Source.PUBLIC: _("public complaint"), Source.MONITOR: _("monitor report"),
        Source.IMPORT: _("import"), Source.LAPOR: _("SP4N-LAPOR!"),
    }.get(Source(report.source), report.source)


def status_short(status: str) -> str:
    return {
        Status.RECEIVED: _("received"), Status.IN_REVIEW: _("in review"),
        Status.WAITING: _("waiting for the complainant"), Status.CONFIRMED: _("confirmed"),
        Status.DISMISSED: _("dismissed"),
    }.get(Status(status), status)


def reason_label(reason: str) -> str:
    return {
        DismissalReason.NO_VIOLATION: _("no rule was broken"),
        DismissalReason.NOT_IDENTIFIED: _("the person could not be identified"),
        DismissalReason.NOT_OUR_EMPLOYEE: _("not an employee of this agency"),
        DismissalReason.INSUFFICIENT_EVIDENCE: _("not enough evidence"),
        DismissalReason.DUPLICATE: _("handled in another report"),
        DismissalReason.OFFICIAL_DUTY: _("it was official duty"),
        DismissalReason.NO_ANSWER: _("the complainant did not answer"),
        DismissalReason.OTHER: _("another reason (see the note)"),
    }.get(DismissalReason(reason), reason) if reason else ""


__all__ = ["public_status", "reason_label", "report_row", "status_label"]
