"""Properties of the shipped calendars (hypothesis): arithmetic and interval splitting."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from pantau.rules.calendars import agency_ids, load_calendar

AGENCIES = st.sampled_from(agency_ids())
DAYS = st.dates(min_value=date(2021, 3, 1), max_value=date(2026, 9, 30))
STEPS = st.integers(min_value=-40, max_value=40)
START = datetime.fromisoformat("2025-02-20T00:00:00+07:00")
MINUTES = st.integers(min_value=0, max_value=60 * 24 * 60)  # within ~60 days of START


@settings(max_examples=300, deadline=None)
@given(AGENCIES, DAYS, STEPS)
def test_add_then_count_gives_back_n(agency: str, day: date, n: int) -> None:
    calendar = load_calendar(agency)
    assert calendar.count_working_days(day, calendar.add_working_days(day, n)) == n


@settings(max_examples=300, deadline=None)
@given(AGENCIES, DAYS, STEPS.filter(lambda n: n != 0))
def test_adding_working_days_lands_on_a_working_day(agency: str, day: date, n: int) -> None:
    calendar = load_calendar(agency)
    landed = calendar.add_working_days(day, n)
    assert calendar.is_working_day(landed)
    assert (landed > day) == (n > 0)


@settings(max_examples=300, deadline=None)
@given(AGENCIES, st.lists(MINUTES, min_size=3, max_size=3, unique=True))
def test_an_interval_overlaps_working_time_iff_one_of_its_halves_does(
    agency: str, minutes: list[int]
) -> None:
    calendar = load_calendar(agency)
    a, b, c = (START + timedelta(minutes=value) for value in sorted(minutes))
    whole = calendar.working_time(a, c).working
    assert whole == (calendar.working_time(a, b).working or calendar.working_time(b, c).working)


@settings(max_examples=200, deadline=None)
@given(AGENCIES, MINUTES, st.sampled_from(["+00:00", "+07:00", "+08:00", "+09:00"]))
def test_the_answer_depends_on_the_instant_not_on_how_it_is_written(
    agency: str, minute: int, offset: str
) -> None:
    calendar = load_calendar(agency)
    instant = START + timedelta(minutes=minute)
    written = instant.astimezone(datetime.fromisoformat(f"2026-01-01T00:00{offset}").tzinfo)
    assert calendar.working_time(written).working == calendar.working_time(instant).working
    assert calendar.working_time(written).local == instant.astimezone(calendar.zone)
