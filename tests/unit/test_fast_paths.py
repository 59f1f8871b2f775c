"""The fast paths of `pantau check` give the same answers as the slow paths they skip.

Each cache or shortcut the check takes for speed is held here against the code it stands in
for, on generated activities and on broken variants of them (performance itself lives in
benchmarks/, not in tests).
"""

from __future__ import annotations

import copy
import dataclasses
import json
import pickle
import random
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import orjson
import pytest
from benchmarks.bench_check import activity as generated_activity

import pantau.text as text_module
from pantau.domain import dayplan
from pantau.domain.activities import Activity, _parsed_activity, parse_activity
from pantau.domain.calendar import AgencyCalendar, WorkingTimeAnswer
from pantau.domain.content import ContentSuggestion
from pantau.domain.employees import EmployeeType
from pantau.domain.errors import InputError
from pantau.domain.evaluation import Outcome
from pantau.domain.findings import RuleFinding
from pantau.domain.overlay import Assignment, EmployeeOverlay, LeavePeriod, Shift
from pantau.domain.predicates import Context
from pantau.domain.reasons import reason_message, reason_state
from pantau.domain.registry import InMemoryRecords, RegisteredEmployee, StoredEmployee
from pantau.domain.text import Clock, Join, LongDate, Message, Value, joined, say
from pantau.rules.calendars import load_calendar
from pantau.rules.checker import Checker
from pantau.text import render, render_once, render_reason
from pantau.text.activity_reader import fast_activity
from pantau.text.finding_json import FindingWriter, _IsoTimes
from pantau.text.findings import _read_again, check_line, finding_output, read_activity

# Values that break (or merely vary) a field: every JSON type, empty and odd strings.
ODD_VALUES: list[Any] = [None, "", "x", 0, 1, -1, 2**70, 1.5, True, False, [], ["a"], [1], {},
                         {"a": 1}, [["hoax"]], [{"a": 1}], ["hoax", 1], ["hoax", True],
                         ["hoax", "hoax"], "0001-01-01T00:00:00+07:00",
                         "0001-01-02T00:00:00+00:00", "9999-12-31T23:00:00+00:00",
                         "9999-06-01T00:00:00+07:00", "2026-02-03", "2026-02-03+07:00",
                         "2026-02-03T10:00:00", "2026-02-03T10:00:00+07:00",
                         "2026-02-03T09:00:00+07:00", "live", "office", "PNS", "CPNS"]
FIELDS = ["id", "agency", "kind", "started_at", "ended_at", "platform", "account",
          "account_type", "employee", "text", "signals"]
EMPLOYEE_FIELDS = ["nip", "name", "type", "unit"]
SIGNAL_FIELDS = ["official_duty", "leader_permission", "uniform_visible", "asn_identity_shown",
                 "commercial", "confidential_material", "content_creator",
                 "conflict_of_interest", "allowed_content", "location", "on_leave", "content"]


def _outcome(parse: Any, obj: object) -> tuple[str, Any]:
    try:
        return "ok", parse(obj)
    except Exception as error:  # the same error, class and words, is what is compared
        return type(error).__name__, str(error)


def _variants(rng: random.Random, count: int) -> list[object]:
    found: list[object] = []
    for index in range(count):
        record: dict[str, Any] = generated_activity(rng, index)
        found.append(record)
        broken = copy.deepcopy(record)
        where = rng.random()
        if where < 0.4:
            field = rng.choice(FIELDS)
            if rng.random() < 0.2:
                broken.pop(field, None)
            else:
                broken[field] = rng.choice(ODD_VALUES)
        elif where < 0.7:
            broken["employee"] = dict(broken["employee"])
            broken["employee"][rng.choice(EMPLOYEE_FIELDS)] = rng.choice(ODD_VALUES)
        else:
            broken["signals"][rng.choice(SIGNAL_FIELDS)] = rng.choice(ODD_VALUES)
        found.append(broken)
    found += [None, [], "x", 1, {}]
    return found


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_parse_fast_path_equals_the_field_by_field_parser(seed: int) -> None:
    for obj in _variants(random.Random(seed), 1500):
        fast, full = _outcome(parse_activity, obj), _outcome(_parsed_activity, obj)
        assert fast == full, obj
        if fast[0] == "ok":
            assert vars(fast[1]) == vars(full[1])
            assert vars(fast[1].signals) == vars(full[1].signals)
            assert hash(fast[1]) == hash(full[1])


# ----- the line read in one step by msgspec (pantau.text.activity_reader) -----------------------

_WELL = ('"id": "a-1", "agency": "kab-ketapang", "kind": "live", '
         '"started_at": "2026-02-03T10:00:00+07:00"')

