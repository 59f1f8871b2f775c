"""Each predicate answers holds, fails or unknown, and never takes an absent signal as false."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from pantau.domain.activities import parse_activity
from pantau.domain.content import ContentSuggestion
from pantau.domain.errors import InvalidActivity
from pantau.domain.evaluation import Truth
from pantau.domain.predicates import PREDICATES, ClassifierView, ContentSources, Context
from pantau.rules.checker import classifier_view
from pantau.rules.policies import classifier_mapping, content_sources


@dataclass(frozen=True)
class Answer:
    working: bool = True
    local: datetime = datetime(2026, 2, 3, 10, tzinfo=ZoneInfo("Asia/Jakarta"))
    facts: tuple[str, ...] = ()

    @property
    def reason(self) -> str:
        return "fake"


def _context(view: ClassifierView | None = None, **fields: Any) -> Context:
    activity = parse_activity({"id": 1, "agency": "x", "kind": "post",
                               "started_at": "2026-02-03T10:00:00+07:00", **fields})
    return Context(activity, Answer(), content_sources(), (lambda text: view) if view else None)


def _truth(name: str, context: Context, *args: str) -> Truth:
    return PREDICATES[name].function(context, args).truth


@pytest.mark.parametrize("name", ["official_duty", "leader_permission", "shows_uniform",
                                  "asn_identity_shown", "confidential_material", "commercial",
                                  "content_creator", "conflict_of_interest", "allowed_content"])
def test_a_boolean_signal_absent_is_unknown_and_false_is_fails(name: str) -> None:
    signal = {"shows_uniform": "uniform_visible"}.get(name, name)
    assert _truth(name, _context()) is Truth.UNKNOWN
    assert _truth(name, _context(signals={signal: None})) is Truth.UNKNOWN
    assert _truth(name, _context(signals={signal: False})) is Truth.FAILS
    assert _truth(name, _context(signals={signal: True})) is Truth.HOLDS


def test_location_unknown_is_unknown() -> None:
    unknown = _context(signals={"location": "unknown"})
    assert _truth("location_is", unknown, "office") is Truth.UNKNOWN
    assert _truth("location_is", _context(signals={"location": "home"}), "office") is Truth.FAILS


def test_cpns_is_judged_as_pns_and_part_time_pppk_as_pppk() -> None:
    assert _truth("employee_type_in", _context(employee={"type": "CPNS"}), "PNS") is Truth.HOLDS
    part_time = _context(employee={"type": "PPPK_PARUH_WAKTU"})
    assert _truth("employee_type_in", part_time, "PNS") is Truth.FAILS
    assert _truth("employee_type_in", part_time, "PPPK") is Truth.HOLDS


def test_content_listed_by_a_person_decides_over_signals_and_classifier() -> None:
    view = ClassifierView({"hoax": ContentSuggestion("hoax", 0.9)})
    judged = _context(view, signals={"content": [], "confidential_material": True})
    assert _truth("content_is", judged, "confidential_disclosure") is Truth.FAILS
    assert _truth("content_is", judged, "hoax") is Truth.FAILS


def test_an_observed_signal_backs_its_content_code_when_nobody_judged_the_content() -> None:
    observed = _context(signals={"confidential_material": True})
    assert _truth("content_is", observed, "confidential_disclosure") is Truth.HOLDS


def test_classifier_suggestions_are_unknown_never_holds() -> None:
    view = ClassifierView({"hoax": ContentSuggestion("hoax", 0.9, ("hoaks",))})
    context = _context(view, text="katanya hoaks")
    outcome = PREDICATES["content_is"].function(context, ("hoax",))
    assert outcome.truth is Truth.UNKNOWN and outcome.suggestion is not None
    assert _truth("content_is", context, "pornography") is Truth.FAILS


def test_the_classifier_mapping_comes_from_data() -> None:
    view = classifier_view([ContentSuggestion("entertainment", 0.8, ("joget",)),
                            ContentSuggestion("commercial", 0.7, ("promo",))],
                           classifier_mapping())
    assert set(view.conduct) == {"improper_content"} and set(view.signals) == {"commercial"}
    context = _context(view, text="joget promo")
    assert _truth("commercial", context) is Truth.UNKNOWN
    # `commercial` no longer stands in for content_creator_conflict (issue 9): the creator rule
    # reads `commercial` itself, and no source suggests that code from a text.
    assert _truth("content_is", context, "content_creator_conflict") is Truth.FAILS


def test_without_text_the_classifier_is_not_asked() -> None:
    calls: list[str] = []

    def classify(text: str) -> ClassifierView:
        calls.append(text)
        return ClassifierView()

    activity = parse_activity({"id": 1, "agency": "x", "kind": "post",
                               "started_at": "2026-02-03T10:00:00+07:00"})
    context = Context(activity, Answer(), ContentSources(), classify)
    assert _truth("content_is", context, "hoax") is Truth.FAILS and calls == []


def test_commercial_stays_unknown_when_the_classifier_finds_nothing_in_the_text() -> None:
    # SPEC §4 / issue 9: no sign of selling in a caption does not show that nothing is sold.
    context = _context(ClassifierView(), text="jalan sore bareng keluarga")
    outcome = PREDICATES["commercial"].function(context, ())
    assert outcome.truth is Truth.UNKNOWN and outcome.element == "commercial"
    assert outcome.suggestion is None
    assert _truth("commercial", _context(ClassifierView(), text="x",
                                         signals={"commercial": False})) is Truth.FAILS


def test_an_observed_conflict_of_interest_backs_its_code_when_nobody_judged_the_content() -> None:
    assert _truth("content_is", _context(signals={"conflict_of_interest": True}),
                  "conflict_of_interest") is Truth.HOLDS
    assert _truth("content_is", _context(), "conflict_of_interest") is Truth.UNKNOWN
    judged = _context(signals={"content": [], "conflict_of_interest": None})
    assert _truth("content_is", judged, "conflict_of_interest") is Truth.FAILS


def test_the_new_signals_parse_and_reject_non_booleans() -> None:
    activity = _context(signals={"content_creator": True, "allowed_content": False}).activity
    assert activity.signals.content_creator is True and activity.signals.allowed_content is False
    assert activity.signals.conflict_of_interest is None
    with pytest.raises(InvalidActivity, match=r"signals\.content_creator"):
        _context(signals={"content_creator": "ya"})


def test_cafe_is_a_location_of_its_own() -> None:
    cafe = _context(signals={"location": "cafe"})
    assert _truth("location_is", cafe, "cafe") is Truth.HOLDS
    assert _truth("location_is", cafe, "public") is Truth.FAILS
