"""The pure procedure domain on hand-built data (no YAML) and a Monday–Friday fake calendar.

The shipped regimes are exercised by their YAML scenarios and tests/unit/test_case_cli.py; here
each rule of the engine is pinned on the smallest data that shows it.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pantau.domain.employees import EmployeeType, PositionLevel
from pantau.domain.errors import DataError, InputError, ProcedureError
from pantau.domain.procedure.authority import AuthorityTable, Grant, Official
from pantau.domain.procedure.cases import progress
from pantau.domain.procedure.events import Breach, CaseEvent, CaseFile, EventKind
from pantau.domain.procedure.law import Basis, Confidence, Period, joined
from pantau.domain.procedure.progress import Stage
from pantau.domain.procedure.readings import Reading, Topic, in_force_on, objectable
from pantau.domain.procedure.regime import AgencyProcedure, Regime
from pantau.domain.procedure.remedies import Outcome
from pantau.domain.procedure.sanctions import (
    CatalogueRules,
    SanctionCatalogue,
    SanctionLevel,
    SanctionType,
    TypeSet,
)
from pantau.domain.procedure.steps import Role, Step, StepRule

R, S, B = SanctionLevel.RINGAN, SanctionLevel.SEDANG, SanctionLevel.BERAT
P = PositionLevel


class Weekdays:
    """Monday to Friday are working days; nothing else is off."""

    def add_working_days(self, day: date, n: int) -> date:
        step = 1 if n >= 0 else -1
        while n:
            day += timedelta(days=step)
            if day.weekday() < 5:
                n -= step
        return day

    def count_working_days(self, start: date, end: date) -> int:
        sign, (low, high) = (1, (start, end)) if end >= start else (-1, (end, start))
        days = (low + timedelta(days=i) for i in range(1, (high - low).days + 1))
        return sign * sum(1 for day in days if day.weekday() < 5)


def basis(text: str, confidence: Confidence = Confidence.PRIMARY) -> Basis:
    return Basis(text, confidence)


def kinds(level: SanctionLevel, *names: str) -> tuple[SanctionType, ...]:
    return tuple(SanctionType(name, level, i, name, basis(name)) for i, name in
                 enumerate(names, start=1))


RULES = CatalogueRules(basis("several"), basis("repeat"), basis("double"), basis("earlier"),
                       date(2021, 8, 31))
CATALOGUE = SanctionCatalogue(
    [
        TypeSet(R, kinds(R, "r1", "r2"), basis("light"), Period()),
        TypeSet(S, kinds(S, "s1", "s2"), basis("medium old"), Period(end_event="salary")),
        TypeSet(S, kinds(S, "t1", "t2"), basis("medium new"), Period(start_event="salary")),
        TypeSet(B, kinds(B, "b1", "b2"), basis("heavy"), Period()),
    ],
    RULES,
)
NO_SALARY: dict[str, date | None] = {"salary": None}


# ----- law ---------------------------------------------------------------------------------
def test_a_period_waiting_for_an_event_without_a_date_has_not_begun_and_its_end_not_come() -> None:
    day = date(2026, 1, 1)
    assert not Period(start_event="salary").covers(day, NO_SALARY)
    assert Period(end_event="salary").covers(day, NO_SALARY)
    dated = {"salary": date(2026, 1, 1)}
    assert Period(start_event="salary").covers(day, dated)
    assert not Period(end_event="salary").covers(day, dated)
    assert not Period(date(2026, 1, 2)).covers(day, {})


def test_joined_lists_each_reference_once_in_order() -> None:
    assert joined([basis("a"), basis("b"), basis("a")]) == "a; b"


# ----- sanctions ---------------------------------------------------------------------------
def test_the_medium_version_follows_the_event_date() -> None:
    assert CATALOGUE.range_for(S, date(2026, 5, 1), NO_SALARY).type_ids == ("s1", "s2")
    dated = {"salary": date(2026, 5, 1)}
    assert CATALOGUE.range_for(S, date(2026, 4, 30), dated).type_ids == ("s1", "s2")
    assert CATALOGUE.range_for(S, date(2026, 5, 1), dated).type_ids == ("t1", "t2")


def test_a_breach_before_entry_into_force_uses_the_transition_basis() -> None:
    found = CATALOGUE.range_for(R, date(2020, 1, 1), NO_SALARY)
    assert found.bases[0].reference == "earlier"
    assert CATALOGUE.range_for(R, date(2021, 8, 31), NO_SALARY).bases[0].reference == "light"


def test_escalation_skips_to_the_next_level_and_ranks_a_type_of_another_version() -> None:
    found = CATALOGUE.range_for(R, date(2026, 1, 1), NO_SALARY, previous="r2")
    assert (found.level, found.type_ids, found.escalated) == (S, ("s1", "s2"), True)
    # t1 (not in force) ranks as the first medium type: only s2 is heavier
    assert CATALOGUE.range_for(S, date(2026, 1, 1), NO_SALARY, "t1").type_ids == ("s2",)
    assert [b.reference for b in found.bases] == ["medium old", "repeat"]


def test_a_level_the_catalogue_lacks_is_skipped_when_escalating_and_refused_when_asked() -> None:
    sparse = SanctionCatalogue([TypeSet(R, kinds(R, "r1"), basis("l"), Period()),
                                TypeSet(B, kinds(B, "b1"), basis("h"), Period())], RULES)
    assert sparse.range_for(R, date(2026, 1, 1), {}, "r1").level is B
    with pytest.raises(InputError, match="levels it has: ringan, berat"):
        sparse.range_for(S, date(2026, 1, 1), {})


def test_nothing_heavier_than_the_heaviest_type_is_an_empty_exhausted_range() -> None:
    found = CATALOGUE.range_for(R, date(2026, 1, 1), NO_SALARY, previous="b2")
    assert (found.level, found.types, found.exhausted) == (B, (), True)


def test_an_unknown_previous_type_names_every_known_type() -> None:
    with pytest.raises(InputError, match="accepted types: r1, r2, s1, s2, t1, t2, b1, b2"):
        CATALOGUE.range_for(R, date(2026, 1, 1), NO_SALARY, previous="x")


def test_several_breaches_give_the_heaviest_level_and_none_is_refused() -> None:
    assert CATALOGUE.heaviest([R, B, S]) is B
    with pytest.raises(InputError):
        CATALOGUE.heaviest([])


def test_a_type_given_two_places_is_a_data_error() -> None:
    with pytest.raises(DataError, match="two places"):
        SanctionCatalogue([TypeSet(R, kinds(R, "x"), basis("l"), Period()),
                           TypeSet(B, kinds(B, "x"), basis("h"), Period())], RULES)


# ----- authority ---------------------------------------------------------------------------
LINE = (Official.PENGAWAS, Official.ADMINISTRATOR, Official.JPT_PRATAMA, Official.PPK)
TABLE = AuthorityTable(
    "kabupaten_kota", "test", {P.PELAKSANA: LINE},
    (Grant(Official.PENGAWAS, P.PELAKSANA, frozenset({R}), basis("g-ringan")),
     Grant(Official.ADMINISTRATOR, P.PELAKSANA, frozenset({S}), basis("g-sedang")),
     Grant(Official.PPK, P.PELAKSANA, frozenset({S, B}), basis("g-ppk"))),
    basis("vacancy"), basis("failure"),
)


def test_the_lowest_granted_official_decides_and_a_vacancy_or_failure_passes_it_up() -> None:
    assert TABLE.authority(P.PELAKSANA, R).official is Official.PENGAWAS
    assert TABLE.authority(P.PELAKSANA, B).official is Official.PPK
    vacant = TABLE.authority(P.PELAKSANA, R, vacant=[Official.PENGAWAS])
    assert vacant.official is Official.ADMINISTRATOR
    assert vacant.basis == "vacancy (PENGAWAS: g-ringan)"
    failed = TABLE.authority(P.PELAKSANA, S, failed=[Official.ADMINISTRATOR])
    assert failed.official is Official.JPT_PRATAMA
    assert failed.basis == "failure (ADMINISTRATOR: g-sedang)"


def test_every_post_vacant_is_refused_and_a_missing_grant_is_a_data_error() -> None:
    with pytest.raises(InputError, match="every official"):
        TABLE.authority(P.PELAKSANA, B, vacant=[Official.PPK])
    bare = AuthorityTable("k", "k", {P.PELAKSANA: LINE}, (), basis("v"), basis("f"))
    with pytest.raises(DataError, match="grants no official"):
        bare.authority(P.PELAKSANA, R)
    with pytest.raises(InputError, match="accepted positions: PELAKSANA"):
        TABLE.line(P.FUNGSIONAL)


# ----- readings ----------------------------------------------------------------------------
def reading(topic: Topic, option: str, **params: int | tuple[str, ...]) -> Reading:
    return Reading(topic, option, option, basis(option, Confidence.DERIVED), params)


def test_the_three_readings_of_day_15() -> None:
    friday = date(2026, 2, 13)
    window = Weekdays().add_working_days(friday, 14)  # Thursday 5 March
    calendar_days = reading(Topic.IN_FORCE, "calendar_days", days=15)
    working_days = reading(Topic.IN_FORCE, "working_days", days=15)
    after_window = reading(Topic.IN_FORCE, "after_remedy_window", days=15)
    assert in_force_on(calendar_days, friday, Weekdays(), window) == date(2026, 2, 28)
    assert in_force_on(working_days, friday, Weekdays(), window) == date(2026, 3, 6)
    assert in_force_on(after_window, friday, Weekdays(), window) == date(2026, 3, 6)
    assert in_force_on(after_window, friday, Weekdays(), None) == date(2026, 2, 28)


def test_objectable_types_follow_the_reading() -> None:
    assert objectable(reading(Topic.OBJECTABLE_SANCTIONS, "all"), "r1")
    excluded = reading(Topic.OBJECTABLE_SANCTIONS, "except_types", types=("r1",))
    assert not objectable(excluded, "r1") and objectable(excluded, "r2")


def test_a_reading_with_an_unknown_option_or_a_missing_parameter_is_a_data_error() -> None:
    with pytest.raises(DataError, match="unknown option"):
        reading(Topic.IN_FORCE, "lunar_days", days=15)
    with pytest.raises(DataError, match="needs 'days'"):
        reading(Topic.IN_FORCE, "calendar_days")


# ----- events ------------------------------------------------------------------------------
def test_an_event_survives_its_plain_form() -> None:
    breach = Breach("f-1", R, "hoax", date(2026, 1, 2))
    event = CaseEvent(EventKind.OBJECTION_DECIDED, date(2026, 5, 11), sanction="s1",
                      outcome=Outcome.LIGHTEN, breaches=(breach,))
    assert CaseEvent.from_json(event.to_json()) == event


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"kind": "sued", "on": "2026-01-01"}, "kind 'sued'"),
        ({"kind": "decided", "on": "01/01/2026"}, "YYYY-MM-DD"),
        ({"kind": "summoned", "on": "2026-01-01", "attempt": 3}, "attempt must be 1 or 2"),
        ({"kind": "decided", "on": "2026-01-01", "official": "CAMAT"}, "official 'CAMAT'"),
    ],
)
def test_a_bad_event_names_its_field(data: dict[str, object], words: str) -> None:
    with pytest.raises(InputError, match=words):
        CaseEvent.from_json(data)


# ----- the state machine on a minimal regime -----------------------------------------------
def rule(step: Step, actor: Role, days: int | None = None) -> StepRule:
    return StepRule(step, actor, step.value, basis(f"basis {step.value}"), days)


REGIME = Regime(
    "minimal", "minimal", frozenset({EmployeeType.PNS}), basis("instrument"),
    {rule.step: rule for rule in (
        rule(Step.SUMMONS, Role.DIRECT_SUPERIOR), rule(Step.EXAMINATION, Role.DIRECT_SUPERIOR, 7),
        rule(Step.SECOND_SUMMONS, Role.DIRECT_SUPERIOR, 7),
        rule(Step.DECISION_ON_EVIDENCE, Role.AUTHORISED_OFFICIAL),
        rule(Step.DECISION, Role.AUTHORISED_OFFICIAL),
        rule(Step.DELIVERY, Role.AUTHORISED_OFFICIAL, 14))},
    CATALOGUE, {"kabupaten": TABLE},
)
READINGS = {topic: reading(topic, option, **params) for topic, option, params in (
    (Topic.SUMMONS_DEADLINE, "no_deadline", {}), (Topic.IN_FORCE, "working_days", {"days": 15}),
    (Topic.OBJECTABLE_SANCTIONS, "all", {}), (Topic.REPEAT_REFERENCE, "last_any", {}))}
AGENCY = AgencyProcedure("test", "test", "kabupaten", {EmployeeType.PNS: REGIME}, READINGS,
                         NO_SALARY)
BREACH = (Breach("f-1", R, "hoax"),)


def case(*events: CaseEvent) -> CaseFile:
    return CaseFile(EmployeeType.PNS, events, P.PELAKSANA)


def ev(kind: EventKind, day: int, **fields: object) -> CaseEvent:
    return CaseEvent(kind, date(2026, 3, day), **fields)  # type: ignore[arg-type]


def test_the_machine_counts_deadlines_on_the_calendar_it_is_given() -> None:
    answer = progress(case(ev(EventKind.REPORTED, 2, breaches=BREACH),
                           ev(EventKind.SUMMONED, 3)), AGENCY, Weekdays(), date(2026, 3, 4))
    (step,) = answer.next_steps
    assert (step.step, step.due, step.remaining) == (Step.EXAMINATION, date(2026, 3, 12), 6)
    assert answer.stage is Stage.SUMMONED and answer.authority is not None
    assert answer.authority.official is Official.PENGAWAS


def test_a_report_not_yet_summoned_counts_the_working_days_the_superior_has_known() -> None:
    reported = case(ev(EventKind.REPORTED, 2, breaches=BREACH))
    # reported Monday 2 March; on Monday 9 March the superior has known for 5 working days
    assert progress(reported, AGENCY, Weekdays(), date(2026, 3, 9)).waiting_working_days == 5
    summoned = case(ev(EventKind.REPORTED, 2, breaches=BREACH), ev(EventKind.SUMMONED, 3))
    assert progress(summoned, AGENCY, Weekdays(), date(2026, 3, 9)).waiting_working_days is None


def test_a_regime_without_remedies_or_in_force_rule_is_final_on_receipt() -> None:
    events = (ev(EventKind.REPORTED, 2, breaches=BREACH), ev(EventKind.SUMMONED, 3),
              ev(EventKind.EXAMINED, 5), ev(EventKind.DECIDED, 6, sanction="r1"))
    decided = progress(case(*events), AGENCY, Weekdays(), date(2026, 3, 6))
    assert decided.stage is Stage.DECIDED and decided.in_force_on is None
    (delivery,) = decided.next_steps
    assert delivery.due == date(2026, 3, 26)  # 14 weekdays after Friday 6 March
    delivered = progress(case(*events, ev(EventKind.DELIVERED, 9)), AGENCY, Weekdays(),
                         date(2026, 3, 9))
    assert (delivered.stage, delivered.in_force_on) == (Stage.FINAL, date(2026, 3, 9))
    assert delivered.next_steps == ()


def test_the_last_any_reading_escalates_on_a_sanction_of_another_nature() -> None:
    from pantau.domain.procedure.events import PastSanction

    past = (PastSanction("r2", date(2025, 1, 1), frozenset({"live_in_work_hours"})),)
    file = CaseFile(EmployeeType.PNS, (ev(EventKind.REPORTED, 2, breaches=BREACH),),
                    P.PELAKSANA, history=past)
    answer = progress(file, AGENCY, Weekdays(), date(2026, 3, 2))
    assert answer.allowed is not None and answer.allowed.level is S
    assert answer.authority is not None and answer.authority.official is Official.ADMINISTRATOR


def test_a_case_that_does_not_start_with_a_report_is_refused() -> None:
    with pytest.raises(ProcedureError, match="starts with a 'reported' event"):
        progress(case(ev(EventKind.SUMMONED, 3)), AGENCY, Weekdays(), date(2026, 3, 4))
    with pytest.raises(ProcedureError, match="attempt 1, not 2"):
        progress(case(ev(EventKind.REPORTED, 2, breaches=BREACH),
                      ev(EventKind.SUMMONED, 3, attempt=2)), AGENCY, Weekdays(), date(2026, 3, 4))


def test_an_employee_type_without_a_regime_is_refused_with_the_types_that_have_one() -> None:
    file = CaseFile(EmployeeType.NON_ASN, (ev(EventKind.REPORTED, 2, breaches=BREACH),))
    with pytest.raises(InputError, match=r"types with a regime: PNS"):
        progress(file, AGENCY, Weekdays(), date(2026, 3, 2))
