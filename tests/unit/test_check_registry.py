"""The check with the registry port: the in-memory fake, the shipped calendars and policies.

Ketapang's SE 5/2026 (in force from 26/01/2026) forbids a PNS or PPPK to stream live in
working time unless for official duty; 3 Feb 2026 is a working Tuesday (07.30–16.00 WIB).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from pantau.domain.activities import parse_activity
from pantau.domain.employees import EmployeeType, mask_nip
from pantau.domain.evaluation import Truth
from pantau.domain.overlay import Assignment, LeavePeriod, Shift
from pantau.domain.predicates import PREDICATES, Context, DutyRecord
from pantau.domain.registry import InMemoryRecords, RegisteredEmployee, StoredEmployee
from pantau.rules.checker import Checker
from pantau.text import render
from pantau.text.findings import check_output

WIB = ZoneInfo("Asia/Jakarta")
NIP = "199003032015032003"
NURSE_NIP = "199505052020122005"
SURAT = "800.1.11.1/014/UMUM/2026"
LIVE_RULE = "live-jam-kerja"


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 2, day, hour, minute, tzinfo=WIB)


def staff(**extra: Any) -> StoredEmployee:
    employee = RegisteredEmployee(
        NIP, "Siti Umum", EmployeeType.PNS, "Bagian Umum", "Pelaksana",
        "Kabag Umum", "Kepala Bagian Umum",
    )
    return StoredEmployee("kab-ketapang", employee, (("tiktok", "@siti.umum"),), **extra)


def nurse(roster: tuple[Shift, ...]) -> StoredEmployee:
    employee = RegisteredEmployee(
        NURSE_NIP, "Rina Perawat", EmployeeType.PPPK, "RSUD Agoesdjam", "Perawat",
        shift_unit=True,
    )
    return StoredEmployee("kab-ketapang", employee, (("tiktok", "@rina.rsud"),), roster=roster)


def activity(**fields: Any) -> str:
    line: dict[str, Any] = {
        "id": "a-1", "agency": "kab-ketapang", "platform": "tiktok", "kind": "live",
        "started_at": "2026-02-03T09:15:00+07:00", "ended_at": "2026-02-03T09:40:00+07:00",
        "account_type": "personal", "signals": {"content": []},
    }
    line.update(fields)
    return json.dumps(line)


def check(records: InMemoryRecords | None, line: str, show_nip: bool = False) -> dict[str, Any]:
    checker = Checker(classifier=None, records=records)
    return check_output(checker, line, 1, show_nip=show_nip)


def rules(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {violation["rule"]: violation for violation in result["violations"]}


def test_found_by_nip_the_type_is_filled_and_no_surat_tugas_fails_official_duty() -> None:
    result = check(InMemoryRecords([staff()]), activity(employee={"nip": NIP}))
    live = rules(result)[LIVE_RULE]
    assert live["status"] == "established"
    assert "tidak ada surat tugas tercatat di registri" in live["explanation"]
    assert "registri: pegawai ditemukan menurut NIP" in live["explanation"]
    assert "registri: jenis pegawai PNS" in live["explanation"]
    assert result["employee"] == {
        "nip": "**************2003", "name": "Siti Umum", "type": "PNS", "unit": "Bagian Umum",
        "position": "Pelaksana",
        "superior": {"name": "Kabag Umum", "position": "Kepala Bagian Umum"},
    }


def test_without_the_registry_the_same_activity_is_only_suspected() -> None:
    result = check(None, activity(employee={"nip": NIP}))
    assert "employee" not in result
    assert rules(result)[LIVE_RULE]["missing"] == ["employee.type", "official_duty"]


def test_found_by_account_handle_ignoring_case_and_at_sign() -> None:
    result = check(InMemoryRecords([staff()]), activity(platform="TikTok", account="Siti.Umum"))
    assert result["employee"]["name"] == "Siti Umum"
    assert "menurut akun TikTok Siti.Umum" in rules(result)[LIVE_RULE]["explanation"]


def test_an_account_of_another_agency_or_platform_is_not_a_match() -> None:
    records = InMemoryRecords([staff()])
    for line in (activity(agency="kota-bekasi", account="@siti.umum"),
                 activity(platform="instagram", account="@siti.umum")):
        assert "employee" not in check(records, line)


def test_an_unknown_account_gives_the_finding_of_a_check_without_registry() -> None:
    line = activity(account="@nobody", employee={"unit": "Dinas X"})
    records = InMemoryRecords([staff()])
    assert check(records, line) == check(None, line)
    assert records.lookups == 1


def test_registry_leave_removes_working_time() -> None:
    leave = (LeavePeriod(date(2026, 2, 2), date(2026, 2, 4), "cuti tahunan", "registri"),)
    result = check(InMemoryRecords([staff(leave=leave)]), activity(employee={"nip": NIP}))
    assert result["work_time"]["working"] is False
    assert "cuti tahunan, registri" in result["work_time"]["reason"]
    assert result["verdict"] == "no_violation"


def test_leave_on_other_days_leaves_the_working_day_alone() -> None:
    leave = (LeavePeriod(date(2026, 2, 4), date(2026, 2, 6), "cuti tahunan", "registri"),)
    result = check(InMemoryRecords([staff(leave=leave)]), activity(employee={"nip": NIP}))
    assert result["work_time"]["working"] is True


def test_an_explicit_on_leave_still_removes_working_time_with_the_registry() -> None:
    line = activity(employee={"nip": NIP}, signals={"content": [], "on_leave": True})
    result = check(InMemoryRecords([staff()]), line)
    assert result["work_time"]["working"] is False
    assert "signals.on_leave" in result["work_time"]["reason"]


def test_a_covering_surat_tugas_makes_official_duty_hold() -> None:
    duty = (Assignment(at(3, 9), at(3, 12), SURAT),)
    checker = Checker(classifier=None, records=InMemoryRecords([staff(assignments=duty)]))
    finding = checker.check(parse_activity(json.loads(activity(employee={"nip": NIP}))))
    assert finding.employee is not None and finding.employee.nip == NIP
    assert LIVE_RULE not in {v.rule for v in finding.violations}
    facts = [render(fact) for fact in finding.work_time.facts]
    assert f"registri: surat tugas {SURAT}" in facts
    assert f"registry: surat tugas (official assignment) {SURAT}" in [
        render(fact, "en") for fact in finding.work_time.facts]


def test_a_surat_tugas_at_another_time_does_not_cover_the_stream() -> None:
    duty = (Assignment(at(3, 13), at(3, 15), SURAT),)
    result = check(InMemoryRecords([staff(assignments=duty)]), activity(employee={"nip": NIP}))
    assert rules(result)[LIVE_RULE]["status"] == "established"


def test_the_official_duty_predicate_cites_the_assignment_number() -> None:
    parsed = parse_activity(json.loads(activity()))
    answer = Checker(classifier=None)._working_time(parsed)
    held = PREDICATES["official_duty"].function(Context(parsed, answer, duty=DutyRecord(SURAT)), ())
    assert held.truth is Truth.HOLDS
    assert SURAT in render(held.why, "id") and SURAT in render(held.why, "en")
    failed = PREDICATES["official_duty"].function(Context(parsed, answer, duty=DutyRecord()), ())
    assert failed.truth is Truth.FAILS
    unknown = PREDICATES["official_duty"].function(Context(parsed, answer), ())
    assert unknown.truth is Truth.UNKNOWN


def test_explicit_values_win_over_the_registry() -> None:
    duty = (Assignment(at(3, 9), at(3, 12), SURAT),)
    records = InMemoryRecords([staff(assignments=duty)])
    explicit_false = activity(employee={"nip": NIP}, signals={"content": [],
                                                              "official_duty": False})
    assert rules(check(records, explicit_false))[LIVE_RULE]["status"] == "established"
    non_asn = check(records, activity(employee={"nip": NIP, "type": "NON_ASN", "unit": "X"}))
    assert LIVE_RULE not in rules(non_asn)
    assert non_asn["employee"]["type"] == "PNS"  # what the registry says, beside the finding


def test_a_roster_replaces_the_week_of_a_shift_unit() -> None:
    night = Shift(at(3, 19), at(4, 7), "Malam")
    roster = (Shift(at(2, 7), at(2, 19), "Siang"), night)
    records = InMemoryRecords([nurse(roster)])
    evening = check(records, activity(account="@rina.rsud", started_at="2026-02-03T21:00:00+07:00",
                                      ended_at=None))
    assert evening["work_time"]["working"] is True
    assert "Malam" in evening["work_time"]["reason"]
    morning = check(records, activity(account="@rina.rsud"))
    assert morning["work_time"]["working"] is False
    assert "roster" in morning["work_time"]["reason"]


def test_a_roster_that_does_not_reach_the_date_leaves_the_regular_week() -> None:
    records = InMemoryRecords([nurse((Shift(at(10, 7), at(10, 19), "Siang"),))])
    result = check(records, activity(account="@rina.rsud"))
    assert result["work_time"]["working"] is True
    assert "tanpa roster tercatat" in rules(result)[LIVE_RULE]["explanation"]


def test_show_nip_prints_the_full_number_and_masking_keeps_four_digits() -> None:
    result = check(InMemoryRecords([staff()]), activity(employee={"nip": NIP}), show_nip=True)
    assert result["employee"]["nip"] == NIP
    assert mask_nip("1234567890") == "******7890"
    assert mask_nip(None) is None


def test_an_unknown_agency_is_invalid_before_any_lookup() -> None:
    records = InMemoryRecords([staff()])
    result = check(records, activity(agency="kab-entah", employee={"nip": NIP}))
    assert result["verdict"] == "invalid"
    assert records.lookups == 0


def _run(args: list[str], env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from pantau.cli import main; main()", *args]
    return subprocess.run(
        command, input=stdin, capture_output=True, text=True, env={**os.environ, **env},
        timeout=120, check=False,
    )


def test_a_plain_check_never_imports_django() -> None:
    code = (
        "import io, sys\n"
        "from click.testing import CliRunner\n"
        "from pantau.cli import main\n"
        "result = CliRunner().invoke(main, ['check', '--no-classify', '-'],\n"
        f"                           input={activity()!r})\n"
        "assert result.exit_code == 0, result.output\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'django'))\n"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                               timeout=120, check=True)
    assert completed.stdout.strip() == "[]"


@pytest.mark.parametrize("url", ["sqlite:///{tmp}/missing.sqlite3",
                                 "postgresql://pantau:x@127.0.0.1:1/pantau"])
def test_a_missing_or_unreachable_registry_is_one_line_and_exit_2(url: str, tmp_path: Any) -> None:
    completed = _run(["check", "--registry", "--no-classify", "-"],
                     {"PANTAU_DATABASE_URL": url.format(tmp=tmp_path)}, activity())
    assert completed.returncode == 2
    assert completed.stdout == ""
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("galat: ") and "registr" in lines[0]
    assert not (tmp_path / "missing.sqlite3").exists()
