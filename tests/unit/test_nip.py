"""NIP (PNS) and NI PPPK parsing: REGULATIONS §7."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pantau.domain.employees import (
    EmployeeType,
    NipKind,
    Sex,
    make_nip,
    mask_nip,
    normalise_nip_text,
    parse_nip,
)
from pantau.domain.errors import InputError, InvalidNip


def test_the_bkn_example_as_typed_with_spaces() -> None:
    nip = parse_nip("19660801 198803 1 001")
    assert nip.digits == "196608011988031001"
    assert nip.kind is NipKind.PNS
    assert nip.birth_date == date(1966, 8, 1)
    assert nip.appointment == (1988, 3)
    assert nip.sex is Sex.MALE
    assert nip.serial == 1
    assert nip.spaced == "19660801 198803 1 001"


@pytest.mark.parametrize(
    ("text", "birth", "year", "sex"),
    [
        ("200012312024211001", date(2000, 12, 31), 2024, Sex.MALE),
        ("199312282025212001", date(1993, 12, 28), 2025, Sex.FEMALE),
        ("199601292023211010", date(1996, 1, 29), 2023, Sex.MALE),
    ],
)
def test_ni_pppk_is_told_apart_by_digit_13(text: str, birth: date, year: int, sex: Sex) -> None:
    nip = parse_nip(text)
    assert nip.kind is NipKind.PPPK
    assert (nip.birth_date, nip.appointment, nip.sex) == (birth, (year, None), sex)
    assert nip.pppk_sequence == 1


@pytest.mark.parametrize(
    ("text", "segment", "positions", "fragment"),
    [
        ("198713121990011001", "birth_date", "1–8", "segmen tanggal lahir (digit 1–8) '19871312'"),
        ("198702302010011002", "birth_date", "1–8", "bukan tanggal yang valid"),
        ("198703122010131002", "appointment", "9–14", "bulan 13"),
        ("198703122010001002", "appointment", "9–14", "bulan 00"),
        ("198703122000011002", "appointment", "9–14", "usia 12 tahun"),
        ("198703122010013002", "sex", "15", "jenis kelamin"),
        ("198703122010011000", "serial", "16–18", "001–999"),
        ("198703122010511002", "kind", "13", "kode jenis pegawai"),
        ("200012312024201001", "pppk_sequence", "14", "harus 1–9"),
        ("200012312015211001", "pppk_year", "9–12", "usia 15 tahun"),
        ("19870312201001100", "format", "", "17 angka"),
        ("19870312201001100X", "format", "", "'X'"),
    ],
)
def test_each_wrong_segment_is_named(
    text: str, segment: str, positions: str, fragment: str
) -> None:
    with pytest.raises(InvalidNip) as caught:
        parse_nip(text)
    error = caught.value
    assert isinstance(error, InputError)
    assert (error.segment, error.positions) == (segment, positions)
    assert fragment in str(error)
    assert text in str(error) and text in error.message_en
    assert error.fix and error.fix_en


def test_english_variant_names_the_segment_too() -> None:
    with pytest.raises(InvalidNip) as caught:
        parse_nip("198713121990011001")
    assert "date of birth segment (digits 1–8) '19871312'" in caught.value.message_en


def test_a_pppk_number_for_a_pns_employee_names_the_kind_segment() -> None:
    with pytest.raises(InvalidNip) as caught:
        parse_nip("200012312024211001", EmployeeType.PNS)
    assert caught.value.segment == "kind" and caught.value.positions == "13"
    assert "NI PPPK" in str(caught.value) and "PNS" in str(caught.value)


def test_declared_types_that_match_are_accepted() -> None:
    assert parse_nip("196608011988031001", EmployeeType.CPNS).kind is NipKind.PNS
    assert parse_nip("200012312024211001", EmployeeType.PPPK_PARUH_WAKTU).kind is NipKind.PPPK


def test_contract_staff_hold_no_nip() -> None:
    with pytest.raises(InvalidNip, match="tidak memiliki NIP"):
        parse_nip("196608011988031001", EmployeeType.NON_ASN)


def test_grouping_and_excel_apostrophe_are_removed() -> None:
    assert normalise_nip_text("'19660801.198803.1.001 ") == "196608011988031001"
    assert parse_nip("20001231-2024-2-1-1-001").kind is NipKind.PPPK


def test_masked_hides_birth_and_appointment_dates_keeping_the_last_four_digits() -> None:
    masked = parse_nip("196608011988031001").masked
    assert masked == "**************1001"
    assert masked == mask_nip("196608011988031001")  # one masking rule everywhere


births = st.dates(min_value=date(1950, 1, 1), max_value=date(2005, 12, 31))


@st.composite
def nips(draw: st.DrawFn) -> dict[str, object]:
    birth = draw(births)
    kind = draw(st.sampled_from(NipKind))
    age = draw(st.integers(min_value=18, max_value=55))
    return {
        "birth_date": birth,
        "appointment_year": birth.year + age,
        "appointment_month": draw(st.integers(1, 12)) if kind is NipKind.PNS else None,
        "sex": draw(st.sampled_from(Sex)),
        "serial": draw(st.integers(1, 999)),
        "kind": kind,
        "pppk_sequence": draw(st.integers(1, 9)),
    }


@given(nips())
def test_make_nip_round_trips_through_parse_nip(parts: dict[str, object]) -> None:
    nip = make_nip(**parts)  # type: ignore[arg-type]
    again = parse_nip(nip.spaced)
    assert again == nip
    assert (again.birth_date, again.kind, again.sex, again.serial) == (
        parts["birth_date"],
        parts["kind"],
        parts["sex"],
        parts["serial"],
    )
    assert again.appointment_year == parts["appointment_year"]


@given(nips(), st.integers(0, 7), st.integers(0, 9))
def test_a_corrupted_birth_date_is_caught_or_still_a_valid_date(
    parts: dict[str, object], position: int, digit: int
) -> None:
    nip = make_nip(**parts)  # type: ignore[arg-type]
    corrupted = nip.digits[:position] + str(digit) + nip.digits[position + 1 :]
    head = corrupted[:8]
    try:
        parsed = parse_nip(corrupted)
    except InvalidNip as error:
        assert error.segment in {"birth_date", "appointment", "pppk_year"}
        return
    # Valid by construction: the corrupted digits still form a real date at a sensible age.
    assert parsed.birth_date == date(int(head[:4]), int(head[4:6]), int(head[6:]))
