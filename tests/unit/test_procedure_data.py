"""The procedure regimes as data: every agency has its file, every value its basis and
confidence, no legal constant in the Python, and the YAML scenarios can fail."""

from __future__ import annotations

import importlib.util
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from pantau.cli import main
from pantau.domain.employees import EmployeeType
from pantau.domain.errors import DataError
from pantau.domain.procedure.law import Confidence
from pantau.domain.procedure.readings import Topic
from pantau.rules import procedure, procedure_regimes
from pantau.rules.calendars import agency_ids
from pantau.rules.procedure import load_procedure, procedure_agency_ids, reading_options
from pantau.rules.procedure_regimes import ROOT, load_regime, regime_paths
from pantau.rules.procedure_scenarios import (
    ProcedureScenario,
    load_procedure_scenarios,
    procedure_scenario_files,
    run_procedure_scenario,
)

SRC = Path(__file__).resolve().parents[2] / "src" / "pantau"


def test_every_calendar_agency_has_procedure_data_and_no_other() -> None:
    assert procedure_agency_ids() == agency_ids()


@pytest.mark.parametrize("agency", procedure_agency_ids())
def test_each_agency_runs_pns_under_pp_94_and_pppk_by_analogy(agency: str) -> None:
    data = load_procedure(agency)
    assert data.regime_for(EmployeeType.CPNS).id == "pp-94-2021"
    pppk = data.regime_for(EmployeeType.PPPK_PARUH_WAKTU)
    assert pppk.analogy is not None and pppk.analogy.confidence is Confidence.DERIVED
    assert data.government in ("kabupaten", "kota")


def test_only_bekasi_has_a_contract_staff_regime_and_it_is_marked_unverified() -> None:
    with_regime = [a for a in procedure_agency_ids()
                   if EmployeeType.NON_ASN in load_procedure(a).regimes]
    assert with_regime == ["kota-bekasi"]
    regime = load_procedure("kota-bekasi").regime_for(EmployeeType.NON_ASN)
    unverified = {basis.reference for basis in regime.unverified()}
    assert any("belum dibaca" in reference for reference in unverified)
    known = regime.catalogue.find("pernyataan_tidak_puas").basis
    assert known.confidence is Confidence.SECONDARY  # the seed says so, the Perwal was not read


def test_the_salary_regulation_is_recorded_as_not_known_to_be_in_force() -> None:
    event = load_regime("pp-94-2021").events["salary_regulation"]
    assert event.on is None and event.basis.confidence is Confidence.UNCONFIRMED
    assert load_procedure("kab-ketapang").events["salary_regulation"] is None


def test_the_national_readings_are_the_documented_defaults() -> None:
    options = reading_options()
    assert {topic: default for topic, (default, _) in options.items()} == {
        Topic.SUMMONS_DEADLINE: "no_deadline",
        Topic.IN_FORCE: "working_days",
        Topic.OBJECTABLE_SANCTIONS: "all",
        Topic.REPEAT_REFERENCE: "last_same_nature",
    }
    chosen = load_procedure("contoh-wita").readings[Topic.IN_FORCE]
    assert (chosen.option, chosen.params["days"]) == ("calendar_days", 15)
    assert "contoh fiktif" in chosen.chosen_by


def test_every_step_and_type_of_pp_94_is_read_in_the_primary_text() -> None:
    regime = load_regime("pp-94-2021")
    for rule in regime.steps.values():
        assert rule.basis.confidence is Confidence.PRIMARY, rule.step
        assert rule.basis.reference.startswith(("PP 94/2021 Pasal", "PP 79/2021 Pasal"))
    for kind in regime.catalogue.known_types().values():
        assert kind.basis.confidence is Confidence.PRIMARY, kind.id