# JSON texts that decoders disagree on or that only a text can hold, each a whole line.
RAW_LINES: list[str] = [
    "{" + _WELL + "}",
    " \t{" + _WELL + "}  ",
    "\ufeff{" + _WELL + "}",  # a byte order mark
    "{" + _WELL + ",}",  # a trailing comma
    "{" + _WELL + ", /* note */ \"x\": 1}",
    "{" + _WELL + ", \"id\": true}",  # duplicate keys: the last one counts
    "{\"id\": true, " + _WELL + "}",
    "{" + _WELL + ", \"id\": 7}",
    "{" + _WELL + ", \"id\": \"\"}",
    "{" + _WELL + ", \"signals\": {\"on_leave\": true, \"on_leave\": null}}",
    "{" + _WELL + ", \"signals\": {\"content\": [\"hoax\"], \"content\": 1}}",
    "{" + _WELL + ", \"employee\": {\"type\": \"PNS\", \"type\": \"pns\"}}",
    "{" + _WELL + ", \"id\": " + str(2**70) + "}",  # beyond 64 bits
    "{" + _WELL + ", \"id\": " + str(-(2**70)) + "}",
    "{" + _WELL + ", \"id\": 18446744073709551615}",
    "{" + _WELL + ", \"id\": 1e3}",
    "{" + _WELL + ", \"id\": -0}",
    "{" + _WELL + ", \"x\": " + str(2**70) + "}",
    "{" + _WELL + ", \"x\": 1e999}",
    "{" + _WELL + ", \"x\": NaN}",
    "{" + _WELL + ", \"x\": -Infinity}",
    "{" + _WELL + ", \"x\": \"\\ud800\"}",  # lone surrogates, escaped
    "{" + _WELL + ", \"x\": \"\\udc00\"}",
    "{" + _WELL + ", \"text\": \"\\ud83d\\ude00\"}",  # a pair: one character
    "{" + _WELL + ", \"text\": \"\\ud83d\"}",
    "{" + _WELL + ", \"text\": \"a\tb\"}",  # a raw control character
    "{" + _WELL + ", \"text\": \"a\\u0000b\\n\\/\"}",
    "{" + _WELL + ", \"x\": " + "[" * 2000 + "]" * 2000 + "}",
    "{" + _WELL + ", \"x\": " + "[" * 600 + "]" * 600 + "}",
    "{" + _WELL + ", \"x\": {\"y\": [1, {\"z\": null}]}}",
    # found by a differential fuzz: what only json refuses, in a field the parser ignores
    "{" + _WELL + ", \"x\": 1" + "0" * 4300 + "}",  # beyond Python's 4,300 digits
    "{" + _WELL + ", \"employee\": {\"x\": -1" + "0" * 4300 + "}}",
    "{" + _WELL + ", \"x\": " + "[" * 995 + "]" * 995 + ", \"y\": 1e999}",  # json recurses
    "{" + _WELL + ", \"x\": " + "[" * 120 + "]" * 120 + "}",
    "{" + _WELL + ", \"employee\": {}, \"signals\": {}}",
    "{" + _WELL + ", \"signals\": {\"on_leave\": null}}",
    "{" + _WELL + ", \"employee\": null, \"signals\": null}",
    "{" + _WELL + ", \"employee\": {\"extra\": 1, \"type\": \"CPNS\"}}",
    "{" + _WELL + ", \"signals\": {\"extra\": [1], \"location\": \"unknown\"}}",
    "{" + _WELL + ", \"signals\": {\"content\": []}}",
    "{" + _WELL + ", \"signals\": {\"content\": [\"hoax\", \"hoax\"]}}",
    "{" + _WELL + ", \"signals\": {\"content\": [\"not_a_code\"]}}",
    "{" + _WELL + ", \"signals\": {\"official_duty\": 1}}",
    "{" + _WELL + ", \"signals\": {\"location\": \"OFFICE\"}}",
    "{" + _WELL + ", \"kind\": \"LIVE\"}",
    "{" + _WELL + ", \"kind\": \" live\"}",
    "{" + _WELL + ", \"agency\": \"\"}",
    "{" + _WELL + ", \"ended_at\": \"2026-02-03T09:00:00+07:00\"}",
    "{" + _WELL + ", \"ended_at\": \"2026-02-03T03:00:00Z\"}",
    "{" + _WELL + ", \"ended_at\": null}",
    "[" + _WELL.replace(": ", ", ") + "]",
    "\"x\"",
    "null",
    "",
    "{" + _WELL + "} {}",
] + ["{" + _WELL + ", \"started_at\": \"" + moment + "\"}" for moment in [
    "2026-02-03 10:00:00+07:00", "2026-02-03t10:00:00+07:00", "2026-02-03T10:00:00Z",
    "2026-02-03T10:00:00z", "2026-02-03T10:00:00.123456789+07:00", "2026-02-03T10:00:00.1+07:00",
    "2026-02-03T10:00:60+07:00", "2026-02-03T24:00:00+07:00", "2026-02-03T10:00+07:00",
    "2026-02-03T10+07:00", "20260203T100000+0700", "2026-02-03T10:00:00+07",
    "2026-02-03T10:00:00-00:00", "2026-02-03T10:00:00+23:59", "2026-02-03T10:00:00+24:00",
    "2026-02-03T10:00:00+07:00:30", "2026-W06-2T10:00:00+07:00", "2026-034T10:00:00+07:00",
    "0001-01-01T00:00:00+07:00", "9999-12-31T23:00:00+00:00", "2026-02-30T10:00:00+07:00",
    "2026-02-03T10:00:00", "2026-02-03", "", " 2026-02-03T10:00:00+07:00"]]


