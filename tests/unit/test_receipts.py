"""Receipt codes (SPEC §5.1: unguessable, short enough to read out over the phone): Crockford
base-32 with a mod-37 check symbol, so a mistyped or swapped symbol is caught."""

from __future__ import annotations

import secrets

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pantau.domain.findings import Verdict
from pantau.domain.intake import (
    ALPHABET,
    CODE_LENGTH,
    InvalidReceipt,
    Urgency,
    check_symbol,
    make_receipt,
    read_receipt,
)

bodies = st.text(alphabet=ALPHABET, min_size=CODE_LENGTH, max_size=CODE_LENGTH)


@given(bodies)
def test_a_written_code_reads_back_as_itself(body: str) -> None:
    code = make_receipt(body)
    assert len(code) == 13 and code.count("-") == 2
    assert read_receipt(code) == code
    assert read_receipt(code.lower().replace("-", " ")) == code


@given(bodies, st.integers(0, CODE_LENGTH), st.sampled_from(ALPHABET))
def test_one_mistyped_symbol_is_caught(body: str, position: int, wrong: str) -> None:
    full = body + check_symbol(body)
    if full[position] == wrong:
        return
    typed = full[:position] + wrong + full[position + 1:]
    with pytest.raises(InvalidReceipt):
        read_receipt(typed)


@given(bodies, st.integers(0, CODE_LENGTH - 2))
def test_two_swapped_neighbours_are_caught(body: str, position: int) -> None:
    full = body + check_symbol(body)
    if full[position] == full[position + 1]:
        return
    swapped = full[:position] + full[position + 1] + full[position] + full[position + 2:]
    with pytest.raises(InvalidReceipt):
        read_receipt(swapped)


def test_letters_read_as_digits_are_forgiven() -> None:
    code = make_receipt("0123456789")
    typed = code.replace("0", "O").replace("1", "l")
    assert read_receipt(typed) == code


@pytest.mark.parametrize("typed", ["", "ABC", "0123-4567-89*X", "UUUU-UUUU-UUU", "#" * 11])
def test_what_is_not_a_code_is_refused(typed: str) -> None:
    with pytest.raises(InvalidReceipt):
        read_receipt(typed)


def test_codes_are_not_guessable_by_their_shape() -> None:
    """Ten symbols of 32: 2^50 codes; two draws never collide in practice."""
    drawn = {make_receipt("".join(secrets.choice(ALPHABET) for _ in range(10))) for _ in range(500)}
    assert len(drawn) == 500
    assert 32 ** CODE_LENGTH > 10**15


def test_urgency_orders_established_before_suspected_before_nothing() -> None:
    ranks = [Urgency(v).severity for v in (Verdict.VIOLATION, Verdict.NEEDS_REVIEW,
                                           Verdict.NO_VIOLATION, None)]
    assert ranks == [3, 2, 1, 0]
