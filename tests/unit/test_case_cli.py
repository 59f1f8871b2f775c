"""The procedure calculator's contract (SPEC §5.3): `pantau case deadline|authority|sanction`.

Each answer is one JSON object on stdout with exactly the keys the SPEC names; an unknown agency,
step, position, level or type is one line on stderr naming it and the accepted values, exit 2.
Expected dates were counted by hand on the 2026–2027 SKB calendars (the comments name the days
skipped) and are also checked against `calendar add-working-days`; expected officials follow
PP 94/2021 Pasal 18 ayat (3) and Pasal 21–23 as the test names say.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner, Result

from pantau.cli import main
from pantau.rules.calendars import load_calendar

AGENCY = "kab-ketapang"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["case", *args])


def answer(*args: str) -> dict[str, object]:
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert result.stdout.count("\n") == 1, "one JSON object on one line"
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def refused(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


# ----- deadline ----------------------------------------------------------------------------
# (step, from, N, basis, expected last day, days skipped besides weekends)
DEADLINES = [
    ("examination", "2026-02-05", 7, "PP 94/2021 Pasal 26 ayat (2)", "2026-02-18",
     "16–17/02 Imlek"),
    ("second_summons", "2026-02-10", 7, "PP 94/2021 Pasal 26 ayat (3)", "2026-02-23", "Imlek"),
    ("delivery", "2026-12-14", 14, "PP 94/2021 Pasal 37 ayat (3)", "2027-01-07",
     "24–25/12 Natal, 01/01 and 05/01/2027"),
    ("objection", "2026-02-13", 14, "PP 79/2021 Pasal 4", "2026-03-09", "Imlek"),
    ("objection_decision", "2026-04-20", 21, "PP 79/2021 Pasal 5", "2026-05-22",
     "01/05, 14–15/05"),
    ("official_response", "2026-04-21", 6, "PP 79/2021 Pasal 8", "2026-04-29", "none"),
    ("appeal", "2026-04-15", 14, "PP 79/2021 Pasal 11", "2026-05-06", "01/05"),
    ("appeal_response", "2026-04-28", 21, "PP 79/2021 Pasal 13 ayat (1)", "2026-06-04",
     "01/05, 14–15/05, 27–28/05, 01/06"),
    ("appeal_decision", "2026-04-27", 65, "PP 79/2021 Pasal 13 ayat (4)", "2026-08-05",
     "01/05, 14–15/05, 27–28/05, 01/06, 16/06"),
]


@pytest.mark.parametrize(("step", "start", "n", "basis", "last", "skipped"), DEADLINES)
def test_every_step_of_the_spec_table_has_its_count_basis_and_last_day(
    step: str, start: str, n: int, basis: str, last: str, skipped: str
) -> None:
    assert answer("deadline", AGENCY, step, start) == {
        "step": step, "from": start, "deadline": last, "working_days": n, "basis": basis,
    }


@pytest.mark.parametrize(("step", "start", "n"), [(s, f, n) for s, f, n, *_ in DEADLINES])
def test_a_deadline_is_calendar_add_working_days(step: str, start: str, n: int) -> None:
    """DATE itself is not counted, exactly as `pantau calendar add-working-days`."""
    for agency in ("kota-bekasi", "contoh-wita", "contoh-wit"):
        expected = load_calendar(agency).add_working_days(date.fromisoformat(start), n)
        assert answer("deadline", agency, step, start)["deadline"] == expected.isoformat()


def test_the_date_itself_is_not_counted_even_when_it_is_a_working_day() -> None:
    # Thursday 5 March 2026 + 1 working day is Friday 6 March, not the 5th.
    found = load_calendar(AGENCY).add_working_days(date(2026, 3, 5), 1)
    assert found == date(2026, 3, 6)
    assert answer("deadline", AGENCY, "examination", "2026-03-05")["deadline"] == "2026-03-16"


def test_an_agency_day_off_moves_its_deadline() -> None:
    # contoh-wita has its own day off on Tuesday 10 March 2026; Ketapang does not.
    assert answer("deadline", "contoh-wita", "examination", "2026-03-05")["deadline"] == (
        "2026-03-17")
    assert answer("deadline", AGENCY, "examination", "2026-03-05")["deadline"] == "2026-03-16"


def test_an_unknown_step_names_the_accepted_steps() -> None:
    line = refused("deadline", AGENCY, "summons_letter", "2026-02-05")
    assert "'summons_letter'" in line
    for step, *_ in DEADLINES:
        assert step in line


def test_an_unknown_agency_names_the_known_agencies() -> None:
    line = refused("deadline", "kab-atlantis", "delivery", "2026-02-05")
    assert "kab-atlantis" in line and "kab-ketapang" in line and "kota-bekasi" in line


def test_a_malformed_date_is_refused() -> None:
    assert "2026-02-30" in refused("deadline", AGENCY, "delivery", "2026-02-30")


def test_a_year_without_holiday_data_is_refused_not_guessed() -> None:
    assert "2030" in refused("deadline", AGENCY, "delivery", "2030-06-03")


def test_explain_adds_only_the_explain_key() -> None:
    data = answer("deadline", AGENCY, "delivery", "2026-02-12", "--explain")
    assert set(data) == {"step", "from", "deadline", "working_days", "basis", "explain"}
    assert data["explain"]["actor"] == "authorised_official"  # type: ignore[index]


# ----- authority ---------------------------------------------------------------------------
AUTHORITY = [
    # Pasal 23 ayat (1) huruf a: pelaksana one level below a Pengawas, ringan.
    ("PELAKSANA", "ringan", "PENGAWAS", "Pasal 23 ayat (1) huruf a"),
    # Pasal 22 ayat (1) huruf b: two levels below an Administrator, sedang.
    ("PELAKSANA", "sedang", "ADMINISTRATOR", "Pasal 22 ayat (1) huruf b"),
    # Pasal 18 ayat (3) huruf c: Administrator and below, sedang and berat, by the PPK.
    ("PELAKSANA", "berat", "PPK", "Pasal 18 ayat (3) huruf c"),
    # Pasal 23 ayat (1) huruf c: functional officials, ringan, by the Pengawas.
    ("FUNGSIONAL", "ringan", "PENGAWAS", "Pasal 23 ayat (1) huruf c"),
    # Pasal 22 ayat (1) huruf c: functional officials, ringan and sedang, by the Administrator.
    ("FUNGSIONAL", "sedang", "ADMINISTRATOR", "Pasal 22 ayat (1) huruf c"),
    # Pasal 18 ayat (3) huruf d: functional officials other than Ahli Utama, berat, by the PPK.
    ("FUNGSIONAL", "berat", "PPK", "Pasal 18 ayat (3) huruf d"),
    # Pasal 22 ayat (1) huruf a: Pengawas one level below an Administrator, ringan.
    ("PENGAWAS", "ringan", "ADMINISTRATOR", "Pasal 22 ayat (1) huruf a"),
    # Pasal 21 huruf b: Pengawas two levels below a JPT Pratama, sedang.
    ("PENGAWAS", "sedang", "JPT_PRATAMA", "Pasal 21 huruf b"),
    ("PENGAWAS", "berat", "PPK", "Pasal 18 ayat (3) huruf c"),
    # Pasal 21 huruf a: Administrator one level below a JPT Pratama, ringan.
    ("ADMINISTRATOR", "ringan", "JPT_PRATAMA", "Pasal 21 huruf a"),
    # The JPT Pratama has no sedang power one level down: Pasal 18 ayat (3) huruf c, the PPK.
    ("ADMINISTRATOR", "sedang", "PPK", "Pasal 18 ayat (3) huruf c"),
    ("ADMINISTRATOR", "berat", "PPK", "Pasal 18 ayat (3) huruf c"),
    # Pasal 18 ayat (3) huruf a: JPT Pratama, every level, by the PPK.
    ("JPT_PRATAMA", "ringan", "PPK", "Pasal 18 ayat (3) huruf a"),
    ("JPT_PRATAMA", "sedang", "PPK", "Pasal 18 ayat (3) huruf a"),
    ("JPT_PRATAMA", "berat", "PPK", "Pasal 18 ayat (3) huruf a"),
]


@pytest.mark.parametrize(("position", "level", "official", "article"), AUTHORITY)
@pytest.mark.parametrize("agency", ["kab-ketapang", "kota-bekasi"])
def test_every_position_and_level_has_the_lowest_authorised_official(
    agency: str, position: str, level: str, official: str, article: str
) -> None:
    data = answer("authority", agency, position, level)
    assert data == {"official": official, "basis": f"PP 94/2021 {article}"}


def test_a_vacant_post_passes_the_authority_up_the_line_pasal_25() -> None:
    data = answer("authority", AGENCY, "PELAKSANA", "ringan", "--vacant", "PENGAWAS")
    assert data["official"] == "ADMINISTRATOR"
    assert str(data["basis"]).startswith("PP 94/2021 Pasal 25")
    both = answer("authority", AGENCY, "PENGAWAS", "sedang", "--vacant", "JPT_PRATAMA")
    assert both["official"] == "PPK"


def test_a_pppk_is_answered_by_analogy_and_says_so() -> None:
    data = answer("authority", AGENCY, "PELAKSANA", "ringan", "--type", "PPPK", "--explain")
    assert data["official"] == "PENGAWAS"
    explain = data["explain"]
    assert isinstance(explain, dict)
    assert explain["regime"] == "pp-49-2018-pppk"
    assert explain["by_analogy"]["confidence"] == "D"
    plain = answer("authority", AGENCY, "PELAKSANA", "ringan", "--explain")["explain"]
    assert isinstance(plain, dict) and plain["by_analogy"] is None


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("KEPALA_DESA", "ringan"), ["'KEPALA_DESA'", "PELAKSANA", "JPT_PRATAMA"]),
        (("pelaksana", "ringan"), ["'pelaksana'", "PELAKSANA"]),
        (("PELAKSANA", "keras"), ["'keras'", "ringan, sedang, berat"]),
        (("PELAKSANA", "ringan", "--vacant", "CAMAT"), ["'CAMAT'", "PENGAWAS"]),
    ],
)
def test_unknown_positions_levels_and_officials_are_refused(
    args: tuple[str, ...], words: list[str]
) -> None:
    line = refused("authority", AGENCY, *args)
    for word in words:
        assert word in line


def test_contract_staff_have_no_authority_table_and_the_answer_names_who_decides() -> None:
    assert "unit_head" in refused("authority", "kota-bekasi", "PELAKSANA", "ringan",
                                  "--type", "NON_ASN")


# ----- sanction ----------------------------------------------------------------------------
LIGHT = ["teguran_lisan", "teguran_tertulis", "pernyataan_tidak_puas"]
MEDIUM_PP53 = ["penundaan_kgb_1_tahun", "penundaan_pangkat_1_tahun", "penurunan_pangkat_1_tahun"]
HEAVY = ["penurunan_jabatan_12_bulan", "pembebasan_jabatan_12_bulan", "pemberhentian_dengan_hormat"]


@pytest.mark.parametrize(
    ("level", "types", "basis"),
    [
        ("ringan", LIGHT, "PP 94/2021 Pasal 8 ayat (2)"),
        # Pasal 42: until the salary regulation takes effect, PP 53/2010 Pasal 7 ayat (3).
        ("sedang", MEDIUM_PP53, "PP 94/2021 Pasal 42 ayat (2); PP 53/2010 Pasal 7 ayat (3)"),
        ("berat", HEAVY, "PP 94/2021 Pasal 8 ayat (4)"),
    ],
)
def test_each_level_lists_its_types_lightest_first(
    level: str, types: list[str], basis: str
) -> None:
    assert answer("sanction", AGENCY, level, "--on", "2026-02-03") == {
        "level": level, "types": types, "basis": basis,
    }


@pytest.mark.parametrize(
    ("level", "previous", "expected_level", "types"),
    [
        ("ringan", "teguran_lisan", "ringan", LIGHT[1:]),
        ("ringan", "teguran_tertulis", "ringan", LIGHT[2:]),
        ("ringan", "pernyataan_tidak_puas", "sedang", MEDIUM_PP53),
        ("sedang", "penundaan_kgb_1_tahun", "sedang", MEDIUM_PP53[1:]),
        ("sedang", "penurunan_pangkat_1_tahun", "berat", HEAVY),
        ("berat", "penurunan_jabatan_12_bulan", "berat", HEAVY[1:]),
        ("berat", "pembebasan_jabatan_12_bulan", "berat", HEAVY[2:]),
        # a previous sanction of a higher level than LEVEL: heavier than it, level rises
        ("ringan", "penundaan_pangkat_1_tahun", "sedang", MEDIUM_PP53[2:]),
        ("ringan", "penurunan_pangkat_1_tahun", "berat", HEAVY),
        ("ringan", "penurunan_jabatan_12_bulan", "berat", HEAVY[1:]),
        # a previous sanction of a lower level leaves LEVEL whole
        ("berat", "teguran_lisan", "berat", HEAVY),
        ("sedang", "pernyataan_tidak_puas", "sedang", MEDIUM_PP53),
    ],
)
def test_a_repeat_offence_allows_only_heavier_types_pasal_35_ayat_2(
    level: str, previous: str, expected_level: str, types: list[str]
) -> None:
    data = answer("sanction", AGENCY, level, "--previous", previous, "--on", "2026-02-03")
    assert data["level"] == expected_level
    assert data["types"] == types
    assert "PP 94/2021 Pasal 35 ayat (2)" in str(data["basis"])


def test_nothing_is_heavier_than_dismissal_and_the_answer_says_so() -> None:
    data = answer("sanction", AGENCY, "berat", "--previous", "pemberhentian_dengan_hormat",
                  "--on", "2026-02-03")
    assert data["level"] == "berat"
    assert data["types"] == []
    assert "tidak ada jenis hukuman disiplin yang lebih berat" in str(data["basis"])


def test_a_breach_before_pp_94_is_judged_by_it_and_cites_pasal_40() -> None:
    data = answer("sanction", AGENCY, "sedang", "--on", "2021-08-30")
    assert data["types"] == MEDIUM_PP53
    assert str(data["basis"]).startswith("PP 94/2021 Pasal 40 ayat (3)")


def test_the_medium_catalogue_changes_only_where_the_agency_records_the_salary_regulation() -> None:
    # contoh-wita (fictional) records the salary regulation in force from 01/07/2026.
    assert answer("sanction", "contoh-wita", "sedang", "--on", "2026-06-30")["types"] == (
        MEDIUM_PP53)
    assert answer("sanction", "contoh-wita", "sedang", "--on", "2026-07-01")["types"] == [
        "pemotongan_tukin_6_bulan", "pemotongan_tukin_9_bulan", "pemotongan_tukin_12_bulan"]
    assert answer("sanction", AGENCY, "sedang", "--on", "2027-07-01")["types"] == MEDIUM_PP53


def test_on_defaults_to_today_in_the_agency_zone() -> None:
    today = datetime.now(ZoneInfo("Asia/Pontianak")).date().isoformat()
    explained = answer("sanction", AGENCY, "ringan", "--explain")
    assert explained["explain"]["on"] == today  # type: ignore[index]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("kab-atlantis", "ringan"), ["kab-atlantis", "kab-ketapang"]),
        ((AGENCY, "keras"), ["'keras'", "ringan, sedang, berat"]),
        ((AGENCY, "ringan", "--previous", "skorsing"),
         ["'skorsing'", "teguran_lisan", "pemberhentian_dengan_hormat"]),
        ((AGENCY, "ringan", "--on", "03/02/2026"), ["03/02/2026", "YYYY-MM-DD"]),
    ],
)
def test_unknown_agencies_levels_and_types_are_refused(
    args: tuple[str, ...], words: list[str]
) -> None:
    line = refused("sanction", *args)
    for word in words:
        assert word in line


def test_contract_staff_of_bekasi_get_their_own_catalogue_with_no_medium_level() -> None:
    data = answer("sanction", "kota-bekasi", "ringan", "--type", "NON_ASN", "--on", "2021-09-08")
    assert data["types"] == LIGHT
    assert "sedang" in refused("sanction", "kota-bekasi", "sedang", "--type", "NON_ASN",
                               "--on", "2021-09-08")
