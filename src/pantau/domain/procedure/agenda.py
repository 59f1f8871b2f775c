"""What is due next in a case, by stage: the agenda the state machine answers with.

Internal to `cases.progress`. Each stage names the steps that may come next; `Machine.next_step`
turns a step into a `NextStep` with its actor, deadline and basis, or None where the regime
does not have that step.
"""

from __future__ import annotations

from collections.abc import Callable

from pantau.domain.procedure.authority import Official
from pantau.domain.procedure.machine import Machine
from pantau.domain.procedure.progress import NextStep, Stage
from pantau.domain.procedure.readings import Topic, summons_days
from pantau.domain.procedure.regime import TeamNeed
from pantau.domain.procedure.steps import Role, Step

S = Stage


def next_steps(m: Machine, stage: Stage) -> list[NextStep | None]:
    table: dict[Stage, Callable[[Machine], list[NextStep | None]]] = {
        S.REPORTED: _after_report,
        S.SUMMONED: _after_summons,
        S.SUMMONED_AGAIN: _after_summons,
        S.ABSENT_ONCE: lambda m: [m.next_step(Step.SECOND_SUMMONS, m.missed.get(1))],
        S.ABSENT_TWICE: lambda m: [m.next_step(Step.DECISION_ON_EVIDENCE)],
        S.EXAMINED: _after_examination,
        S.DECIDED: lambda m: [m.next_step(Step.DELIVERY, m.decision.on if m.decision else None)],
        S.DELIVERED: _remedy_window,
        S.IN_FORCE: _remedy_window,
        S.OBJECTED: _after_objection,
        S.APPEALED: _after_appeal,
    }
    handler = table.get(stage)
    return handler(m) if handler else []


def _team_step(m: Machine, only_required: bool) -> NextStep | None:
    team = m.regime.team
    need = team.need(m.level()) if team else TeamNeed.NONE
    if m.team_formed or need is TeamNeed.NONE or (only_required and need is TeamNeed.OPTIONAL):
        return None
    return m.next_step(Step.FORM_TEAM, optional=need is TeamNeed.OPTIONAL,
                       basis=team.basis(m.level()) if team else None)


def _after_report(m: Machine) -> list[NextStep | None]:
    reading = m.use(Topic.SUMMONS_DEADLINE)
    days = summons_days(reading)
    summons = m.next_step(Step.SUMMONS, m.reported_on, days=days, reading=reading)
    return [_team_step(m, only_required=False), summons]


def _after_summons(m: Machine) -> list[NextStep | None]:
    attempt = 1 if m.stage is S.SUMMONED else 2
    letter = m.summons[attempt]
    release = m.regime.release
    steps = [_team_step(m, only_required=True)]
    if release is not None and m.level() in release.levels and not m.released:
        steps.append(m.next_step(Step.TEMPORARY_RELEASE, optional=True))
    team = Role.EXAMINATION_TEAM if m.team_formed else None
    steps.append(m.next_step(Step.EXAMINATION, letter.on, scheduled=letter.scheduled, actor=team))
    return steps


def _after_examination(m: Machine) -> list[NextStep | None]:
    answer = m.authority()
    superior = m.superior_post()
    steps: list[NextStep | None] = []
    if answer is not None and superior is not None and answer.official is not superior \
            and not m.forwarded:
        steps.append(m.next_step(Step.FORWARD_BAP, note=f"kepada {answer.official.value}"))
    steps.append(m.next_step(Step.DECISION))
    return steps


def _remedy_window(m: Machine) -> list[NextStep | None]:
    window = m.window()
    if window is None or m.today > window.last_day:
        return []
    return [m.next_step(window.step, m.received_on, optional=True)]


def _after_objection(m: Machine) -> list[NextStep | None]:
    received = m.remedy.on if m.remedy else None
    note = "" if m.admissible else "surat penetapan tidak dapat diterima"
    if m.decider() is Official.PPK or m.decider() is None:
        return [m.next_step(Step.OBJECTION_DECISION, received, note=note)]
    copy = m.remedy.copy_received if m.remedy and m.remedy.copy_received else received
    steps: list[NextStep | None] = []
    if not m.responded and m.admissible:
        steps.append(m.next_step(Step.OFFICIAL_RESPONSE, copy, official=m.decider()))
    steps.append(m.next_step(Step.SUPERIOR_OBJECTION_DECISION, received, note=note))
    return steps


def _after_appeal(m: Machine) -> list[NextStep | None]:
    received = m.remedy.on if m.remedy else None
    copy = m.remedy.copy_received if m.remedy and m.remedy.copy_received else received
    steps: list[NextStep | None] = []
    if not m.responded and m.admissible:
        steps.append(m.next_step(Step.APPEAL_RESPONSE, copy))
    note = "" if m.admissible else "surat penetapan tidak dapat diterima"
    steps.append(m.next_step(Step.APPEAL_DECISION, received, note=note))
    return steps


__all__ = ["next_steps"]
