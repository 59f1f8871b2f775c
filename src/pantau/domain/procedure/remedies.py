"""Administrative remedies: objection (keberatan) and appeal (banding administratif).

What each remedy covers, the ruling on a late or out-of-scope filing and the outcomes a decider
may reach are data (the regime YAML cites them). This module checks an outcome against the
sanction it rules on: lightening must give a lighter type, making heavier a heavier one,
changing a different one; revoking or annulling leaves no sanction.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from pantau.domain.procedure.law import Basis
from pantau.domain.procedure.sanctions import SanctionCatalogue, lighter


class Outcome(StrEnum):
    """What the decider on a remedy may do with the decision."""

    UPHOLD = "uphold"
    LIGHTEN = "lighten"
    MAKE_HEAVIER = "make_heavier"
    CHANGE = "change"
    REVOKE = "revoke"
    ANNUL = "annul"
    NOT_ADMISSIBLE = "not_admissible"

    @property
    def label_id(self) -> str:
        return _LABELS[self]

    @property
    def needs_new_type(self) -> bool:
        return self in (Outcome.LIGHTEN, Outcome.MAKE_HEAVIER, Outcome.CHANGE)

    @property
    def removes_sanction(self) -> bool:
        return self in (Outcome.REVOKE, Outcome.ANNUL)


_LABELS = {
    Outcome.UPHOLD: "memperkuat",
    Outcome.LIGHTEN: "memperingan",
    Outcome.MAKE_HEAVIER: "memperberat",
    Outcome.CHANGE: "mengubah",
    Outcome.REVOKE: "mencabut",
    Outcome.ANNUL: "membatalkan",
    Outcome.NOT_ADMISSIBLE: "tidak dapat diterima",
}


@dataclass(frozen=True)
class Remedy:
    """One remedy: its scope, the rulings on late and out-of-scope filings, its outcomes."""

    scope: Basis
    late: Basis
    out_of_scope: Basis
    outcomes: frozenset[Outcome]
    outcomes_basis: Basis


@dataclass(frozen=True)
class RemedyRules:
    """Objection and appeal of a regime, and which sanction types only the appeal covers."""

    objection: Remedy
    appeal: Remedy
    appealable: frozenset[str]
    to_ppk: Basis
    to_superior: Basis


def outcome_problems(
    outcome: Outcome,
    remedy: Remedy,
    admissible: bool,
    catalogue: SanctionCatalogue,
    before: str,
    after: str | None,
) -> Iterator[str]:
    """Why an outcome does not fit the filing and the sanction it rules on (empty: it fits)."""
    if not admissible:
        if outcome is not Outcome.NOT_ADMISSIBLE:
            yield f"the filing was late or out of scope: the ruling must be 'tidak dapat " \
                  f"diterima' ({remedy.late.reference}), not {outcome.label_id}"
        return
    if outcome not in remedy.outcomes:
        yield f"{outcome.label_id} is not an outcome of this remedy ({remedy.outcomes_basis})"
        return
    if outcome.needs_new_type:
        yield from _new_type_problems(outcome, catalogue, before, after)


def _new_type_problems(
    outcome: Outcome, catalogue: SanctionCatalogue, before: str, after: str | None
) -> Iterator[str]:
    if after is None:
        yield f"{outcome.label_id} needs the new sanction type"
        return
    old, new = catalogue.find(before), catalogue.find(after)
    if outcome is Outcome.LIGHTEN and not lighter(new, old):
        yield f"{after} is not lighter than {before}"
    if outcome is Outcome.MAKE_HEAVIER and not lighter(old, new):
        yield f"{after} is not heavier than {before}"
    if outcome is Outcome.CHANGE and old.id == new.id:
        yield f"a change must give a type other than {before}"


def effective_after(outcome: Outcome, before: str, after: str | None) -> str | None:
    """The sanction that stands after the outcome."""
    if outcome.removes_sanction:
        return None
    if outcome.needs_new_type and after is not None:
        return after
    return before


__all__ = ["Outcome", "Remedy", "RemedyRules", "effective_after", "outcome_problems"]
