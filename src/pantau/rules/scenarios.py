"""YAML scenarios beside each policy: legal sentences with an activity and the expected finding.

A file `scenarios/<topic>.yaml` holds `defaults` (merged into every activity; `employee` and
`signals` merge key by key) and `scenarios`, each with a `name` a legal officer can check, an
`activity`, an optional `classifier` (suggestions a fake classifier returns for the text) and
`expect`:

    expect:
      verdict: violation              # violation | needs_review | no_violation | invalid
      established: [live_in_work_hours]   # exactly these conduct codes established
      suspected: []                       # exactly these suspected
      missing: {live_in_work_hours: [official_duty]}
      working: true                       # the calendar's answer
      explains: [PP 94/2021]              # words every explanation must contain
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pantau.domain.content import ContentClassifier, ContentSuggestion
from pantau.domain.errors import DataError
from pantau.rules.checker import Checker
from pantau.rules.lined_yaml import line_of, load_lined

EXPECT_KEYS = {"verdict", "established", "suspected", "missing", "working", "error", "explains"}


@dataclass(frozen=True)
class Scenario:
    """One scenario: its sentence, where it is written, the activity and the expectations."""

    name: str
    path: Path
    line: int
    activity: dict[str, Any]
    expect: dict[str, Any]
    suggestions: tuple[ContentSuggestion, ...] = field(default=())


class FixedClassifier:
    """A classifier that suggests the same codes for every text (scenarios and tests)."""

    def __init__(self, suggestions: Sequence[ContentSuggestion]) -> None:
        self.suggestions = tuple(suggestions)

    def suggest(self, text: str) -> Sequence[ContentSuggestion]:
        return self.suggestions


def _merge(defaults: dict[str, Any], activity: dict[str, Any]) -> dict[str, Any]:
    merged = {**defaults, **activity}
    for key in ("employee", "signals"):
        if isinstance(defaults.get(key), dict) and isinstance(activity.get(key), dict):
            merged[key] = {**defaults[key], **activity[key]}
    return merged


def _suggestions(path: Path, item: Any) -> tuple[ContentSuggestion, ...]:
    raw = item.get("classifier") or []
    try:
        return tuple(ContentSuggestion(s["code"], float(s["score"]), tuple(s.get("evidence", ())))
                     for s in raw)
    except (KeyError, TypeError, ValueError):
        raise DataError(f"{path}:{line_of(item, 'classifier')}: classifier: write a list of "
                        "{code, score, evidence}") from None


def _scenario(path: Path, items: Any, index: int, defaults: dict[str, Any]) -> Scenario:
    item = items[index]
    where = f"{path}:{line_of(items, index)}: scenarios[{index}]"
    if not isinstance(item, dict) or not isinstance(item.get("name"), str):
        raise DataError(f"{where}: give a 'name' (a sentence), an 'activity' and 'expect'")
    expect = item.get("expect")
    if not isinstance(expect, dict) or not expect or set(expect) - EXPECT_KEYS:
        raise DataError(f"{where}.expect: a mapping with some of {', '.join(sorted(EXPECT_KEYS))}")
    activity = item.get("activity") or {}
    if not isinstance(activity, dict):
        raise DataError(f"{where}.activity: expected a mapping")
    merged = _merge(defaults, activity)
    merged.setdefault("id", f"{path.stem}-{index + 1}")
    return Scenario(item["name"], path, line_of(items, index), merged, dict(expect),
                    _suggestions(path, item))


def load_scenarios(path: Path) -> list[Scenario]:
    """The scenarios of one file, or DataError naming the line."""
    doc = load_lined(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("scenarios"), list):
        raise DataError(f"{path}:1: a scenario file is a mapping with 'defaults' and 'scenarios'")
    defaults = doc.get("defaults") or {}
    items = doc["scenarios"]
    return [_scenario(path, items, i, defaults) for i in range(len(items))]


def scenario_files(path: Path) -> list[Path]:
    """Every scenarios/*.yaml under `path` (a folder, a policy.yaml or a scenario file)."""
    if path.is_file():
        if path.name == "policy.yaml":
            return sorted((path.parent / "scenarios").glob("*.yaml"))
        return [path]
    return sorted(p for p in path.rglob("*.yaml") if p.parent.name == "scenarios")


def _codes(result: dict[str, Any], status: str) -> list[str]:
    return sorted({v["conduct"] for v in result.get("violations", []) if v["status"] == status})


def _compare(expect: dict[str, Any], result: dict[str, Any]) -> Iterator[str]:
    if "verdict" in expect and result["verdict"] != expect["verdict"]:
        yield f"verdict {result['verdict']!r}, expected {expect['verdict']!r}"
    for status in ("established", "suspected"):
        if status in expect and _codes(result, status) != sorted(expect[status] or []):
            yield f"{status} {_codes(result, status)}, expected {sorted(expect[status] or [])}"
    for code, names in (expect.get("missing") or {}).items():
        found = [v["missing"] for v in result.get("violations", []) if v["conduct"] == code]
        if sorted(names) not in [sorted(m) for m in found]:
            yield f"missing for {code}: {found}, expected {names}"
    if "working" in expect and result.get("work_time", {}).get("working") != expect["working"]:
        yield f"working {result.get('work_time')}, expected {expect['working']}"
    for words in expect.get("explains") or []:
        texts = [v["explanation"] for v in result.get("violations", [])]
        if not texts or not all(words in text for text in texts):
            yield f"explanations {texts}, expected each to contain {words!r}"
    if "error" in expect and expect["error"] not in result.get("error", ""):
        yield f"error {result.get('error')!r}, expected it to contain {expect['error']!r}"


def run_scenario(scenario: Scenario, checker: Checker | None = None) -> list[str]:
    """The differences between the finding and the expectations (empty: the scenario passes)."""
    import json

    fake: ContentClassifier = FixedClassifier(scenario.suggestions)
    checker = checker or Checker(classifier=lambda: fake)
    from pantau.text.findings import check_output

    result = check_output(checker, json.dumps(scenario.activity, default=str), scenario.line)
    return list(_compare(scenario.expect, result))


__all__ = ["FixedClassifier", "Scenario", "load_scenarios", "run_scenario", "scenario_files"]
