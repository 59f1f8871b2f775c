"""A report on its review page (and the page's JSON twin): what was told, the evidence, the
finding with its explanation, the timeline, and what the reader may do next."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from pantau.domain.access import Action
from pantau.domain.intake import DismissalReason, Status
from pantau.text.findings import finding_output
from pantau.web.access.scope import Scope
from pantau.web.intake.models import Evidence, Report
from pantau.web.intake.present import reason_label, report_row, status_label
from pantau.web.labels import reader_language
from pantau.web.registry.present import employee as employee_data
from pantau.web.review.checking import finding_of


def evidence_row(item: Evidence) -> dict[str, Any]:
    return {
        "id": item.pk,
        "sha256": item.sha256,
        "size": item.size,
        "type": item.content_type,
        "name": item.original_name,
        "added_by": item.added_by,
        "added_at": item.added_at,
        "flagged": item.flagged,
        "removed_at": item.removed_at,  # retention removed the file; its hash stays
        "url": None if item.removed_at else reverse("evidence-file", args=[item.pk]),
        "poster": reverse("evidence-poster", args=[item.pk]) if item.poster else None,
        "image": item.content_type.startswith("image/"),
    }


def _finding(report: Report, lang: str) -> dict[str, Any] | None:
    finding = finding_of(report)
    if finding is None:
        return None
    shown = finding_output(finding, lang)
    for violation, stored in zip(shown["violations"], finding.violations, strict=True):
        violation["elements"] = [
            {"predicate": o.predicate, "truth": o.truth.value, "element": o.element}
            for o in (*stored.elements, *stored.exceptions)
        ]
    return shown


def review_detail(scope: Scope, report: Report) -> dict[str, Any]:
    lang = reader_language()
    may_review = scope.can(Action.REVIEW, report.agency_id)
    data = report_row(report) | {
        "status_text": status_label(report.status),
        "links": report.links,
        "platform": report.platform,
        "account": report.account,
        "who": report.who,
        "unit_hint": report.unit_hint,
        "description": report.description,
        "text": report.text,
        "happened_until": report.happened_until,
        "signals": report.signals,
        "employee_record": employee_data(scope, report.employee) if report.employee else None,
        "matched_by": report.matched_by,
        "finding": _finding(report, lang),
        "check_error": report.check_error,
        "checked_at": report.checked_at,
        "evidence": [evidence_row(item) for item in report.evidence.all()],
        "same_matter": list(
            Report.objects.filter(matter_id=report.matter_id).exclude(pk=report.pk)
            .values_list("pk", flat=True)) if report.matter_id else [],
        "timeline": [
            {"at": e.at, "actor": e.actor, "kind": e.kind, "detail": e.detail}
            for e in report.events.all()
        ],
        "messages": [
            {"at": m.at, "from_complainant": m.from_complainant, "author": m.author,
             "text": m.text} for m in report.messages.all()
        ],
        "assigned_to": report.assigned_to.get_username() if report.assigned_to else None,
        "decided_by": report.decided_by.get_username() if report.decided_by else None,
        "decided_at": report.decided_at,
        "dismissal_reason": report.dismissal_reason,
        "dismissal_label": reason_label(report.dismissal_reason),
        "decision_note": report.decision_note,
        "superior": report.superior.name if report.superior else None,
        "superior_told_at": report.superior_told_at,
        "may_review": may_review and Status(report.status).open,
        "may_ask": may_review and bool(report.receipt_digest) and Status(report.status).open,
    }
    if scope.can(Action.MANAGE_USERS, report.agency_id) and report.contact:
        data["contact"] = {"name": report.contact_name, "contact": report.contact}
    return data


REASONS = [reason.value for reason in DismissalReason]

__all__ = ["REASONS", "evidence_row", "review_detail"]
