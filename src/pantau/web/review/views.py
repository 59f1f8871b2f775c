"""The review queue and a report's review page (each with its JSON twin), the decisions, the
evidence files, and the bulk import of activities and LAPOR! complaints."""

from __future__ import annotations

import base64
from typing import Any

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pantau.domain.access import Action, Role
from pantau.domain.intake import Source
from pantau.web.access.models import Membership
from pantau.web.intake import imports
from pantau.web.intake.evidence import TamperedEvidence, read_verified
from pantau.web.intake.models import Evidence, Report
from pantau.web.intake.present import reason_label, report_row
from pantau.web.intake.storage import evidence_storage
from pantau.web.pages import (
    detail_answer,
    list_answer,
    paginate,
    require,
    scope_of,
    signed_in,
)
from pantau.web.registry.models import Agency, Employee
from pantau.web.review import services
from pantau.web.review.present import REASONS, review_detail
from pantau.web.review.queue import QueueQuery, queue

PENDING = "pantau_activity_import"
REFUSALS = {
    "closed": gettext_lazy("This report is closed."),
    "other_agency": gettext_lazy("That employee belongs to another agency."),
    "not_identified": gettext_lazy("Identify the employee first."),
    "not_established": gettext_lazy(
        "No rule is established yet: record what a person established until every element "
        "of a rule holds, or dismiss the report."),
    "reason": gettext_lazy("Choose a reason."),
    "note": gettext_lazy("Say why in the note."),
    "empty": gettext_lazy("Write the question."),
    "no_complainant": gettext_lazy("This report has no complainant to ask."),
    "not_waiting": gettext_lazy("The report is not waiting for an answer."),
}


def _report(request: HttpRequest, pk: int) -> Report:
    scope = scope_of(request)
    found = scope.filter(Report.objects.filter(pk=pk), Action.REVIEW).select_related(
        "employee__unit", "agency", "assigned_to", "decided_by", "superior").first()
    if found is None:
        raise Http404(pk)
    return found


def _reviewer(request: HttpRequest, report: Report) -> None:
    if not scope_of(request).can(Action.REVIEW, report.agency_id):
        raise PermissionDenied("review")


@signed_in
def queue_page(request: HttpRequest, fmt: str = "") -> HttpResponse:
    scope = scope_of(request)
    if not (scope.can(Action.REVIEW) or scope.can(Action.FILE_REPORT)):
        raise PermissionDenied("review")
    wanted = QueueQuery.parse(request.GET)
    filters = [{"name": k, "value": v, "label": k, "value_label": v}
               for k, v in wanted.filters().items()]
    context = {"filters": filters, "wanted": wanted, "hidden_filters": list(
        wanted.filters().items())}
    return list_answer(request, fmt, "review/queue.html",
                       paginate(request, queue(scope, wanted)), report_row, context)


@signed_in
def detail(request: HttpRequest, pk: int, fmt: str = "") -> HttpResponse:
    report = _report(request, pk)
    scope = scope_of(request)
    data = review_detail(scope, report)
    context = {"report": report, "reasons": [(r, reason_label(r)) for r in REASONS],
               "reviewers": _reviewers(report)} | signal_context(report)
    return detail_answer(request, fmt, "review/detail.html", data, context)


SIGNAL_NAMES = ("official_duty", "leader_permission", "uniform_visible", "asn_identity_shown",
                "commercial", "confidential_material", "content_creator",
                "conflict_of_interest", "allowed_content")


def signal_context(report: Report) -> dict[str, Any]:
    """The establish form: each signal with its current value, places, conduct codes."""
    from pantau.domain.activities import Location
    from pantau.rules.policies import conduct_codes
    from pantau.text.labels import label
    from pantau.web.intake.forms import TRI, signal_label
    from pantau.web.labels import reader_language

    lang = reader_language()
    signals = report.signals or {}
    current: dict[Any, str] = {True: "yes", False: "no"}
    return {
        "signal_fields": [(name, signal_label(name), current.get(signals.get(name), ""))
                          for name in SIGNAL_NAMES],
        "tri": TRI,
        "locations": [(loc.value, label(loc, lang)) for loc in Location],
        "conduct_codes": [(code, item.meaning_en if lang == "en" else item.meaning_id)
                          for code, item in conduct_codes().items()],
    }


def _reviewers(report: Report) -> list[User]:
    rows = Membership.objects.valid_on(timezone.localdate()).filter(
        agency_id=report.agency_id, role__in=[Role.BKPSDM_ADMIN, Role.UNIT_HEAD])
    return list(User.objects.filter(pk__in=rows.values("user_id")).order_by("username"))


