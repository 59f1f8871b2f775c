"""The state the case state machine accumulates while it folds the events, and its helpers.

Internal to `cases.progress`: one `Machine` per call, never shared. It derives everything else
from the events and the case file on demand: the level (heaviest breach), the authorised
official, the allowed sanction range, the remedy window, the next step's deadline.
"""

from __future__ import annotations

from datetime import date

from pantau.domain.errors import InputError
from pantau.domain.procedure.authority import AuthorityAnswer, AuthorityTable, Official
from pantau.domain.procedure.events import Breach, CaseEvent, CaseFile
from pantau.domain.procedure.law import Basis
from pantau.domain.procedure.progress import Flag, NextStep, Stage
from pantau.domain.procedure.readings import Reading, Topic, objectable
from pantau.domain.procedure.regime import AgencyProcedure, Regime
from pantau.domain.procedure.sanctions import SanctionLevel, SanctionRange
from pantau.domain.procedure.steps import Deadline, Role, Step, WorkingDays, deadline


class Machine:
    """What the fold knows so far about one case."""

    def __init__(
        self, case: CaseFile, procedure: AgencyProcedure, calendar: WorkingDays, today: date
    ) -> None:
        self.case = case
        self.procedure = procedure
        self.regime: Regime = procedure.regime_for(case.employee_type)
        self.calendar = calendar
        self.today = today
        self.stage: Stage | None = None
        self.breaches: tuple[Breach, ...] = ()
        self.reported_on: date | None = None
        self.examined_on: date | None = None
        self.summons: dict[int, CaseEvent] = {}
        self.missed: dict[int, date] = {}
        self.team_formed = self.released = self.forwarded = self.responded = False
        self.failed: set[Official] = set()
        self.decision: CaseEvent | None = None
        self.received_on: date | None = None
        self.remedy: CaseEvent | None = None
        self.admissible = True
        self.ruling: CaseEvent | None = None
        self.flags: list[Flag] = []
        self.used: dict[Topic, Reading] = {}

    # ----- records -------------------------------------------------------------------------
    def flag(self, code: str, message: str, basis: Basis | None) -> None:
        self.flags.append(Flag(code, message, basis))

    def use(self, topic: Topic) -> Reading:
        """The agency's reading of a topic, recorded as used by this case."""
        reading = self.procedure.reading(topic)
        self.used[topic] = reading
        return reading

    # ----- the breach and the sanction -----------------------------------------------------
    def level(self) -> SanctionLevel:
        """The case's level: one sanction, of the heaviest breach."""
        return self.regime.catalogue.heaviest(item.level for item in self.breaches)

    def breach_date(self) -> date:
        """The date of the heaviest breach (the latest of those), else the report date."""
        level = self.level()
        dates = [item.on for item in self.breaches if item.level is level and item.on]
        return max(dates) if dates else (self.reported_on or self.today)

    def sanctioned_before(self) -> list[str]:
        done = {breach for past in self.case.history for breach in past.breaches}
        return sorted(item.id for item in self.breaches if item.id in done)

    def previous(self) -> str | None:
        """The sanction a repeat offence must exceed, per the agency's reading, or None."""
        if not self.case.history:
            return None
        reading = self.use(Topic.REPEAT_REFERENCE)
        natures = {item.nature for item in self.breaches if item.nature}
        before = self.breach_date()
        earlier = [past for past in self.case.history if past.decided_on < before]
        if reading.option == "last_same_nature":
            earlier = [past for past in earlier if past.natures & natures]
        if not earlier:
            return None
        return max(earlier, key=lambda past: past.decided_on).sanction

    def allowed(self) -> SanctionRange | None:
        if not self.breaches:
            return None
        return self.regime.catalogue.range_for(
            self.level(), self.breach_date(), self.procedure.events, self.previous()
        )

    def sanction(self) -> str:
        return (self.decision.sanction or "") if self.decision else ""

    # ----- who acts ------------------------------------------------------------------------
    def table(self) -> AuthorityTable | None:
        if not self.regime.authority:
            return None
        return self.regime.authority_table(self.procedure.government)

    def authority(self) -> AuthorityAnswer | None:
        table = self.table()
        if table is None or not self.breaches:
            return None
        position = self.case.position
        if position is None:
            accepted = ", ".join(item.value for item in table.positions)
            raise InputError(f"the employee's position is needed to find the authorised "
                             f"official; accepted positions: {accepted}")
        allowed = self.allowed()
        level = allowed.level if allowed is not None else self.level()
        return table.authority(position, level, self.case.vacant, self.failed)

    def superior_post(self) -> Official | None:
        """The direct superior's post: recorded, else the nearest filled post in the line."""
        table = self.table()
        if self.case.superior is not None or table is None or self.case.position is None:
            return self.case.superior
        line = table.line(self.case.position)
        return next((item for item in line if item not in self.case.vacant), None)

    def decider(self) -> Official | None:
        if self.decision is not None and self.decision.official is not None:
            return self.decision.official
        answer = self.authority()
        return answer.official if answer else None

    def official_for(self, role: Role) -> Official | None:
        table, position = self.table(), self.case.position
        if role is Role.AUTHORISED_OFFICIAL:
            answer = self.authority()
            return answer.official if answer else None
        if role is Role.DIRECT_SUPERIOR:
            return self.superior_post()
        if role is Role.PPK and table is not None:
            return Official.PPK
        if role is Role.OFFICIAL_SUPERIOR and table and position and self.decider():
            return table.superior_of(self.decider() or Official.PPK, position)
        return None

    # ----- deadlines -----------------------------------------------------------------------
    def window(self) -> Deadline | None:
        """The remedy window after delivery: objection, or appeal for dismissal, or None."""
        remedies, received = self.regime.remedies, self.received_on
        if remedies is None or received is None or self.decision is None:
            return None
        kind = self.sanction()
        if kind in remedies.appealable:
            step = Step.APPEAL
        elif objectable(self.use(Topic.OBJECTABLE_SANCTIONS), kind):
            step = Step.OBJECTION
        else:
            return None
        rule = self.regime.rule(step)
        if rule is None or rule.working_days is None:
            return None
        return deadline(rule, received, self.calendar)

    def check_deadline(self, step: Step, start: date, actual: date, code: str) -> None:
        rule = self.regime.rule(step)
        if rule is None or rule.working_days is None:
            return
        due = deadline(rule, start, self.calendar)
        if actual > due.last_day:
            self.flag(code, f"{step.value}: {actual} is after the last day {due.last_day}",
                      rule.basis)

    def next_step(
        self,
        step: Step,
        start: date | None = None,
        *,
        days: int | None = None,
        scheduled: date | None = None,
        optional: bool = False,
        note: str = "",
        reading: Reading | None = None,
        basis: Basis | None = None,
        official: Official | None = None,
        actor: Role | None = None,
    ) -> NextStep | None:
        """The step as the regime defines it, with its deadline from `start` (None: absent)."""
        rule = self.regime.rule(step)
        if rule is None:
            return None
        count = rule.working_days if days is None else days
        due = None
        if start is not None and count is not None:
            due = deadline(rule, start, self.calendar, count).last_day
        if scheduled is not None and (due is None or scheduled < due):
            due = scheduled
        return NextStep(
            step, actor or rule.actor, rule.label_id, basis or rule.basis,
            official or self.official_for(actor or rule.actor), due, count,
            overdue=due is not None and self.today > due,
            remaining=self.calendar.count_working_days(self.today, due) if due else None,
            optional=optional, note=note, reading=reading,
        )


__all__ = ["Machine"]
