"""The data-protection officer's retention report, and an employee's own data (each page with
its JSON twin). The clock is read here, at the edge."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from pantau.domain.access import Action
from pantau.domain.retention import Category
from pantau.rules.retention import load_schedule
from pantau.web.audit.access import note_reads
from pantau.web.audit.chain import RETENTION
from pantau.web.audit.models import AuditEntry
from pantau.web.pages import detail_answer, require, scope_of, signed_in
from pantau.web.privacy import retention
from pantau.web.privacy.subject import my_data

REMOVED_SHOWN = 100


def category_labels() -> dict[str, str]:
    return {
        Category.COMPLAINANT_CONTACT: _("Complainants' contacts"),
        Category.DISMISSED_REPORT: _("Dismissed reports"),
        Category.CLOSED_CASE_EVIDENCE: _("Evidence files of closed cases"),
        Category.ACCESS_LOG: _("Access log"),
        Category.EVIDENCE_READS: _("Evidence reads"),
    }


def _agencies(request: HttpRequest) -> list[str] | None:
    scope = scope_of(request)
    if scope.superuser:
        return None
    return [a for a in scope.agency_ids if scope.can(Action.VIEW_RETENTION, a)]


def retention_data(agencies: list[str] | None) -> dict[str, Any]:
    """What is overdue (past its period today), what falls due within the notice period, and
    the latest removals (from the audit trail)."""
    schedule = load_schedule()
    today = timezone.localdate()
    ahead = schedule.notice.after(today)
    labels = category_labels()
    categories = []
    for rule in schedule.rules:
        now = retention.due(rule, today, agencies)
        soon = retention.candidates(rule, ahead, agencies).count() - now.count
        categories.append(now.to_json() | {
            "label": labels[rule.category], "due_soon": soon, "basis": list(rule.basis),
            "confidence": rule.confidence, "note": rule.note, "ids": list(now.ids[:200]),
        })
    removed = AuditEntry.objects.filter(action=RETENTION)
    if agencies is not None:
        removed = removed.filter(agency_id__in=agencies)
    return {
        "as_of": today.isoformat(), "due_by": ahead.isoformat(),
        "schedule": {"id": schedule.id, "adopted": schedule.adopted.isoformat(),
                     "status": schedule.status},
        "categories": categories,
        "removed": [{
            "seq": e.seq, "at": e.at, "actor": e.actor, "agency": e.agency_id,
            "category": (e.after or {}).get("category", ""),
            "label": labels.get((e.after or {}).get("category", ""), ""),
            "record": e.object_repr, "deleted": (e.after or {}).get("deleted"),
            "kept": (e.after or {}).get("kept"),
        } for e in removed.order_by("-seq")[:REMOVED_SHOWN]],
    }


@signed_in
def retention_report(request: HttpRequest, fmt: str = "") -> HttpResponse:
    require(request, Action.VIEW_RETENTION)
    data = retention_data(_agencies(request))
    return detail_answer(request, fmt, "privacy/retention.html", data, {})


@signed_in
def my_data_page(request: HttpRequest, fmt: str = "") -> HttpResponse:
    """Everything pantau holds about the reader's own employee record; `?download=1` on the
    JSON twin downloads it as a file."""
    scope = scope_of(request)
    data = my_data(scope)
    if data is None:
        raise PermissionDenied("no employee record")
    response = detail_answer(request, fmt, "privacy/my_data.html", data, {})
    note_reads(request.user.get_username(), [(scope.employee_id or 0, data["record"]["agency"])],
               "subject")  # after the answer is made: the list shows the reads before this one
    if request.GET.get("download") and response["Content-Type"].startswith("application/json"):
        response["Content-Disposition"] = 'attachment; filename="data-saya-pantau.json"'
    return response


__all__ = ["my_data_page", "retention_report"]
