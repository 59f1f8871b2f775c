"""`pantau retention`: remove or anonymise personal data past its retention period (UU PDP
27/2022), as the schedule in src/pantau/privacy/retention.yaml says."""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

import click


def _today() -> date:
    from django.utils import timezone

    return timezone.localdate()


def _show_plan(found: list[Any], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps([item.to_json() for item in found], ensure_ascii=False))
        return
    for item in found:
        rule = item.rule
        click.echo(f"{rule.category.value}: {item.count} lewat masa retensi / past the period "
                   f"(s.d./until {item.cutoff.isoformat()}, {rule.treatment.value})")
        if item.ids:
            click.echo("  id: " + ", ".join(str(pk) for pk in item.ids))
        elif item.count:
            click.echo(f"  id {item.first_id}–{item.last_id}")


def _progress(enabled: bool) -> Any:
    def say(category: Any, done: int, total: int) -> None:
        if enabled and total:
            end = "\n" if done >= total else "\r"
            click.echo(f"{category.value}: {done}/{total}", err=True, nl=False)
            click.echo(end, err=True, nl=False)

    return say


def _check_agencies(chosen: list[str] | None) -> None:
    from pantau.web.registry.models import Agency

    known = set(Agency.objects.values_list("pk", flat=True))
    unknown = sorted(set(chosen or ()) - known)
    if unknown:
        click.echo(f"instansi tidak dikenal / unknown agency: {', '.join(unknown)}; "
                   f"pilih / use one of: {', '.join(sorted(known))}", err=True)
        sys.exit(2)


@click.command(name="retention")
@click.option("--dry-run", is_flag=True, help="Only list what would go (counts and ids, no "
              "personal data); change nothing.")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The date the periods are counted to (YYYY-MM-DD; default today; a later "
                   "date only with --dry-run).")
@click.option("--agency", "agencies", multiple=True, help="Only this agency (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option("--progress/--no-progress", default=None,
              help="Show progress on stderr (default: when stderr is a terminal).")
@click.option("--force", is_flag=True, help="Run with an --as-of after today (a rehearsal on a "
              "copy of the data; on live data it removes what the schedule still keeps).")
def retention_command(dry_run: bool, as_of: Any, agencies: tuple[str, ...], as_json: bool,
                      progress: bool | None, force: bool) -> None:
    """Hapus atau anonimkan data pribadi yang lewat masa retensinya (UU PDP).

    Remove or anonymise the personal data at PANTAU_DATABASE_URL whose retention period has
    ended on --as-of: complainants' contacts and dismissed reports are anonymised, evidence
    files of closed cases deleted (their SHA-256 kept), access-log and evidence-read rows
    deleted. Every removal is an audit entry; the audit chain is verified afterwards (exit 1
    when it is not intact)."""
    from pantau.commands.check import open_django

    open_django()
    from pantau.web.audit.chain import verify
    from pantau.web.audit.trail import acting_as
    from pantau.web.privacy import retention

    day = as_of.date() if as_of is not None else _today()
    if day > _today() and not (dry_run or force):
        click.echo(f"--as-of {day.isoformat()} setelah hari ini: penghapusan tidak dapat "
                   f"didahulukan / is after today: removal cannot run ahead of its period "
                   f"(--dry-run shows what would go then; --force runs it, on a copy of the "
                   f"data only)", err=True)
        sys.exit(2)
    chosen = list(agencies) or None
    _check_agencies(chosen)
    if dry_run:
        _show_plan(retention.plan(day, chosen), as_json)
        return
    shown = sys.stderr.isatty() if progress is None else progress
    with acting_as("cli:retention"):
        counts = retention.run(day, "cli:retention", chosen, progress=_progress(shown))
    found = verify()
    if as_json:
        click.echo(json.dumps({"as_of": day.isoformat(), "treated": counts,
                               "chain_intact": found.intact, "redacted": found.redacted}))
    else:
        for name, count in counts.items():
            click.echo(f"{name}: {count}")
        state = "utuh / intact" if found.intact else "PUTUS / BROKEN"
        click.echo(f"rantai audit / audit chain: {state} ({found.checked} entri, "
                   f"{found.redacted} disunting retensi / redacted)")
    if not found.intact:
        sys.exit(1)


__all__ = ["retention_command"]
