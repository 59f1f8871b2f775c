"""The cases pages (each with its JSON twin): the list, opening a case from confirmed findings,
a case with its next steps, recording a step, the examination's autosave, the team,
statements, the employee's objection, and the letters as DOCX and PDF."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pantau.domain.access import Action
from pantau.domain.procedure.sanctions import SanctionLevel
from pantau.web.audit.access import note_reads
from pantau.web.cases import services
from pantau.web.cases.models import Case, Document
from pantau.web.cases.present import (
    STAGES,
    case_detail,
    case_row,
    event_label,
    outcome_choices,
)
from pantau.web.cases.procedure import refresh
from pantau.web.input import unstorable
from pantau.web.pages import (
    detail_answer,
    list_answer,
    paginate,
    require,
    scope_of,
    search,
    signed_in,
    whole_number,
)
from pantau.web.registry.models import Employee


def _case(request: HttpRequest, pk: int) -> Case:
    found = scope_of(request).filter(Case.objects.filter(pk=pk), Action.VIEW_CASES
                                     ).select_related("employee__unit", "agency").first()
    if found is None:
        raise Http404(pk)
    return found


@signed_in
def case_list(request: HttpRequest, fmt: str = "") -> HttpResponse:
    """The cases the reader may see (an employee: their own), most urgent first."""
    scope = scope_of(request)
    if scope.refuses(Action.VIEW_CASES):
        raise PermissionDenied(Action.VIEW_CASES.value)
    rows = scope.filter(Case.objects.all(), Action.VIEW_CASES).select_related(
        "employee__unit", "agency")
    refresh(rows, timezone.localdate())
    stage = request.GET.get("stage", "")
    if stage in {s.value for s in STAGES}:
        rows = rows.filter(stage=stage)
    if request.GET.get("overdue") == "1":
        rows = rows.filter(overdue=True)
    rows = search(rows, request, "number", "employee__name", "employee__nip")
    rows = rows.order_by("next_due", "-opened_at", "-pk")
    today = timezone.localdate()
    context = {"stages": [(s.value, str(label)) for s, label in STAGES.items()],
               "stage": stage, "may_open": scope.can(Action.MANAGE_CASES),
               "may_export": scope.can(Action.EXPORT_SIASN),
               "filters": [{"name": "stage", "value": stage}] if stage else []}
    return list_answer(request, fmt, "cases/list.html", paginate(request, rows),
                       lambda case: case_row(case, today), context)


@signed_in
def open_page(request: HttpRequest, fmt: str = "") -> HttpResponse:
    """Confirmed findings not yet in a case, by employee; open a case from some of them."""
    scope = require(request, Action.MANAGE_CASES)
    candidates = services.openable(scope)
    if request.method == "POST":
        ids = [n for n in map(whole_number, request.POST.getlist("report")) if n is not None][:50]
        chosen = list(candidates.filter(pk__in=ids))
        levels = {r.pk: request.POST.get(f"level-{r.pk}", "") for r in chosen}
        try:
            done = services.open_case(scope, chosen, levels, request.user.get_username(),
                                      timezone.localdate(), timezone.now())
        except services.CaseRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("Case %(number)s opened.") % {
                "number": done.case.number})
            return redirect("case-detail", pk=done.case.pk)
    rows = [{"report": r.pk, "employee": r.employee_id,
             "employee_name": r.employee.name if r.employee else "",
             "unit": r.employee.unit.name if r.employee else "",
             "happened_at": r.happened_at.isoformat(), "conducts": r.conducts,
             "agency": r.agency_id} for r in candidates[:500]]
    data = {"results": rows}
    choices = [(level.value, level.value) for level in SanctionLevel]
    return detail_answer(request, fmt, "cases/open.html", data, {"levels": choices})


@signed_in
def detail(request: HttpRequest, pk: int, fmt: str = "") -> HttpResponse:
    case = _case(request, pk)
    scope = scope_of(request)
    data = case_detail(scope, case, timezone.localdate())
    note_reads(request.user.get_username(), [(case.employee_id, case.agency_id)],
                 "case")
    context = {"case": case, "outcomes": outcome_choices(),
               "levels": [level.value for level in SanctionLevel],
               "record_labels": [(kind, event_label(kind)) for kind in data["may_record"]]}
    return detail_answer(request, fmt, "cases/detail.html", data, context)


def _values(request: HttpRequest) -> dict[str, Any]:
    return {key: request.POST.get(key, "")[:2000] for key in (
        "on", "scheduled", "sanction", "outcome", "note", "copy_received", "place", "time",
        "conclusion", "reason")}


@signed_in
@require_POST
def record(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a step (one form per step); a refusal says why, nothing is recorded."""
    case = _case(request, pk)
    kind = request.POST.get("kind", "")
    try:
        done = services.record(scope_of(request), case, kind, _values(request),
                               request.user.get_username(), timezone.localdate(), timezone.now())
    except services.CaseRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Recorded: %(step)s. Letters made: %(count)d.") % {
            "step": event_label(done.event.kind), "count": len(done.letters)})
    return redirect("case-detail", pk=case.pk)


