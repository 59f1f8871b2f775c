"""`pantau export`: the national record. `export siasn` writes an agency's final sanctions as
SIASN hukdis records (JSON, one object a sanction, or a batch CSV); `export clean-record`
makes an employee's clean-record statement (DOCX) or says why it cannot be made."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

import click


@click.group(name="export")
def export_command() -> None:
    """Catatan nasional: ekspor SIASN dan surat pernyataan.

    The national record: the SIASN export and the clean-record statement."""


def _write(text: str, out: Path | None) -> None:
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")


@export_command.command("siasn")
@click.option("--agency", required=True, help="Agency id, e.g. kab-ketapang.")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json",
              show_default=True, help="One JSON document with every record, or the batch CSV.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output.")
@click.option("--references", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="The agency's SIASN reference ids (default: "
                                 "src/pantau/siasn/references.yaml).")
@click.option("--on", "on", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The day the cases are judged on (default today, in the server's zone).")
def siasn(agency: str, fmt: str, out: Path | None, references: Path | None,
          on: datetime | None) -> None:
    """Every final sanction of AGENCY in the shape of the SIASN `hukdis/save` payload.

    Each record carries `missing`: the fields SIASN needs that pantau does not hold, each with
    its reason (never guessed). Every payload is checked against hukdis.schema.json. Exit 0;
    2 when the agency is unknown or the database cannot be read."""
    from pantau.commands.check import _fail, cli_user, open_django

    open_django()
    from django.utils import timezone

    from pantau.domain.errors import DataError
    from pantau.siasn.hukdis import load_references
    from pantau.web.audit.access import note_reads
    from pantau.web.cases import siasn as national
    from pantau.web.registry.models import Agency

    if not Agency.objects.filter(pk=agency).exists():
        known = ", ".join(Agency.objects.order_by("pk").values_list("pk", flat=True))
        _fail(f"instansi {agency!r} tidak dikenal; yang ada: {known}",
              f"unknown agency {agency!r}; known: {known}")
    try:
        refs = load_references(references)
    except DataError as error:
        _fail(str(error), str(error))
    today = on.date() if on is not None else timezone.localdate()
    found = national.export(agency, national.agency_cases(agency), today, refs)
    note_reads(cli_user(), [(r["employee"]["id"], agency) for r in found.records],
               "siasn-cli")
    text = national.to_csv(found) if fmt == "csv" else json.dumps(
        found.to_json(), ensure_ascii=False, indent=2) + "\n"
    _write(text, out)


@export_command.command("clean-record")
@click.argument("nip")
@click.option("--on", "on", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The statement's date: today, the day it is made (default; another date "
                   "is refused: a statement is never backdated).")
@click.option("--purpose", default="", help="What it is for: kenaikan pangkat, mutasi, pensiun.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the DOCX (the PDF follows on the worker).")
def clean_record(nip: str, on: datetime | None, purpose: str, out: Path) -> None:
    """Make the clean-record statement of the employee with NIP on a date.

    Prints the statement's number as JSON and writes the DOCX to OUT. Exit 1 when it may not be
    made (the reasons are printed: a sanction in force or imposed, or an open case); 2 when
    the employee is unknown or the date is not today."""
    from pantau.commands.check import _fail, cli_user, open_django

    open_django()
    from django.utils import timezone

    from pantau.web.cases import statements
    from pantau.web.registry.models import Employee

    day = on.date() if on is not None else timezone.localdate()
    if day != timezone.localdate():
        _fail("surat pernyataan bertanggal hari dibuatnya: hari ini, bukan tanggal lain",
              "a statement is dated the day it is made: today, no other date")
    employee = Employee.objects.select_related("agency", "unit").filter(nip=nip).first()
    if employee is None:
        _fail(f"tidak ada pegawai dengan NIP {nip}", f"no employee with NIP {nip}")
    try:
        row = statements.issue(employee, day, purpose, cli_user(), timezone.now())
    except statements.StatementRefused as refused:
        click.echo(json.dumps(statements.standing_json(refused.standing), ensure_ascii=False))
        sys.exit(1)
    with row.docx.open("rb") as handle:
        out.write_bytes(handle.read())
    click.echo(json.dumps({"number": row.number, "on": day.isoformat(), "docx": str(out)},
                          ensure_ascii=False))


__all__ = ["export_command"]
