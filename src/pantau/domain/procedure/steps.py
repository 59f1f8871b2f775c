"""The steps of a disciplinary procedure, who takes them, and their deadlines.

`Step` and `Role` are the vocabulary of the state machine; which steps a regime has, who must
act, how many working days they have and on what legal basis is data (`StepRule`, from the
regime YAML). A deadline is the last day allowed: N working days of the agency's calendar
after the start date, the start date itself not counted (as `calendar add-working-days`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol

from pantau.domain.errors import InputError
from pantau.domain.procedure.law import Basis


class Step(StrEnum):
    """Every step the state machine knows, in procedural order."""

    SUMMONS = "summons"
    FORM_TEAM = "form_team"
    EXAMINATION = "examination"
    SECOND_SUMMONS = "second_summons"
    TEMPORARY_RELEASE = "temporary_release"
    FORWARD_BAP = "forward_bap"
    DECISION = "decision"
    DECISION_ON_EVIDENCE = "decision_on_evidence"
    DELIVERY = "delivery"
    OBJECTION = "objection"
    OBJECTION_DECISION = "objection_decision"
    OFFICIAL_RESPONSE = "official_response"
    SUPERIOR_OBJECTION_DECISION = "superior_objection_decision"
    APPEAL = "appeal"
    APPEAL_RESPONSE = "appeal_response"
    APPEAL_DECISION = "appeal_decision"


class Role(StrEnum):
    """Who must act at a step; the web resolves the person (acting officials count)."""

    DIRECT_SUPERIOR = "direct_superior"
    AUTHORISED_OFFICIAL = "authorised_official"
    OFFICIAL_SUPERIOR = "official_superior"
    PPK = "ppk"
    EXAMINATION_TEAM = "examination_team"
    EMPLOYEE = "employee"
    BPASN = "bpasn"
    PERSONNEL_OFFICE = "personnel_office"
    UNIT_HEAD = "unit_head"


class WorkingDays(Protocol):
    """The part of an agency calendar that deadlines need (AgencyCalendar has it)."""

    def add_working_days(self, day: date, n: int) -> date: ...

    def count_working_days(self, start: date, end: date) -> int: ...


@dataclass(frozen=True)
class StepRule:
    """A step of a regime: who acts, within how many working days of what, on what basis.

    `working_days` is None where the regime sets no deadline; `reading` names the unsettled
    point whose agency-chosen reading supplies one (e.g. the summons).
    """

    step: Step
    actor: Role
    label_id: str
    basis: Basis
    working_days: int | None = None
    counts_from: str = ""
    reading: str | None = None


@dataclass(frozen=True)
class Deadline:
    """The last day allowed for a step."""

    step: Step
    start: date
    last_day: date
    working_days: int
    basis: Basis

    def overdue(self, today: date) -> bool:
        return today > self.last_day

    def remaining(self, calendar: WorkingDays, today: date) -> int:
        """Working days left after `today` up to the last day (negative once overdue)."""
        return calendar.count_working_days(today, self.last_day)

    def to_json(self) -> dict[str, object]:
        """The SPEC §5.3 answer of `pantau case deadline`."""
        return {
            "step": self.step.value,
            "from": self.start.isoformat(),
            "deadline": self.last_day.isoformat(),
            "working_days": self.working_days,
            "basis": self.basis.reference,
        }


def deadline(
    rule: StepRule, start: date, calendar: WorkingDays, days: int | None = None
) -> Deadline:
    """The deadline of a step counted from `start`; `days` overrides the rule's count."""
    count = rule.working_days if days is None else days
    if count is None:
        raise InputError(f"step {rule.step.value} has no deadline in working days")
    return Deadline(rule.step, start, calendar.add_working_days(start, count), count, rule.basis)


def parse_step(value: str, accepted: tuple[Step, ...]) -> Step:
    """One of `accepted` by identifier; InputError listing them otherwise."""
    for step in accepted:
        if step.value == value:
            return step
    names = ", ".join(step.value for step in accepted) or "none (no step has a known deadline)"
    raise InputError(f"unknown step {value!r}; accepted steps: {names}")


__all__ = ["Deadline", "Role", "Step", "StepRule", "WorkingDays", "deadline", "parse_step"]
