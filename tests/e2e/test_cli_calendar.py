"""`pantau calendar` end to end: JSON answers, dates, one-line errors with exit status 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pantau.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["calendar", *args])
    return result.exit_code, result.stdout, result.stderr


def test_is_working_prints_the_spec_json() -> None:
    code, out, _ = run("is-working", "kab-ketapang", "2026-02-03T09:15:00+07:00")
    assert code == 0
    assert json.loads(out) == {
        "working": True,
        "reason": "Selasa 3 Feb 2026 09.15 WIB: jam kerja "
        "(Senin–Kamis 07.30–16.00, istirahat 12.00–13.00)",
    }


def test_is_working_in_english_and_from_utc() -> None:
    code, out, _ = run("is-working", "kota-bekasi", "2026-02-07T03:00:00Z", "--lang", "en")
    assert code == 0
    assert json.loads(out) == {
        "working": False,
        "reason": "Saturday 7 Feb 2026 10:00 WIB: not a working day (weekend)",
    }


def test_is_working_names_the_holiday_and_its_decree() -> None:
    _, out, _ = run("is-working", "kab-banyuasin", "2026-01-16T10:00:00+07:00")
    answer = json.loads(out)
    assert answer["working"] is False
    assert answer["reason"] == (
        "Jumat 16 Jan 2026 10.00 WIB: libur nasional Isra Mikraj Nabi Muhammad SAW "
        "(SKB Menag 1497/2025, Menaker 2/2025, MenPANRB 5/2025)"
    )


def test_is_working_with_an_interval() -> None:
    args = ("is-working", "kota-bekasi", "2026-02-02T11:50:00+07:00")
    assert json.loads(run(*args, "--end", "2026-02-02T12:30:00+07:00")[1])["working"] is True
    assert (
        json.loads(run(*args[:2], "2026-02-02T12:05+07:00", "--end", "2026-02-02T12:55+07:00")[1])[
            "working"
        ]
        is False
    )


def test_add_and_count_working_days_over_idul_fitri_2026() -> None:
    assert run("add-working-days", "kota-bekasi", "2026-03-17", "3") == (0, "2026-03-27\n", "")
    assert run("count-working-days", "kota-bekasi", "2026-03-17", "2026-03-27") == (0, "3\n", "")
    assert run("add-working-days", "kota-bekasi", "2026-03-27", "-3")[1] == "2026-03-17\n"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("is-working", "kab-entah", "2026-02-03T09:15:00+07:00"), "unknown agency 'kab-entah'"),
        (("is-working", "kota-bekasi", "2026-02-03T09:15:00"), "has no UTC offset"),
        (("is-working", "kota-bekasi", "3 Feb 2026 09:15"), "is not an ISO 8601 datetime"),
        (("add-working-days", "kota-bekasi", "2026-02-30", "3"), "DATE '2026-02-30' is not a date"),
        (
            ("add-working-days", "kota-bekasi", "2026-02-03", "tiga"),
            "N 'tiga' is not a whole number",
        ),
        (("add-working-days", "kab-entah", "2026-02-03", "3"), "known agencies: contoh-wit"),
        (("count-working-days", "kota-bekasi", "2026-02-03", "03/02/2026"), "TO '03/02/2026'"),
        (("is-working", "kota-bekasi", "2031-02-03T09:15:00+07:00"), "no holiday data for 2031"),
        # found by a review: these crashed with OverflowError when converted to the zone
        (("is-working", "kab-ketapang", "0001-01-01T00:00:00+14:00"),
         "DATETIME '0001-01-01T00:00:00+14:00' is too near the first or the last date"),
        (("is-working", "kab-ketapang", "2026-02-03T09:00:00+07:00", "--end",
          "9999-12-31T23:00:00-12:00"), "--end '9999-12-31T23:00:00-12:00' is too near"),
        (("is-working", "kab-ketapang", "2026-02-03"),
         "add one, e.g. 2026-02-03T00:00:00+07:00 (WIB)"),
        (("show", "kota-bekasi", "2031"), "no holiday data for 2031"),
    ],
)
def test_user_errors_are_one_line_on_stderr_with_exit_2(args: tuple[str, ...], words: str) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert out == ""
    assert err.startswith("error: ") and err.endswith("\n") and err.count("\n") == 1
    assert words in err


def test_show_lists_the_week_ramadan_and_every_day_off_with_its_decree() -> None:
    code, out, _ = run("show", "kab-pasaman-barat", "2025")
    assert code == 0
    assert "Senin–Kamis 07.30–16.00, istirahat 12.00–13.00" in out
    assert "Ramadan 1446 H (2025-03-01 – 2025-03-30)" in out
    assert "Senin–Kamis 08.00–15.00, istirahat 12.00–12.30" in out
    assert (
        "2025-08-18 Senin   cuti bersama    Cuti Bersama Hari Kemerdekaan RI — "
        "SKB Menag 933/2025, Menaker 1/2025, MenPANRB 3/2025"
    ) in out
    assert out.count("\n  2025-") == 28


def test_show_json_in_english() -> None:
    code, out, _ = run("show", "contoh-wit", "2026", "--json", "--lang", "en")
    data = json.loads(out)
    assert code == 0 and data["zone"] == "Asia/Jayapura" and data["zone_label"] == "WIT"
    assert data["week"]["hours"] == "37 h 30 min"
    assert {item["kind"] for item in data["days_off"]} == {"libur_nasional", "cuti_bersama"}
    assert len(data["days_off"]) == 25


def test_the_installed_command_runs_in_a_fresh_process() -> None:
    command = Path(sys.executable).parent / "pantau"
    done = subprocess.run(
        [str(command), "calendar", "is-working", "kota-bekasi", "2026-02-03T09:15"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "has no UTC offset" in done.stderr