def _read_exactly(line: str) -> tuple[str, Any]:
    """What `check_line` read before the one-step reader: orjson, then json and the checks
    of a line orjson refuses (pantau.text.findings)."""
    try:
        return "ok", parse_activity(orjson.loads(line))
    except (orjson.JSONDecodeError, InputError, RecursionError):
        read = _read_again(line, 1, "en")
        return ("invalid", read["error"]) if isinstance(read, dict) else ("ok", read)


def _assert_read_alike(line: str) -> bool:
    """Whether the one-step reader read `line` (else it said None); what it reads is the
    activity the exact reader gives, field by field."""
    fast = fast_activity(line)
    if fast is None:
        return False
    exact = _read_exactly(line)
    assert exact[0] == "ok", (line, exact)
    assert vars(fast) == vars(exact[1]), line
    assert vars(fast.signals) == vars(exact[1].signals), line
    assert vars(fast.employee) == vars(exact[1].employee), line
    assert hash(fast) == hash(exact[1]) and fast == exact[1], line
    return True


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_line_read_in_one_step_is_the_activity_the_exact_reader_gives(seed: int) -> None:
    rng = random.Random(seed)
    read = valid = 0
    for obj in _variants(rng, 1500):
        extra = dict(obj, note={"x": [1, None]}) if isinstance(obj, dict) else obj
        for line in (json.dumps(obj), json.dumps(obj, ensure_ascii=False), json.dumps(extra)):
            read += _assert_read_alike(line)
            valid += _read_exactly(line)[0] == "ok"
    # the one-step reader is the one that reads the lines a check is made of
    assert read >= 0.97 * valid, (read, valid)


def test_text_decoders_disagree_on_is_read_in_one_step_only_as_the_exact_reader_reads_it(
) -> None:
    read = [line for line in RAW_LINES if _assert_read_alike(line)]
    # a line with a lone surrogate, a raw control character, NaN or a byte order mark is
    # never read in one step; what it is read as is what check_line says of it
    for line in RAW_LINES:
        if "\\ud83d\"" in line or "\\ud800" in line or "\\udc00" in line or "NaN" in line:
            assert fast_activity(line) is None, line
    assert "{" + _WELL + "}" in read and "{" + _WELL + ", \"id\": 7}" in read
    assert "{" + _WELL + ", \"signals\": {\"on_leave\": null}}" in read  # null: not on leave
    assert "{" + _WELL + ", \"x\": 1e999}" in read  # json reads it too: skipped alike


def test_a_check_of_a_line_read_in_one_step_is_the_check_of_the_exact_reading() -> None:
    """Through check_line: a line is written the same whichever reader read it."""
    checker = Checker(classifier=None)
    writer = FindingWriter("en")
    rng = random.Random(7)
    for index in range(400):
        line = json.dumps(generated_activity(rng, index), ensure_ascii=False)
        exact = _read_exactly(line)
        assert exact[0] == "ok"
        assert writer.line(check_line(checker, line, index + 1, "en")) == writer.line(
            checker.check(exact[1]))


# ----- judgements looked up by what the rules read (CompiledRule.judge with Context.memo) ------

WIB = ZoneInfo("Asia/Jakarta")
NIP = "199003032015032003"
NURSE_NIP = "199505052020122005"


def _moments(rng: random.Random) -> tuple[datetime, datetime | None]:
    """A start in 2026 (holidays, Ramadan, weekends), often on a break or a day's edge, and an
    end that may cross midnight or several days."""
    day = datetime(2026, 1, 1, tzinfo=WIB) + timedelta(days=rng.randrange(0, 365))
    minute = rng.choice([rng.randrange(0, 1440), 450, 449, 720, 779, 780, 960, 959, 1439, 0])
    start = day + timedelta(minutes=minute)
    end = None if rng.random() < 0.4 else start + timedelta(
        minutes=rng.choice([1, 30, 90, 300, 1500, 3000]))
    return start, end


def _corpus(seed: int, count: int, nips: tuple[str, ...] = ()) -> list[Activity]:
    rng = random.Random(seed)
    found = []
    for index in range(count):
        record: dict[str, Any] = generated_activity(rng, index)
        start, end = _moments(rng)
        record["started_at"] = start.astimezone(
            timezone(timedelta(hours=rng.choice([7, 8, 9, 0])))).isoformat()
        record["ended_at"] = None if end is None else end.isoformat()
        record["agency"] = rng.choice([record["agency"], "kab-ketapang"] if nips else
                                      [record["agency"]])
        if nips:
            record["agency"] = "kab-ketapang"
            record["employee"] = {"nip": rng.choice(nips)}
        if rng.random() < 0.2:
            record["signals"].pop("content", None)
        found.append(parse_activity(record))
    return found


