"""What people do with a case: open it from confirmed findings of one employee, record each
step (the state machine of pantau.domain.procedure decides whether it may follow and what is
next; a step it would mark as a procedural slip that voids the decision is refused), keep the
examination's questions and answers, the team, statements, and the employee's objection.

Every step makes its letters (pantau.web.cases.letters); every change is in the audit trail
(the models are registered in apps.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pantau.domain.access import Action, Role
from pantau.domain.employees import EmployeeType
from pantau.domain.errors import InputError, ProcedureError
from pantau.domain.intake import Status
from pantau.domain.procedure.events import Breach, CaseEvent, EventKind
from pantau.domain.procedure.progress import CaseProgress, Stage
from pantau.domain.procedure.remedies import Outcome
from pantau.domain.procedure.sanctions import SanctionLevel
from pantau.domain.procedure.steps import Step
from pantau.web.access.scope import Scope
from pantau.web.cases import letters, people
from pantau.web.cases.models import Case, CaseFinding, Event, Examination, Statement, TeamMember
from pantau.web.cases.procedure import progress, regime_of, remember
from pantau.web.intake.models import Report
from pantau.web.registry.models import Employee

# What the state machine flags that would void a decision on objection: refused, not recorded.
# A heavy breach examined without the team (PP 94/2021 Pasal 29) voids the decision too.
VOIDING = frozenset({"sanction_out_of_range", "outcome_mismatch", "not_authorised",
                     "double_sanction", "team_required"})
# Steps a manager records; the employee files their own objection or appeal.
MANAGER_STEPS = frozenset(EventKind) - {EventKind.REPORTED}
EMPLOYEE_STEPS = frozenset({EventKind.OBJECTION_FILED, EventKind.APPEAL_FILED})
# What an authorised official decides (or fails to), and the answers to a remedy: recorded by
# BKPSDM (entering a signed decision) or an authorised official, never by a unit head alone.
OFFICIAL_STEPS = frozenset({EventKind.TEAM_FORMED, EventKind.DECIDED, EventKind.OFFICIAL_FAILED,
                            EventKind.OFFICIAL_RESPONDED, EventKind.OBJECTION_DECIDED,
                            EventKind.APPEAL_RESPONDED, EventKind.APPEAL_DECIDED})
OFFICIAL_ROLES = frozenset({Role.BKPSDM_ADMIN, Role.AUTHORISED_OFFICIAL})
# Steps taken once: a second one in a row is a double submission (a second numbered letter).
ONCE = frozenset({EventKind.TEAM_FORMED, EventKind.RELEASED, EventKind.BAP_FORWARDED,
                  EventKind.OFFICIAL_RESPONDED, EventKind.APPEAL_RESPONDED,
                  EventKind.OFFICIAL_FAILED})


class CaseRefused(Exception):
    """A step that cannot be taken, with the reason a person can act on."""


@dataclass(frozen=True)
class Recorded:
    case: Case
    event: Event
    letters: tuple[Any, ...]
    answer: CaseProgress


def openable(scope: Scope) -> Any:
    """Confirmed reports with an identified employee, in no case yet, that the reader may
    take to a case: about an employee in the reader's scope (a report the reader filed about
    someone outside their units is not theirs to take to a case)."""
    rows = Report.objects.filter(status=Status.CONFIRMED.value, employee__isnull=False,
                                 case_finding__isnull=True,
                                 employee__in=scope.filter(Employee.objects.all()))
    return scope.filter(rows, Action.MANAGE_CASES).select_related(
        "employee__unit", "agency").order_by("employee__name", "happened_at")


def _nature(report: Report) -> str:
    codes = [code for code in report.conducts.split(",") if code]
    return codes[0] if codes else ""


def _may_open(scope: Scope, reports: list[Report]) -> None:
    """Refused unless these are confirmed findings of one employee in the reader's scope, in no
    case yet."""
    if not reports:
        raise CaseRefused(_("Choose at least one confirmed finding."))
    employees = {report.employee_id for report in reports}
    if len(employees) != 1 or None in employees:
        raise CaseRefused(_("A case is about one employee: choose findings of one employee."))
    for report in reports:
        if report.status != Status.CONFIRMED.value:
            raise CaseRefused(_("Report %(id)s is not a confirmed finding.") % {"id": report.pk})
        if CaseFinding.objects.filter(report=report).exists():
            raise CaseRefused(_("Report %(id)s is already in a case.") % {"id": report.pk})
        if not scope.can(Action.MANAGE_CASES, report.agency_id):
            raise CaseRefused(_("You may not open cases of this agency."))
    if not scope.filter(Employee.objects.filter(pk=reports[0].employee_id or 0)).exists():
        raise CaseRefused(_("This employee is outside your units."))


def open_case(scope: Scope, reports: list[Report], levels: dict[int, str], author: str,
              today: date, now: datetime) -> Recorded:
    """A case of one employee from their confirmed findings, each with its assessed level."""
    _may_open(scope, reports)
    breaches = []
    for report in reports:
        try:
            level = SanctionLevel(levels.get(report.pk, ""))
        except ValueError:
            raise CaseRefused(_("Choose the level of report %(id)s (ringan, sedang, berat).")
                              % {"id": report.pk}) from None
        breaches.append(Breach(f"report-{report.pk}", level, _nature(report),
                               timezone.localdate(report.happened_at)))
    employee = Employee.objects.select_related("superior", "unit").get(
        pk=int(reports[0].employee_id or 0))
    with transaction.atomic():
        year = today.year
        number = f"KD-{year}-{letters.next_number(employee.agency_id, year, 'case'):04d}"
        case = Case.objects.create(
            agency_id=employee.agency_id, employee=employee, number=number, opened_at=now,
            employee_type=employee.employee_type,
            position=employee.level if employee.employee_type != EmployeeType.NON_ASN else "",
            superior_post=people.superior_post(employee), vacant=people.vacant_posts(employee),
        )
        for report, breach in zip(reports, breaches, strict=True):
            CaseFinding.objects.create(case=case, report=report, level=breach.level.value,
                                       nature=breach.nature)
        known = [timezone.localdate(r.decided_at) for r in reports if r.decided_at is not None]
        event = CaseEvent(EventKind.REPORTED, min(today, max(known, default=today)),
                          tuple(breaches))
        return _record(case, event, author, today, now, {})


def manages(scope: Scope, case: Case) -> bool:
    """Whether the reader manages this case: a role that manages cases, with the case in its
    scope (the employee it is about sees it, but does not manage it)."""
    return scope.can(Action.MANAGE_CASES, case.agency_id) and scope.filter(
        Case.objects.filter(pk=case.pk), Action.MANAGE_CASES).exclude(
        employee_id=scope.employee_id or 0).exists()


def steps_for(scope: Scope, case: Case) -> frozenset[EventKind]:
    """The steps this reader may record on this case."""
    if manages(scope, case):
        if scope.superuser or any(grant.role in OFFICIAL_ROLES and grant.agency_id ==
                                  case.agency_id for grant in scope.grants):
            return MANAGER_STEPS
        return MANAGER_STEPS - OFFICIAL_STEPS
    if scope.employee_id == case.employee_id:
        return EMPLOYEE_STEPS
    return frozenset()


def record(scope: Scope, case: Case, kind: str, values: dict[str, Any], author: str,
           today: date, now: datetime) -> Recorded:
    """Record a step on `values` (form fields); refused with a reason a person can act on."""
    try:
        event_kind = EventKind(kind)
    except ValueError:
        raise CaseRefused(_("Unknown step.")) from None
    if event_kind not in steps_for(scope, case):
        raise CaseRefused(_("You may not record this step on this case."))
    if not manages(scope, case):  # the employee files today: no date of their own choosing
        values = {key: value for key, value in values.items()
                  if key not in ("on", "copy_received")}
    last = case.events.order_by("-seq").values_list("kind", flat=True).first()
    if event_kind in ONCE and last == event_kind.value:
        raise CaseRefused(_("This step is already recorded."))
    event = _event(case, event_kind, values, today)
    if event.on > today:
        raise CaseRefused(_("The date is in the future: record a step once it happened."))
    _preconditions(case, event)
    return _record(case, event, author, today, now, values)


def _record(case: Case, event: CaseEvent, author: str, today: date, now: datetime,
            details: dict[str, Any]) -> Recorded:
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        before = set(progress(case, today).flag_codes) if case.events.exists() else set()
        try:
            answer = progress(case, today, extra=event)
        except (ProcedureError, InputError) as error:
            raise CaseRefused(str(error)) from None
        voiding = [flag for flag in answer.flags if flag.code in VOIDING
                   and flag.code not in before]
        if voiding:
            raise CaseRefused("; ".join(flag.message for flag in voiding))
        seq = (case.events.order_by("-seq").values_list("seq", flat=True).first() or 0) + 1
        row = Event.objects.create(case=case, seq=seq, kind=event.kind.value, on=event.on,
                                   data=event.to_json(), recorded_by=author, recorded_at=now)
        remember(case, answer, today)
        made = letters.make(case, event, answer, author, now, today, details)
        return Recorded(case, row, tuple(made), answer)


def _date(values: dict[str, Any], name: str, default: date | None = None) -> date | None:
    text = str(values.get(name) or "").strip()
    if not text:
        return default
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CaseRefused(_("%(field)s: %(value)s is not a date (YYYY-MM-DD).")
                          % {"field": name, "value": text[:40]}) from None


def _event(case: Case, kind: EventKind, values: dict[str, Any], today: date) -> CaseEvent:
    on = _date(values, "on", today) or today
    note = str(values.get("note") or "")[:2000]
    build = _BUILDERS.get(kind)
    if build is not None:
        return build(case, kind, on, note, values, today)
    if kind in (EventKind.OBJECTION_FILED, EventKind.APPEAL_FILED):
        return CaseEvent(kind, on, copy_received=_date(values, "copy_received"), note=note)
    return CaseEvent(kind, on, note=note)


def _summons(case: Case, kind: EventKind, on: date, note: str, values: dict[str, Any],
             today: date) -> CaseEvent:
    scheduled = _date(values, "scheduled")
    if scheduled is None:
        raise CaseRefused(_("Give the date of the examination the letter sets."))
    if scheduled < on:
        raise CaseRefused(_("The examination cannot be before the letter."))
    again = progress(case, today).recorded_stage is Stage.ABSENT_ONCE
    return CaseEvent(kind, on, attempt=2 if again else 1, scheduled=scheduled, note=note)


def _decision(case: Case, kind: EventKind, on: date, note: str, values: dict[str, Any],
              today: date) -> CaseEvent:
    sanction = str(values.get("sanction") or "")
    if not sanction:
        raise CaseRefused(_("Choose the sanction."))
    answer = progress(case, today)
    official = answer.authority.official if answer.authority else None
    return CaseEvent(kind, on, sanction=sanction, official=official, note=note)


def _failure(case: Case, kind: EventKind, on: date, note: str, values: dict[str, Any],
             today: date) -> CaseEvent:
    answer = progress(case, today)
    if answer.authority is None:
        raise CaseRefused(_("This regime names no authorised official."))
    return CaseEvent(kind, on, official=answer.authority.official, note=note)


def _ruling(case: Case, kind: EventKind, on: date, note: str, values: dict[str, Any],
            today: date) -> CaseEvent:
    try:
        outcome = Outcome(str(values.get("outcome") or ""))
    except ValueError:
        raise CaseRefused(_("Choose the outcome.")) from None
    sanction = (str(values.get("sanction") or "") or None) if outcome.needs_new_type else None
    return CaseEvent(kind, on, outcome=outcome, sanction=sanction, note=note)


_BUILDERS: dict[EventKind, Callable[[Case, EventKind, date, str, dict[str, Any], date],
                                    CaseEvent]] = {
    EventKind.SUMMONED: _summons,
    EventKind.DECIDED: _decision,
    EventKind.OFFICIAL_FAILED: _failure,
    EventKind.OBJECTION_DECIDED: _ruling,
    EventKind.APPEAL_DECIDED: _ruling,
}


def _preconditions(case: Case, event: CaseEvent) -> None:
    """What a letter needs before its step can be recorded."""
    if event.kind is EventKind.TEAM_FORMED and not case.team.exists():
        raise CaseRefused(_("Add the members of the team first."))
    if event.kind is EventKind.EXAMINED:
        examination = Examination.objects.filter(case=case).first()
        if examination is None or not [qa for qa in examination.answers if qa.get("q")]:
            raise CaseRefused(_("Record the questions and answers of the examination first."))


def save_answers(case: Case, answers: Iterable[dict[str, Any]], place: str, mode: str
                 ) -> Examination:
    """Keep the examination's questions and answers (the autosave of the BAP); refused once
    the examination is recorded: its BAP is signed then (PP 94/2021 Pasal 27)."""
    if case.events.filter(kind=EventKind.EXAMINED.value).exists():
        raise CaseRefused(_("The examination is recorded and its BAP signed: it cannot "
                            "change."))
    clean = [{"q": str(item.get("q") or "")[:2000], "a": str(item.get("a") or "")[:8000]}
             for item in answers if isinstance(item, dict)]
    clean = [item for item in clean if item["q"] or item["a"]][:200]
    examination, _created = Examination.objects.get_or_create(case=case)
    examination.answers = clean
    examination.place = place[:200]
    examination.mode = mode if mode in ("langsung", "daring") else "langsung"
    examination.save()
    return examination


def add_member(case: Case, member: Employee, role: str) -> TeamMember:
    """A member of the examination team: of the case's agency, not lower than the examinee."""
    if member.agency_id != case.agency_id or member.pk == case.employee_id:
        raise CaseRefused(_("Choose an employee of this agency other than the examinee."))
    if not people.member_may_examine(member, case.employee):
        team = regime_of(case).team
        raise CaseRefused(_("A team member's post may not be lower than the examinee's "
                            "(%(basis)s).") % {"basis": team.required_basis.reference
                                               if team else "-"})
    if case.team.filter(employee=member).exists():
        raise CaseRefused(_("Already in the team."))
    return TeamMember.objects.create(case=case, employee=member, role=role[:30] or "anggota")


def add_statement(case: Case, author: str, text: str, from_employee: bool, now: datetime
                  ) -> Statement:
    text = text.strip()[:8000]
    if not text:
        raise CaseRefused(_("Write the statement."))
    return Statement.objects.create(case=case, author=author[:200], text=text,
                                    from_employee=from_employee, at=now)


def remedy_step(answer: CaseProgress) -> EventKind:
    """What the employee files now: an appeal against dismissal, else an objection."""
    steps = {step.step for step in answer.next_steps}
    return EventKind.APPEAL_FILED if Step.APPEAL in steps else EventKind.OBJECTION_FILED


__all__ = [
    "CaseRefused",
    "Recorded",
    "add_member",
    "add_statement",
    "manages",
    "open_case",
    "openable",
    "record",
    "remedy_step",
    "save_answers",
    "steps_for",
]