def _scanner() -> object:
    path = Path(__file__).with_name("test_no_legal_constants.py")
    spec = importlib.util.spec_from_file_location("no_legal_constants", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_case_command_carries_no_legal_constants() -> None:
    """domain/ and rules/ are scanned by test_no_legal_constants; the CLI is scanned here."""
    path = SRC / "commands" / "case.py"
    assert _scanner().offences(path.read_text(encoding="utf-8"), "case.py") == []  # type: ignore[attr-defined]


# ----- loader errors -----------------------------------------------------------------------
@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of procedure/ the loaders read instead of the shipped one."""
    root = tmp_path / "pantau" / "procedure"
    shutil.copytree(ROOT, root)
    monkeypatch.setattr(procedure_regimes, "ROOT", root)
    monkeypatch.setattr(procedure, "ROOT", root)
    for loader in (load_regime, load_procedure, reading_options):
        loader.cache_clear()
    yield root
    for loader in (load_regime, load_procedure, reading_options):
        loader.cache_clear()


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_value_without_a_known_confidence_names_file_and_line(data_copy: Path) -> None:
    path = data_copy / "national" / "pp-94-2021" / "regime.yaml"
    _replace(path, 'basis: "PP 94/2021 Pasal 26 ayat (2)"\n    confidence: P',
             'basis: "PP 94/2021 Pasal 26 ayat (2)"\n    confidence: X')
    with pytest.raises(DataError, match=r"pp-94-2021/regime.yaml:\d+: field 'confidence'"):
        load_regime("pp-94-2021")


def test_an_agency_choosing_an_unknown_reading_is_refused(data_copy: Path) -> None:
    path = data_copy / "agencies" / "kab-ketapang.yaml"
    _replace(path, "readings: {}", "readings:\n  in_force: {option: lunar_days}")
    with pytest.raises(DataError, match="lunar_days"):
        load_procedure("kab-ketapang")


def test_a_deadline_that_is_not_a_positive_number_is_refused(data_copy: Path) -> None:
    path = data_copy / "national" / "pp-79-2021" / "regime.yaml"
    _replace(path, "working_days: 14", "working_days: fourteen")
    with pytest.raises(DataError, match="working_days"):
        load_regime("pp-94-2021")


# ----- scenarios ---------------------------------------------------------------------------
SHIPPED = [(path, scenario) for path in procedure_scenario_files(ROOT)
           for scenario in load_procedure_scenarios(path)]


def test_every_regime_ships_scenarios() -> None:
    for regime_id, path in regime_paths().items():
        assert len(procedure_scenario_files(path)) >= 1, regime_id
    assert len(SHIPPED) >= 80


@pytest.mark.parametrize(
    "words",
    ["absent at both summonses", "examination team", "heavier type", "cuti bersama",
     "PPPK", "contract worker", "is late", "lightens"],
)
def test_the_issue_s_paths_each_have_a_scenario(words: str) -> None:
    assert any(words in scenario.name for _, scenario in SHIPPED), words


def _wrong(value: object) -> object:
    if isinstance(value, dict):
        return {key: "__wrong__" for key in value}
    if isinstance(value, list):
        return [{"step": "__wrong__"}] if value and isinstance(value[0], dict) else ["__wrong__"]
    return "__wrong__"


@pytest.mark.parametrize("scenario", [s for _, s in SHIPPED], ids=lambda s: s.name[:60])
def test_every_expectation_of_every_shipped_scenario_can_fail(scenario: ProcedureScenario) -> None:
    assert run_procedure_scenario(scenario) == []
    for key, value in scenario.expect.items():
        broken = ProcedureScenario(scenario.name, scenario.path, scenario.line, scenario.data,
                                   {**scenario.expect, key: _wrong(value)})
        assert run_procedure_scenario(broken), f"expectation {key!r} cannot fail"


SCENARIO = """\
defaults:
  agency: kab-ketapang
  employee: {type: PNS, position: PELAKSANA}
scenarios:
  - name: A light breach by a pelaksana is decided by the Pengawas
    events:
      - {reported: 2026-02-04, breaches: [{id: f-1, level: ringan}]}
    today: 2026-02-05
    expect: {authority: OFFICIAL}
"""


def _file(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    path = folder / "s.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_wrong_expectation_is_reported_and_case_test_exits_1(tmp_path: Path) -> None:
    path = _file(tmp_path, SCENARIO.replace("OFFICIAL", "ADMINISTRATOR"))
    (scenario,) = load_procedure_scenarios(path)
    assert run_procedure_scenario(scenario) == ["authority 'PENGAWAS', expected 'ADMINISTRATOR'"]
    result = CliRunner().invoke(main, ["case", "test", str(path)])
    assert result.exit_code == 1 and "GAGAL" in result.output


def test_a_right_expectation_passes_and_case_test_exits_0(tmp_path: Path) -> None:
    path = _file(tmp_path, SCENARIO.replace("OFFICIAL", "PENGAWAS"))
    result = CliRunner().invoke(main, ["case", "test", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 lulus, 0 gagal" in result.output


def test_an_unknown_expectation_key_names_the_line(tmp_path: Path) -> None:
    path = _file(tmp_path, SCENARIO.replace("authority: OFFICIAL", "official: PENGAWAS"))
    with pytest.raises(DataError, match=rf"{path}:5: scenarios\[0\]\.expect"):
        load_procedure_scenarios(path)


def test_case_next_answers_from_a_json_case_file(tmp_path: Path) -> None:
    case = {"agency": "kab-ketapang", "employee": {"type": "PNS", "position": "PELAKSANA"},
            "events": [{"kind": "reported", "on": "2026-02-04",
                        "breaches": [{"id": "f-1", "level": "berat"}]}]}
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    result = CliRunner().invoke(main, ["case", "next", str(path), "--today", "2026-02-05"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["stage"] == "reported" and data["team"] == "required"
    assert [step["step"] for step in data["next"]] == ["form_team", "summons"]
    assert data["authority"]["official"] == "PPK"
    assert {reading["topic"] for reading in data["readings"]} == {"summons_deadline"}


def test_case_next_refuses_an_event_out_of_order_in_one_line(tmp_path: Path) -> None:
    case = {"agency": "kab-ketapang", "employee": {"position": "PELAKSANA"},
            "events": [{"kind": "delivered", "on": "2026-02-04"}]}
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    result = CliRunner().invoke(main, ["case", "next", str(path), "--today", "2026-02-05"])
    assert result.exit_code == 2
    assert "starts with a 'reported' event" in result.stderr
