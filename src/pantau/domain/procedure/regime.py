"""A procedure regime (the rules for one kind of employee) and an agency's choice of regimes.

A `Regime` is what one instrument, or instruments read together, lay down: the steps and their
deadlines, the sanction catalogue, the authority tables, the examination team, temporary release
from duty, the remedies and when a decision takes effect. An `AgencyProcedure` is an agency's
data: its kind of government, which regime applies to PNS, PPPK and contract staff, the readings
it chose on unsettled points, and the dates of legal events it records.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from pantau.domain.employees import EmployeeType
from pantau.domain.errors import InputError
from pantau.domain.procedure.authority import AuthorityTable
from pantau.domain.procedure.law import Basis, Confidence, LegalEvent
from pantau.domain.procedure.readings import Reading, Topic
from pantau.domain.procedure.remedies import RemedyRules
from pantau.domain.procedure.sanctions import SanctionCatalogue, SanctionLevel
from pantau.domain.procedure.steps import Role, Step, StepRule


class TeamNeed(StrEnum):
    """Whether an examination team (tim pemeriksa) is needed for a level."""

    REQUIRED = "required"
    OPTIONAL = "optional"
    NONE = "none"


@dataclass(frozen=True)
class TeamRule:
    """When an examination team is required or optional, who forms it, who sits on it."""

    required: frozenset[SanctionLevel]
    optional: frozenset[SanctionLevel]
    required_basis: Basis
    optional_basis: Basis
    members: Basis
    formed_by: Role

    def need(self, level: SanctionLevel) -> TeamNeed:
        if level in self.required:
            return TeamNeed.REQUIRED
        if level in self.optional:
            return TeamNeed.OPTIONAL
        return TeamNeed.NONE

    def basis(self, level: SanctionLevel) -> Basis | None:
        need = self.need(level)
        if need is TeamNeed.NONE:
            return None
        return self.required_basis if need is TeamNeed.REQUIRED else self.optional_basis


@dataclass(frozen=True)
class ReleaseRule:
    """Temporary release from duty while examined, for the levels where it is allowed."""

    levels: frozenset[SanctionLevel]
    actor: Role
    basis: Basis


@dataclass(frozen=True)
class Regime:
    """The procedure for one kind of employee, as data."""

    id: str
    title: str
    employee_types: frozenset[EmployeeType]
    instrument: Basis
    steps: Mapping[Step, StepRule]
    catalogue: SanctionCatalogue
    authority: Mapping[str, AuthorityTable] = field(default_factory=dict)
    team: TeamRule | None = None
    release: ReleaseRule | None = None
    remedies: RemedyRules | None = None
    in_force: Basis | None = None
    in_force_after_remedy: Basis | None = None
    analogy: Basis | None = None
    notes: tuple[Basis, ...] = ()
    events: Mapping[str, LegalEvent] = field(default_factory=dict)

    def rule(self, step: Step) -> StepRule | None:
        return self.steps.get(step)

    def deadline_steps(self) -> tuple[Step, ...]:
        """The steps with a deadline in working days, in procedural order."""
        return tuple(s for s in Step if s in self.steps and self.steps[s].working_days is not None)

    def authority_table(self, government: str) -> AuthorityTable:
        table = self.authority.get(government)
        if table is None and not self.authority:
            decider = self.steps.get(Step.DECISION)
            who = (f"; the decision is taken by {decider.actor.value} ({decider.basis})"
                   if decider else "")
            raise InputError(f"regime {self.id} has no authority table{who}")
        if table is None:
            known = ", ".join(self.authority) or "none"
            raise InputError(
                f"regime {self.id} has no authority table for a {government} government "
                f"(tables: {known})"
            )
        return table

    def unverified(self) -> tuple[Basis, ...]:
        """Every value of the regime marked unconfirmed, each once."""
        found = {basis.reference: basis for basis in self._bases() if basis.unverified}
        return tuple(found.values())

    def _bases(self) -> Iterator[Basis]:
        yield self.instrument
        yield from (rule.basis for rule in self.steps.values())
        for version in self.catalogue.sets:
            yield version.basis
            yield from (kind.basis for kind in version.types)
        yield from self.notes


@dataclass(frozen=True)
class AgencyProcedure:
    """An agency's procedure data: regimes per employee type, readings, legal events."""

    agency_id: str
    name: str
    government: str
    regimes: Mapping[EmployeeType, Regime]
    readings: Mapping[Topic, Reading]
    events: Mapping[str, date | None] = field(default_factory=dict)
    gaps: Mapping[EmployeeType, str] = field(default_factory=dict)

    def regime_for(self, employee_type: EmployeeType) -> Regime:
        """The regime for an employee type (CPNS as PNS, part-time PPPK as PPPK)."""
        judged = employee_type.judged_as
        found = self.regimes.get(judged)
        if found is None:
            why = self.gaps.get(judged, "no regime is recorded for this employee type")
            known = ", ".join(item.value for item in self.regimes) or "none"
            raise InputError(
                f"agency {self.agency_id} has no procedure regime for {judged.value}: {why} "
                f"(types with a regime: {known})"
            )
        return found

    def reading(self, topic: Topic) -> Reading:
        return self.readings[topic]

    def confidence_of(self, topic: Topic) -> Confidence:
        return self.readings[topic].basis.confidence


__all__ = ["AgencyProcedure", "Regime", "ReleaseRule", "TeamNeed", "TeamRule"]
