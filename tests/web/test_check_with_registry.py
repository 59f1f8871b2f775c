"""`pantau check --registry` end to end on the demo registry (SQLite; PostgreSQL in the
second pass of `make test`): real demo accounts, leave, surat tugas and rosters, taken from
the database, decide working time and official duty; the run is in the access log."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from click.testing import CliRunner

from pantau.cli import main
from pantau.rules.calendars import load_calendar
from pantau.web.audit.models import AccessEntry
from pantau.web.registry.demo_load import load_demo_once
from pantau.web.registry.models import Account, Assignment, Employee, Leave, Shift

AGENCY = "kab-ketapang"
DEMO_DAY = date(2026, 2, 3)  # a working Tuesday; Ketapang's SE 5/2026 is in force
LIVE_RULE = "live-jam-kerja"


@pytest.fixture
def demo(db: None) -> None:
    assert load_demo_once(DEMO_DAY)


def live(identifier: str, start: datetime, **fields: Any) -> dict[str, Any]:
    return {
        "id": identifier, "agency": AGENCY, "platform": "tiktok", "kind": "live",
        "account_type": "personal", "started_at": start.isoformat(),
        "ended_at": (start + timedelta(minutes=20)).isoformat(), "signals": {"content": []},
        **fields,
    }


def run_check(activities: list[dict[str, Any]], *options: str) -> dict[Any, dict[str, Any]]:
    stdin = "".join(json.dumps(item) + "\n" for item in activities)
    result = CliRunner().invoke(main, ["check", "--registry", "--no-classify", *options, "-"],
                                input=stdin)
    assert result.exit_code == 0, result.output
    return {found["activity_id"]: found for found in map(json.loads, result.output.splitlines())}


def morning_of_a_working_day(first: date, last: date) -> datetime | None:
    calendar = load_calendar(AGENCY)
    day = first
    while day <= last:
        if calendar.is_working_day(day):
            return calendar.working_periods(day)[0][0] + timedelta(hours=1)
        day += timedelta(days=1)
    return None


def leave_by_account() -> tuple[Account, datetime]:
    for leave in Leave.objects.filter(employee__agency_id=AGENCY,
                                      employee__unit__shift=False).select_related("employee"):
        account = Account.objects.filter(employee=leave.employee).first()
        morning = morning_of_a_working_day(leave.start, leave.end)
        if account is not None and morning is not None:
            return account, morning
    pytest.fail("the demo has no leave on a working day for an employee with an account")


def duty_on_a_working_day() -> tuple[Assignment, datetime]:
    calendar = load_calendar(AGENCY)
    for duty in Assignment.objects.filter(employee__agency_id=AGENCY,
                                          employee__unit__shift=False).select_related("employee"):
        inside = duty.starts_at + timedelta(minutes=30)
        if calendar.working_time(inside).working:
            return duty, inside
    pytest.fail("the demo has no surat tugas inside working time")


def test_registry_decides_leave_duty_and_roster_and_logs_the_access(
    demo: None, django_assert_max_num_queries: Any
) -> None:
    account, on_leave = leave_by_account()
    duty, in_duty = duty_on_a_working_day()
    shift = Shift.objects.filter(employee__agency_id=AGENCY).select_related("employee").first()
    assert shift is not None
    no_duty = in_duty + timedelta(days=35)
    while not load_calendar(AGENCY).working_time(no_duty).working:
        no_duty += timedelta(days=1)
    activities = [
        live("leave", on_leave, platform=account.platform, account=account.handle.upper()),
        live("duty", in_duty, employee={"nip": duty.employee.nip}),
        live("no-duty", no_duty, employee={"nip": duty.employee.nip}),
        live("shift", shift.starts_at + timedelta(hours=1), employee={"nip": shift.employee.nip}),
        live("stranger", in_duty, account="@bukan.pegawai.demo"),
    ]
    with django_assert_max_num_queries(12):  # one probe, 5 reads an agency, the access log
        found = run_check(activities)

    leave = found["leave"]
    assert leave["employee"]["name"] == account.employee.name
    assert leave["work_time"]["working"] is False and "registri" in leave["work_time"]["reason"]
    assert leave["verdict"] == "no_violation"

    assert LIVE_RULE not in {v["rule"] for v in found["duty"]["violations"]}
    refused = {v["rule"]: v for v in found["no-duty"]["violations"]}[LIVE_RULE]
    assert refused["status"] == "established"
    assert "tidak ada surat tugas tercatat di registri" in refused["explanation"]
    assert found["no-duty"]["employee"]["nip"].endswith(duty.employee.nip[-4:])
    assert found["no-duty"]["employee"]["nip"].startswith("*")

    assert found["shift"]["work_time"]["working"] is True
    assert "giliran kerja" in found["shift"]["work_time"]["reason"]
    assert "employee" not in found["stranger"]

    logged = AccessEntry.objects.filter(via="check")
    read = {account.employee_id, duty.employee_id, shift.employee_id}
    assert set(logged.values_list("employee_id", flat=True)) == read
    assert logged.count() == len(read)
    assert all(entry.actor.startswith("cli:") and entry.agency_id == AGENCY for entry in logged)


def test_show_nip_and_the_superior_of_a_registry_employee(demo: None) -> None:
    employee = Employee.objects.filter(agency_id=AGENCY, superior__isnull=False,
                                       unit__shift=False).select_related("superior").first()
    assert employee is not None and employee.nip
    found = run_check([live("x", datetime.fromisoformat("2026-02-03T09:15:00+07:00"),
                            employee={"nip": employee.nip})], "--show-nip")["x"]
    assert found["employee"]["nip"] == employee.nip
    assert found["employee"]["superior"] == {
        "name": employee.superior.name, "position": employee.superior.position
    }
    assert found["employee"]["type"] == employee.employee_type