def _flag(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


def _values(request: HttpRequest) -> dict[str, Any]:
    post = request.POST
    values: dict[str, Any] = {name: _flag(post.get(name, "")) for name in (
        "official_duty", "leader_permission", "uniform_visible", "asn_identity_shown",
        "commercial", "confidential_material", "content_creator", "conflict_of_interest",
        "allowed_content")}
    values["location"] = post.get("location") or None
    values["account_type"] = post.get("account_type") or None
    values["on_leave"] = post.get("on_leave") == "yes"
    if post.get("content_judged") == "yes":
        values["content"] = post.getlist("content")
    return values


def _identify(request: HttpRequest, report: Report) -> None:
    employee = scope_of(request).filter(Employee.objects.filter(
        pk=int(request.POST.get("employee", "0") or 0))).first()
    if employee is None:
        raise services.ReviewRefused("other_agency")
    services.identify(report, employee, request.user.get_username(), timezone.now())


def _assign(request: HttpRequest, report: Report) -> None:
    reviewer = User.objects.get(pk=int(request.POST.get("reviewer", "0") or 0))
    services.assign(report, reviewer, request.user, timezone.now())


ACTIONS: dict[str, Any] = {
    "claim": lambda r, report: services.claim(report, r.user, timezone.now()),
    "assign": _assign,
    "identify": _identify,
    "establish": lambda r, report: services.establish(
        report, _values(r), r.user.get_username(), timezone.now()),
    "confirm": lambda r, report: services.confirm(
        report, r.user, timezone.now(), r.POST.get("note", "")[:4000]),
    "dismiss": lambda r, report: services.dismiss(
        report, r.user, r.POST.get("reason", ""), r.POST.get("note", "")[:4000],
        timezone.now()),
    "ask": lambda r, report: services.ask(
        report, r.user, r.POST.get("text", "")[:4000], timezone.now()),
}


@signed_in
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One decision on a report; a refusal is a message saying what to do instead."""
    handler = ACTIONS.get(action)
    if handler is None:
        raise Http404(action)
    report = _report(request, pk)
    _reviewer(request, report)
    try:
        handler(request, report)
    except services.ReviewRefused as refused:
        messages.error(request, str(REFUSALS.get(refused.code, refused.code)))
    except (User.DoesNotExist, ValueError):
        messages.error(request, _("Choose someone from the list."))
    return redirect("review-detail", pk=report.pk)


@signed_in
def candidates(request: HttpRequest, pk: int, fmt: str = "") -> HttpResponse:
    """Employees a reviewer may pick to identify a report (search by name, NIP, handle)."""
    from pantau.web.registry.present import employee as employee_data
    from pantau.web.registry.search import employee_matches

    report = _report(request, pk)
    scope = scope_of(request)
    text = request.GET.get("q", "").strip()[:200]
    rows = scope.filter(Employee.objects.filter(agency_id=report.agency_id)).select_related(
        "unit")
    rows = rows.filter(employee_matches(text)).distinct()[:20] if text else rows.none()
    data = {"report": report.pk, "q": text,
            "results": [employee_data(scope, row) for row in rows]}
    return detail_answer(request, fmt, "review/candidates.html", data, {"report": report})


def _evidence(request: HttpRequest, pk: int) -> Evidence:
    found = scope_of(request).filter(Evidence.objects.filter(pk=pk)).first()
    if found is None:
        raise Http404(pk)
    return found


@signed_in
def evidence_file(request: HttpRequest, pk: int) -> HttpResponse:
    """An evidence file, after its hash is verified (a mismatch is refused and flagged);
    served with its detected type, never sniffed, never as a page."""
    item = _evidence(request, pk)
    if item.removed_at is not None:
        return render(request, "pantau/error.html", {
            "status": 410, "title": _("Evidence removed"),
            "text": _("This file was removed when its retention period ended (UU PDP); its "
                      "SHA-256 fingerprint is kept: %(sha)s") % {"sha": item.sha256}},
            status=410)
    try:
        verified = read_verified(item, request.user.get_username())
    except TamperedEvidence:
        return render(request, "pantau/error.html", {
            "status": 409, "title": _("Evidence refused"),
            "text": _("This file no longer matches the fingerprint it had when it was "
                      "received. It is not shown; it is flagged for the administrator.")},
            status=409)
    response = HttpResponse(verified.content, content_type=item.content_type)
    disposition = "inline" if item.content_type.startswith("image/") else "attachment"
    extension = str(item.file.name).rsplit(".", 1)[-1]
    response["Content-Disposition"] = f'{disposition}; filename="bukti-{item.pk}.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@signed_in
def evidence_poster(request: HttpRequest, pk: int) -> HttpResponse:
    item = _evidence(request, pk)
    if not item.poster:
        raise Http404(pk)
    with evidence_storage().open(str(item.poster.name), "rb") as handle:
        response = HttpResponse(handle.read(), content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="poster-{item.pk}.png"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@signed_in
def import_upload(request: HttpRequest) -> HttpResponse:
    scope = require(request, Action.IMPORT_ACTIVITIES)
    agencies = scope.filter(Agency.objects.all(), Action.IMPORT_ACTIVITIES)
    if request.method != "POST":
        return render(request, "review/import.html", {"agencies": agencies})
    upload = request.FILES.get("file")
    agency = request.POST.get("agency", "")
    source = Source.LAPOR if request.POST.get("source") == "lapor" else Source.IMPORT
    if upload is None or not agencies.filter(pk=agency).exists():
        messages.error(request, _("Choose the agency and the file."))
        return render(request, "review/import.html", {"agencies": agencies}, status=400)
    data = upload.read()
    found = imports.preview(source, data, str(upload.name), agency)
    if found.ok:
        request.session[PENDING] = {"source": source.value, "agency": agency,
                                    "name": upload.name,
                                    "data": base64.b64encode(data).decode("ascii")}
    context = {"agencies": agencies, "preview": found, "source": source.value}
    return render(request, "review/import.html", context, status=200 if found.ok else 400)


@signed_in
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    scope = require(request, Action.IMPORT_ACTIVITIES)
    pending = request.session.pop(PENDING, None)
    if not pending or not scope.can(Action.IMPORT_ACTIVITIES, pending["agency"]):
        messages.error(request, _("Nothing to confirm: upload the file again."))
        return redirect("review-import")
    source = Source(pending["source"])
    found = imports.preview(source, base64.b64decode(pending["data"]), pending["name"],
                            pending["agency"])
    done = imports.confirm(found, source, pending["agency"], request.user, timezone.now())
    messages.success(request, _("Imported: %(created)d new, %(skipped)d already there.") % {
        "created": done.created, "skipped": done.skipped})
    return redirect("review-queue")
