"""The check service with a fake calendar and a fake classifier (unit tier)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from pantau.domain.content import ContentSuggestion
from pantau.domain.errors import UnknownAgency
from pantau.domain.overlay import EmployeeOverlay
from pantau.domain.text import Term
from pantau.rules.checker import Checker
from pantau.text.findings import check_output

WIB = ZoneInfo("Asia/Jakarta")


@dataclass(frozen=True)
class Answer:
    working: bool
    local: datetime
    facts: tuple[str, ...] = ()

    @property
    def reason(self) -> Term:
        if self.working:
            return Term("fake: jam kerja", "fake: working time")
        return Term("fake: di luar jam kerja", "fake: outside working time")


class FakeCalendar:
    """Working time is 08.00–16.00 every day, except on leave."""

    zone = WIB

    def __init__(self) -> None:
        self.overlays: list[EmployeeOverlay | None] = []

    def working_time(self, start: datetime, end: Any = None,
                     overlay: EmployeeOverlay | None = None) -> Answer:
        self.overlays.append(overlay)
        local = start.astimezone(WIB)
        on_leave = overlay is not None and overlay.leave_on(local.date()) is not None
        facts = ("cuti pegawai",) if on_leave else ()
        return Answer(8 <= local.hour < 16 and not on_leave, local, facts)


class CountingClassifier:
    def __init__(self, suggestions: Sequence[ContentSuggestion]) -> None:
        self.suggestions = tuple(suggestions)
        self.texts: list[str] = []

    def suggest(self, text: str) -> Sequence[ContentSuggestion]:
        self.texts.append(text)
        return self.suggestions


def _checker(classifier: CountingClassifier | None = None) -> tuple[Checker, FakeCalendar]:
    calendar = FakeCalendar()

    def calendars(agency: str) -> FakeCalendar:
        if agency == "nowhere":
            raise UnknownAgency("unknown agency 'nowhere'")
        return calendar

    return Checker(calendars=calendars, classifier=lambda: classifier), calendar


def _activity(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "a-1", "agency": "kota-bekasi", "kind": "video",
        "started_at": "2026-02-03T10:00:00+07:00", "employee": {"type": "NON_ASN"},
        "text": "joget bareng", "signals": {"content": ["improper_content"]},
    }
    base.update(changes)
    return base


def _check(checker: Checker, activity: dict[str, Any], lang: str = "id") -> dict[str, Any]:
    return check_output(checker, json.dumps(activity), 1, lang)


def test_an_established_code_gives_a_violation_citing_the_clause() -> None:
    checker, _ = _checker()
    result = _check(checker, _activity())
    assert result["verdict"] == "violation"
    (violation,) = result["violations"]
    assert violation["status"] == "established" and violation["missing"] == []
    assert violation["clause"].startswith("SE 800/6519/BKPPD-PKA")
    assert "“" in violation["clause"] and "kepatutan" in violation["clause"]
    assert violation["explanation"].startswith("Terbukti melanggar SE 800/6519/BKPPD-PKA")
    assert "Perwal" in violation["explanation"] or "Wali Kota" in violation["explanation"]


def test_when_a_person_judged_the_content_the_classifier_is_not_asked() -> None:
    classifier = CountingClassifier([ContentSuggestion("entertainment", 0.9, ("joget",))])
    checker, _ = _checker(classifier)
    result = _check(checker, _activity(signals={"content": []}))
    assert result["verdict"] == "no_violation"
    assert classifier.texts == []


def test_a_classifier_suggestion_makes_the_rule_suspected_with_score_and_words() -> None:
    classifier = CountingClassifier([ContentSuggestion("entertainment", 0.87, ("joget",))])
    checker, _ = _checker(classifier)
    result = _check(checker, _activity(signals={}))
    (violation,) = result["violations"]
    assert result["verdict"] == "needs_review"
    # Bekasi's allowance qualifies this element: a person's judgement of either settles it.
    assert violation["status"] == "suspected"
    assert violation["missing"] == ["content", "allowed_content"]
    assert "0.87" in violation["explanation"] and "joget" in violation["explanation"]
    assert classifier.texts == ["joget bareng"]


def test_codes_the_classifier_does_not_suggest_are_not_suspected() -> None:
    classifier = CountingClassifier([ContentSuggestion("hoax", 0.9, ("hoaks",))])
    checker, _ = _checker(classifier)
    assert _check(checker, _activity(signals={}))["verdict"] == "no_violation"


def test_without_classifier_unjudged_content_raises_no_suspicion() -> None:
    # SPEC §4 / issue 3: without `signals.content` only the classifier may make codes suspected.
    checker, _ = _checker(None)
    result = _check(checker, _activity(signals={}))
    assert result["verdict"] == "no_violation" and result["violations"] == []


def test_on_leave_builds_an_overlay_that_removes_working_time() -> None:
    checker, calendar = _checker()
    result = _check(checker, _activity(agency="kab-banyuasin", kind="live",
                                       employee={"type": "PNS"},
                                       signals={"on_leave": True, "official_duty": False}))
    assert result["work_time"]["working"] is False and result["verdict"] == "no_violation"
    overlay = calendar.overlays[-1]
    assert overlay is not None and overlay.leave[0].first.isoformat() == "2026-02-03"


def test_absent_on_leave_means_no_leave_recorded() -> None:
    checker, calendar = _checker()
    result = _check(checker, _activity(agency="kab-banyuasin", kind="live",
                                       employee={"type": "PNS"},
                                       signals={"official_duty": False}))
    assert calendar.overlays[-1] is None and result["verdict"] == "violation"


def test_a_policy_not_yet_in_force_is_not_applied() -> None:
    checker, _ = _checker()
    result = _check(checker, _activity(started_at="2021-09-01T10:00:00+07:00"))
    assert result["verdict"] == "no_violation"


def test_explanations_and_reasons_switch_to_english() -> None:
    checker, _ = _checker()
    result = _check(checker, _activity(), lang="en")
    assert result["violations"][0]["explanation"].startswith("Breaches")
    assert result["work_time"]["reason"] == "fake: working time"


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("{not json", "JSON"),
        (json.dumps({"agency": "kota-bekasi", "kind": "video",
                     "started_at": "2026-02-03T10:00:00+07:00"}), "'id'"),
        (json.dumps(_activity(kind="tweet")), "kind"),
        (json.dumps(_activity(started_at="2026-02-03T10:00:00")), "offset"),
        (json.dumps(_activity(agency="nowhere")), "nowhere"),
        (json.dumps(_activity(signals={"official_duty": "ya"})), "signals.official_duty"),
        ("[1, 2]", "object"),
    ],
)
def test_an_invalid_line_names_its_number_and_the_problem(line: str, words: str) -> None:
    checker, _ = _checker()
    result = check_output(checker, line, 7, "id")
    assert result["verdict"] == "invalid" and result["line"] == 7
    assert words in result["error"]


def test_unknown_fields_are_ignored() -> None:
    checker, _ = _checker()
    assert _check(checker, _activity(extra={"a": 1}))["verdict"] == "violation"
