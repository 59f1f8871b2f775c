"""REST routes of cases (django-ninja): the cases in scope, one case with what is next, opening
a case from confirmed findings, and recording a step. The same services and scope as the
pages: a step the state machine refuses is a 409 that says why."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field

from pantau.domain.access import Action
from pantau.web.audit.access import note_reads
from pantau.web.cases import services, siasn
from pantau.web.cases.models import Case
from pantau.web.cases.present import case_detail, case_row
from pantau.web.cases.procedure import refresh
from pantau.web.pages import PAGE_SIZE, scope_of
from pantau.web.review.api import ERRORS, FORBIDDEN, NO_NUL, NOT_FOUND

router = Router(tags=["cases"])
Text = Annotated[str, Field(max_length=2000, pattern=NO_NUL)]
Code = Annotated[str, Field(max_length=60, pattern=r"^[a-z0-9_]*$")]
Level = Literal["ringan", "sedang", "berat"]
StepKind = Literal["summoned", "absent", "team_formed", "released", "examined",
                   "bap_forwarded", "official_failed", "decided", "delivered", "objection_filed",
                   "official_responded", "objection_decided", "appeal_filed",
                   "appeal_responded", "appeal_decided"]


class CaseRow(Schema):
    id: int
    number: str
    url: str
    agency: str
    employee: str
    unit: str
    employee_type: str
    stage: str
    stage_label: str
    next_due: str | None
    colour: str
    flags: list[str]
    sanction: str
    opened: str


class CasePage(Schema):
    count: int
    page: int
    results: list[CaseRow]


class CasesIn(Schema):
    page: int = Field(1, ge=1, le=100000)
    stage: Code = ""


class OpenIn(Schema):
    reports: list[int] = Field(min_length=1, max_length=50)
    levels: dict[str, Level] = Field(default_factory=dict, max_length=50)


class StepIn(Schema):
    kind: StepKind
    on: date | None = None
    scheduled: date | None = None
    sanction: Code = ""
    outcome: Code = ""
    copy_received: date | None = None
    note: Text = ""
    place: Annotated[str, Field(max_length=200, pattern=NO_NUL)] = ""
    time: Annotated[str, Field(max_length=20, pattern=NO_NUL)] = ""


class Opened(Schema):
    id: int
    number: str
    stage: str


class Recorded(Schema):
    id: int
    seq: int
    kind: str
    stage: str
    letters: list[str]


def _case(request: HttpRequest, pk: int) -> Case | None:
    if abs(pk) >= 2**62:
        return None
    return scope_of(request).filter(Case.objects.filter(pk=pk), Action.VIEW_CASES
                                    ).select_related("employee__unit", "agency").first()


@router.get("/cases", response={200: CasePage, **ERRORS}, summary="The cases in your scope")
def list_cases(request: HttpRequest, params: Query[CasesIn]) -> Status[dict[str, Any]]:
    if scope_of(request).refuses(Action.VIEW_CASES):
        return Status(403, FORBIDDEN)
    rows = scope_of(request).filter(Case.objects.all(), Action.VIEW_CASES).select_related(
        "employee__unit", "agency").order_by("next_due", "-opened_at", "-pk")
    refresh(rows, timezone.localdate())
    if params.stage:
        rows = rows.filter(stage=params.stage)
    page = Paginator(rows, PAGE_SIZE).get_page(params.page)
    today = timezone.localdate()
    return Status(200, {"count": page.paginator.count, "page": page.number,
                        "results": [case_row(case, today) for case in page.object_list]})


class SiasnIn(Schema):
    agency: Annotated[str, Field(max_length=64, pattern=r"^[a-z0-9-]*$")] = ""


@router.get("/cases/siasn", response={200: dict[str, Any], **ERRORS},
            summary="The agency's final sanctions as SIASN hukdis records (BKPSDM)")
def siasn_export(request: HttpRequest, params: Query[SiasnIn]) -> Status[dict[str, Any]]:
    scope = scope_of(request)
    agency = params.agency or scope.agency_id
    if not scope.can(Action.EXPORT_SIASN, agency):
        return Status(403, FORBIDDEN)
    found = siasn.export(agency, scope.filter(Case.objects.all(), Action.EXPORT_SIASN),
                         timezone.localdate())
    note_reads(request.user.get_username(),
               [(r["employee"]["id"], agency) for r in found.records], "siasn-api")
    return Status(200, found.to_json())


@router.get("/cases/{case_id}", response={200: dict[str, Any], **ERRORS},
            summary="A case: where it stands, what is next, who acts by when, its letters")
def get_case(request: HttpRequest, case_id: int) -> Status[dict[str, Any]]:
    case = _case(request, case_id)
    if case is None:
        return Status(404, NOT_FOUND)
    return Status(200, case_detail(scope_of(request), case, timezone.localdate()))


@router.post("/cases", response={201: Opened, **ERRORS},
             summary="Open a case from confirmed findings of one employee")
def open_case(request: HttpRequest, body: OpenIn) -> Status[dict[str, Any]]:
    scope = scope_of(request)
    if not scope.can(Action.MANAGE_CASES):
        return Status(403, FORBIDDEN)
    wanted = [pk for pk in body.reports if 0 < pk < 2**62]
    reports = list(services.openable(scope).filter(pk__in=wanted))
    levels = {pk: body.levels.get(str(pk), "") for pk in wanted}
    if len(reports) != len(set(body.reports)):
        return Status(404, {"detail": "Temuan terbukti tidak ditemukan atau sudah dalam kasus "
                                      "(a confirmed finding not found, or already in a case)."})
    try:
        done = services.open_case(scope, reports, levels, request.user.get_username(),
                                  timezone.localdate(), timezone.now())
    except services.CaseRefused as refused:
        return Status(409, {"detail": str(refused)})
    return Status(201, {"id": done.case.pk, "number": done.case.number,
                        "stage": done.case.stage})


@router.post("/cases/{case_id}/steps", response={201: Recorded, **ERRORS},
             summary="Record a step of a case (refused with the reason when it may not follow)")
def record_step(request: HttpRequest, case_id: int, body: StepIn) -> Status[dict[str, Any]]:
    case = _case(request, case_id)
    if case is None:
        return Status(404, NOT_FOUND)
    values = {key: value.isoformat() if isinstance(value, date) else value
              for key, value in body.model_dump().items() if value not in (None, "")}
    try:
        done = services.record(scope_of(request), case, body.kind, values,
                               request.user.get_username(), timezone.localdate(), timezone.now())
    except services.CaseRefused as refused:
        return Status(409, {"detail": str(refused)})
    return Status(201, {"id": done.event.pk, "seq": done.event.seq, "kind": done.event.kind,
                        "stage": done.answer.stage.value,
                        "letters": [letter.number for letter in done.letters]})


__all__ = ["router"]
