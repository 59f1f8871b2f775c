"""`pantau report`: the figures of an agency (or a unit and the units below it) in a period,
compared with the period before, as JSON, CSV or XLSX (the same as the web's report page).

    pantau report --agency kab-ketapang --period 2026-10
    pantau report --agency kab-ketapang --unit DINKES --from 2026-10-01 --to 2026-12-31 \\
        --format xlsx --out laporan.xlsx

An unknown agency or unit, or a malformed date or period, is one line on stderr naming it and
how to fix it, exit status 2.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from pantau.commands.calendar import one_line_errors, parse_date


@click.command(name="report")
@click.option("--agency", required=True, help="Agency id, e.g. kab-ketapang.")
@click.option("--unit", default="", help="Unit code: that unit and the units below it.")
@click.option("--period", "period_text", default="",
              help="A month (2026-10), a quarter (2026-Q4) or a year (2026).")
@click.option("--from", "start", default="", help="First day, YYYY-MM-DD (with --to).")
@click.option("--to", "end", default="", help="Last day, YYYY-MM-DD (with --from).")
@click.option("--today", default="", help="The day the figures are as of (default: today).")
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "xlsx"]), default="json",
              show_default=True, help="Output format.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output (needed for xlsx).")
@one_line_errors
def report_command(agency: str, unit: str, period_text: str, start: str, end: str, today: str,
                   fmt: str, out: Path | None) -> None:
    """Laporan per instansi, unit dan periode, dibandingkan dengan periode sebelumnya.

    A report of an agency or unit for a period (default: the current month), beside the
    period before it. Units are counted where the registry places them today."""
    from pantau.commands.check import open_django

    open_django()
    from django.utils import timezone

    from pantau.domain.errors import InputError
    from pantau.web.access.scope import Scope
    from pantau.web.reports import compare, export
    from pantau.web.reports.area import area_for
    from pantau.web.reports.query import read_period

    day = parse_date(today, "--today") if today else timezone.localdate()
    if period_text and (start or end):
        raise InputError("give --period or --from/--to, not both")
    period = read_period(period_text, _day(start, "--from"), _day(end, "--to"), day)
    area = area_for(Scope(superuser=True), agency, unit)
    data = compare.report(area, period, day, "id")
    if fmt == "xlsx":
        if out is None:
            raise InputError("--format xlsx writes a binary workbook: give --out FILE.xlsx")
        out.write_bytes(export.to_xlsx(data))
        return
    text = (json.dumps(data, ensure_ascii=False, indent=1) + "\n" if fmt == "json"
            else export.to_csv(data))
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")


def _day(text: str, field: str) -> str:
    """The date as given, checked (the period reader takes text)."""
    return parse_date(text, field).isoformat() if text else ""


__all__ = ["report_command"]
