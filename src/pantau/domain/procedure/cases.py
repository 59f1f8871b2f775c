"""The case state machine: a pure function of a case's recorded events.

    reported → summoned (1) → examined → decided → delivered → in force / final
                  └ absent → summoned (2) → examined
                                 └ absent → decided on the evidence (no examination)
    delivered → objection_filed → objection_decided → final
              → appeal_filed (dismissal only) → appeal_decided → final

`progress(case, procedure, calendar, today)` folds the events in order and answers the stage,
the next steps (who, by when, on what basis, overdue or not), the flags, the allowed sanction
range and the authorised official. An event out of order raises ProcedureError (the web refuses
to record it); a step taken late is recorded and flagged. Deadlines, actors and bases come from
the regime data; unsettled points from the agency's readings, each reported as used.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from pantau.domain.errors import InputError, ProcedureError
from pantau.domain.procedure.agenda import next_steps
from pantau.domain.procedure.events import CaseEvent, CaseFile, EventKind
from pantau.domain.procedure.law import Basis
from pantau.domain.procedure.machine import Machine
from pantau.domain.procedure.progress import CaseProgress, Stage
from pantau.domain.procedure.readings import Topic, in_force_on, summons_days
from pantau.domain.procedure.regime import AgencyProcedure, TeamNeed
from pantau.domain.procedure.remedies import effective_after, outcome_problems
from pantau.domain.procedure.steps import Step, WorkingDays, deadline

S = Stage
_FROM: dict[EventKind, frozenset[Stage | None]] = {
    EventKind.REPORTED: frozenset({None}),
    EventKind.SUMMONED: frozenset({S.REPORTED, S.ABSENT_ONCE}),
    EventKind.ABSENT: frozenset({S.SUMMONED, S.SUMMONED_AGAIN}),
    EventKind.TEAM_FORMED: frozenset({S.REPORTED, S.SUMMONED, S.ABSENT_ONCE, S.SUMMONED_AGAIN}),
    EventKind.RELEASED: frozenset({S.SUMMONED, S.SUMMONED_AGAIN, S.EXAMINED}),
    EventKind.EXAMINED: frozenset({S.SUMMONED, S.SUMMONED_AGAIN}),
    EventKind.BAP_FORWARDED: frozenset({S.EXAMINED}),
    EventKind.OFFICIAL_FAILED: frozenset({S.EXAMINED, S.ABSENT_TWICE}),
    EventKind.DECIDED: frozenset({S.EXAMINED, S.ABSENT_TWICE}),
    EventKind.DELIVERED: frozenset({S.DECIDED}),
    EventKind.OBJECTION_FILED: frozenset({S.DELIVERED}),
    EventKind.OFFICIAL_RESPONDED: frozenset({S.OBJECTED}),
    EventKind.OBJECTION_DECIDED: frozenset({S.OBJECTED}),
    EventKind.APPEAL_FILED: frozenset({S.DELIVERED}),
    EventKind.APPEAL_RESPONDED: frozenset({S.APPEALED}),
    EventKind.APPEAL_DECIDED: frozenset({S.APPEALED}),
}


def may_follow(stage: Stage | None) -> tuple[EventKind, ...]:
    """The events that may be recorded on a case whose last event left it in `stage`
    (`CaseProgress.recorded_stage`), in procedural order."""
    return tuple(kind for kind in EventKind if stage in _FROM[kind])


def progress(
    case: CaseFile, procedure: AgencyProcedure, calendar: WorkingDays, today: date
) -> CaseProgress:
    """Where the case stands on `today`, and what is next."""
    machine = Machine(case, procedure, calendar, today)
    if not case.events or case.events[0].kind is not EventKind.REPORTED:
        raise ProcedureError("a case starts with a 'reported' event (the confirmed finding)")
    previous: date | None = None
    for number, event in enumerate(case.events, start=1):
        if previous is not None and event.on < previous:
            raise ProcedureError(
                f"event {number} ({event.kind.value}, {event.on}) is dated before the event "
                f"recorded before it ({previous}); record events in the order they happened"
            )
        _apply(machine, event, number)
        previous = event.on
    return _answer(machine)


def _apply(machine: Machine, event: CaseEvent, number: int) -> None:
    allowed = _FROM[event.kind]
    if machine.stage not in allowed:
        now = machine.stage.value if machine.stage else "a new case"
        raise ProcedureError(
            f"event {number} ({event.kind.value}) cannot follow {now}; it may follow: "
            + ", ".join(sorted(stage.value if stage else "nothing" for stage in allowed))
        )
    _HANDLERS[event.kind](machine, event)


# ----- handlers ----------------------------------------------------------------------------
def _reported(m: Machine, event: CaseEvent) -> None:
    if not event.breaches:
        raise InputError("the 'reported' event needs at least one breach with its level")
    m.breaches = event.breaches
    m.reported_on = event.on
    twice = m.sanctioned_before()
    if twice:
        m.flag("double_sanction", f"already sanctioned: {', '.join(twice)}",
               m.regime.catalogue.rules.no_double_sanction)
    m.stage = S.REPORTED


def _summoned(m: Machine, event: CaseEvent) -> None:
    expected = 1 if m.stage is S.REPORTED else 2
    if event.attempt not in (None, expected):
        raise ProcedureError(f"this summons is attempt {expected}, not {event.attempt}")
    m.summons[expected] = event
    if expected == 1:
        _check_summons_date(m, event)
    else:
        m.check_deadline(Step.SECOND_SUMMONS, m.missed[1], event.on, "second_summons_late")
    if event.scheduled is not None:
        m.check_deadline(Step.EXAMINATION, event.on, event.scheduled, "examination_beyond_limit")
    m.stage = S.SUMMONED if expected == 1 else S.SUMMONED_AGAIN


def _check_summons_date(m: Machine, event: CaseEvent) -> None:
    reading = m.use(Topic.SUMMONS_DEADLINE)
    days = summons_days(reading)
    rule = m.regime.rule(Step.SUMMONS)
    if days is not None and rule is not None and m.reported_on is not None:
        due = deadline(rule, m.reported_on, m.calendar, days)
        if event.on > due.last_day:
            m.flag("summons_late", f"summons dated {event.on}, after {due.last_day}",
                   reading.basis)


def _absent(m: Machine, event: CaseEvent) -> None:
    attempt = 1 if m.stage is S.SUMMONED else 2
    m.missed[attempt] = event.on
    m.stage = S.ABSENT_ONCE if attempt == 1 else S.ABSENT_TWICE


def _team_formed(m: Machine, event: CaseEvent) -> None:
    m.team_formed = True


def _released(m: Machine, event: CaseEvent) -> None:
    m.released = True
    rule = m.regime.release
    if rule is None or m.level() not in rule.levels:
        m.flag("release_not_allowed",
               f"temporary release is allowed only where a {_levels(rule)} sanction is likely",
               rule.basis if rule else None)


def _examined(m: Machine, event: CaseEvent) -> None:
    if event.breaches:
        m.breaches = event.breaches
    team = m.regime.team
    if team is not None and team.need(m.level()) is TeamNeed.REQUIRED and not m.team_formed:
        m.flag("team_required", f"a {m.level().value} breach must be examined by a team",
               team.required_basis)
    m.examined_on = event.on
    m.stage = S.EXAMINED


def _forwarded(m: Machine, event: CaseEvent) -> None:
    m.forwarded = True


def _failed(m: Machine, event: CaseEvent) -> None:
    if event.official is None:
        raise InputError("'official_failed' needs the official who failed to act")
    m.failed.add(event.official)
    table = m.table()
    m.flag("official_failed", f"{event.official.value} failed to act; the authority passes up",
           table.failure if table else None)


def _decided(m: Machine, event: CaseEvent) -> None:
    if not event.sanction:
        raise InputError("'decided' needs the sanction type")
    twice = m.sanctioned_before()
    if twice:
        raise ProcedureError(
            f"breach {', '.join(twice)} was sanctioned before; one breach is never sanctioned "
            f"twice ({m.regime.catalogue.rules.no_double_sanction})"
        )
    allowed = m.allowed()
    if allowed is not None and not allowed.allows(event.sanction):
        m.flag("sanction_out_of_range",
               f"{event.sanction} is outside the allowed range: {', '.join(allowed.type_ids)}",
               allowed.bases[-1] if allowed.bases else None)
    _check_official(m, event)
    m.decision = event
    m.stage = S.DECIDED


def _check_official(m: Machine, event: CaseEvent) -> None:
    """The official who set the decision must hold the power for the type's level."""
    table, position = m.table(), m.case.position
    if event.official is None or table is None or position is None:
        return
    level = m.regime.catalogue.find(event.sanction or "").level
    if table.grant(event.official, position, level) is not None:
        return
    answer = table.authority(position, level, m.case.vacant, m.failed)
    if event.official is not answer.official:
        m.flag("not_authorised",
               f"{event.official.value} may not impose {level.value} on {position.value}; "
               f"the authorised official is {answer.official.value}", answer.grant.basis)


