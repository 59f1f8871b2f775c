"""Spreadsheet cells that would run as formulas are written as text (OWASP CSV injection)."""

from __future__ import annotations

import pytest

from pantau.text.cells import safe_cell


@pytest.mark.parametrize("text", ["=1+2", '=HYPERLINK("http://x",A1)', "@SUM(1+1)", "+A1",
                                  "-2+3", "\t=1", "\r=1"])
def test_a_formula_is_written_as_text(text: str) -> None:
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Rina Perawat", "-3", "+6281234", "-", "2.5", 7, -2, 0.5])
def test_names_and_numbers_pass(value: object) -> None:
    assert safe_cell(value) == value


def test_nothing_is_an_empty_cell() -> None:
    assert safe_cell(None) == ""