class _Forgets(dict[Any, Any]):
    """A memo that keeps nothing."""

    def __setitem__(self, key: Any, value: Any) -> None:
        pass


def _without_memo(checker: Checker) -> Checker:
    """The checker with every rule of every activity evaluated in full."""
    checker._memo = None  # type: ignore[assignment]
    checker._findings = _Forgets()
    checker._set_plan = lambda policies, kind: None  # type: ignore[method-assign]
    return checker


def _same_findings(activities: list[Activity], make: Any) -> None:
    memo, full = make(), _without_memo(make())
    writer = FindingWriter("id")
    for activity in activities:
        fast, slow = memo.check(activity), full.check(activity)
        assert fast.to_json() == slow.to_json(), activity
        assert writer.line(fast) == writer.line(slow)
        assert json.loads(writer.line(fast)) == finding_output(slow)


def test_looked_up_judgements_equal_evaluated_ones() -> None:
    _same_findings(_corpus(7, 4000), lambda: Checker(classifier=None))


def test_looked_up_judgements_equal_evaluated_ones_with_the_classifier() -> None:
    _same_findings(_corpus(8, 1500), lambda: Checker(classifier=Suggests))


def test_looked_up_judgements_equal_evaluated_ones_with_leave_roster_and_surat_tugas() -> None:
    start = datetime(2026, 2, 2, tzinfo=WIB)
    duty = tuple(Assignment(start + timedelta(days=d, hours=9), start + timedelta(days=d, hours=12),
                            f"800/{d}/2026") for d in range(0, 120, 3))
    leave = (LeavePeriod(date(2026, 3, 2), date(2026, 3, 6), "cuti", "cuti tahunan"),)
    roster = tuple(Shift(start + timedelta(days=d, hours=h), start + timedelta(days=d, hours=h + 8),
                         "pagi" if h == 7 else "") for d in range(0, 120) for h in (7, 21)
                   if (d + h) % 3)
    staff = StoredEmployee("kab-ketapang", RegisteredEmployee(
        NIP, "Siti Umum", EmployeeType.PNS, "Bagian Umum", "Pelaksana", "Kabag Umum",
        "Kepala Bagian Umum"), (("tiktok", "@siti.umum"),), assignments=duty, leave=leave)
    nurse = StoredEmployee("kab-ketapang", RegisteredEmployee(
        NURSE_NIP, "Rina Perawat", EmployeeType.PPPK, "RSUD", "Perawat", shift_unit=True),
        (("tiktok", "@rina.rsud"),), roster=roster)
    _same_findings(_corpus(9, 2500, (NIP, NURSE_NIP)),
                   lambda: Checker(classifier=None, records=InMemoryRecords([staff, nurse])))


class Suggests:
    """A classifier that finds practical politics in every text it is given."""

    def suggest(self, text: str) -> list[ContentSuggestion]:
        return [ContentSuggestion("practical_politics", 0.91, ("coblos",))]


# ----- day plans share the segments of days alike (pantau.domain.dayplan) --------------------

@pytest.mark.parametrize("agency", ["kab-ketapang", "kota-bekasi", "kab-kepulauan-anambas"])
def test_shared_day_segments_equal_the_segments_built_for_the_day(agency: str) -> None:
    calendar = load_calendar(agency)
    day = date(2026, 1, 1)
    while day.year == 2026:  # weekends, holidays, joint leave, Ramadan
        plan = calendar.plan(day)
        dated = plan.dated
        if plan.days_off:
            expected = (dayplan._closed(plan.days_off),)
        elif plan.schedule is None:
            expected = (dayplan._no_work.__wrapped__(day.weekday() >= 5, plan.week),)
        else:
            expected = dayplan._open.__wrapped__(day.weekday(), plan.week, dated, plan.schedule)
        assert plan.segments == expected
        assert plan.facts == tuple(off.text for off in plan.days_off) + (
            (dated.fact,) if dated is not None else ())
        day += timedelta(days=1)


# ----- an interval within one day without the loop over days (AgencyCalendar._same_day) -------

