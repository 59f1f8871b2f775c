"""`pantau calendar`: working-time questions on the agency calendars (SPEC §3, §4).

Every error a user can cause (unknown agency, a datetime without offset, a malformed date, a
year without holiday data) is one line on stderr and exit status 2.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

import click

from pantau.domain.activities import require_convertible
from pantau.domain.errors import InputError, InvalidDatetime, PantauError
from pantau.rules.calendars import agency_ids, load_calendar
from pantau.text import render
from pantau.text.calendars import calendar_overview, render_overview

F = TypeVar("F", bound=Callable[..., Any])
LANG = click.option(
    "--lang",
    type=click.Choice(["id", "en"]),
    default="id",
    show_default=True,
    help="Language of the reason: Indonesian (id) or English (en).",
)


def one_line_errors(command: F) -> F:
    """Turn a PantauError into `error: …` on stderr and exit status 2."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except PantauError as error:
            message = " ".join(str(error).split())
            click.echo(f"error: {message}", err=True)
            raise SystemExit(2) from None

    return wrapper  # type: ignore[return-value]


def parse_datetime(value: str, field: str = "DATETIME") -> datetime:
    """An aware datetime from ISO 8601 text; InvalidDatetime naming the problem otherwise."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidDatetime(
            f"{field} {value!r} is not an ISO 8601 datetime; write e.g. 2026-02-03T09:15:00+07:00"
        ) from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InvalidDatetime(
            f"{field} {value!r} has no UTC offset; add one, e.g. {moment.isoformat()}+07:00 "
            "(WIB)"
        )
    return require_convertible(moment, f"{field} {value!r}")


def parse_date(value: str, field: str = "DATE") -> date:
    """A date from YYYY-MM-DD; InputError naming the problem otherwise."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(
            f"{field} {value!r} is not a date; write YYYY-MM-DD, e.g. 2026-02-03"
        ) from None


def parse_int(value: str, field: str, example: str = "14 or -3") -> int:
    try:
        return int(value)
    except ValueError:
        raise InputError(f"{field} {value!r} is not a whole number, e.g. {example}") from None


@click.group(name="calendar")
def calendar_command() -> None:
    """Kalender kerja instansi: jam kerja, hari libur, hari kerja.

    Working-time calendars of the agencies: hours, holidays, working days."""


@calendar_command.command("is-working")
@click.argument("agency")
@click.argument("moment", metavar="DATETIME")
@click.option("--end", metavar="DATETIME", help="End of an interval [DATETIME, END).")
@LANG
@one_line_errors
def is_working(agency: str, moment: str, end: str | None, lang: str) -> None:
    """Whether DATETIME (with offset) is working time at AGENCY, and why, as JSON."""
    calendar = load_calendar(agency)
    start = parse_datetime(moment)
    finish = parse_datetime(end, "--end") if end else None
    answer = calendar.working_time(start, finish)
    found = {"working": answer.working, "reason": render(answer.reason, lang)}
    click.echo(json.dumps(found, ensure_ascii=False))


@calendar_command.command("add-working-days", context_settings={"ignore_unknown_options": True})
@click.argument("agency")
@click.argument("day", metavar="DATE")
@click.argument("n", metavar="N")
@one_line_errors
def add_working_days(agency: str, day: str, n: str) -> None:
    """The ISO date N working days after DATE (before it when N is negative)."""
    calendar = load_calendar(agency)
    click.echo(calendar.add_working_days(parse_date(day), parse_int(n, "N")).isoformat())


@calendar_command.command("count-working-days")
@click.argument("agency")
@click.argument("first", metavar="FROM")
@click.argument("last", metavar="TO")
@one_line_errors
def count_working_days(agency: str, first: str, last: str) -> None:
    """Working days after FROM up to and including TO."""
    calendar = load_calendar(agency)
    click.echo(calendar.count_working_days(parse_date(first, "FROM"), parse_date(last, "TO")))


@calendar_command.command("agencies")
def agencies() -> None:
    """The ids of every agency with a calendar."""
    for agency_id in agency_ids():
        click.echo(agency_id)


@calendar_command.command("show")
@click.argument("agency")
@click.argument("year", required=False)
@LANG
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@one_line_errors
def show(agency: str, year: str | None, lang: str, as_json: bool) -> None:
    """The week, the Ramadan week and every non-working day of YEAR at AGENCY."""
    calendar = load_calendar(agency)
    chosen = parse_int(year, "YEAR", "2026") if year else datetime.now(calendar.zone).year
    overview = calendar_overview(calendar, chosen, lang)
    if as_json:
        click.echo(json.dumps(overview, ensure_ascii=False, indent=2))
        return
    for line in render_overview(overview, lang):
        click.echo(line)


__all__ = ["calendar_command", "parse_date", "parse_datetime"]
