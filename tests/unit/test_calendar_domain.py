"""The working-time domain on a small hand-built calendar (no YAML): SPEC §3 boundaries."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from pantau.domain.calendar import AgencyCalendar, UnitWeeks
from pantau.domain.errors import InvalidDatetime, MissingCalendarData
from pantau.domain.overlay import Assignment, EmployeeOverlay, LeavePeriod, Shift
from pantau.domain.text import Term
from pantau.domain.worktime import (
    DatedWeek,
    DayKind,
    DayOff,
    DaySchedule,
    Span,
    Week,
    ramadan_label,
)
from pantau.text import render

WIB = ZoneInfo("Asia/Jakarta")


def hm(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def day(hours: str, *breaks: str) -> DaySchedule:
    start, end = hours.split("-")
    spans = tuple(Span(hm(b.split("-")[0]), hm(b.split("-")[1])) for b in breaks)
    return DaySchedule(Span(hm(start), hm(end)), spans)


MON_THU = day("07:30-16:00", "12:00-13:00")
FRIDAY = day("07:30-16:30", "11:30-13:00")
WEEK = Week(Term("minggu standar", "standard week"), (MON_THU,) * 4 + (FRIDAY, None, None), "test")
RAMADAN = Week(Term("minggu Ramadan", "Ramadan week"),
    (day("08:00-15:00", "12:00-12:30"),) * 4 + (day("08:00-15:30", "11:30-12:30"), None, None),
    "test",
)
HOLIDAY = DayOff(
    date(2026, 1, 16), DayKind.NATIONAL_HOLIDAY, Term("Isra Mikraj", "Isra Mi'raj"), "SKB X"
)


def calendar(zone: ZoneInfo = WIB, label: str = "WIB") -> AgencyCalendar:
    return AgencyCalendar(
        "uji",
        "Instansi Uji",
        zone,
        label,
        week=WEEK,
        days_off=[HOLIDAY],
        dated_weeks=[
            DatedWeek(
                date(2026, 2, 19),
                date(2026, 3, 20),
                RAMADAN,
                ramadan_label(1447),
                "P21",
                ramadan=True,
            )
        ],
        years=[2026],
        units={"enam-hari": UnitWeeks(Week(Term("enam", "six"), (MON_THU,) * 6 + (None,), "unit"))},
    )


CAL = calendar()


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_the_default_week_counts_37_and_a_half_hours() -> None:
    assert WEEK.minutes == 37 * 60 + 30
    assert RAMADAN.minutes == 32 * 60 + 30


@pytest.mark.parametrize(
    ("moment", "working", "words"),
    [
        ("2026-02-02T07:29:59+07:00", False, "di luar jam kerja (07.30–16.00)"),
        (
            "2026-02-02T07:30:00+07:00",
            True,
            "jam kerja (Senin–Kamis 07.30–16.00, istirahat 12.00–13.00)",
        ),
        ("2026-02-02T11:59:59+07:00", True, "jam kerja"),
        ("2026-02-02T12:00:00+07:00", False, "waktu istirahat 12.00–13.00"),
        ("2026-02-02T12:59:59+07:00", False, "waktu istirahat 12.00–13.00"),
        ("2026-02-02T13:00:00+07:00", True, "jam kerja"),
        ("2026-02-02T15:59:00+07:00", True, "jam kerja"),
        ("2026-02-02T16:00:00+07:00", False, "di luar jam kerja"),
        ("2026-02-06T11:29:00+07:00", True, "Jumat 07.30–16.30"),
        ("2026-02-06T11:30:00+07:00", False, "waktu istirahat 11.30–13.00"),
        ("2026-02-06T16:15:00+07:00", True, "Jumat 07.30–16.30, istirahat 11.30–13.00"),
        ("2026-02-06T16:30:00+07:00", False, "di luar jam kerja (07.30–16.30)"),
        ("2026-02-07T10:00:00+07:00", False, "bukan hari kerja (akhir pekan)"),
        ("2026-02-08T10:00:00+07:00", False, "bukan hari kerja (akhir pekan)"),
        ("2026-01-16T10:00:00+07:00", False, "libur nasional Isra Mikraj (SKB X)"),
    ],
)
def test_instants_on_the_boundaries(moment: str, working: bool, words: str) -> None:
    answer = CAL.working_time(at(moment))
    assert answer.working is working
    assert words in render(answer.reason)


def test_reason_names_the_day_date_time_and_zone_in_both_languages() -> None:
    answer = CAL.working_time(at("2026-02-03T09:15:00+07:00"))
    assert render(answer.reason) == (
        "Selasa 3 Feb 2026 09.15 WIB: jam kerja (Senin–Kamis 07.30–16.00, istirahat 12.00–13.00)"
    )
    assert render(answer.reason, "en") == (
        "Tuesday 3 Feb 2026 09:15 WIB: "
        "working hours (Monday–Thursday 07:30–16:00, break 12:00–13:00)"
    )
    weekend = CAL.working_time(at("2026-02-07T10:00:00+07:00"))
    assert render(weekend.reason) == "Sabtu 7 Feb 2026 10.00 WIB: bukan hari kerja (akhir pekan)"


def test_a_holiday_answer_carries_the_decree_as_a_fact() -> None:
    answer = CAL.working_time(at("2026-01-16T09:00:00+07:00"))
    assert [render(fact) for fact in answer.facts] == ["libur nasional Isra Mikraj (SKB X)"]


def test_ramadan_week_applies_from_its_first_day_and_is_named() -> None:
    before = CAL.working_time(at("2026-02-18T07:45:00+07:00"))
    first = CAL.working_time(at("2026-02-19T07:45:00+07:00"))
    assert before.working and not first.working
    assert "di luar jam kerja Ramadan 1447 H (08.00–15.00)" in render(first.reason)
    assert CAL.working_time(at("2026-02-19T15:30:00+07:00")).working is False
    assert CAL.working_time(at("2026-02-18T15:30:00+07:00")).working is True
    friday = CAL.working_time(at("2026-02-20T15:15:00+07:00"))
    assert friday.working and "jam kerja Ramadan 1447 H (Jumat 08.00–15.30" in render(friday.reason)
    assert any("Ramadan 1447 H" in render(fact) for fact in friday.facts)


def test_utc_and_wita_inputs_are_converted_to_the_agency_zone() -> None:
    utc = CAL.working_time(at("2026-02-03T02:15:00+00:00"))
    wita = CAL.working_time(at("2026-02-03T10:15:00+08:00"))
    assert utc.local == wita.local == at("2026-02-03T09:15:00+07:00")
    assert utc.local.tzinfo == WIB
    assert utc.working and "09.15 WIB" in render(utc.reason)
    late = CAL.working_time(at("2026-02-03T09:15:00+00:00"))
    assert not late.working and "16.15 WIB" in render(late.reason)


@pytest.mark.parametrize(
    ("zone", "label", "offset"), [("Asia/Makassar", "WITA", 8), ("Asia/Jayapura", "WIT", 9)]
)
def test_wita_and_wit_agencies_work_in_their_own_local_time(
    zone: str, label: str, offset: int
) -> None:
    local = calendar(ZoneInfo(zone), label)
    seven_thirty_local = datetime(2026, 2, 3, 7, 30, tzinfo=timezone(timedelta(hours=offset)))
    assert local.working_time(seven_thirty_local).working
    assert f"07.30 {label}" in render(local.working_time(seven_thirty_local).reason)
    same_instant_in_wib = seven_thirty_local.astimezone(WIB)
    assert not CAL.working_time(same_instant_in_wib).working


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(InvalidDatetime, match="no UTC offset"):
        CAL.working_time(datetime(2026, 2, 3, 9, 15))
    with pytest.raises(InvalidDatetime):
        CAL.working_time(at("2026-02-03T09:15+07:00"), datetime(2026, 2, 3, 10, 0))


def test_an_interval_overlapping_working_time_is_working() -> None:
    into_break = CAL.working_time(at("2026-02-02T11:50+07:00"), at("2026-02-02T12:30+07:00"))
    assert into_break.working
    assert "11.50–12.00 dalam jam kerja" in render(into_break.reason)
    inside_break = CAL.working_time(at("2026-02-02T12:05+07:00"), at("2026-02-02T12:55+07:00"))
    assert not inside_break.working
    assert render(inside_break.reason).endswith("12.05–12.55 WIB: waktu istirahat 12.00–13.00")


def test_an_interval_ending_at_the_start_of_work_does_not_overlap() -> None:
    assert not CAL.working_time(at("2026-02-02T07:00+07:00"), at("2026-02-02T07:30+07:00")).working
    assert CAL.working_time(at("2026-02-02T07:00+07:00"), at("2026-02-02T07:31+07:00")).working


def test_an_overnight_interval_reaches_the_next_working_morning() -> None:
    answer = CAL.working_time(at("2026-02-06T22:00+07:00"), at("2026-02-09T08:00+07:00"))
    assert answer.working and "07.30–08.00 dalam jam kerja" in render(answer.reason)
    weekend = CAL.working_time(at("2026-02-06T22:00+07:00"), at("2026-02-09T07:00+07:00"))
    assert not weekend.working


def test_leave_removes_working_time_for_that_employee_only() -> None:
    overlay = EmployeeOverlay(leave=(LeavePeriod.on(date(2026, 2, 3), "cuti tahunan", "SK 12"),))
    on_leave = CAL.working_time(at("2026-02-03T09:15+07:00"), overlay=overlay)
    assert not on_leave.working
    assert "cuti pegawai (cuti tahunan, SK 12)" in render(on_leave.reason)
    assert CAL.working_time(at("2026-02-04T09:15+07:00"), overlay=overlay).working
    assert CAL.working_time(at("2026-02-03T09:15+07:00")).working
    stream = CAL.working_time(at("2026-02-03T15:00+07:00"), at("2026-02-04T08:00+07:00"), overlay)
    assert stream.working and "07.30–08.00" in render(stream.reason)


def test_a_roster_replaces_the_week_even_on_holidays_and_weekends() -> None:
    night = Shift(at("2026-01-16T19:00+07:00"), at("2026-01-17T07:00+07:00"), "malam")
    overlay = EmployeeOverlay(roster=(night,))
    assert CAL.working_time(at("2026-01-16T23:00+07:00"), overlay=overlay).working
    assert (
        "giliran kerja malam 19.00–07.00"
        in render(CAL.working_time(at("2026-01-17T02:00+07:00"), overlay=overlay).reason)
    )
    assert not CAL.working_time(at("2026-01-17T07:00+07:00"), overlay=overlay).working
    assert not CAL.working_time(at("2026-02-03T09:15+07:00"), overlay=overlay).working
    on_leave = EmployeeOverlay(roster=(night,), leave=(LeavePeriod.on(date(2026, 1, 16)),))
    assert not CAL.working_time(at("2026-01-16T23:00+07:00"), overlay=on_leave).working


def test_official_duty_is_an_overlap_with_an_assignment() -> None:
    duty = Assignment(at("2026-02-03T09:00+07:00"), at("2026-02-03T11:00+07:00"), "ST 800/1/2026")
    overlay = EmployeeOverlay(assignments=(duty,))
    assert overlay.official_duty(at("2026-02-03T10:00+07:00"), None)
    assert overlay.official_duty(at("2026-02-03T08:30+07:00"), at("2026-02-03T09:01+07:00"))
    assert not overlay.official_duty(at("2026-02-03T11:00+07:00"), None)
    assert not overlay.official_duty(at("2026-02-03T08:00+07:00"), at("2026-02-03T09:00+07:00"))
    assert overlay.duty_for(at("2026-02-03T03:30+00:00")) == duty


def test_working_periods_are_half_open_and_exclude_breaks() -> None:
    periods = CAL.working_periods(date(2026, 2, 6))
    assert [(a.strftime("%H:%M"), b.strftime("%H:%M")) for a, b in periods] == [
        ("07:30", "11:30"),
        ("13:00", "16:30"),
    ]
    assert all(a.tzinfo == WIB for a, _ in periods)
    assert CAL.working_periods(date(2026, 1, 16)) == ()


def test_working_day_arithmetic_skips_weekends_and_holidays() -> None:
    assert CAL.add_working_days(date(2026, 1, 15), 1) == date(2026, 1, 19)
    assert CAL.add_working_days(date(2026, 1, 15), 0) == date(2026, 1, 15)
    assert CAL.add_working_days(date(2026, 1, 19), -1) == date(2026, 1, 15)
    assert CAL.count_working_days(date(2026, 1, 15), date(2026, 1, 19)) == 1
    assert CAL.count_working_days(date(2026, 1, 19), date(2026, 1, 15)) == -1
    assert CAL.count_working_days(date(2026, 1, 1), date(2026, 1, 31)) == 20


def test_a_year_without_holiday_data_is_an_explicit_error() -> None:
    with pytest.raises(MissingCalendarData, match=r"no holiday data for 2031 in .*; add"):
        CAL.is_working_day(date(2031, 1, 6))
    with pytest.raises(MissingCalendarData, match="no holiday data for 2027"):
        CAL.add_working_days(date(2026, 12, 30), 5)
    with pytest.raises(MissingCalendarData, match="2025"):
        CAL.working_time(at("2025-06-02T09:00+07:00"))


def test_a_unit_week_replaces_the_agency_week() -> None:
    six_day = CAL.for_unit("enam-hari")
    assert six_day.is_working_day(date(2026, 2, 7))
    assert not CAL.is_working_day(date(2026, 2, 7))
    assert not six_day.is_working_day(date(2026, 1, 16))
    with pytest.raises(KeyError, match="enam-hari"):
        CAL.for_unit("shift")