@pytest.mark.parametrize("agency", ["kab-ketapang", "kota-bekasi", "kab-kepulauan-anambas"])
def test_a_same_day_interval_is_answered_as_the_loop_over_days_answers_it(agency: str) -> None:
    calendar = load_calendar(agency)
    leave = EmployeeOverlay(leave=(
        LeavePeriod(date(2026, 3, 2), date(2026, 3, 6), "cuti", "cuti tahunan"),
        LeavePeriod(date(2026, 3, 20), date(2026, 3, 23), "cuti", "cuti sakit")))
    rng = random.Random(17)
    day = date(2026, 1, 1)
    while day.year == 2026:  # weekends, holidays, joint leave, Ramadan, leave
        for _ in range(12):
            start = rng.randrange(0, 24 * 60 - 1)
            end = rng.randrange(start + 1, 24 * 60)
            local = datetime(day.year, day.month, day.day, start // 60, start % 60,
                             rng.choice([0, 30]), tzinfo=calendar.zone)
            local_end = datetime(day.year, day.month, day.day, end // 60, end % 60,
                                 tzinfo=calendar.zone)
            for overlay in (None, leave, EmployeeOverlay()):
                fast = calendar._same_day(local, local_end, overlay)
                slow = calendar._days(local, local_end, overlay)
                assert fast == slow
                assert render(fast.reason) == render(slow.reason)
        day += timedelta(days=1)


# ----- an activity's reason written without the render cache (pantau.text.render_once) -------

@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_reason_rendered_once_is_the_text_render_gives(lang: str) -> None:
    checker = Checker(classifier=None)
    for activity in _corpus(11, 1500):
        once = checker._working_time(activity).reason
        cached = checker._working_time(activity).reason  # an equal message, rendered by render
        assert not once.hashed()
        assert render_once(once, lang) == render(cached, lang)
        assert not once.hashed()  # neither looked up nor kept
        assert render_once(once, lang) == render(once, lang)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_reason_s_parts_found_by_identity_are_the_text_render_gives(lang: str) -> None:
    # the reason's time and a shared segment reason are found by identity (text._by_identity)
    # on the second rendering; an equal value that is another object is rendered, not found
    checker = Checker(classifier=None)
    text_module._by_identity[lang].clear()
    for activity in _corpus(13, 1500):
        for _ in range(2):
            once = checker._working_time(activity).reason
            equal = checker._working_time(activity).reason
            assert render_once(once, lang) == render(equal, lang)
    kept = text_module._by_identity[lang]
    assert kept and all(id(value) == key for key, (value, _) in kept.items())
    assert all(text == render(value, lang) for value, text in kept.values())
    day = LongDate(date(2026, 2, 3))
    first = Message("time.at", (("date", day), ("clock", Clock(555)), ("zone", "WIB")))
    other = Message("time.at", (("date", LongDate(date(2026, 2, 4))), ("clock", Clock(555)),
                                ("zone", "WIB")))
    reason = Message("time.reason", (("when", first), ("why", Message("plan.hours"))))
    later = Message("time.reason", (("when", other), ("why", Message("plan.hours"))))
    assert render_once(reason, lang) == render(Message(reason.key, reason.params), lang)
    assert render_once(later, lang) == render(Message(later.key, later.params), lang)


# A personal live stream in working time: violations that name the activity's reason.
LIVE_AT_WORK: dict[str, Any] = {
    "id": "a-1", "agency": "kab-ketapang", "kind": "live", "account_type": "personal",
    "started_at": "2026-02-03T09:15:00+07:00", "ended_at": "2026-02-03T09:40:00+07:00",
    "employee": {"type": "PNS"}, "signals": {"content": [], "official_duty": False}}


# ----- a violation object written once is known by identity (FindingWriter) -------------------

def test_a_violation_written_again_is_its_text_whatever_the_reason_next_to_it() -> None:
    checker = Checker(classifier=None)
    line = LIVE_AT_WORK
    finding = checker.check(parse_activity(line))
    assert any(o.why is finding.work_time.reason for v in finding.violations
               for o in v.elements)
    later = parse_activity({**line, "started_at": "2026-02-04T10:00:00+07:00",
                            "ended_at": None})
    other = checker.check(later)
    # the first activity's violations beside the second's reason: a violation's text is its
    # own, whichever reason the finding gives and in whatever order they are written
    mixed = dataclasses.replace(finding, work_time=other.work_time)
    writer = FindingWriter("id")
    for shown in (mixed, finding, mixed, finding, other, mixed):
        assert writer.line(shown) == json.dumps(finding_output(shown), ensure_ascii=False)


def test_signal_codes_read_again_are_one_shared_set_and_a_bad_list_is_still_refused() -> None:
    line = {**LIVE_AT_WORK, "signals": {"content": ["hoax", "practical_politics"]}}
    first, again = parse_activity(line), parse_activity(copy.deepcopy(line))
    assert first.signals.content is again.signals.content
    assert first.signals.content == frozenset({"hoax", "practical_politics"})
    for content in (["hoax", 1], [["hoax"]], ["hoax", None]):  # after a good list was kept
        broken = {**line, "signals": {"content": content}}
        assert _outcome(parse_activity, broken) == _outcome(_parsed_activity, broken)
        assert _outcome(parse_activity, broken)[0] == "InvalidActivity"


