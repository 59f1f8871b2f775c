"""The retention schedule is cited data: every category present, each period counted to the
day (a record on the cutoff is due, one a day younger is not), and bad data named by line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pantau.domain.errors import DataError
from pantau.domain.retention import Category, Period
from pantau.rules.retention import SCHEDULE, load_schedule, parse_schedule
from pantau.rules.yamlsource import read_yaml


def test_every_category_has_a_period_a_basis_and_a_confidence() -> None:
    schedule = load_schedule()
    assert {rule.category for rule in schedule.rules} == set(Category)
    for rule in schedule.rules:
        assert rule.basis and rule.confidence in {"P", "S", "D", "U"} and rule.note
        assert any(b.startswith(("UU 27/2022", "PP 94/2021")) for b in rule.basis)
    assert schedule.rule(Category.CLOSED_CASE_EVIDENCE).stages == ("in_force", "final")


@pytest.mark.parametrize(("period", "day", "before"), [
    (Period(years=1), date(2028, 2, 29), date(2027, 2, 28)),  # a leap day clipped
    (Period(months=1), date(2027, 3, 31), date(2027, 2, 28)),
    (Period(days=90), date(2027, 3, 31), date(2026, 12, 31)),
    (Period(years=2, days=1), date(2027, 1, 1), date(2024, 12, 31)),
])
def test_a_period_is_counted_in_calendar_units(period: Period, day: date, before: date) -> None:
    assert period.before(day) == before
    assert period.after(before) <= day


def test_a_record_on_the_cutoff_is_due_and_one_a_day_younger_is_not() -> None:
    rule = load_schedule().rule(Category.DISMISSED_REPORT)
    as_of = date(2028, 6, 15)
    cutoff = rule.cutoff(as_of)
    assert rule.due(cutoff, as_of)
    assert not rule.due(date.fromordinal(cutoff.toordinal() + 1), as_of)


def _broken(tmp_path: Path, old: str, new: str) -> str:
    text = SCHEDULE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "retention.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    raw, where = read_yaml(path, tmp_path)
    with pytest.raises(DataError) as error:
        parse_schedule(raw, where)
    return str(error.value)


def test_bad_data_is_named_with_file_line_and_field(tmp_path: Path) -> None:
    said = _broken(tmp_path, "treatment: delete_file", "treatment: delete")
    assert "retention.yaml:" in said and "'treatment'" in said and "delete_file" in said
    assert "years, months and days" in _broken(tmp_path, "period: {years: 5}",
                                               "period: {weeks: 5}")
    assert "unknown category 'accesslog'" in _broken(tmp_path, "  access_log:", "  accesslog:")
    assert "citation" in _broken(tmp_path, "    basis:\n      - \"UU 27/2022 Pasal 31",
                                 "    basis: []\n    x:\n      - \"UU 27/2022 Pasal 31")


def test_everything_subject_access_withholds_has_a_basis() -> None:
    from pantau.domain.subject_access import Withheld
    from pantau.rules.subject_access import load_withheld

    items = load_withheld()
    assert {entry.item for entry in items} == set(Withheld)
    assert all(entry.basis and entry.confidence in {"P", "S", "D", "U"} for entry in items)
