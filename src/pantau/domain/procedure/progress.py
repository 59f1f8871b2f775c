"""What the state machine answers about a case: its stage, the next steps, and the flags.

`waiting_working_days` counts, while no summons has been sent, the working days since the
breach was reported to the superior (a breach is not a complaint offence: PP 94/2021 Pasal 28
sanctions a superior who does not summon). `NextStep` says what must happen next, who must act
(a role, resolved to an official where the authority table decides it), by when (the last day
allowed, or None where the law sets no deadline), on what basis, whether it is overdue and how
many working days remain. `Flag` marks something a legal officer must look at (a late step, a
missing team, a sanction outside the allowed range, an objection filed late).
`CaseProgress.to_json` is the plain form for the web.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from pantau.domain.procedure.authority import AuthorityAnswer, Official
from pantau.domain.procedure.law import Basis
from pantau.domain.procedure.readings import Reading
from pantau.domain.procedure.regime import TeamNeed
from pantau.domain.procedure.sanctions import SanctionLevel, SanctionRange
from pantau.domain.procedure.steps import Role, Step


class Stage(StrEnum):
    """Where a case stands."""

    REPORTED = "reported"
    SUMMONED = "summoned"
    ABSENT_ONCE = "absent_once"
    SUMMONED_AGAIN = "summoned_again"
    ABSENT_TWICE = "absent_twice"
    EXAMINED = "examined"
    DECIDED = "decided"
    DELIVERED = "delivered"
    IN_FORCE = "in_force"
    OBJECTED = "objected"
    APPEALED = "appealed"
    FINAL = "final"


@dataclass(frozen=True)
class Flag:
    """Something a legal officer must look at, with a stable code."""

    code: str
    message: str
    basis: Basis | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.basis is not None:
            data["basis"] = self.basis.to_json()
        return data


@dataclass(frozen=True)
class NextStep:
    """A step due next: who, by when, on what basis."""

    step: Step
    actor: Role
    label_id: str
    basis: Basis
    official: Official | None = None
    due: date | None = None
    working_days: int | None = None
    overdue: bool = False
    remaining: int | None = None
    optional: bool = False
    note: str = ""
    reading: Reading | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "step": self.step.value,
            "label": self.label_id,
            "actor": self.actor.value,
            "official": self.official.value if self.official else None,
            "due": self.due.isoformat() if self.due else None,
            "working_days": self.working_days,
            "overdue": self.overdue,
            "remaining_working_days": self.remaining,
            "optional": self.optional,
            "basis": self.basis.to_json(),
            "note": self.note,
            "reading": self.reading.to_json() if self.reading else None,
        }


@dataclass(frozen=True)
class CaseProgress:
    """The state machine's answer for a case on a given day."""

    regime: str
    by_analogy: Basis | None
    stage: Stage
    next_steps: tuple[NextStep, ...]
    flags: tuple[Flag, ...]
    readings: tuple[Reading, ...]
    level: SanctionLevel | None
    team: TeamNeed
    authority: AuthorityAnswer | None
    allowed: SanctionRange | None
    decided: str | None
    effective_sanction: str | None
    in_force_on: date | None
    known_since: date | None
    unverified: tuple[Basis, ...]
    waiting_working_days: int | None = None
    recorded_stage: Stage | None = None  # the stage the last event left (before time passes)

    @property
    def flag_codes(self) -> tuple[str, ...]:
        return tuple(flag.code for flag in self.flags)

    @property
    def overdue(self) -> tuple[NextStep, ...]:
        return tuple(step for step in self.next_steps if step.overdue)

    def to_json(self) -> dict[str, Any]:
        return {
            "regime": self.regime,
            "by_analogy": self.by_analogy.to_json() if self.by_analogy else None,
            "stage": self.stage.value,
            "next": [step.to_json() for step in self.next_steps],
            "flags": [flag.to_json() for flag in self.flags],
            "readings": [reading.to_json() for reading in self.readings],
            "level": self.level.value if self.level else None,
            "team": self.team.value,
            "authority": _authority(self.authority),
            "allowed": _allowed(self.allowed),
            "decided": self.decided,
            "effective_sanction": self.effective_sanction,
            "in_force_on": self.in_force_on.isoformat() if self.in_force_on else None,
            "known_since": self.known_since.isoformat() if self.known_since else None,
            "waiting_working_days": self.waiting_working_days,
            "unverified": [basis.to_json() for basis in self.unverified],
        }


def _authority(answer: AuthorityAnswer | None) -> dict[str, Any] | None:
    if answer is None:
        return None
    return {"official": answer.official.value, "basis": answer.basis,
            "passed_over": [item.value for item in answer.passed_over]}


def _allowed(allowed: SanctionRange | None) -> dict[str, Any] | None:
    if allowed is None:
        return None
    return {"level": allowed.level.value, "types": list(allowed.type_ids),
            "basis": allowed.basis, "exhausted": allowed.exhausted}


__all__ = ["CaseProgress", "Flag", "NextStep", "Stage"]