def test_leave_from_signals_is_one_shared_period_and_message_for_the_same_dates() -> None:
    checker = Checker(classifier=None)
    on_leave = {**LIVE_AT_WORK, "signals": {"on_leave": True}}
    first = checker.check(parse_activity(on_leave))
    again = checker.check(parse_activity({**on_leave, "id": "again"}))
    assert first.work_time.facts and first.work_time.facts == again.work_time.facts
    assert all(a is b for a, b in zip(first.work_time.facts, again.work_time.facts, strict=True))
    period = LeavePeriod(date(2026, 3, 2), date(2026, 3, 6), "cuti", "SK 12")
    assert period.text is period.text
    twin = LeavePeriod(date(2026, 3, 2), date(2026, 3, 6), "cuti", "SK 12")
    assert period == twin and hash(period) == hash(twin)  # the kept text is not a field
    assert period.text == twin.text and render(period.text) == render(twin.text)
    copied = pickle.loads(pickle.dumps(period))
    assert copied == period and copied.text == period.text


def _explanation_built_whole(violation: RuleFinding) -> Join:
    """RuleFinding.explanation as it was written before its parts were shared: every
    message made anew (the reference the shared parts must equal)."""
    def outcomes(found: tuple[Outcome, ...]) -> Value:
        if not found:
            return say("finding.none")
        return joined(say("finding.outcome", predicate=o.predicate,
                          value=say(f"truth.{o.truth.value}"), why=o.why) for o in found)

    parts: list[Value] = [
        say(f"finding.head.{violation.status.value}", reference=violation.clause.reference,
            title=violation.policy.title),
        say("finding.elements", items=outcomes(violation.elements)),
        say("finding.exceptions", items=outcomes(violation.exceptions))]
    if violation.allowances:
        parts.append(say("finding.allowances", items=outcomes(violation.allowances)))
    if violation.aggravating:
        parts.append(say("finding.aggravating", items=outcomes(violation.aggravating)))
    if violation.missing:
        parts.append(say("finding.missing", items=", ".join(violation.missing)))
    if violation.suggestions:
        parts.append(say("finding.automatic"))
    if violation.bases:
        parts.append(say("finding.basis", items=joined(
            say("finding.basis_cited", type=b.employee_type, applicable=b.applicable,
                cited=b.cited) if b.cited and b.cited != b.applicable else
            say("finding.basis_item", type=b.employee_type, applicable=b.applicable)
            for b in violation.bases)))
    if violation.facts:
        parts.append(say("finding.facts", items=joined(violation.facts)))
    return joined(parts, " ")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_an_explanation_of_shared_parts_is_the_explanation_built_whole(lang: str) -> None:
    checker = Checker(classifier=Suggests)
    kinds: set[str] = set()
    for activity in _corpus(11, 1500):
        for violation in checker.check(activity).violations:
            shared = violation.explanation()
            assert shared == _explanation_built_whole(violation)
            assert render(shared, lang) == render(_explanation_built_whole(violation), lang)
            again = violation.explanation()
            assert isinstance(shared, Join) and isinstance(again, Join)
            assert all(a is b for a, b in zip(shared.items, again.items, strict=True))
            kinds.update(m.key for m in shared.items if isinstance(m, Message))
    # the corpus reaches every optional part
    assert {"finding.missing", "finding.automatic", "finding.basis", "finding.facts"} <= kinds


# ----- a reason kept as its parts (pantau.domain.reasons, pantau.text.render_reason) ----------

@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_reason_written_from_its_parts_is_the_text_of_the_reason_made_from_them(
        lang: str) -> None:
    checker = Checker(classifier=None)
    text_module._composed[lang].clear()
    text_module._by_identity[lang].clear()
    kinds = set()
    for activity in _corpus(19, 1500):  # instants, intervals over one day and more, leave
        answer = checker._working_time(activity)
        made, parts = reason_state(answer)
        assert made is None and parts is not None
        kinds.add(parts[0])
        for _ in range(2):  # first rendered whole, then from texts found by identity
            assert render_reason(parts, lang) == render(reason_message(parts), lang)
        assert reason_state(answer) == (None, parts)  # writing the text made no message
    assert kinds == {"time.at", "time.same_day", "time.days"}


def test_a_reason_made_from_its_parts_is_made_once_and_equals_the_answer_built_whole() -> None:
    calendar = load_calendar("kab-ketapang")
    answer = calendar.working_time(datetime(2026, 2, 3, 9, 15, tzinfo=calendar.zone),
                                   datetime(2026, 2, 3, 9, 40, tzinfo=calendar.zone))
    made, parts = reason_state(answer)
    assert made is None and parts is not None
    whole = WorkingTimeAnswer(answer.working, answer.local, reason_message(parts), answer.facts)
    assert answer.reason is answer.reason  # made when first read, then kept
    assert reason_state(answer) == (answer.reason, parts)
    assert answer == whole and hash(answer) == hash(whole) and repr(answer) == repr(whole)
    assert pickle.loads(pickle.dumps(answer)) == whole
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        answer.nothing  # noqa: B018 (only `reason` is made)
    assert render(answer.reason) == "Selasa 3 Feb 2026 09.15–09.40 WIB: " + render(parts[2])


