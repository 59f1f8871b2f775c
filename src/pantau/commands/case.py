"""`pantau case`: the procedure calculator (SPEC §5.3) and the procedure scenarios.

    pantau case deadline AGENCY STEP DATE
    pantau case authority AGENCY POSITION LEVEL
    pantau case sanction AGENCY LEVEL [--previous TYPE] [--on DATE]
    pantau case next CASE.json [--today DATE]
    pantau case test [PATH]

Each calculator answer is one JSON object on stdout with exactly the keys SPEC §5.3 names
(`--explain` adds one more, `explain`, with the readings, confidence and reasoning). An unknown
agency, step, position, level or type is one line on stderr naming it and the accepted values,
exit status 2. The data is the same the cases use (`pantau.rules.procedure`).
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from pantau.commands.calendar import one_line_errors, parse_date
from pantau.domain.employees import EmployeeType
from pantau.domain.errors import DataError, InputError
from pantau.domain.procedure.authority import AuthorityAnswer, parse_official
from pantau.domain.procedure.regime import Regime
from pantau.domain.procedure.sanctions import SanctionRange
from pantau.domain.procedure.steps import parse_step
from pantau.rules.calendars import load_calendar
from pantau.rules.procedure import case_authority, case_deadline, case_sanction, load_procedure
from pantau.rules.procedure_cases import case_progress, parse_case
from pantau.rules.procedure_regimes import ROOT
from pantau.rules.procedure_scenarios import (
    load_procedure_scenarios,
    procedure_scenario_files,
    run_procedure_scenario,
)

TYPE = click.option(
    "--type",
    "employee_type",
    type=click.Choice(["PNS", "CPNS", "PPPK", "PPPK_PARUH_WAKTU", "NON_ASN"]),
    default="PNS",
    show_default=True,
    help="Employee type whose regime answers (PPPK: the agency's PPPK regime).",
)
EXPLAIN = click.option(
    "--explain", is_flag=True, help="Add an `explain` object: regime, confidence, reasoning."
)


def _echo(data: dict[str, Any]) -> None:
    click.echo(json.dumps(data, ensure_ascii=False))


@click.group(name="case")
def case_command() -> None:
    """Perkara disiplin: tenggat, pejabat berwenang, jenis hukuman.

    The disciplinary procedure: deadlines, the authorised official, the allowed sanctions
    (PP 94/2021, PP 79/2021; PPPK and contract staff as each agency's data says)."""


@case_command.command("deadline")
@click.argument("agency")
@click.argument("step")
@click.argument("day", metavar="DATE")
@TYPE
@EXPLAIN
@one_line_errors
def deadline_command(agency: str, step: str, day: str, employee_type: str, explain: bool) -> None:
    """The last day of STEP: N working days of AGENCY's calendar after DATE (not counted).

    STEP: examination (DATE: of the summons letter), second_summons (of the missed
    examination), delivery (decision set), objection (decision received), objection_decision
    (objection received), official_response (copy received), appeal (dismissal received),
    appeal_response (copy of the appeal received), appeal_decision (BPASN received it);
    superior_objection_decision (the superior of a non-PPK official received the objection)."""
    kind = EmployeeType(employee_type)
    regime = load_procedure(agency).regime_for(kind)
    parse_step(step, regime.deadline_steps())
    answer = case_deadline(agency, step, parse_date(day), kind)
    data: dict[str, Any] = answer.to_json()
    if explain:
        rule = regime.steps[answer.step]
        data["explain"] = {**_regime_explain(regime), "actor": rule.actor.value,
                           "counts_from": rule.counts_from, "confidence": rule.basis.confidence,
                           "note": rule.basis.note}
    _echo(data)


@case_command.command("authority")
@click.argument("agency")
@click.argument("position")
@click.argument("level")
@click.option("--vacant", multiple=True, metavar="OFFICIAL",
              help="A vacant post (repeatable); its authority passes up the line.")
@TYPE
@EXPLAIN
@one_line_errors
def authority_command(
    agency: str, position: str, level: str, vacant: tuple[str, ...], employee_type: str,
    explain: bool,
) -> None:
    """The lowest official in the line of superiors who may impose LEVEL on a PNS in POSITION.

    POSITION: PELAKSANA, FUNGSIONAL, PENGAWAS, ADMINISTRATOR, JPT_PRATAMA. LEVEL: ringan,
    sedang, berat. OFFICIAL in the answer: PENGAWAS, ADMINISTRATOR, JPT_PRATAMA or PPK."""
    regime = load_procedure(agency).regime_for(EmployeeType(employee_type))
    posts = [parse_official(name) for name in vacant]
    answer = case_authority(agency, position, level, posts, EmployeeType(employee_type))
    data: dict[str, Any] = {"official": answer.official.value, "basis": answer.basis}
    if explain:
        data["explain"] = {**_regime_explain(regime), **_authority_explain(answer)}
    _echo(data)


def _regime_explain(regime: Regime) -> dict[str, Any]:
    return {"regime": regime.id,
            "by_analogy": regime.analogy.to_json() if regime.analogy else None}


def _authority_explain(answer: AuthorityAnswer) -> dict[str, Any]:
    return {
        "holder_by_law": answer.grant.official.value,
        "passed_over": [item.value for item in answer.passed_over],
        "reasoning": list(answer.reasoning),
        "bases": [basis.to_json() for basis in answer.bases],
    }


@case_command.command("sanction")
@click.argument("agency")
@click.argument("level")
@click.option("--previous", metavar="TYPE",
              help="The last sanction for a breach of the same nature (a repeat offence).")
@click.option("--on", "on", metavar="DATE", help="Date of the breach [default: today].")
@TYPE
@EXPLAIN
@one_line_errors
def sanction_command(
    agency: str, level: str, previous: str | None, on: str | None, employee_type: str,
    explain: bool,
) -> None:
    """The sanction types the authorised official may choose at LEVEL, lightest first.

    With --previous, only types heavier than TYPE; when LEVEL has none left the level rises
    and `level` says so; when nothing is heavier (previous dismissal) `types` is empty."""
    regime = load_procedure(agency).regime_for(EmployeeType(employee_type))
    day = parse_date(on, "--on") if on else datetime.now(load_calendar(agency).zone).date()
    answer = case_sanction(agency, level, day, previous, EmployeeType(employee_type))
    data: dict[str, Any] = {"level": answer.level.value, "types": list(answer.type_ids),
                            "basis": _sanction_basis(answer)}
    if explain:
        data["explain"] = {**_regime_explain(regime), **_sanction_explain(answer, day)}
    _echo(data)


def _sanction_basis(answer: SanctionRange) -> str:
    if not answer.exhausted or answer.previous is None:
        return answer.basis
    return (f"{answer.basis}: tidak ada jenis hukuman disiplin yang lebih berat dari "
            f"{answer.previous.id} ({answer.previous.label_id})")


def _sanction_explain(answer: SanctionRange, day: date) -> dict[str, Any]:
    return {
        "on": day.isoformat(),
        "requested_level": answer.requested.value,
        "escalated": answer.escalated,
        "exhausted": answer.exhausted,
        "previous": answer.previous.id if answer.previous else None,
        "labels": {item.id: item.label_id for item in answer.types},
        "bases": [basis.to_json() for basis in answer.bases],
    }


@case_command.command("next")
@click.argument("path", metavar="CASE", type=click.Path(path_type=Path, allow_dash=True))
@click.option("--today", metavar="DATE", help="The day to look at the case [default: today].")
@one_line_errors
def next_command(path: Path, today: str | None) -> None:
    """Where a case (JSON: agency, employee, events) stands, and what is next, as JSON."""
    raw = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise InputError(f"{path}: not valid JSON ({error.msg}, line {error.lineno})") from None
    if not isinstance(data, dict) or "agency" not in data:
        raise InputError(f"{path}: a case is a JSON object with agency, employee and events")
    agency = str(data["agency"])
    day = parse_date(today, "--today") if today else datetime.now(
        load_calendar(agency).zone).date()
    click.echo(json.dumps(case_progress(agency, parse_case(data), day).to_json(),
                          ensure_ascii=False, indent=2))


@case_command.command("test")
@click.argument("path", type=click.Path(path_type=Path), default=ROOT)
def test_command(path: Path) -> None:
    """Jalankan skenario YAML prosedur / run the procedure scenarios."""
    passed = failed = 0
    for file in procedure_scenario_files(path):
        try:
            scenarios = load_procedure_scenarios(file)
        except DataError as error:
            failed += 1
            click.echo(f"ERR  {error}", err=True)
            continue
        for scenario in scenarios:
            problems = run_procedure_scenario(scenario)
            if problems:
                failed += 1
                click.echo(f"GAGAL {file}:{scenario.line}: {scenario.name}")
                click.echo("      " + "\n      ".join(problems))
            else:
                passed += 1
    click.echo(f"{passed} lulus, {failed} gagal")
    if failed or not passed:
        sys.exit(1)


__all__ = ["case_command"]
