"""REST routes of intake and review (django-ninja): filing a report, the queue, a report with
its finding, and the decisions; and the public routes (a complaint, its status), which need
no account and are rate-limited per address. Scoped by the same `Scope` as every page."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from pantau.domain.access import Action
from pantau.domain.activities import ActivityKind, require_convertible
from pantau.domain.errors import InvalidDatetime
from pantau.domain.intake import Source
from pantau.web.intake import receipts, services
from pantau.web.intake.challenge import new_challenge, solved
from pantau.web.intake.models import Report
from pantau.web.intake.present import public_status, report_row
from pantau.web.intake.views import limited
from pantau.web.pages import PAGE_SIZE, scope_of
from pantau.web.registry.models import Agency
from pantau.web.review import services as review
from pantau.web.review.present import review_detail
from pantau.web.review.queue import QueueQuery, queue

router = Router(tags=["review"])
public = Router(tags=["public"], auth=None)
KINDS = tuple(kind.value for kind in ActivityKind)
Kind = Literal["live", "video", "post", "story", "comment", "share", "reaction", "offline"]
NO_NUL = r"^[^\x00]*$"  # PostgreSQL stores no NUL: every text the API keeps says so
Link = Annotated[str, Field(max_length=2000, pattern=NO_NUL)]


def _storable(moment: datetime) -> datetime:
    """A time a database can keep in UTC and a calendar can convert: not within a day of
    year 1 or year 9999 (a 422 naming it, instead of an overflow and a server error)."""
    probe = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    try:
        require_convertible(probe, moment.isoformat())
    except InvalidDatetime as error:
        raise ValueError(str(error)) from None
    return moment


def _as_text(value: object) -> object:
    """A time is written as text (ISO 8601): a number is refused, not read as seconds since
    1970 (pydantic would)."""
    if not isinstance(value, str | datetime):
        raise ValueError("expected a date and time as text, e.g. 2026-02-03T10:00:00+07:00")
    return value


Moment = Annotated[datetime, BeforeValidator(_as_text), AfterValidator(_storable)]


class Problem(Schema):
    detail: str


class ValidationProblem(Schema):
    detail: list[dict[str, Any]]


ERRORS: dict[int, Any] = {400: Problem, 401: Problem, 403: Problem, 404: Problem,
                          409: Problem, 422: ValidationProblem, 429: Problem}
FORBIDDEN = {"detail": "Peran Anda tidak boleh melakukan ini (your role may not do this)."}
NOT_FOUND = {"detail": "Tidak ditemukan dalam lingkup Anda (not found in your scope)."}


class ReportRow(Schema):
    id: int
    agency: str
    source: str
    status: str
    kind: str
    happened_at: datetime
    received: datetime
    employee: str | None
    unit: str | None
    verdict: str
    conducts: list[str]
    severity: int
    classifier_score: float
    matter: int | None
    url: str


class QueuePage(Schema):
    count: int
    page: int
    results: list[ReportRow]


class QueueIn(Schema):
    page: int = Field(1, ge=1, le=1_000_000)
    status: str = Field("open", max_length=20)
    conduct: str = Field("", max_length=60)
    unit: str = Field("", max_length=64)
    source: str = Field("", max_length=10)
    sort: str = Field("severity", max_length=10)
    q: str = Field("", max_length=200)


class Filed(Schema):
    id: int
    status: str
    verdict: str
    employee: str | None


class ReportIn(Schema):
    agency: str = Field(..., max_length=64)
    happened_at: Moment
    happened_until: Moment | None = None
    kind: Kind = "video"
    links: list[Link] = Field(default_factory=list, max_length=10)
    platform: str = Field("", max_length=30, pattern=NO_NUL)
    account: str = Field("", max_length=200, pattern=NO_NUL)
    who: str = Field("", max_length=300, pattern=NO_NUL)
    description: str = Field(..., min_length=1, max_length=4000, pattern=NO_NUL)
    text: str = Field("", max_length=4000, pattern=NO_NUL)
    signals: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _in_order(self) -> ReportIn:
        """The end of an activity is not before its start (a 422 naming it)."""
        until = self.happened_until
        if until is not None and _aware(until) < _aware(self.happened_at):
            raise ValueError(f"happened_until {until.isoformat()} is before happened_at "
                             f"{self.happened_at.isoformat()}; swap them or leave "
                             "happened_until out")
        return self


class Decision(Schema):
    reason: str = Field("", max_length=30, pattern=NO_NUL)
    note: str = Field("", max_length=4000, pattern=NO_NUL)


class Question(Schema):
    text: str = Field(..., min_length=1, max_length=4000, pattern=NO_NUL)


def _text_ok(*values: str) -> bool:
    return not any("\x00" in value for value in values)


@router.get("/queue", response={200: QueuePage, **ERRORS}, summary="The review queue")
def list_queue(request: HttpRequest, params: Query[QueueIn]) -> Status[dict[str, Any]]:
    scope = scope_of(request)
    if not (scope.can(Action.REVIEW) or scope.can(Action.FILE_REPORT)):
        return Status(403, FORBIDDEN)
    wanted = QueueQuery.parse(_query(params))
    page = Paginator(queue(scope, wanted), PAGE_SIZE).get_page(params.page)
    rows = [report_row(item) for item in page.object_list]
    return Status(200, {"count": page.paginator.count, "page": page.number, "results": rows})


def _query(params: QueueIn) -> Any:
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key in ("status", "conduct", "unit", "source", "sort", "q"):
        query[key] = getattr(params, key)
    return query


def _report(request: HttpRequest, pk: int) -> Report | None:
    if abs(pk) >= 2**62:
        return None
    return scope_of(request).filter(Report.objects.filter(pk=pk), Action.REVIEW).first()


@router.get("/reports/{report_id}", response={200: dict[str, Any], **ERRORS},
            summary="A report with its finding and timeline")
def get_report(request: HttpRequest, report_id: int) -> Status[dict[str, Any]]:
    report = _report(request, report_id)
    if report is None:
        return Status(404, NOT_FOUND)
    data = review_detail(scope_of(request), report)
    return Status(200, _plain(data))


def _plain(data: Any) -> Any:
    """Dates as ISO text for a JSON answer."""
    if isinstance(data, dict):
        return {key: _plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_plain(item) for item in data]
    return data.isoformat() if isinstance(data, datetime) else data


@router.post("/reports", response={201: Filed, **ERRORS}, summary="File a report (monitors)")
def file_report(request: HttpRequest, body: ReportIn) -> Status[dict[str, Any]]:
    scope = scope_of(request)
    if not scope.can(Action.FILE_REPORT, body.agency):
        return Status(403, FORBIDDEN)
    filing = services.Filing(
        agency_id=body.agency, source=Source.MONITOR, happened_at=_aware(body.happened_at),
        happened_until=_aware(body.happened_until) if body.happened_until else None,
        kind=body.kind, links=[link for link in body.links if _text_ok(link)],
        platform=body.platform, account=body.account, who=body.who,
        description=body.description, text=body.text, signals=review.clean_signals(
            body.signals))
    report, _code = services.file_report(filing, [], request.user.get_username(),
                                         timezone.now(), filed_by=request.user)
    return Status(201, {"id": report.pk, "status": report.status, "verdict": report.verdict,
                        "employee": report.employee.name if report.employee else None})


def _aware(moment: datetime) -> datetime:
    """A time without offset is read in the agency zone of the reader (WIB by default)."""
    return moment if moment.tzinfo else timezone.make_aware(moment)


def _decide(request: HttpRequest, report_id: int, action: str, body: Any
            ) -> Status[dict[str, Any]]:
    report = _report(request, report_id)
    if report is None:
        return Status(404, NOT_FOUND)
    if not scope_of(request).can(Action.REVIEW, report.agency_id):
        return Status(403, FORBIDDEN)
    now, user = timezone.now(), request.user
    try:
        if action == "claim":
            review.claim(report, user, now)
        elif action == "signals":
            review.establish(report, body, user.get_username(), now)
        elif action == "confirm":
            review.confirm(report, user, now, body.note)
        elif action == "dismiss":
            review.dismiss(report, user, body.reason, body.note, now)
        else:
            review.ask(report, user, body.text, now)
    except review.ReviewRefused as refused:
        return Status(409, {"detail": refused.code})
    return Status(200, {"id": report.pk, "status": report.status, "verdict": report.verdict,
                        "employee": report.employee.name if report.employee else None})


@router.post("/reports/{report_id}/claim", response={200: Filed, **ERRORS})
def claim(request: HttpRequest, report_id: int) -> Status[dict[str, Any]]:
    return _decide(request, report_id, "claim", None)


@router.post("/reports/{report_id}/signals", response={200: Filed, **ERRORS},
             summary="Record what a person established; the finding is checked again")
def establish(request: HttpRequest, report_id: int, body: dict[str, Any]
              ) -> Status[dict[str, Any]]:
    return _decide(request, report_id, "signals", body)


@router.post("/reports/{report_id}/confirm", response={200: Filed, **ERRORS})
def confirm(request: HttpRequest, report_id: int, body: Decision) -> Status[dict[str, Any]]:
    return _decide(request, report_id, "confirm", body)


@router.post("/reports/{report_id}/dismiss", response={200: Filed, **ERRORS})
def dismiss(request: HttpRequest, report_id: int, body: Decision) -> Status[dict[str, Any]]:
    return _decide(request, report_id, "dismiss", body)


@router.post("/reports/{report_id}/ask", response={200: Filed, **ERRORS})
def ask(request: HttpRequest, report_id: int, body: Question) -> Status[dict[str, Any]]:
    return _decide(request, report_id, "ask", body)


class ChallengeOut(Schema):
    question: str
    token: str


class ComplaintIn(Schema):
    agency: str = Field(..., max_length=64)
    happened_at: Moment
    kind: Kind = "video"
    links: list[Link] = Field(..., min_length=1, max_length=10)
    description: str = Field(..., min_length=1, max_length=4000, pattern=NO_NUL)
    who: str = Field("", max_length=300, pattern=NO_NUL)
    token: str = Field(..., max_length=400)
    answer: str = Field(..., max_length=4)


class Receipt(Schema):
    receipt: str


class StatusIn(Schema):
    code: str = Field(..., max_length=40)


class StatusOut(Schema):
    status: str
    status_label: str
    received: datetime
    decided: datetime | None
    agency: str
    waiting_for_answer: bool
    messages: list[dict[str, Any]]


@public.get("/challenge", response={200: ChallengeOut}, summary="A question to answer")
def challenge(request: HttpRequest) -> Status[dict[str, Any]]:
    found = new_challenge()
    return Status(200, {"question": f"{found.first} + {found.second}", "token": found.token})


@public.post("/complaints", response={201: Receipt, **ERRORS}, summary="File a complaint")
def complain(request: HttpRequest, body: ComplaintIn) -> Status[dict[str, Any]]:
    if limited(request, "complaint", settings.PUBLIC_RATE):
        return Status(429, {"detail": "too many complaints from this address"})
    if not solved(body.token, body.answer):
        return Status(403, {"detail": "the answer to the challenge is not right"})
    if not Agency.objects.filter(pk=body.agency).exists():
        return Status(404, {"detail": "unknown agency"})
    links = [link for link in body.links if _text_ok(link)]
    filing = services.Filing(agency_id=body.agency, source=Source.PUBLIC,
                             happened_at=_aware(body.happened_at), kind=body.kind, links=links,
                             who=body.who, description=body.description)
    _report, code = services.file_report(filing, [], "public", timezone.now())
    return Status(201, {"receipt": code})


@public.post("/status", response={200: StatusOut, **ERRORS},
             summary="The status of a complaint, by its receipt code")
def status(request: HttpRequest, body: StatusIn) -> Status[dict[str, Any]]:
    if limited(request, "status", settings.STATUS_RATE):
        return Status(429, {"detail": "too many lookups from this address"})
    report = receipts.find(body.code)
    if report is None:
        return Status(404, {"detail": "no complaint has this receipt code"})
    return Status(200, public_status(report))


__all__ = ["public", "router"]
