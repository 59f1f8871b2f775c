"""Demo complaints and reports (pantau/demo/intake.yaml), run through the real services:
filing, identification by the account in the post link, the check, and the reviewers'
decisions, so that the queue holds a report in every state for the five agencies."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import yaml
from django.contrib.auth.models import User
from django.utils import timezone

from pantau.domain.errors import PantauError
from pantau.domain.intake import Source
from pantau.rules.calendars import load_calendar
from pantau.web.intake.models import Report
from pantau.web.intake.services import Filing, file_report
from pantau.web.registry.models import Account, Agency, Employee
from pantau.web.review import services

STORIES = Path(__file__).resolve().parents[2] / "demo" / "intake.yaml"


def _moment(agency: str, today: date, days: int, at: str) -> datetime:
    calendar = load_calendar(agency)
    day = calendar.add_working_days(today, -days)
    hour, minute = (int(part) for part in at.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=calendar.zone)


def _employees(story: dict[str, Any]) -> list[Employee]:
    rows = Employee.objects.filter(agency_id=story["agency"],
                                   employee_type=story.get("type", "PNS"))
    if story.get("all_of_type"):
        return list(rows.order_by("pk"))
    with_account = rows.filter(unit__code=story["unit"], accounts__platform="tiktok",
                               accounts__account_type="personal").order_by("pk")
    found = with_account.first() or rows.filter(unit__code=story["unit"]).first()
    return [found] if found is not None else []


def _link(employee: Employee, number: int) -> list[str]:
    account = Account.objects.filter(employee=employee, platform="tiktok").first()
    if account is None:
        return []
    return [f"https://www.tiktok.com/{account.handle}/video/74{number:017d}"]


def _filing(story: dict[str, Any], employee: Employee | None, index: int, when: datetime
            ) -> Filing:
    links = story.get("links")
    if links is None:
        links = _link(employee, index) if employee is not None and story.get(
            "identify", True) else []
    minutes = story.get("minutes")
    return Filing(
        agency_id=story["agency"], source=Source(story["source"]), happened_at=when,
        happened_until=when + timedelta(minutes=minutes) if minutes else None,
        kind=story["kind"], links=links, account=story.get("account", ""),
        platform="tiktok" if story.get("account") else "",
        description=story["description"], text=story.get("text", ""),
        signals=dict(story.get("signals") or {}), external_id=story.get("external_id", ""),
        who=employee.name if employee is not None and story.get("all_of_type") else "",
    )


def _admin(agency: str) -> User:
    login = Agency.objects.get(pk=agency).members.filter(role="bkpsdm_admin").first()
    assert login is not None
    return login.user


def _decide(report: Report, story: dict[str, Any], employee: Employee | None, when: datetime
            ) -> None:
    now = min(when, timezone.now())
    state = story.get("state", "received")
    if state == "received":
        return
    admin = _admin(report.agency_id)
    services.claim(report, admin, now)
    if report.employee_id is None and employee is not None and story.get("identify", True):
        services.identify(report, employee, admin.get_username(), now)
    if state == "waiting":
        services.ask(report, admin, story["question"], now)
    elif state == "dismissed":
        services.dismiss(report, admin, story["reason"], story.get("note", ""), now)
    elif state == "confirmed" and report.verdict == "violation":
        services.confirm(report, admin, now, "Terbukti dari bukti video dan keterangan saksi.")


def load_intake_demo(today: date) -> list[tuple[str, str, str]]:
    """Load every story; the receipt codes of the public complaints (agency, status, code), to
    try the status page with (none when the calendars do not cover the days needed)."""
    stories = yaml.safe_load(STORIES.read_text(encoding="utf-8"))["stories"]
    made, receipts = 0, []
    for index, story in enumerate(stories):
        try:
            when = _moment(story["agency"], today, story["days"], story["at"])
        except PantauError:
            continue
        filer = User.objects.filter(username=story.get("filer", "")).first()
        people: list[Employee | None] = [*_employees(story)] or [None]
        for employee in people:
            filing = _filing(story, employee, index * 10 + made, when)
            report, _code = file_report(filing, [], filer.get_username() if filer else "public",
                                        when + timedelta(hours=2), filed_by=filer)
            _decide(report, story, employee, when + timedelta(days=1))
            made += 1
            if _code:
                report.refresh_from_db()
                receipts.append((report.agency_id, report.status, _code))
    return receipts


__all__ = ["load_intake_demo"]
