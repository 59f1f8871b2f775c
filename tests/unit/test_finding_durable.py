"""A finding is a durable object: stored as JSON, read back years later, rendered in either
language exactly as when it was made (issue 8). Uses the shipped policies and calendars."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pantau.domain.activities import activity_to_json, parse_activity
from pantau.domain.content import ContentSuggestion
from pantau.domain.employees import EmployeeType
from pantau.domain.findings import Finding, RuleStatus, Verdict, finding_from_json
from pantau.domain.registry import InMemoryRecords, RegisteredEmployee, StoredEmployee
from pantau.rules.checker import Checker
from pantau.rules.policies import find_policy
from pantau.text.findings import finding_output

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "activities.jsonl"


class Suggests:
    def suggest(self, text: str) -> list[ContentSuggestion]:
        return [ContentSuggestion("practical_politics", 0.91, ("coblos", "paslon"))]


def _activities() -> list[dict[str, Any]]:
    lines = [json.loads(line) for line in EXAMPLES.read_text().splitlines() if line.strip()]
    lines.append({"id": 99, "agency": "kab-pasaman-barat", "kind": "post", "text": "coblos 2",
                  "started_at": "2026-02-03T20:00:00+07:00", "employee": {"type": "PPPK"}})
    return lines


@pytest.mark.parametrize("raw", _activities(), ids=lambda raw: str(raw["id"]))
def test_a_finding_round_trips_through_json_and_renders_the_same(raw: dict[str, Any]) -> None:
    finding = Checker(classifier=Suggests).check(parse_activity(raw))
    stored = json.loads(json.dumps(finding.to_json()))
    again = finding_from_json(stored)
    assert again.to_json() == finding.to_json()
    for lang in ("id", "en"):
        assert finding_output(again, lang) == finding_output(finding, lang)


def test_the_stored_finding_carries_what_a_case_needs() -> None:
    raw = _activities()[0]  # a live stream in working time at Ketapang, in uniform
    finding = Checker(classifier=None).check(parse_activity(raw))
    stored = finding.to_json()
    assert stored["activity"] == activity_to_json(parse_activity(raw))
    violation = stored["violations"][0]
    policy = find_policy(violation["policy"]["id"])
    assert violation["policy"]["version"] == policy.version and len(policy.version) == 16
    assert violation["clause"]["text"] in policy.rules[0].clause.text
    assert {e["predicate"] for e in violation["elements"]} >= {"is_live", "during_working_time"}
    assert violation["exceptions"][0]["predicate"] == "official_duty"
    assert violation["bases"][0]["employee_type"] == "PNS"
    assert stored["work_time"]["reason"]["key"] == "time.reason"


def test_classifier_suggestions_used_are_kept_with_their_scores() -> None:
    raw = _activities()[-1]
    finding = Checker(classifier=Suggests).check(parse_activity(raw))
    assert finding.verdict is Verdict.NEEDS_REVIEW
    assert [s.code for s in finding.suggestions] == ["practical_politics"]
    again = finding_from_json(finding.to_json())
    assert again.suggestions == finding.suggestions
    assert all(v.status is RuleStatus.SUSPECTED for v in again.violations)


def test_the_employee_the_registry_found_is_stored_unmasked_and_rendered_masked() -> None:
    nip = "199003032015032003"
    employee = RegisteredEmployee(nip, "Siti", EmployeeType.PNS, "Bagian Umum", "Pelaksana",
                                  "Kabag", "Kepala Bagian", key="7")
    records = InMemoryRecords([StoredEmployee("kab-ketapang", employee)])
    raw = {"id": "r", "agency": "kab-ketapang", "kind": "live", "employee": {"nip": nip},
           "started_at": "2026-02-03T10:00:00+07:00", "signals": {"content": []}}
    finding: Finding = Checker(classifier=None, records=records).check(parse_activity(raw))
    again = finding_from_json(json.loads(json.dumps(finding.to_json())))
    assert again.employee == employee
    assert finding_output(again)["employee"]["nip"] == "**************2003"
    assert finding_output(again, show_nip=True)["employee"]["nip"] == nip


def test_a_stored_finding_of_another_format_is_refused() -> None:
    finding = Checker(classifier=None).check(parse_activity(_activities()[0]))
    with pytest.raises(ValueError, match="format"):
        finding_from_json(finding.to_json() | {"format": 99})


def _by_id(activity_id: str) -> dict[str, Any]:
    return next(raw for raw in _activities() if raw["id"] == activity_id)


def test_the_allowed_content_considered_and_the_aggravation_are_stored() -> None:
    # Issue 9: Pasaman Barat's allowance and Ketapang's uniform ("terlebih") travel with the
    # finding and are rendered again from it.
    creator = Checker(classifier=None).check(parse_activity(_by_id("contoh-011")))
    (violation,) = creator.to_json()["violations"]
    assert [o["predicate"] for o in violation["allowances"]] == ["allowed_content"]
    assert violation["allowances"][0]["why"]["key"] == "allowance.unknown"
    cafe = Checker(classifier=None).check(parse_activity(_by_id("contoh-004")))
    (violation,) = cafe.to_json()["violations"]
    assert [o["predicate"] for o in violation["aggravating"]] == ["shows_uniform"]
    assert violation["aggravating"][0]["truth"] == "holds"
    for finding in (creator, cafe):
        again = finding_from_json(json.loads(json.dumps(finding.to_json())))
        assert finding_output(again, "en") == finding_output(finding, "en")


def test_a_finding_stored_before_allowances_and_aggravations_were_recorded_still_reads() -> None:
    finding = Checker(classifier=None).check(parse_activity(_activities()[0]))
    stored = finding.to_json()
    for violation in stored["violations"]:
        del violation["allowances"], violation["aggravating"]
    again = finding_from_json(stored)
    assert finding_output(again) == finding_output(finding)
