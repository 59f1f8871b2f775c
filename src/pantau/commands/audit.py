"""`pantau audit verify`: check that nobody changed or removed an entry of the audit trail."""

from __future__ import annotations

import json
import sys

import click


@click.group(name="audit")
def audit_command() -> None:
    """Jejak audit: periksa keutuhan rantai hash.

    The audit trail: check that its hash chain is intact."""


@audit_command.command("verify")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def verify(as_json: bool) -> None:
    """Walk the audit trail at PANTAU_DATABASE_URL and report the first broken link.

    Exit 0 when the chain is intact; 1 when an entry was edited or removed behind pantau's
    back (the entry is named); 2 when the database cannot be read."""
    from pantau.commands.check import open_django

    open_django()
    from pantau.web.audit.chain import verify as walk

    found = walk()
    broken = found.first_break
    if as_json:
        click.echo(json.dumps({
            "checked": found.checked, "intact": found.intact, "redacted": found.redacted,
            "first_break": None if broken is None else {
                "seq": broken.seq, "kind": broken.kind.value, "expected": broken.expected,
                "found": broken.found},
        }))
    elif broken is None:
        click.echo(f"rantai utuh / chain intact: {found.checked} entri diperiksa (entries checked)"
                   + (f"; {found.redacted} disunting retensi (redacted by retention)"
                      if found.redacted else ""))
    else:
        click.echo(f"rantai putus di entri {broken.seq} / chain broken at entry {broken.seq}: "
                   f"{broken.kind.value} (expected {broken.expected}, found {broken.found})")
    if broken is not None:
        sys.exit(1)


__all__ = ["audit_command"]
