"""Demo cases (pantau/demo/cases.yaml), run through the real services: a report filed and
confirmed, the case opened, each step recorded through the state machine, the letters made;
the PDFs follow on the worker the demo starts. Steps that would fall after the demo's today
are left for the user to record."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import yaml
from django.contrib.auth.models import User

from pantau.domain.access import Role
from pantau.domain.intake import Source, Status
from pantau.rules.calendars import load_calendar
from pantau.web.access.models import Membership
from pantau.web.access.scope import scope_for
from pantau.web.cases import services
from pantau.web.cases.models import Case
from pantau.web.cases.procedure import progress
from pantau.web.intake.models import Report
from pantau.web.intake.services import Filing, file_report
from pantau.web.registry.models import Employee
from pantau.web.review import services as review

STORIES = Path(__file__).resolve().parents[2] / "demo" / "cases.yaml"
QUESTIONS = (
    ("Apakah Saudara dalam keadaan sehat dan bersedia diperiksa?", "Ya, saya sehat dan "
     "bersedia."),
    ("Apakah benar akun dalam tautan laporan adalah akun pribadi Saudara?", "Benar, itu akun "
     "saya."),
    ("Apakah Saudara membuat konten tersebut pada jam kerja?", "Benar, pada jam kerja."),
    ("Apakah kegiatan tersebut bagian dari tugas kedinasan atau atas izin pimpinan?",
     "Bukan, itu kegiatan pribadi dan tanpa izin."),
)


def _admin(agency: str) -> User:
    row = Membership.objects.filter(agency_id=agency, role=Role.BKPSDM_ADMIN).select_related(
        "user").order_by("pk").first()
    assert row is not None, agency
    return row.user


def _employee(story: dict[str, Any]) -> Employee | None:
    if story.get("employee") == "pegawai":
        row = Membership.objects.filter(agency_id=story["agency"], role=Role.EMPLOYEE,
                                        employee__isnull=False).first()
        return row.employee if row else None
    return Employee.objects.filter(
        agency_id=story["agency"], unit__code=story["unit"],
        employee_type=story.get("type", "PNS"), level=story.get("level_of_post", "PELAKSANA"),
    ).exclude(cases__isnull=False).order_by("pk").first()


def _at(agency: str, day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=load_calendar(agency).zone)


def _confirmed(story: dict[str, Any], employee: Employee, today: date) -> Report | None:
    calendar = load_calendar(story["agency"])
    happened = _at(story["agency"], calendar.add_working_days(today, -int(story["days"])))
    decided = _at(story["agency"], calendar.add_working_days(happened.date(), 1), 14)
    admin = _admin(story["agency"])
    filing = Filing(agency_id=story["agency"], source=Source.MONITOR, happened_at=happened,
                    happened_until=happened + timedelta(minutes=20), kind=story["kind"],
                    description=story["description"], signals={})
    report, _code = file_report(filing, [], admin.get_username(), happened + timedelta(hours=3),
                                filed_by=admin)
    review.identify(report, employee, admin.get_username(), decided)
    review.establish(report, dict(story.get("signals") or {}), admin.get_username(), decided)
    if report.verdict != "violation":
        return None
    review.confirm(report, admin, decided, "Terbukti dari rekaman dan keterangan saksi.")
    return report


def _sanction(case: Case, wanted: str, on: date) -> str:
    allowed = progress(case, on).allowed
    types = allowed.type_ids if allowed is not None else ()
    if wanted in ("lightest", "lightest_of_level"):
        return types[0] if types else ""
    if wanted == "heaviest":
        return types[-1] if types else ""
    return wanted


def _team(case: Case) -> None:
    """The team of PP 94/2021 Pasal 29: the direct superior, and from the personnel office
    and the inspectorate officials not lower than the examinee."""
    employee = case.employee
    picks: list[Employee | None] = [employee.superior]
    for unit, level in (("BKPSDM", "ADMINISTRATOR"), ("INSPEKTORAT", "JPT_PRATAMA")):
        found = Employee.objects.filter(agency_id=case.agency_id, unit__code=unit,
                                        level=level).order_by("pk").first()
        picks.append(found)
    for member, role in zip(picks, ("anggota", "sekretaris", "ketua"), strict=False):
        if member is not None:
            services.add_member(case, member, role)


def _walk(case: Case, steps: list[dict[str, Any]], admin: User, today: date) -> None:
    calendar = load_calendar(case.agency_id)
    scope = scope_for(admin, today)
    first = case.events.order_by("seq").first()
    previous = first.on if first else today
    scheduled: date | None = None
    for spec in steps:
        kind = spec["kind"]
        on = calendar.add_working_days(previous, int(spec.get("after", 0))) if spec.get(
            "after") else previous
        if kind in ("examined", "absent") and scheduled is not None:
            on = scheduled
        if on > today:
            return
        answer = progress(case, today)
        needed = spec.get("only_if_next")
        if needed and needed not in {step.step.value for step in answer.next_steps}:
            continue
        values: dict[str, Any] = {"on": on.isoformat(), "note": spec.get("note", ""),
                                  "place": spec.get("place", "")}
        if kind == "summoned":
            scheduled = calendar.add_working_days(on, int(spec.get("exam_after", 3)))
            values["scheduled"] = scheduled.isoformat()
        elif kind == "examined":
            services.save_answers(case, [{"q": q, "a": a} for q, a in QUESTIONS],
                                  spec.get("place", ""), "langsung")
        elif kind == "team_formed":
            _team(case)
        elif kind in ("decided", "objection_decided"):
            values["sanction"] = _sanction(case, str(spec.get("sanction", "lightest")), on)
            values["outcome"] = spec.get("outcome", "")
        services.record(scope, case, kind, values, admin.get_username(), today,
                        min(_at(case.agency_id, on, 11), datetime.now(tz=calendar.zone)))
        case.refresh_from_db()
        previous = on


def load_cases_demo(today: date) -> int:
    """Load every demo case; how many were opened."""
    stories = yaml.safe_load(STORIES.read_text(encoding="utf-8"))["cases"]
    opened = 0
    for story in stories:
        admin = _admin(story["agency"])
        scope = scope_for(admin, today)
        if story.get("from_reports"):
            batches = [[report] for report in Report.objects.filter(
                agency_id=story["agency"], status=Status.CONFIRMED.value,
                employee__employee_type=story["from_reports"], case_finding__isnull=True,
            ).order_by("pk")]
        else:
            employee = _employee(story)
            report = _confirmed(story, employee, today) if employee is not None else None
            batches = [[report]] if report is not None else []
        for reports in batches:
            levels = {report.pk: story["level"] for report in reports}
            confirmed = min(report.decided_at for report in reports if report.decided_at)
            done = services.open_case(scope, reports, levels, admin.get_username(), today,
                                      min(confirmed, datetime.now(tz=confirmed.tzinfo)))
            _walk(done.case, list(story.get("steps") or []), admin, today)
            opened += 1
    return opened


__all__ = ["load_cases_demo"]
