"""The shipped calendars: every 2025-2026 holiday and cuti bersama, Ramadan, zones, validation.

Expected dates below are typed from REGULATIONS.md §5 (the SKB lists), not read from the data.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from pantau.domain.errors import DataError, MissingCalendarData, UnknownAgency
from pantau.domain.worktime import DayKind
from pantau.rules import calendars
from pantau.rules.calendars import agency_ids, load_calendar
from pantau.text import render

SEEDS = (
    "kab-banyuasin",
    "kab-kepulauan-anambas",
    "kab-ketapang",
    "kab-pasaman-barat",
    "kota-bekasi",
)

HOLIDAYS_2025 = (
    "01-01 01-27 01-29 03-29 03-31 04-01 04-18 04-20 05-01 05-12 05-29 06-01 06-06 06-27 08-17"
    " 09-05 12-25"
)
CUTI_2025 = "01-28 03-28 04-02 04-03 04-04 04-07 05-13 05-30 06-09 08-18 12-26"
HOLIDAYS_2026 = (
    "01-01 01-16 02-17 03-19 03-21 03-22 04-03 04-05 05-01 05-14 05-27 05-31 06-01 06-16 08-17"
    " 08-25 12-25"
)
CUTI_2026 = "02-16 03-18 03-20 03-23 03-24 05-15 05-28 12-24"
SKB_2025 = "SKB Menag 1017/2024, Menaker 2/2024, MenPANRB 2/2024"
SKB_2026 = "SKB Menag 1497/2025, Menaker 2/2025, MenPANRB 5/2025"


def dates(year: int, text: str) -> list[date]:
    return [date.fromisoformat(f"{year}-{item}") for item in text.split()]


EXPECTED = [
    *[
        (day, DayKind.NATIONAL_HOLIDAY)
        for day in dates(2025, HOLIDAYS_2025) + dates(2026, HOLIDAYS_2026)
    ],
    *[(day, DayKind.JOINT_LEAVE) for day in dates(2025, CUTI_2025) + dates(2026, CUTI_2026)],
]


def test_the_five_seed_agencies_and_the_two_examples_have_calendars() -> None:
    assert set(agency_ids()) == {*SEEDS, "contoh-wita", "contoh-wit"}


@pytest.mark.parametrize("agency", SEEDS)
def test_seed_agencies_are_wib_in_their_iana_zone(agency: str) -> None:
    calendar = load_calendar(agency)
    assert calendar.zone_label == "WIB"
    expected = "Asia/Pontianak" if agency == "kab-ketapang" else "Asia/Jakarta"
    assert calendar.zone.key == expected


def test_unknown_agency_names_the_known_ones() -> None:
    with pytest.raises(UnknownAgency, match="kab-ketapang"):
        load_calendar("kab-tidak-ada")
    with pytest.raises(UnknownAgency):
        load_calendar("../national/weeks")


@pytest.mark.parametrize(("day", "kind"), EXPECTED, ids=lambda value: str(value))
def test_every_2025_2026_holiday_and_cuti_bersama_is_a_day_off(day: date, kind: DayKind) -> None:
    calendar = load_calendar("kota-bekasi")
    answer = calendar.working_time(datetime(day.year, day.month, day.day, 10, tzinfo=calendar.zone))
    assert answer.working is False
    assert render(kind.label).casefold() in render(answer.reason).casefold()
    assert (SKB_2025 if day.year == 2025 else SKB_2026) in render(answer.reason) or day == date(
        2025, 8, 18
    )
    assert not calendar.is_working_day(day)


@pytest.mark.parametrize("year", [2025, 2026])
def test_no_other_national_day_off_in_2025_and_2026(year: int) -> None:
    calendar = load_calendar("kab-banyuasin")
    found = {(off.day, off.kind) for off in calendar.days_off(year)}
    assert found == {item for item in EXPECTED if item[0].year == year}


def test_18_august_2025_cites_the_amending_decree() -> None:
    calendar = load_calendar("kab-pasaman-barat")
    answer = calendar.working_time(datetime.fromisoformat("2025-08-18T09:00+07:00"))
    assert "cuti bersama" in render(answer.reason).casefold()
    assert "SKB Menag 933/2025, Menaker 1/2025, MenPANRB 3/2025" in render(answer.reason)


def test_the_days_around_holidays_are_working_days() -> None:
    calendar = load_calendar("kab-ketapang")
    assert calendar.is_working_day(date(2026, 1, 15))
    assert calendar.is_working_day(date(2026, 3, 17))
    assert calendar.is_working_day(date(2026, 3, 25))
    assert calendar.is_working_day(date(2025, 8, 19))


@pytest.mark.parametrize(
    ("before", "first", "last", "after", "hijri"),
    [
        ("2025-02-28", "2025-03-03", "2025-03-27", "2025-04-08", 1446),
        ("2026-02-18", "2026-02-19", "2026-03-17", "2026-03-25", 1447),
        ("2021-04-12", "2021-04-13", "2021-05-11", "2021-05-17", 1442),
        ("2024-03-08", "2024-03-13", "2024-04-05", "2024-04-16", 1445),
    ],
)
def test_ramadan_hours_run_from_the_first_to_the_last_day(
    before: str, first: str, last: str, after: str, hijri: int
) -> None:
    calendar = load_calendar("kab-kepulauan-anambas")

    def at(day: str, clock: str) -> bool:
        return calendar.working_time(datetime.fromisoformat(f"{day}T{clock}+07:00")).working

    assert at(before, "07:45") and at(before, "15:30")
    assert not at(first, "07:45") and not at(first, "15:30") and at(first, "08:00")
    assert not at(last, "07:45") and at(last, "14:59")
    assert at(after, "07:45")
    answer = calendar.working_time(datetime.fromisoformat(f"{first}T09:00+07:00"))
    assert f"Ramadan {hijri} H" in render(answer.reason)


def test_ramadan_1447_ends_on_20_march_2026_a_cuti_bersama() -> None:
    calendar = load_calendar("kota-bekasi")
    ramadan = [item for item in calendar.dated_weeks if render(item.label) == "Ramadan 1447 H"]
    assert [(item.first, item.last) for item in ramadan] == [(date(2026, 2, 19), date(2026, 3, 20))]
    assert not calendar.is_working_day(date(2026, 3, 20))


@pytest.mark.parametrize(("agency", "offset"), [("contoh-wita", 8), ("contoh-wit", 9)])
def test_example_agencies_in_wita_and_wit(agency: str, offset: int) -> None:
    calendar = load_calendar(agency)
    start = datetime.fromisoformat(f"2026-02-03T07:30:00+{offset:02d}:00")
    assert calendar.working_time(start).working
    assert not calendar.working_time(start - timedelta(seconds=1)).working
    assert not load_calendar("kota-bekasi").working_time(start).working
    assert calendar.name.endswith("(contoh fiktif)")


def test_example_agency_own_day_off_schedule_and_six_day_unit() -> None:
    calendar = load_calendar("contoh-wita")
    day_off = calendar.working_time(datetime.fromisoformat("2026-03-10T09:00+08:00"))
    assert not day_off.working and "libur instansi Hari Jadi" in render(day_off.reason)
    assert load_calendar("contoh-wit").is_working_day(date(2026, 3, 10))
    special = calendar.working_time(datetime.fromisoformat("2026-08-14T11:00+08:00"))
    assert not special.working and "pekan Hari Jadi" in render(special.reason)
    six = calendar.for_unit("enam-hari")
    assert six.week.minutes == 37 * 60 + 30
    assert six.is_working_day(date(2026, 2, 7)) and not calendar.is_working_day(date(2026, 2, 7))
    saturday = six.working_time(datetime.fromisoformat("2026-02-21T13:45+08:00"))
    assert not saturday.working and "Ramadan 1447 H" in render(saturday.reason)


def test_years_outside_the_data_are_errors_naming_the_file_to_add() -> None:
    calendar = load_calendar("kota-bekasi")
    with pytest.raises(MissingCalendarData, match=r"no holiday data for 2031 in calendars/.*add"):
        calendar.working_time(datetime.fromisoformat("2031-01-06T09:00+07:00"))
    with pytest.raises(MissingCalendarData, match="2020"):
        calendar.add_working_days(date(2021, 1, 4), -5)


@pytest.fixture
def data_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the calendar data the test may break; caches cleared around it."""
    import shutil

    root = tmp_path / "calendars"
    shutil.copytree(calendars.ROOT, root)
    monkeypatch.setattr(calendars, "ROOT", root)
    calendars.load_calendar.cache_clear()
    calendars.load_national.cache_clear()
    yield root
    calendars.load_calendar.cache_clear()
    calendars.load_national.cache_clear()