def _manager(request: HttpRequest, case: Case) -> None:
    if not services.manages(scope_of(request), case):
        raise Http404(case.pk)


@signed_in
@require_POST
def examination(request: HttpRequest, pk: int) -> HttpResponse:
    """The examination's questions and answers: autosaved as JSON by cases.js, or a form."""
    case = _case(request, pk)
    _manager(request, case)
    if request.content_type == "application/json":
        try:
            body = json.loads(request.body or b"{}")
        except (ValueError, RecursionError):
            return JsonResponse({"error": _("Not JSON.")}, status=400)
        if not isinstance(body, dict) or not isinstance(body.get("answers", []), list):
            return JsonResponse({"error": _("Send answers as a list of {q, a}.")}, status=400)
        texts = [str(body.get("place", "")), str(body.get("mode", ""))]
        texts += [str(item.get(key) or "") for item in body.get("answers", [])
                  if isinstance(item, dict) for key in ("q", "a")]
        if any(unstorable(text) for text in texts):
            return JsonResponse({"error": _("The text holds a NUL character or half of a "
                                            "character, which pantau cannot store.")}, status=400)
        try:
            saved = services.save_answers(case, body.get("answers", []),
                                          str(body.get("place", "")), str(body.get("mode", "")))
        except services.CaseRefused as refused:
            return JsonResponse({"error": str(refused)}, status=409)
        return JsonResponse({"saved": saved.updated_at.isoformat(),
                             "answers": len(saved.answers)})
    questions = request.POST.getlist("q")
    answers = request.POST.getlist("a")
    try:
        services.save_answers(case, [{"q": q, "a": a} for q, a in zip(questions, answers,
                                                                         strict=False)],
                              request.POST.get("place", ""), request.POST.get("mode", ""))
    except services.CaseRefused as refused:
        messages.error(request, str(refused))
        return redirect("case-detail", pk=case.pk)
    messages.success(request, _("Examination saved."))
    return redirect("case-detail", pk=case.pk)


@signed_in
@require_POST
def team(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    _manager(request, case)
    text = request.POST.get("member", "").strip()[:200]
    found = scope_of(request).filter(Employee.objects.filter(agency_id=case.agency_id)).filter(
        Q(nip=text) | Q(name__iexact=text) | Q(staff_id=text)).first() if text else None
    try:
        if found is None:
            raise services.CaseRefused(_("No employee of this agency with that name or NIP."))
        services.add_member(case, found, request.POST.get("role", ""))
    except services.CaseRefused as refused:
        messages.error(request, str(refused))
    return redirect("case-detail", pk=case.pk)


@signed_in
@require_POST
def statement(request: HttpRequest, pk: int) -> HttpResponse:
    """A statement: a third party's (recorded by a manager) or the employee's own response."""
    case = _case(request, pk)
    scope = scope_of(request)
    own = scope.employee_id == case.employee_id
    if not own:
        _manager(request, case)
    author = case.employee.name if own else request.POST.get("author", "")[:200] or (
        request.user.get_username())
    try:
        services.add_statement(case, author, request.POST.get("text", ""), own, timezone.now())
    except services.CaseRefused as refused:
        messages.error(request, str(refused))
    return redirect("case-detail", pk=case.pk)


@signed_in
def document(request: HttpRequest, pk: int, doc: int, kind: str) -> HttpResponse:
    """A letter as DOCX or as its archived PDF."""
    case = _case(request, pk)
    found = Document.objects.filter(case=case, pk=doc).first()
    if found is None or kind not in ("docx", "pdf"):
        raise Http404(doc)
    stored = found.docx if kind == "docx" else found.pdf
    if not stored:
        raise Http404(doc)
    note_reads(request.user.get_username(), [(case.employee_id, case.agency_id)],
                 "letter")
    return stored_letter(stored, found.kind, found.number, kind)


def stored_letter(stored: Any, name: str, number: str, kind: str) -> HttpResponse:
    """A stored letter (DOCX or PDF) as a private download named after its number."""
    content_type = ("application/pdf" if kind == "pdf" else
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    with stored.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type=content_type)
    filename = f"{name}-{number.replace('/', '-')}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


__all__ = ["case_list", "detail", "document", "examination", "open_page", "record",
           "statement", "stored_letter", "team"]
