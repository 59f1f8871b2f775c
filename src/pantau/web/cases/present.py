"""A case as its page and its JSON twin show it: where it stands, what is next, who must act by
name and by when (coloured as the deadline nears), the allowed sanctions, the timeline, the
letters, the examination, the team and the statements."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pantau.domain.access import Action
from pantau.domain.procedure.cases import may_follow
from pantau.domain.procedure.events import EventKind
from pantau.domain.procedure.progress import CaseProgress, NextStep, Stage
from pantau.domain.procedure.steps import Step
from pantau.web.access.scope import Scope
from pantau.web.cases import people
from pantau.web.cases.models import Case
from pantau.web.cases.procedure import progress, regime_of, sanction_label
from pantau.web.cases.services import remedy_step, steps_for
from pantau.web.registry.models import Employee

NEAR_WORKING_DAYS = 3  # yellow from this many working days before a deadline (the ask)

STAGES = {
    Stage.REPORTED: _("waiting for the summons"),
    Stage.SUMMONED: _("summoned"),
    Stage.ABSENT_ONCE: _("absent once"),
    Stage.SUMMONED_AGAIN: _("summoned again"),
    Stage.ABSENT_TWICE: _("absent twice: decision on the evidence"),
    Stage.EXAMINED: _("examined"),
    Stage.DECIDED: _("decided"),
    Stage.DELIVERED: _("delivered"),
    Stage.IN_FORCE: _("in force"),
    Stage.OBJECTED: _("objection filed"),
    Stage.APPEALED: _("appeal filed"),
    Stage.FINAL: _("final"),
}
EVENTS = {
    EventKind.REPORTED: _("Confirmed finding reported"),
    EventKind.SUMMONED: _("Summons sent"),
    EventKind.ABSENT: _("Did not come"),
    EventKind.TEAM_FORMED: _("Examination team formed"),
    EventKind.RELEASED: _("Temporarily released from duty"),
    EventKind.EXAMINED: _("Examined (BAP signed)"),
    EventKind.BAP_FORWARDED: _("BAP forwarded up the line"),
    EventKind.OFFICIAL_FAILED: _("Authorised official failed to act"),
    EventKind.DECIDED: _("Decision signed"),
    EventKind.DELIVERED: _("Decision delivered"),
    EventKind.OBJECTION_FILED: _("Objection filed"),
    EventKind.OFFICIAL_RESPONDED: _("Official answered the objection"),
    EventKind.OBJECTION_DECIDED: _("Objection decided"),
    EventKind.APPEAL_FILED: _("Appeal filed"),
    EventKind.APPEAL_RESPONDED: _("PPK answered the appeal"),
    EventKind.APPEAL_DECIDED: _("Appeal decided"),
}
OUTCOMES = {
    "uphold": _("uphold"), "lighten": _("lighten"), "make_heavier": _("make heavier"),
    "change": _("change"), "revoke": _("revoke"), "annul": _("annul"),
    "not_admissible": _("not admissible (tidak dapat diterima)"),
}


def colour(step: NextStep) -> str:
    """green; yellow within NEAR_WORKING_DAYS working days; red overdue; none without one."""
    if step.due is None:
        return "none"
    if step.overdue:
        return "red"
    if step.remaining is not None and step.remaining <= NEAR_WORKING_DAYS:
        return "yellow"
    return "green"


def case_colour(case: Case, today: date) -> str:
    """The colour of a listed case from its stored next deadline (no fold per row)."""
    if case.next_due is None:
        return "none"
    if case.next_due < today:
        return "red"
    from pantau.rules.calendars import load_calendar

    left = load_calendar(case.agency_id).count_working_days(today, case.next_due)
    return "yellow" if left <= NEAR_WORKING_DAYS else "green"


def case_row(case: Case, today: date) -> dict[str, Any]:
    stage = Stage(case.stage) if case.stage else Stage.REPORTED
    return {
        "id": case.pk, "number": case.number, "url": reverse("case-detail", args=[case.pk]),
        "agency": case.agency_id, "employee": case.employee.name,
        "unit": case.employee.unit.name, "employee_type": case.employee_type,
        "stage": stage.value, "stage_label": str(STAGES[stage]),
        "next_due": case.next_due.isoformat() if case.next_due else None,
        "colour": case_colour(case, today),
        "flags": [flag for flag in case.flags.split(",") if flag],
        "sanction": case.decided, "opened": case.opened_at.isoformat(),
    }


def _person(scope: Scope, person: people.Person | None) -> dict[str, Any] | None:
    """A person who must act, their NIP in full only to a reader who may see it in full (the
    employee sees their superior's name and post, as on their own registry page)."""
    if person is None:
        return None
    shown = person.to_json()
    record = Employee.objects.filter(pk=person.employee_id).first() if person.employee_id \
        else None
    if shown.get("nip") and (record is None or not scope.shows_full_nip(record)):
        shown["nip"] = _masked(shown["nip"])
    return shown


def _next(scope: Scope, case: Case, answer: CaseProgress, today: date
          ) -> list[dict[str, Any]]:
    team = [m.employee for m in case.team.select_related("employee").order_by("pk")]
    rows = []
    for step in answer.next_steps:
        who = people.actor(case.employee, step.actor.value,
                           step.official.value if step.official else None, today, team)
        rows.append(step.to_json() | {"who": _person(scope, who), "colour": colour(step)})
    return rows


def _allowed(case: Case, answer: CaseProgress) -> list[dict[str, Any]]:
    if answer.allowed is None:
        return []
    return [sanction_label(case, type_id) for type_id in answer.allowed.type_ids]


def _outcome_types(case: Case) -> list[dict[str, Any]]:
    catalogue = regime_of(case).catalogue
    return [sanction_label(case, type_id) for type_id in catalogue.known_types()]


def remedy_window(case: Case, answer: CaseProgress, today: date) -> dict[str, Any] | None:
    """The objection (or, against dismissal, appeal) window after delivery: its last day,
    shown to the employee even once it has passed."""
    from pantau.domain.procedure.steps import deadline
    from pantau.rules.calendars import load_calendar

    delivered = case.events.filter(kind=EventKind.DELIVERED.value).order_by("-seq").first()
    regime = regime_of(case)
    if delivered is None or answer.decided is None or regime.remedies is None:
        return None
    step = Step.APPEAL if answer.decided in regime.remedies.appealable else Step.OBJECTION
    rule = regime.rule(step)
    if rule is None or rule.working_days is None:
        return None
    due = deadline(rule, delivered.on, load_calendar(case.agency_id))
    return {"step": step.value, "last_day": due.last_day.isoformat(),
            "working_days": due.working_days, "basis": str(rule.basis),
            "open": today <= due.last_day}


def case_detail(scope: Scope, case: Case, today: date) -> dict[str, Any]:
    answer = progress(case, today)
    employee = case.employee
    may = steps_for(scope, case)
    follow = [kind for kind in may_follow(answer.recorded_stage) if kind in may]
    authority = None
    if answer.authority is not None:
        person = people.official(employee, answer.authority.official, today)
        authority = {"official": answer.authority.official.value, "basis": answer.authority.basis,
                     "person": _person(scope, person),
                     "passed_over": [item.value for item in answer.authority.passed_over]}
    documents = [{
        "id": doc.pk, "kind": doc.kind, "version": doc.version, "number": doc.number,
        "made": doc.created_at.isoformat(), "by": doc.created_by,
        "docx": reverse("case-document", args=[case.pk, doc.pk, "docx"]),
        "pdf": reverse("case-document", args=[case.pk, doc.pk, "pdf"]) if doc.pdf else None,
        "pdf_sha256": doc.pdf_sha256 or None, "pdf_error": doc.pdf_error or None,
    } for doc in case.documents.order_by("created_at", "pk")]
    examination = getattr(case, "examination", None)
    manager = EventKind.SUMMONED in may  # every manager may summon; the employee may not
    return {
        "id": case.pk, "number": case.number, "agency": case.agency_id,
        "employee": {"id": employee.pk, "name": employee.name,
                     "nip": employee.nip if scope.shows_full_nip(employee)
                     else _masked(employee.nip),
                     "position": employee.position, "unit": employee.unit.name,
                     "type": case.employee_type},
        "stage": answer.stage.value, "stage_label": str(STAGES[answer.stage]),
        "progress": answer.to_json(),
        "next": _next(scope, case, answer, today),
        "authority": authority,
        "allowed": _allowed(case, answer),
        "decided": sanction_label(case, answer.decided) if answer.decided else None,
        "effective": sanction_label(case, answer.effective_sanction)
        if answer.effective_sanction else None,
        "in_force_on": answer.in_force_on.isoformat() if answer.in_force_on else None,
        "findings": [{"report": f.report_id, "level": f.level, "nature": f.nature,
                      "url": reverse("review-detail", args=[f.report_id]) if manager else None}
                     for f in case.findings.order_by("pk")],
        "timeline": [{"seq": row.seq, "kind": row.kind, "label": str(EVENTS[EventKind(row.kind)]),
                      "on": row.on.isoformat(), "by": row.recorded_by,
                      "at": row.recorded_at.isoformat(), "data": row.data}
                     for row in case.events.order_by("seq")],
        "documents": documents,
        "examination": {"place": examination.place, "mode": examination.mode,
                        "answers": examination.answers} if examination else None,
        "team": [{"id": m.pk, "name": m.employee.name, "position": m.employee.position,
                  "role": m.role} for m in case.team.select_related("employee")],
        "statements": [{"author": s.author, "from_employee": s.from_employee, "text": s.text,
                        "at": s.at.isoformat()} for s in case.statements.all()],
        "remedy_window": remedy_window(case, answer, today),
        "may_record": [kind.value for kind in follow],
        "may_manage": manager,
        "types": _outcome_types(case) if manager else [],
        "may_file": remedy_step(answer).value
        if scope.employee_id == employee.pk and any(
            kind in EMPLOYEE_KINDS for kind in follow) else None,
        "may_view_cases": scope.can(Action.VIEW_CASES, case.agency_id),
    }


EMPLOYEE_KINDS = (EventKind.OBJECTION_FILED, EventKind.APPEAL_FILED)


def _masked(nip: str | None) -> str:
    from pantau.domain.employees import mask_nip

    return (mask_nip(nip) or "") if nip else ""


def outcome_choices() -> list[tuple[str, str]]:
    return [(key, str(value)) for key, value in OUTCOMES.items()]


def event_label(kind: str) -> str:
    return str(EVENTS[EventKind(kind)])


__all__ = ["STAGES", "case_colour", "case_detail", "case_row", "colour", "event_label",
           "outcome_choices"]
