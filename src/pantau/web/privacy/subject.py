"""Subject access (UU PDP Pasal 7 and Pasal 32): everything pantau holds about the employee
who asks, with the trail of who processed it; nothing about anyone else.

What is withheld, and why (`withheld()`, shown on the page and in the export; the bases are
data: src/pantau/privacy/subject_access.yaml):
- who complained or reported (name, contact, login of the filer) and what they wrote in their
  own words, their messages and their evidence files: the right of access covers the
  employee's own data (UU PDP Pasal 32), the complainant's is theirs, and protecting the
  reporter is what lets people report. The employee sees that a report exists, its kind,
  dates, status, outcome and conduct codes.
- the case's third-party statements (PP 94/2021 Pasal 30): the witnesses' data; the
  employee's own statements are listed. The letters are linked: they are the employee's.
- reviewers' internal notes and classifier scores: working material; the decision is shown.
Nothing about the employee is withheld under the exceptions of UU PDP Pasal 15.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from pantau.domain.access import Role
from pantau.domain.subject_access import Withheld
from pantau.rules.subject_access import load_withheld
from pantau.text.labels import label_of
from pantau.web.access.models import Membership
from pantau.web.access.scope import Scope
from pantau.web.audit.models import AccessEntry, AuditEntry
from pantau.web.cases.models import Case
from pantau.web.intake.models import Report
from pantau.web.labels import reader_language
from pantau.web.registry.present import employee_detail

ACCESS_LIMIT = 1000  # newest access-log entries listed (the count says how many there are)


def _wording() -> dict[Withheld, tuple[str, str]]:
    return {
        Withheld.COMPLAINANT: (
            _("Who filed a report about you, their contact and their own words"),
            _("Personal data of the complainant, not yours; protecting reporters is what "
              "lets people report.")),
        Withheld.COMPLAINANT_MATERIAL: (
            _("Messages between reviewers and the complainant, and the evidence files"),
            _("They may identify the complainant or show other people; the outcome of each "
              "report is shown.")),
        Withheld.THIRD_PARTY_STATEMENTS: (
            _("Statements of third parties in your case"),
            _("Personal data of the witnesses; your own statements are listed.")),
        Withheld.REVIEW_NOTES: (
            _("Reviewers' internal notes and classifier scores"),
            _("Working material of the review; the decision and its reason are shown.")),
    }


def withheld() -> list[dict[str, Any]]:
    """What the export leaves out: in words, with the basis from the data."""
    words = _wording()
    return [{"item": entry.item.value, "what": words[entry.item][0],
             "why": words[entry.item][1], "basis": list(entry.basis),
             "confidence": entry.confidence} for entry in load_withheld()]


def _memberships(scope: Scope, pk: int) -> list[dict[str, Any]]:
    rows = Membership.objects.filter(Q(user_id=scope.user_id) | Q(employee_id=pk))
    lang = reader_language()
    return [{
        "role": row.role, "role_label": label_of(Role, row.role, lang),
        "agency": row.agency_id, "unit": row.unit.name if row.unit else None,
        "valid_from": row.valid_from, "valid_until": row.valid_until, "acting": row.acting,
    } for row in rows.select_related("unit").order_by("pk")]


def _reports(pk: int) -> list[dict[str, Any]]:
    rows = Report.objects.filter(employee_id=pk).order_by("created_at", "pk")
    return [{
        "id": row.pk, "received": row.created_at, "source": row.source,
        "source_label": row.get_source_display(), "kind": row.kind, "platform": row.platform,
        "account": row.account, "happened_at": row.happened_at, "status": row.status,
        "status_label": row.get_status_display(), "verdict": row.verdict,
        "conducts": [c for c in row.conducts.split(",") if c], "decided_at": row.decided_at,
        "dismissal_reason": row.dismissal_reason,
        "superior_told_at": row.superior_told_at,
    } for row in rows]


def _cases(pk: int) -> list[dict[str, Any]]:
    found = []
    for case in Case.objects.filter(employee_id=pk).prefetch_related("events", "documents",
                                                                      "statements"):
        found.append({
            "number": case.number, "opened_at": case.opened_at, "stage": case.stage,
            "decided": case.decided, "url": reverse("case-detail", args=[case.pk]),
            "events": [{"kind": e.kind, "on": e.on} for e in case.events.all()],
            "letters": [{
                "kind": d.kind, "number": d.number, "made_at": d.created_at,
                "docx": reverse("case-document", args=[case.pk, d.pk, "docx"]),
                "pdf": reverse("case-document", args=[case.pk, d.pk, "pdf"]) if d.pdf else None,
            } for d in case.documents.all()],
            "own_statements": [{"at": s.at, "text": s.text}
                               for s in case.statements.all() if s.from_employee],
        })
    return found


def _reads(pk: int) -> dict[str, Any]:
    rows = AccessEntry.objects.filter(employee_id=pk).order_by("-at", "-id")
    return {"count": rows.count(), "entries": [
        {"at": r.at, "who": r.actor, "via": r.via} for r in rows[:ACCESS_LIMIT]]}


def _changes(pk: int) -> list[dict[str, Any]]:
    rows = AuditEntry.objects.filter(model="registry.employee", object_pk=str(pk))
    return [{"seq": e.seq, "at": e.at, "who": e.actor, "action": e.action}
            for e in rows.order_by("seq")]


def my_data(scope: Scope) -> dict[str, Any] | None:
    """What pantau holds about the reader's own employee record (None: no such record)."""
    pk = scope.employee_id
    record = employee_detail(scope, pk) if pk is not None else None
    if pk is None or record is None:
        return None
    return {
        "record": record,
        "memberships": _memberships(scope, pk),
        "reports": _reports(pk),
        "cases": _cases(pk),
        "record_changes": _changes(pk),
        "reads_of_your_record": _reads(pk),
        "withheld": withheld(),
    }


__all__ = ["my_data", "withheld"]
