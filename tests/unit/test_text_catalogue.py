"""The message catalogues (pantau/locale/*/pantau.po): one renderer, two languages, no gaps."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from pantau.domain.activities import ActivityKind
from pantau.domain.evaluation import Truth
from pantau.domain.findings import RuleStatus
from pantau.domain.predicates import _SIGNAL_PREDICATES
from pantau.domain.text import (
    Clock,
    Join,
    LongDate,
    Message,
    ShortDate,
    Span,
    Term,
    from_json,
    say,
    to_json,
)
from pantau.domain.worktime import DayKind
from pantau.text import MissingMessage, render
from pantau.text.catalogue import LANGUAGES, catalogue, catalogue_path, parse_po

SRC = Path(__file__).resolve().parents[2] / "src" / "pantau"
PLACEHOLDER = re.compile(r"%\((\w+)\)")


def test_both_languages_hold_the_same_keys() -> None:
    assert set(catalogue("id")) == set(catalogue("en"))
    assert len(catalogue("id")) > 100


@pytest.mark.parametrize("key", sorted(catalogue("id")))
def test_each_text_takes_the_same_parameters_in_both_languages(key: str) -> None:
    found = {lang: set(PLACEHOLDER.findall(catalogue(lang)[key])) for lang in LANGUAGES}
    assert found["id"] == found["en"], key
    assert all(catalogue(lang)[key] for lang in LANGUAGES), f"{key} has an empty text"


def _literal_keys() -> set[str]:
    keys: set[str] = set()
    for path in SRC.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        keys |= set(re.findall(r"\bsay\(\s*\"(\w+\.[\w.]+)\"", source))
        keys |= set(re.findall(r"\btext\(\s*\"(\w+\.[\w.]+)\"", source))
    return keys


def test_every_key_the_code_says_is_in_the_catalogue() -> None:
    keys = _literal_keys()
    assert len(keys) > 60
    missing = sorted(keys - set(catalogue("id")))
    assert not missing, f"keys used in code but missing from pantau.po: {missing}"


def test_keys_built_from_vocabulary_are_in_the_catalogue() -> None:
    built = {f"truth.{t.value}" for t in Truth} | {f"day_kind.{k.value}" for k in DayKind}
    built |= {f"finding.head.{s.value}" for s in RuleStatus}
    built |= {f"weekday.{i}" for i in range(7)} | {f"month.{i}" for i in range(1, 13)}
    built |= {f"show.kind.{k.value}" for k in DayKind}
    built |= {f"allowance.{t.value}" for t in Truth}  # issue 9: what an allowance considered
    built |= {f"signal.{signal}" for signal, _ in _SIGNAL_PREDICATES.values()}
    assert not sorted(built - set(catalogue("en")))
    assert {kind.value for kind in ActivityKind} >= {"live", "offline"}


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
@pytest.mark.parametrize("lang", LANGUAGES)
def test_msgfmt_accepts_the_catalogue(lang: str, tmp_path: Path) -> None:
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "x.mo"), str(catalogue_path(lang))],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_parser_reads_continued_strings_and_escapes() -> None:
    source = '# c\nmsgid ""\nmsgstr "header"\n\nmsgid "a.b"\nmsgstr ""\n"one \\"two\\" "\n"three"\n'
    assert parse_po(source) == {"a.b": 'one "two" three'}
    with pytest.raises(MissingMessage, match=":2:"):
        parse_po('msgid "x"\nnonsense\n', "file.po")


def test_values_render_in_each_language() -> None:
    day = date(2026, 2, 3)
    assert render(LongDate(day)) == "Selasa 3 Feb 2026"
    assert render(LongDate(day), "en") == "Tuesday 3 Feb 2026"
    assert render(ShortDate(date(2026, 5, 1)), "id") == "1 Mei 2026"
    assert render(Clock(7 * 60 + 5)) == "07.05" and render(Clock(1440), "en") == "24:00"
    assert render(Span(450, 960), "en") == "07:30–16:00"
    assert render(Term("cuti", "leave"), "en-us") == "leave"
    assert render(Join(("a", Clock(60)), ", ")) == "a, 01.00"
    assert render(say("outcome.suggested", code="hoax", score=0.876, words="x")).startswith(
        "diduga 'hoax' oleh klasifikasi otomatis (skor 0.88;")


def test_an_unknown_key_is_an_error_not_a_silent_key() -> None:
    with pytest.raises(MissingMessage, match=r"nope\.nope"):
        render(Message("nope.nope"), "id")


def test_messages_round_trip_through_json() -> None:
    value = say(
        "time.reason",
        when=say("time.at", date=LongDate(date(2026, 2, 3)), clock=Clock(555), zone="WIB"),
        why=Join((Term("a", "b"), ShortDate(date(2026, 1, 1)), Span(1, 2), 3, 0.5, True), "; "),
    )
    assert from_json(to_json(value)) == value
    assert render(from_json(to_json(value)), "en") == render(value, "en")