def test_a_bad_holiday_date_names_file_line_and_field(data_root: Path) -> None:
    path = data_root / "national" / "holidays" / "2026.yaml"
    text = path.read_text(encoding="utf-8").replace("date: 2026-01-16,", "date: 2026-01-32,")
    path.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "2026-01-32" in row)
    with pytest.raises(DataError, match=rf"holidays/2026.yaml:{line}: field 'date'.*YYYY-MM-DD"):
        calendars.load_calendar("kota-bekasi")


def test_a_week_whose_hours_do_not_add_up_is_refused(data_root: Path) -> None:
    path = data_root / "national" / "weeks.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"07:30-16:30"', '"07:30-16:00"'))
    with pytest.raises(DataError, match=r"weekly_minutes.*says 2250 but the days give 2220"):
        calendars.load_calendar("kota-bekasi")


def test_a_missing_ramadan_period_is_refused(data_root: Path) -> None:
    extra = data_root / "national" / "holidays" / "2028.yaml"
    extra.write_text("year: 2028\ndecrees: {}\ndays: []\n", encoding="utf-8")
    with pytest.raises(DataError, match="no Ramadan period for 2028"):
        calendars.load_calendar("kota-bekasi")


def test_a_decree_that_is_not_declared_is_refused(data_root: Path) -> None:
    path = data_root / "national" / "holidays" / "2025.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("decree: skb-2025-perubahan-1", "decree: skb-x")
    )
    with pytest.raises(DataError, match=r"2025.yaml:\d+: field 'decree': 'skb-x'"):
        calendars.load_calendar("kota-bekasi")