def _delivered(m: Machine, event: CaseEvent) -> None:
    decided = m.decision.on if m.decision else event.on
    m.check_deadline(Step.DELIVERY, decided, event.on, "delivery_late")
    m.received_on = event.on
    m.stage = S.DELIVERED


def _remedy_filed(m: Machine, event: CaseEvent) -> None:
    step = Step.OBJECTION if event.kind is EventKind.OBJECTION_FILED else Step.APPEAL
    window = m.window()
    remedies = m.regime.remedies
    remedy = None if remedies is None else (
        remedies.objection if step is Step.OBJECTION else remedies.appeal)
    name = step.value
    if window is None or window.step is not step:
        m.admissible = False
        m.flag(f"{name}_out_of_scope", f"no {name} lies against {m.sanction()}",
               remedy.out_of_scope if remedy else None)
    elif event.on > window.last_day:
        m.admissible = False
        m.flag(f"{name}_late", f"{name} received {event.on}, after {window.last_day}",
               remedy.late if remedy else None)
    m.remedy = event
    m.stage = S.OBJECTED if step is Step.OBJECTION else S.APPEALED


def _responded(m: Machine, event: CaseEvent) -> None:
    m.responded = True


def _remedy_decided(m: Machine, event: CaseEvent) -> None:
    remedies = m.regime.remedies
    if event.outcome is None or remedies is None:
        raise InputError(f"'{event.kind.value}' needs an outcome")
    remedy = remedies.objection if m.stage is S.OBJECTED else remedies.appeal
    for problem in outcome_problems(event.outcome, remedy, m.admissible, m.regime.catalogue,
                                    m.sanction(), event.sanction):
        m.flag("outcome_mismatch", problem, remedy.outcomes_basis)
    m.ruling = event
    m.stage = S.FINAL