def test_a_reason_template_that_is_not_plain_is_written_the_long_way(
        monkeypatch: pytest.MonkeyPatch) -> None:
    words = dict(text_module.catalogue("id"))
    monkeypatch.setattr(text_module, "_composed", {"id": {}, "en": {}})
    monkeypatch.setattr(text_module, "catalogue", lambda lang: words)
    names = ("date", "clock", "zone")
    for template in ("%(date)s %(clock)s %(zone)s", "%(date)s pukul %(clock)s, 100%% %(zone)s",
                     "%(clock)s %(date)s %(zone)s", "%(date)s %(clock)d %(zone)s"):
        words["time.at"] = template
        composed = text_module._compose("id", "time.at", names)
        assert (composed is not None) == (template == "%(date)s %(clock)s %(zone)s")
    monkeypatch.undo()
    monkeypatch.setattr(text_module, "_composed", {"id": {"time.at": None}, "en": {}})
    calendar = load_calendar("kab-ketapang")
    _, parts = reason_state(calendar.working_time(datetime(2026, 2, 3, 9, 15,
                                                           tzinfo=calendar.zone)))
    assert parts is not None
    assert render_reason(parts, "id") == render(reason_message(parts), "id")


def test_a_violation_made_from_a_looked_up_one_is_written_with_its_own_reason() -> None:
    # the second activity reads like the first, so its violations are the first's with its
    # own working-time outcome in place (checker._rebased): written from the first's shape,
    # and only next to the reason they name
    checker = Checker(classifier=None)
    line = LIVE_AT_WORK
    first = checker.check(parse_activity(line))
    second = checker.check(parse_activity({**line, "id": "a-2",
                                           "started_at": "2026-02-04T10:00:00+07:00",
                                           "ended_at": "2026-02-04T10:05:00+07:00"}))
    made = [v for v in second.violations if "_template" in vars(v)]
    assert made and all(vars(v)["_template"][0] in first.violations for v in made)
    assert second.violations != first.violations
    crossed = dataclasses.replace(second, work_time=first.work_time)
    for lang in ("id", "en"):
        writer = FindingWriter(lang)
        for shown in (second, crossed, first, second, crossed):
            assert writer.line(shown) == json.dumps(finding_output(shown, lang),
                                                    ensure_ascii=False)
    assert "Rabu 4 Feb 2026 10.00–10.05 WIB" in FindingWriter("id").line(second)


# ----- one key for the rules of a policy set (pantau.domain.evaluation.compile_shared_key) ----

def test_a_rule_s_part_of_the_shared_key_tells_what_its_own_key_tells() -> None:
    # each rule's part of the set's key determines the rule's own key (so a judgement looked
    # up by it is the one its own key finds), and the set key reads every rule
    checker = Checker(classifier=None)
    own: dict[tuple[int, object], object] = {}
    seen = 0
    for activity in _corpus(23, 3000):
        answer = checker._working_time(activity)
        policies = checker._policies_on(activity.agency, answer.local.date())
        plan = checker._set_plan(policies, activity.kind)
        assert plan is not None
        context = Context(activity, answer, checker._sources, None, None, {})
        shared = plan[0](context)
        assert shared is not None
        for _, rule, take, _ in plan[1]:
            assert rule.key is not None
            mine = rule.key(context)
            part = take(shared)
            assert own.setdefault((id(rule), part), mine) == mine
            seen += 1
    assert seen > 3000 and len(own) > 500


# ----- a local time written from parts kept per day (finding_json._IsoTimes) -------------------

@pytest.mark.parametrize("zone", ["Asia/Jakarta", "Asia/Jayapura", "Europe/Berlin",
                                  "Australia/Lord_Howe", "UTC+05:45"])
def test_a_local_time_is_written_as_isoformat_writes_it(zone: str) -> None:
    # Berlin and Lord Howe (a half-hour change) change their offset on some of these days;
    # a fixed offset with minutes; each minute, at a second and a microsecond, both folds
    where = (timezone(timedelta(hours=5, minutes=45)) if zone == "UTC+05:45"
             else ZoneInfo(zone))
    times = _IsoTimes()
    days = [date(2026, 2, 3), date(2026, 3, 29), date(2026, 4, 5), date(2026, 10, 4),
            date(2026, 10, 25), date(1, 1, 1) if zone == "UTC+05:45" else date(1900, 1, 1)]
    for day in days:
        for minute in range(0, 24 * 60, 7):
            moment = datetime(day.year, day.month, day.day, minute // 60, minute % 60,
                              minute % 60, tzinfo=where)
            for shown in (moment, moment.replace(fold=1), moment.replace(microsecond=250),
                          moment.replace(tzinfo=None)):
                assert times.text(shown) == shown.isoformat(), shown
    kept = {day for (day, _), parts in times._days.items() if parts is not None}
    changing = {"Europe/Berlin": {date(2026, 3, 29), date(2026, 10, 25)},
                "Australia/Lord_Howe": {date(2026, 4, 5), date(2026, 10, 4)}}.get(zone, set())
    assert kept == set(days) - changing