def test_a_zone_that_does_not_match_its_label_is_refused(data_root: Path) -> None:
    path = data_root / "agencies" / "contoh-wit.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("zone_label: WIT", "zone_label: WIB"))
    with pytest.raises(DataError, match="Asia/Jayapura is not WIB"):
        calendars.load_calendar("contoh-wit")


def test_an_agency_may_set_its_own_cited_week(data_root: Path) -> None:
    path = data_root / "agencies" / "kota-bekasi.yaml"
    own = (
        "week:\n"
        '  name_id: "minggu kerja Bekasi (contoh uji)"\n'
        '  name_en: "Bekasi week (test)"\n'
        '  basis: "keputusan uji"\n'
        "  days:\n"
        '    monday: {hours: "08:00-16:30", breaks: ["12:00-13:00"]}\n'
    )
    path.write_text(path.read_text(encoding="utf-8").replace("week: default\n", own, 1))
    calendar = calendars.load_calendar("kota-bekasi")
    assert not calendar.working_time(datetime.fromisoformat("2026-02-02T07:45+07:00")).working
    late = calendar.working_time(datetime.fromisoformat("2026-02-02T16:15+07:00"))
    assert late.working and "Senin 08.00–16.30" in render(late.reason)
    assert not calendar.is_working_day(date(2026, 2, 3))
    ramadan = calendar.working_time(datetime.fromisoformat("2026-02-23T16:15+07:00"))
    assert not ramadan.working


def test_broken_yaml_names_the_file_and_line(data_root: Path) -> None:
    path = data_root / "agencies" / "contoh-wit.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "days_off: [\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"agencies/contoh-wit.yaml:\d+: not valid YAML"):
        calendars.load_calendar("contoh-wit")


def test_a_deadline_set_in_december_2026_runs_into_2027_over_its_holidays() -> None:
    # A PP 94/2021 delivery deadline (14 working days) counted from Monday 14 Dec 2026 skips
    # cuti bersama 24 Dec, Natal 25 Dec, Tahun Baru 1 Jan and Isra Mikraj 5 Jan 2027.
    calendar = load_calendar("kab-ketapang")
    assert calendar.add_working_days(date(2026, 12, 14), 14) == date(2027, 1, 7)
    assert calendar.count_working_days(date(2026, 12, 14), date(2027, 1, 7)) == 14


def test_ramadan_1448_hours_apply_from_the_estimated_first_day() -> None:
    calendar = load_calendar("kota-bekasi")
    before = calendar.working_time(datetime.fromisoformat("2027-02-05T15:30+07:00"))
    assert before.working is False  # cuti bersama Imlek 5 Feb 2027
    regular = calendar.working_time(datetime.fromisoformat("2027-02-04T15:30+07:00"))
    ramadan = calendar.working_time(datetime.fromisoformat("2027-02-08T15:30+07:00"))
    assert regular.working is True and ramadan.working is False
    assert "Ramadan 1448" in render(ramadan.reason)


def test_every_joint_leave_day_is_named_as_one_in_both_languages() -> None:
    """DayOff.text does not repeat the kind of a joint-leave day: its name must say it."""
    calendar = load_calendar("kab-ketapang")
    joint = [
        off
        for year in calendar.years
        for off in calendar.days_off(year)
        if off.kind is DayKind.JOINT_LEAVE
    ]
    assert len(joint) > 20
    for off in joint:
        assert off.name.id.startswith("Cuti Bersama"), off
        assert off.name.en.startswith("Joint leave day"), off
        assert render(off.text, "en").endswith(f", cuti bersama ({off.decree})")
