"""YAML scenarios beside each procedure regime: legal sentences with a case or a question.

A file `procedure/**/scenarios/<topic>.yaml` holds `defaults` (agency, employee, today; merged
into every scenario, `employee` key by key) and `scenarios`, each with a `name` a legal officer
can check, and `events` (a case, run through the state machine on `today`) and/or `ask` (the
calculator: `deadline`, `authority`, `sanction`), and `expect`:

    expect:
      stage: examined                  # the case's stage
      next: [{step: decision, actor: authorised_official, official: PENGAWAS, due: 2026-02-20}]
      next_steps: [forward_bap, decision]    # exactly these steps next, in order
      flags: [team_required]           # exactly these flag codes
      level: berat                     # the case's level (heaviest breach)
      team: required                   # required | optional | none
      authority: PENGAWAS              # the authorised official
      allowed: [teguran_tertulis, pernyataan_tidak_puas]   # the allowed range
      allowed_level: ringan
      decided: teguran_lisan
      effective_sanction: null
      in_force_on: 2026-03-05
      readings: {in_force: working_days}
      by_analogy: true
      unverified: true                 # some value used is unconfirmed
      error: "cannot follow"           # the case is refused with this in the message
      deadline: {deadline: 2027-01-07, working_days: 14, basis: "PP 94/2021 Pasal 37 ayat (3)"}
      authority_answer: {official: PPK, basis: "PP 94/2021 Pasal 25 (PENGAWAS: ...)"}
      sanction: {level: sedang, types: [penurunan_pangkat_1_tahun], exhausted: false}
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pantau.domain.errors import DataError, PantauError
from pantau.domain.procedure.authority import parse_official
from pantau.domain.procedure.progress import CaseProgress
from pantau.rules.lined_yaml import line_of, load_lined
from pantau.rules.procedure import case_authority, case_deadline, case_sanction
from pantau.rules.procedure_cases import case_progress, parse_case

CASE_KEYS = {"stage", "next", "next_steps", "flags", "level", "team", "authority", "allowed",
             "allowed_level", "decided", "effective_sanction", "in_force_on", "readings",
             "by_analogy", "unverified", "error"}
ASK_KEYS = {"deadline", "authority_answer", "sanction"}
SCENARIO_KEYS = {"name", "agency", "employee", "vacant", "history", "events", "today", "ask",
                 "expect"}


@dataclass(frozen=True)
class ProcedureScenario:
    """One scenario: its sentence, where it is written, the case or question, expectations."""

    name: str
    path: Path
    line: int
    data: dict[str, Any]
    expect: dict[str, Any]


def load_procedure_scenarios(path: Path) -> list[ProcedureScenario]:
    """The scenarios of one file, or DataError naming the line."""
    doc = load_lined(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("scenarios"), list):
        raise DataError(f"{path}:1: a scenario file is a mapping with 'defaults' and 'scenarios'")
    defaults = doc.get("defaults") or {}
    items = doc["scenarios"]
    return [_scenario(path, items, index, defaults) for index in range(len(items))]


def _scenario(path: Path, items: Any, index: int, defaults: dict[str, Any]) -> ProcedureScenario:
    item = items[index]
    where = f"{path}:{line_of(items, index)}: scenarios[{index}]"
    if not isinstance(item, dict) or not isinstance(item.get("name"), str):
        raise DataError(f"{where}: give a 'name' (a sentence), 'events' or 'ask', and 'expect'")
    unknown = set(item) - SCENARIO_KEYS
    if unknown:
        raise DataError(f"{where}: unknown key {sorted(unknown)[0]!r}; use {sorted(SCENARIO_KEYS)}")
    expect = item.get("expect")
    if not isinstance(expect, dict) or not expect or set(expect) - CASE_KEYS - ASK_KEYS:
        keys = ", ".join(sorted(CASE_KEYS | ASK_KEYS))
        raise DataError(f"{where}.expect: a mapping with some of {keys}")
    if "events" not in item and "ask" not in item:
        raise DataError(f"{where}: give 'events' (a case) or 'ask' (the calculator)")
    data = {**defaults, **item}
    if isinstance(defaults.get("employee"), dict) and isinstance(item.get("employee"), dict):
        data["employee"] = {**defaults["employee"], **item["employee"]}
    return ProcedureScenario(item["name"], path, line_of(items, index), _on_keys(data),
                             dict(expect))


def _on_keys(value: Any) -> Any:
    """YAML 1.1 reads a bare `on:` key as the boolean true; give it back its name."""
    if isinstance(value, dict):
        return {("on" if key is True else key): _on_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_on_keys(item) for item in value]
    return value


def procedure_scenario_files(path: Path) -> list[Path]:
    """Every scenarios/*.yaml under `path` (a folder, a regime.yaml or a scenario file)."""
    if path.is_file():
        if path.name == "regime.yaml":
            return sorted((path.parent / "scenarios").glob("*.yaml"))
        return [path]
    return sorted(p for p in path.rglob("*.yaml") if p.parent.name == "scenarios")


def run_procedure_scenario(scenario: ProcedureScenario) -> list[str]:
    """The differences between the answers and the expectations (empty: the scenario passes)."""
    problems: list[str] = []
    data, expect = scenario.data, scenario.expect
    if "events" in data:
        problems += _run_case(data, expect)
    if "ask" in data:
        problems += list(_run_ask(data, expect))
    return problems


def _run_case(data: dict[str, Any], expect: dict[str, Any]) -> list[str]:
    today = data.get("today")
    if not isinstance(today, date):
        return [f"today {today!r}: give the day the case is looked at (YYYY-MM-DD)"]
    try:
        answer = case_progress(str(data.get("agency")), parse_case(data), today)
    except PantauError as error:
        if "error" in expect and str(expect["error"]) in str(error):
            return []
        return [f"the case was refused: {error}"]
    if "error" in expect:
        return [f"expected the case to be refused with {expect['error']!r}"]
    return list(_compare_case(expect, answer))


def _compare_case(expect: dict[str, Any], answer: CaseProgress) -> Iterator[str]:
    found = _case_values(answer)
    for key, wanted in expect.items():
        if key in ("next", "readings", "error") or key in ASK_KEYS:
            continue
        value = found[key]
        if key == "flags":
            value, wanted = sorted(value), sorted(wanted or [])
        if value != wanted:
            yield f"{key} {value!r}, expected {wanted!r}"
    yield from _compare_next(expect.get("next") or [], answer)
    for topic, option in (expect.get("readings") or {}).items():
        used = {reading.topic.value: reading.option for reading in answer.readings}
        if used.get(topic) != option:
            yield f"reading {topic} {used.get(topic)!r}, expected {option!r}"


def _case_values(answer: CaseProgress) -> dict[str, Any]:
    return {
        "stage": answer.stage.value,
        "next_steps": [step.step.value for step in answer.next_steps],
        "flags": list(answer.flag_codes),
        "level": answer.level.value if answer.level else None,
        "team": answer.team.value,
        "authority": answer.authority.official.value if answer.authority else None,
        "allowed": list(answer.allowed.type_ids) if answer.allowed else None,
        "allowed_level": answer.allowed.level.value if answer.allowed else None,
        "decided": answer.decided,
        "effective_sanction": answer.effective_sanction,
        "in_force_on": answer.in_force_on,
        "by_analogy": answer.by_analogy is not None,
        "unverified": bool(answer.unverified),
    }


def _compare_next(wanted: list[Any], answer: CaseProgress) -> Iterator[str]:
    actual = [step.to_json() for step in answer.next_steps]
    for item in wanted:
        item = {k: v.isoformat() if isinstance(v, date) else v for k, v in item.items()}
        if not any(all(step.get(k) == v for k, v in item.items()) for step in actual):
            shown = [{k: step[k] for k in ("step", "actor", "official", "due", "overdue")}
                     for step in actual]
            yield f"no next step matches {item}; next steps: {shown}"


def _run_ask(data: dict[str, Any], expect: dict[str, Any]) -> Iterator[str]:
    ask, agency = data["ask"], str(data.get("agency"))
    try:
        found = _answers(agency, ask)
    except PantauError as error:
        yield f"the question was refused: {error}"
        return
    for key in ASK_KEYS & set(expect):
        for field, wanted in (expect[key] or {}).items():
            wanted = wanted.isoformat() if isinstance(wanted, date) else wanted
            value = found.get(key, {}).get(field)
            if value != wanted:
                yield f"{key}.{field} {value!r}, expected {wanted!r}"


def _answers(agency: str, ask: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    if "deadline" in ask:
        item = ask["deadline"]
        found["deadline"] = case_deadline(agency, item["step"], item["from"]).to_json()
    if "authority" in ask:
        item = ask["authority"]
        vacant = [parse_official(name) for name in item.get("vacant") or []]
        answer = case_authority(agency, item["position"], item["level"], vacant)
        found["authority_answer"] = {"official": answer.official.value, "basis": answer.basis}
    if "sanction" in ask:
        item = ask["sanction"]
        allowed = case_sanction(agency, item["level"], item["on"], item.get("previous"))
        found["sanction"] = {"level": allowed.level.value, "types": list(allowed.type_ids),
                             "exhausted": allowed.exhausted, "basis": allowed.basis}
    return found


__all__ = [
    "ProcedureScenario",
    "load_procedure_scenarios",
    "procedure_scenario_files",
    "run_procedure_scenario",
]
