"""The YAML scenario runner: a wrong expectation is reported, a malformed file names its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from pantau.domain.errors import DataError
from pantau.rules.policies import POLICY_ROOT, all_policies
from pantau.rules.scenarios import load_scenarios, run_scenario, scenario_files

SCENARIO = """\
defaults:
  agency: kab-ketapang
  kind: live
  employee: {type: PNS}
  signals: {official_duty: false}
scenarios:
  - name: A PNS live at 10.00 WIB on a working Tuesday breaches the ban
    activity: {started_at: "2026-02-03T10:00:00+07:00"}
    expect: {verdict: VERDICT, established: [live_in_work_hours]}
"""


def _file(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    path = folder / "s.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_right_expectation_passes(tmp_path: Path) -> None:
    (scenario,) = load_scenarios(_file(tmp_path, SCENARIO.replace("VERDICT", "violation")))
    assert run_scenario(scenario) == []


def test_a_wrong_expectation_is_reported(tmp_path: Path) -> None:
    (scenario,) = load_scenarios(_file(tmp_path, SCENARIO.replace("VERDICT", "no_violation")))
    assert run_scenario(scenario) == ["verdict 'violation', expected 'no_violation'"]


def test_defaults_merge_signals_key_by_key(tmp_path: Path) -> None:
    text = SCENARIO.replace("VERDICT", "needs_review").replace(
        "activity: {started_at", "activity: {signals: {official_duty: null}, started_at")
    (scenario,) = load_scenarios(_file(tmp_path, text))
    assert scenario.activity["signals"] == {"official_duty": None}
    assert run_scenario(scenario) == ["established [], expected ['live_in_work_hours']"]


def test_an_unknown_expectation_key_names_the_line(tmp_path: Path) -> None:
    path = _file(tmp_path, SCENARIO.replace("VERDICT", "violation").replace("established", "est"))
    with pytest.raises(DataError, match=rf"{path}:7: scenarios\[0\]\.expect"):
        load_scenarios(path)


def test_every_shipped_policy_has_at_least_fifteen_scenarios() -> None:
    for policy in all_policies():
        files = scenario_files(Path(policy.path))
        count = sum(len(load_scenarios(path)) for path in files)
        assert count >= 15, f"{policy.id}: {count} scenarios"
    assert scenario_files(POLICY_ROOT / "regional")
