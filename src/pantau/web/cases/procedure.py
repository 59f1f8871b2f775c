"""A stored case as the domain's `CaseFile`, and where it stands: `progress(case, today)` runs
the state machine of pantau.domain.procedure on the recorded events, with the agency's
procedure data and calendar. The history of the employee's earlier sanctions (any case) makes
repeat offences heavier and refuses a breach sanctioned twice."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from pantau.domain.employees import EmployeeType, PositionLevel
from pantau.domain.procedure.authority import Official
from pantau.domain.procedure.cases import progress as fold
from pantau.domain.procedure.events import CaseEvent, CaseFile, EventKind, PastSanction
from pantau.domain.procedure.progress import CaseProgress, Stage
from pantau.domain.procedure.regime import Regime
from pantau.domain.procedure.remedies import Outcome
from pantau.domain.procedure.steps import Role as Actor
from pantau.rules.calendars import load_calendar
from pantau.rules.procedure import load_procedure
from pantau.web.cases.models import Case, Event

SANCTIONING = (EventKind.DECIDED, EventKind.OBJECTION_DECIDED, EventKind.APPEAL_DECIDED)


def events_of(case: Case) -> tuple[CaseEvent, ...]:
    return tuple(CaseEvent.from_json(row.data) for row in case.events.order_by("seq"))


def history(case: Case) -> tuple[PastSanction, ...]:
    """The sanctions decided on this employee in their other cases, the last word of each: a
    sanction revoked or annulled on objection or appeal is no earlier sanction (PP 79/2021)."""
    found = []
    others = Case.objects.filter(employee_id=case.employee_id).exclude(pk=case.pk)
    for other in others.prefetch_related("events", "findings"):
        words = [row for row in other.events.all() if row.kind in SANCTIONING]
        if words and _removes(words[-1]):
            continue
        decided = [row for row in words if row.data.get("sanction")]
        if not decided:
            continue
        last = decided[-1]
        natures = frozenset(f.nature for f in other.findings.all())
        breaches = frozenset(f"report-{f.report_id}" for f in other.findings.all())
        found.append(PastSanction(str(last.data["sanction"]), last.on, natures, breaches))
    return tuple(found)


def _removes(row: Event) -> bool:
    """Whether a ruling on a remedy took the sanction away."""
    try:
        return Outcome(str(row.data.get("outcome") or "")).removes_sanction
    except ValueError:
        return False


def case_file(case: Case, extra: CaseEvent | None = None) -> CaseFile:
    events = events_of(case) + ((extra,) if extra is not None else ())
    return CaseFile(
        employee_type=EmployeeType(case.employee_type),
        events=events,
        position=PositionLevel(case.position) if case.position else None,
        superior=Official(case.superior_post) if case.superior_post else None,
        vacant=frozenset(Official(post) for post in case.vacant),
        history=history(case),
    )


def regime_of(case: Case) -> Regime:
    return load_procedure(case.agency_id).regime_for(EmployeeType(case.employee_type))


def progress(case: Case, today: date, extra: CaseEvent | None = None) -> CaseProgress:
    """Where the case stands on `today` (with `extra` recorded, to try it first)."""
    return fold(case_file(case, extra), load_procedure(case.agency_id),
                load_calendar(case.agency_id), today)


def progress_before_last(case: Case, today: date) -> CaseProgress:
    """Where the case stood before its last recorded step (who was to take that step)."""
    whole = case_file(case)
    return fold(replace(whole, events=whole.events[:-1]), load_procedure(case.agency_id),
                load_calendar(case.agency_id), today)


def remember(case: Case, answer: CaseProgress, today: date, *, quiet: bool = False) -> None:
    """Keep what lists sort and filter by: stage, next deadline, overdue, flags, who acts
    next, and the day this was worked out (`refresh` works it out again a day later).

    The deadline and lateness are the ones someone must meet: the employee's own optional
    steps (an objection they may file) neither make a case due nor late. `quiet` stores them
    without an audit entry: derived again from the recorded (and audited) steps, they are no
    one's change."""
    owed = [step for step in answer.next_steps if step.actor is not Actor.EMPLOYEE]
    dues = [step.due for step in owed if step.due is not None and not step.optional]
    fields = {
        "stage": answer.stage.value,
        "next_due": min(dues) if dues else None,
        "overdue": any(step.overdue and not step.optional for step in owed),
        "flags": ",".join(sorted(set(answer.flag_codes)))[:400],
        "regime": answer.regime,
        "decided": answer.effective_sanction or answer.decided or "",
        "next_actors": ",".join(sorted({
            f"{step.actor.value}:{step.official.value if step.official else ''}"
            for step in owed}))[:300],
        "checked_on": today,
    }
    for name, value in fields.items():
        setattr(case, name, value)
    if quiet:
        Case.objects.filter(pk=case.pk).update(**fields)
    else:
        case.save()


def refresh(cases: QuerySet[Case], today: date) -> int:
    """Work out again the open cases of `cases` not worked out today: time alone moves a case
    (an objection window closes, a sanction comes into force, a deadline passes). Each case at
    most once a day; how many were refreshed."""
    stale = cases.exclude(stage=Stage.FINAL.value).filter(
        Q(checked_on__isnull=True) | Q(checked_on__lt=today))
    done = 0
    for case in stale.select_related("employee"):
        remember(case, progress(case, today), today, quiet=True)
        done += 1
    return done


def last_event(case: Case, kind: EventKind) -> Event | None:
    return case.events.filter(kind=kind.value).order_by("-seq").first()


def sanction_label(case: Case, type_id: str) -> dict[str, Any]:
    found = regime_of(case).catalogue.find(type_id)
    return {"id": found.id, "label": found.label_id, "basis": str(found.basis),
            "level": found.level.value}


__all__ = ["case_file", "events_of", "history", "last_event", "progress", "regime_of",
           "remember", "sanction_label"]
