"""`pantau policy list|show|lint|test`: read, validate and test the policies as data."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pantau.domain.errors import DataError
from pantau.domain.evaluation import describe
from pantau.domain.policies import Allowance, Policy, Rule
from pantau.rules.policies import (
    POLICY_ROOT,
    all_policies,
    conduct_codes,
    find_policy,
    load_policy,
    policy_files,
)
from pantau.rules.scenarios import load_scenarios, run_scenario, scenario_files


@click.group("policy")
def policy_command() -> None:
    """Kebijakan instansi sebagai data / the agencies' policies as data."""


@policy_command.command("list")
def list_command() -> None:
    """Daftar kebijakan: id, berlaku mulai, jumlah aturan / list the policies."""
    for policy in _policies_or_exit():
        click.echo(f"{policy.id}\t{policy.valid_from.isoformat()}\t{len(policy.rules)} aturan\t"
                   f"{policy.title}")


def _policies_or_exit() -> tuple[Policy, ...]:
    try:
        return all_policies()
    except DataError as error:
        click.echo(f"kesalahan data kebijakan: {error}", err=True)
        sys.exit(2)


_LABELS = {
    "id": {"agency": "instansi", "signed": "ditandatangani/diumumkan", "in_force": "berlaku",
           "until": "s.d.", "scope": "berlaku bagi", "source": "sumber", "note": "catatan",
           "basis": "dasar sanksi", "cited": "dikutip", "allowed": "diperbolehkan",
           "rules": "aturan", "clause": "pasal", "when": "syarat", "unless": "kecuali",
           "exempts": "membebaskan hanya unsur (bila allowed_content benar)",
           "exempts_none": "membebaskan: tidak ada unsur (arahan, bukan pengecualian)",
           "qualified": "dibatasi konten yang diperbolehkan",
           "aggravating": "memberatkan (bukan unsur)"},
    "en": {"agency": "agency", "signed": "signed/announced", "in_force": "in force", "until": "to",
           "scope": "applies to", "source": "source", "note": "note", "basis": "sanction basis",
           "cited": "cited", "allowed": "allowed", "rules": "rules", "clause": "clause",
           "when": "condition", "unless": "unless",
           "exempts": "exempts only the element(s) (when allowed_content is true)",
           "exempts_none": "exempts: no element (a direction, not an exception)",
           "qualified": "qualified by allowed content",
           "aggravating": "aggravating (not an element)"},
}


def _header_lines(policy: Policy, label: dict[str, str]) -> list[str]:
    until = policy.valid_until.isoformat() if policy.valid_until else "-"
    lines = [
        policy.title,
        f"  id: {policy.id}",
        f"  {label['agency']}: {policy.agency}",
        f"  {label['signed']}: {policy.signed.isoformat()}; {label['in_force']}: "
        f"{policy.valid_from.isoformat()} {label['until']} {until}",
        f"  {label['scope']}: {', '.join(policy.applies_to)}",
        f"  {label['source']}: {policy.source}",
    ]
    if policy.note:
        lines.append(f"  {label['note']}: {policy.note}")
    lines.append(f"  {label['basis']}:")
    for basis in policy.sanction_basis:
        cited = f" ({label['cited']}: {basis.cited})" if basis.cited else ""
        lines.append(f"    {basis.employee_type}: {basis.applicable}{cited}")
        if basis.note:
            lines.append(f"      {label['note']}: {basis.note}")
    for allowance in policy.allowed:
        lines += _allowance_lines(allowance, label)
    return lines


def _allowance_lines(allowance: Allowance, label: dict[str, str]) -> list[str]:
    lines = [f"  {label['allowed']} ({allowance.reference}): “{allowance.text}”"]
    if not allowance.defeats:
        lines.append(f"    {label['exempts_none']}")
    else:
        lines.append(f"    {label['exempts']}:")
    for defeat in allowance.defeats:
        words = f" — “{defeat.note}”" if defeat.note else ""
        lines.append(f"      [{defeat.rule}] {describe(defeat.element)}{words}")
    if allowance.note:
        lines.append(f"    {label['note']}: {allowance.note}")
    return lines


def _rule_extras(policy: Policy, rule: Rule, label: dict[str, str]) -> list[str]:
    lines = []
    if rule.unless:
        lines.append(f"      {label['unless']}: "
                     f"{', '.join(describe(item) for item in rule.unless)}")
    qualified = [f"{describe(element)} ({allowance.reference})"
                 for allowance in policy.allowed for element in allowance.elements_of(rule.id)]
    if qualified:
        lines.append(f"      {label['qualified']}: {'; '.join(qualified)}")
    if rule.aggravating:
        lines.append(f"      {label['aggravating']}: "
                     f"{', '.join(describe(item) for item in rule.aggravating)}")
    if rule.note:
        lines.append(f"      {label['note']}: {rule.note}")
    return lines


def _show_lines(policy: Policy, lang: str) -> list[str]:
    codes = conduct_codes()
    label = _LABELS[lang]
    lines = [*_header_lines(policy, label), f"  {label['rules']}:"]
    for rule in policy.rules:
        meaning = codes[rule.conduct]
        lines += [
            f"    [{rule.id}] {rule.conduct}: "
            f"{meaning.meaning_en if lang == 'en' else meaning.meaning_id}",
            f"      {label['clause']}: {rule.clause.reference}",
            f"      “{rule.clause.text}”",
            f"      {label['when']}: {describe(rule.when)}",
        ]
        lines += _rule_extras(policy, rule, label)
    return lines


@policy_command.command("show")
@click.argument("policy_id")
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True)
def show_command(policy_id: str, lang: str) -> None:
    """Tampilkan satu kebijakan dengan pasal-pasalnya / show one policy and its clauses."""
    try:
        policy = find_policy(policy_id)
    except DataError as error:
        click.echo(f"kesalahan: {error}", err=True)
        sys.exit(2)
    click.echo("\n".join(_show_lines(policy, lang)))


@policy_command.command("lint")
@click.argument("path", type=click.Path(path_type=Path), default=POLICY_ROOT / "regional")
def lint_command(path: Path) -> None:
    """Periksa berkas kebijakan terhadap skema / validate policy files against the schema."""
    errors = 0
    try:
        files = policy_files(path)
    except DataError as error:
        click.echo(f"kesalahan: {error}", err=True)
        sys.exit(2)
    for file in files:
        try:
            policy = load_policy(file)
            click.echo(f"ok  {file}  ({policy.id}, {len(policy.rules)} aturan)")
        except DataError as error:
            errors += 1
            click.echo(f"ERR {error}", err=True)
    click.echo(f"{len(files)} berkas, {errors} salah", err=True)
    if errors or not files:
        sys.exit(2 if errors else 1)


@policy_command.command("test")
@click.argument("path", type=click.Path(path_type=Path), default=POLICY_ROOT / "regional")
def test_command(path: Path) -> None:
    """Jalankan skenario YAML di samping kebijakan / run the YAML scenarios."""
    passed = failed = 0
    for file in scenario_files(path):
        try:
            scenarios = load_scenarios(file)
        except DataError as error:
            failed += 1
            click.echo(f"ERR  {error}", err=True)
            continue
        for scenario in scenarios:
            problems = run_scenario(scenario)
            if problems:
                failed += 1
                click.echo(f"GAGAL {file}:{scenario.line}: {scenario.name}")
                click.echo("      " + "\n      ".join(problems))
            else:
                passed += 1
    click.echo(f"{passed} lulus, {failed} gagal")
    if failed or not passed:
        sys.exit(1)


__all__ = ["policy_command"]