_HANDLERS: dict[EventKind, Callable[[Machine, CaseEvent], None]] = {
    EventKind.REPORTED: _reported,
    EventKind.SUMMONED: _summoned,
    EventKind.ABSENT: _absent,
    EventKind.TEAM_FORMED: _team_formed,
    EventKind.RELEASED: _released,
    EventKind.EXAMINED: _examined,
    EventKind.BAP_FORWARDED: _forwarded,
    EventKind.OFFICIAL_FAILED: _failed,
    EventKind.DECIDED: _decided,
    EventKind.DELIVERED: _delivered,
    EventKind.OBJECTION_FILED: _remedy_filed,
    EventKind.OFFICIAL_RESPONDED: _responded,
    EventKind.OBJECTION_DECIDED: _remedy_decided,
    EventKind.APPEAL_FILED: _remedy_filed,
    EventKind.APPEAL_RESPONDED: _responded,
    EventKind.APPEAL_DECIDED: _remedy_decided,
}


def _levels(rule: object) -> str:
    levels = getattr(rule, "levels", ())
    return "/".join(sorted(level.value for level in levels)) or "(none)"


# ----- the answer --------------------------------------------------------------------------
def _answer(m: Machine) -> CaseProgress:
    stage = _stage(m)
    steps = tuple(step for step in next_steps(m, stage) if step is not None)
    if not steps and stage not in (S.FINAL, S.IN_FORCE, S.DELIVERED):
        m.flag("regime_silent", f"{m.regime.id} names no step after {stage.value}", None)
    team = m.regime.team.need(m.level()) if m.regime.team else TeamNeed.NONE
    authority, allowed, in_force = m.authority(), m.allowed(), _in_force(m)
    return CaseProgress(
        regime=m.regime.id,
        by_analogy=m.regime.analogy,
        stage=stage,
        next_steps=steps,
        flags=tuple(m.flags),
        readings=tuple(m.used[topic] for topic in Topic if topic in m.used),
        level=m.level(),
        team=team,
        authority=authority,
        allowed=allowed,
        decided=m.decision.sanction if m.decision else None,
        effective_sanction=_effective(m),
        in_force_on=in_force,
        known_since=m.reported_on,
        unverified=_unverified(m),
        waiting_working_days=_waiting(m, stage),
        recorded_stage=m.stage,
    )


def _waiting(m: Machine, stage: Stage) -> int | None:
    if stage is not S.REPORTED or m.reported_on is None:
        return None
    return max(m.calendar.count_working_days(m.reported_on, m.today), 0)


def _stage(m: Machine) -> Stage:
    stage = m.stage or S.REPORTED
    if stage is not S.DELIVERED:
        return stage
    window, start = m.window(), _in_force(m)
    if window is not None and m.today <= window.last_day:
        return S.IN_FORCE if start is not None and m.today >= start else S.DELIVERED
    return S.FINAL if start is not None and m.today >= start else S.DELIVERED


def _effective(m: Machine) -> str | None:
    if m.decision is None:
        return None
    if m.ruling is None or m.ruling.outcome is None or not m.admissible:
        return m.sanction()
    return effective_after(m.ruling.outcome, m.sanction(), m.ruling.sanction)


def _in_force(m: Machine) -> date | None:
    if m.ruling is not None and m.admissible:
        return m.ruling.on if _effective(m) is not None else None
    if m.received_on is None:
        return None
    if m.regime.in_force is None:
        return m.received_on
    window = m.window()
    reading = m.use(Topic.IN_FORCE)
    return in_force_on(reading, m.received_on, m.calendar,
                       window.last_day if window else None)


def _unverified(m: Machine) -> tuple[Basis, ...]:
    found = {basis.reference: basis for basis in m.regime.unverified()}
    for reading in m.used.values():
        if reading.basis.unverified:
            found.setdefault(reading.basis.reference, reading.basis)
    return tuple(found.values())


__all__ = ["may_follow", "progress"]