# ----- an instant answered from the day's segment at each minute (AgencyCalendar._instant) ----

@pytest.mark.parametrize("agency", ["kab-ketapang", "kota-bekasi", "contoh-wit"])
def test_an_instant_is_answered_as_the_plan_answers_it(agency: str) -> None:
    calendar = load_calendar(agency)
    day = date(2026, 1, 1)
    while day.year == 2026:  # weekends, holidays, joint leave, Ramadan
        for minute in range(0, 24 * 60, 13 if day.day % 3 else 1):
            local = datetime(day.year, day.month, day.day, minute // 60, minute % 60,
                             tzinfo=calendar.zone)
            fast = calendar._instant(local, None)
            plain = calendar._instant(local, EmployeeOverlay())  # through _classify
            assert fast == plain
            assert reason_state(fast)[1] == reason_state(plain)[1]
        day += timedelta(days=5)


def test_an_interval_over_a_repeated_hour_is_ordered_by_the_instants() -> None:
    # a calendar in a zone that turns its clocks back: 02:10 of the second pass is after
    # 02:30 of the first, though its clock reads earlier
    ketapang = load_calendar("kab-ketapang")
    berlin = ZoneInfo("Europe/Berlin")
    calendar = AgencyCalendar("contoh-dst", "Contoh", berlin, "MEZ", week=ketapang.week,
                              days_off=(), dated_weeks=(), years=(2026,))
    first = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02.30, the first pass
    later = datetime(2026, 10, 25, 1, 10, tzinfo=UTC)  # 02.10, the second pass
    shown = (first.astimezone(berlin), later.astimezone(berlin))
    assert [(t.hour, t.minute, t.fold) for t in shown] == [(2, 30, 0), (2, 10, 1)]
    interval = calendar.working_time(first, later)
    assert reason_state(interval)[1][0] == "time.same_day"  # an interval, not an instant
    assert reason_state(calendar.working_time(later, first))[1][0] == "time.at"
    at_once = calendar.working_time(first, first.astimezone(UTC))
    assert reason_state(at_once)[1][0] == "time.at"  # the same instant in another zone


def test_the_per_minute_tables_are_kept_per_kind_of_working_day_not_per_day() -> None:
    # a weekend or a day off has one segment of its own: no table; working days alike share
    # one (a table per day was 11 KB for every date ever checked, in every process)
    from pantau.domain import calendar as calendar_module

    calendar_module._BY_MINUTE.clear()
    for agency in ("kab-ketapang", "kota-bekasi", "contoh-wit"):
        calendar = load_calendar(agency)
        day = date(calendar.years[0], 1, 1)
        while day.year <= calendar.years[-1]:
            calendar.working_time(datetime(day.year, day.month, day.day, 10,
                                           tzinfo=calendar.zone))
            day += timedelta(days=1)
    assert 0 < len(calendar_module._BY_MINUTE) < 100


def test_a_line_of_bytes_is_read_the_exact_way() -> None:
    """msgspec does not check the UTF-8 of a field it skips: bytes are not read in one step
    (found by a review), so a line that is not UTF-8 is refused as before."""
    line = ("{" + _WELL + ", \"x\": \"").encode() + b"\xff\"}"
    with pytest.raises(UnicodeDecodeError):
        read_activity(line)
    assert read_activity(("{" + _WELL + "}").encode()) == fast_activity("{" + _WELL + "}")


def test_a_line_that_might_hold_what_only_json_refuses_is_left_to_the_exact_reader(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The guard in front of the one-step reader: a line longer than Python's limit on the
    digits of an integer (whatever it is set to), or a long line with many brackets."""
    short = "{" + _WELL + ", \"x\": 1" + "0" * 700 + "}"
    assert fast_activity(short) is not None and _read_exactly(short)[0] == "ok"
    monkeypatch.setattr(sys, "get_int_max_str_digits", lambda: 640)
    assert fast_activity(short) is None  # json would refuse the 701 digits now
    monkeypatch.undo()
    nested = "{" + _WELL + ", \"x\": " + "[" * 600 + "]" * 600 + "}"
    assert fast_activity(nested) is None and _read_exactly(nested)[0] == "ok"
    shallow = "{" + _WELL + ", \"x\": " + "[" * 400 + "]" * 400 + "}"  # short: at most
    assert fast_activity(shallow) is not None  # 500 deep, which json reads as well
    flat = "{" + _WELL + ", \"text\": \"" + "a" * 3000 + "\"}"
    assert fast_activity(flat) is not None
