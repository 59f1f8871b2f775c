"""The public complaint pages (/lapor/), the status page, and monitors' reports (/laporan/).

The public sees only its own receipt: a wrong code and an unknown one get the same answer,
codes are compared in constant time, and lookups and filings are rate-limited per address.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from pantau.domain.access import Action
from pantau.domain.intake import Source, Status
from pantau.web.addresses import client_address
from pantau.web.intake import receipts, services
from pantau.web.intake.evidence import EvidenceRefused
from pantau.web.intake.forms import ComplaintForm, ReportForm, agencies_for_public
from pantau.web.intake.models import Report
from pantau.web.intake.present import public_status, report_row
from pantau.web.pages import list_answer, paginate, require, scope_of, signed_in, wants_json
from pantau.web.registry.models import Agency

RECEIPT = "pantau_receipt"


def limited(request: HttpRequest, group: str, rate: str) -> bool:
    return bool(is_ratelimited(request, group=group, key=lambda g, r: client_address(r),
                          rate=rate, method=is_ratelimited.ALL, increment=True))


@require_http_methods(["GET", "POST"])
def complaint(request: HttpRequest) -> HttpResponse:
    """File a complaint without an account; get a receipt code."""
    agencies = agencies_for_public()
    if request.method == "GET":
        form = ComplaintForm(agencies, initial={"agency": request.GET.get("agency", "")})
        return render(request, "intake/complaint.html", {"form": form})
    form = ComplaintForm(agencies, request.POST, request.FILES)
    status = 400
    if limited(request, "complaint", settings.PUBLIC_RATE):
        form.add_error(None, _("Too many complaints from this address; try again later."))
        status = 429
    elif form.is_valid():
        try:
            _report, code = services.file_report(
                form.filing(), form.cleaned_data["evidence"], "public", timezone.now())
        except EvidenceRefused:
            form.add_error("files", _("A file could not be kept; send it again."))
        else:
            request.session[RECEIPT] = code
            return redirect("complaint-receipt")
    form.fresh_challenge()
    return render(request, "intake/complaint.html", {"form": form}, status=status)


def receipt(request: HttpRequest) -> HttpResponse:
    code = request.session.get(RECEIPT)
    if not code:
        return redirect("complaint")
    return render(request, "intake/receipt.html", {"code": code})


@require_http_methods(["GET", "POST"])
def status(request: HttpRequest) -> HttpResponse:
    """The status of one complaint, for whoever holds its receipt code (POSTed, never in a
    URL); the complainant may answer a question asked."""
    context: dict[str, Any] = {"code": ""}
    if request.method == "GET":
        return render(request, "intake/status.html", context)
    if limited(request, "status", settings.STATUS_RATE):
        context["error"] = _("Too many lookups from this address; try again later.")
        return render(request, "intake/status.html", context, status=429)
    code = request.POST.get("code", "")[:40]
    report = receipts.find(code)
    context["code"] = code
    if report is None:
        context["error"] = _("No complaint has this receipt code. Check the code on your "
                             "receipt: 11 letters and digits, e.g. 7KD2-Q9XM-4TB.")
        return render(request, "intake/status.html", context, status=404)
    if request.POST.get("reply"):
        _reply(request, report)
    context["found"] = public_status(report)
    if wants_json(request):
        from django.http import JsonResponse

        return JsonResponse(context["found"], json_dumps_params={"ensure_ascii": False})
    return render(request, "intake/status.html", context)


def _reply(request: HttpRequest, report: Report) -> None:
    from pantau.web.review.services import ReviewRefused, reply

    try:
        reply(report, request.POST.get("reply", ""), timezone.now())
    except ReviewRefused:
        messages.error(request, _("This complaint is not waiting for an answer."))
    else:
        messages.success(request, _("Thank you: your answer was added to the complaint."))


@signed_in
@require_http_methods(["GET", "POST"])
def new_report(request: HttpRequest) -> HttpResponse:
    """A monitor's or unit head's report, with what they observed."""
    scope = require(request, Action.FILE_REPORT)
    agencies = scope.filter(Agency.objects.all(), Action.FILE_REPORT)
    if request.method == "GET":
        return render(request, "intake/report_form.html", {"form": ReportForm(agencies)})
    form = ReportForm(agencies, request.POST, request.FILES)
    if form.is_valid():
        user = request.user
        report, _code = services.file_report(
            form.filing(), form.cleaned_data["evidence"], user.get_username(), timezone.now(),
            filed_by=user)
        messages.success(request, _("Report %(id)s filed.") % {"id": report.pk})
        return redirect("report-mine")
    return render(request, "intake/report_form.html", {"form": form}, status=400)


@signed_in
def my_reports(request: HttpRequest, fmt: str = "") -> HttpResponse:
    """What the reader filed, and where it stands."""
    scope = scope_of(request)
    if not scope.can(Action.FILE_REPORT):
        require(request, Action.FILE_REPORT)
    rows = Report.objects.filter(filed_by_id=request.user.pk).select_related(
        "employee", "agency")
    return list_answer(request, fmt, "intake/my_reports.html", paginate(request, rows),
                       report_row, {"statuses": [s.value for s in Status]})


__all__ = ["Source", "client_address", "complaint", "my_reports", "new_report", "receipt",
           "status"]
