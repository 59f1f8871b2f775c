"""The audit trail and the access log, each with its JSON twin, and the chain check."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from pantau.domain.access import Action
from pantau.web.audit import chain, present
from pantau.web.audit.models import AccessEntry, AuditEntry
from pantau.web.pages import detail_answer, list_answer, paginate, require, search, signed_in


@signed_in
def audit_list(request: HttpRequest, fmt: str = "") -> HttpResponse:
    scope = require(request, Action.VIEW_AUDIT)
    records = search(scope.filter(AuditEntry.objects.all()), request, "actor", "model",
                     "object_pk", "object_repr")
    return list_answer(
        request, fmt, "audit/audit_list.html", paginate(request, records), present.audit_entry
    )


@signed_in
def access_list(request: HttpRequest, fmt: str = "") -> HttpResponse:
    scope = require(request, Action.VIEW_ACCESS_LOG)
    records = search(scope.filter(AccessEntry.objects.all()), request, "actor", "via")
    page = paginate(request, records)
    return list_answer(request, fmt, "audit/access_list.html", page, present.access_entry)


@signed_in
def verify(request: HttpRequest, fmt: str = "") -> HttpResponse:
    """Whether the trail is intact, and if not, the first broken link (BKPSDM admins)."""
    require(request, Action.VIEW_AUDIT)
    found = chain.verify()
    broken = found.first_break
    data = {
        "checked": found.checked,
        "intact": found.intact,
        "redacted": found.redacted,
        "first_break": None if broken is None else {
            "seq": broken.seq, "kind": broken.kind.value, "expected": broken.expected,
            "found": broken.found,
        },
    }
    return detail_answer(request, fmt, "audit/verify.html", data, {})
