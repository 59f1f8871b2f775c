"""The clean-record statement (Surat Pernyataan Tidak Pernah Dijatuhi Hukuman Disiplin): may a
regional office state, on a given date, that an employee has not been sanctioned?

The caller passes in the date, the employee's sanctions (each with the day it took effect and,
for a sanction with a duration, its last day) and their cases still open on that date; the
rules (what blocks the statement, each with its basis, and how far back it looks) are data
(procedure/sanction_terms.yaml). The answer is `Standing`: clean, or refused with every reason,
each naming the sanction or case. Nothing here reads the clock.

A sanction annulled or revoked on objection or appeal is not a sanction (the caller leaves it
out). `term_end` gives the last day of a sanction that runs for months or years from its TMT.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from pantau.domain.procedure.law import Basis


class Block(StrEnum):
    """Why a statement is refused."""

    IN_FORCE = "in_force"  # a sanction is being served on the date
    IMPOSED = "imposed"  # a sanction was imposed within the look-back period (ended since)
    PENDING = "pending"  # a disciplinary case is open: its outcome is not known yet


@dataclass(frozen=True)
class Term:
    """How long a sanction type runs from its TMT (zero: it has no duration)."""

    years: int = 0
    months: int = 0

    @property
    def months_total(self) -> int:
        return self.years * 12 + self.months


def term_end(start: date, term: Term) -> date | None:
    """The last day of a sanction of `term` that took effect on `start` (None: no duration)."""
    total = term.months_total
    if total <= 0:
        return None
    month_index = start.month - 1 + total
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day) - timedelta(days=1)


@dataclass(frozen=True)
class ServedSanction:
    """A sanction on the employee's record: its case, type, level, decision and term."""

    case: str
    type_id: str
    label: str
    level: str
    decided_on: date
    starts: date | None
    ends: date | None

    def in_force(self, on: date) -> bool:
        """Being served on `on`: from its TMT to its last day. A sanction without a term
        (a reprimand) is recorded, not served."""
        if self.starts is None or self.ends is None:
            return False
        return self.starts <= on <= self.ends


@dataclass(frozen=True)
class OpenCase:
    """A case of the employee not concluded on the date."""

    case: str
    stage: str
    opened_on: date


@dataclass(frozen=True)
class StatementRules:
    """What blocks the statement (each with its basis) and how many years it looks back
    (None: the whole career, as the statement's words say 'never')."""

    blocks: dict[Block, Basis]
    look_back_years: int | None = None


@dataclass(frozen=True)
class Reason:
    """One reason a statement is refused."""

    block: Block
    case: str
    basis: Basis
    sanction: ServedSanction | None = None
    open_case: OpenCase | None = None


@dataclass(frozen=True)
class Standing:
    """The answer: clean, or the reasons it is not."""

    on: date
    reasons: tuple[Reason, ...]

    @property
    def clean(self) -> bool:
        return not self.reasons


def _since(on: date, years: int | None) -> date | None:
    if years is None:
        return None
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February
        return on.replace(year=on.year - years, day=28)


def standing(on: date, sanctions: Iterable[ServedSanction], open_cases: Iterable[OpenCase],
             rules: StatementRules) -> Standing:
    """May the statement be made on `on`? Every reason it may not, sanctions first."""
    reasons: list[Reason] = []
    since = _since(on, rules.look_back_years)
    for item in sorted(sanctions, key=lambda s: (s.decided_on, s.case)):
        if item.decided_on > on:
            continue
        if item.in_force(on) and Block.IN_FORCE in rules.blocks:
            reasons.append(Reason(Block.IN_FORCE, item.case, rules.blocks[Block.IN_FORCE], item))
        elif Block.IMPOSED in rules.blocks and (since is None or item.decided_on >= since):
            reasons.append(Reason(Block.IMPOSED, item.case, rules.blocks[Block.IMPOSED], item))
    if Block.PENDING in rules.blocks:
        for case in sorted(open_cases, key=lambda c: (c.opened_on, c.case)):
            if case.opened_on <= on:
                reasons.append(Reason(Block.PENDING, case.case, rules.blocks[Block.PENDING],
                                      open_case=case))
    return Standing(on, tuple(reasons))


__all__ = ["Block", "OpenCase", "Reason", "ServedSanction", "Standing", "StatementRules",
           "Term", "standing", "term_end"]
