"""Registry import previews: CSV and XLSX as BKPSDM staff keep them (pantau.importing)."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

import pantau.importing as importing
from pantau.domain.employees import EmployeeType, PositionLevel, Sex
from pantau.importing import (
    AccountType,
    Platform,
    UnitKind,
    preview_accounts,
    preview_employees,
    preview_units,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "import"
HEADER = "NIP;Nama;Jenis Pegawai;Unit Kerja (kode);Jabatan;Eselon/Jenjang;NIP Atasan;Tanggal Lahir"
HEAD = "19660801 198803 1 001;Drs. H. Ahmad Fauzi;PNS;DINKES;Kepala Dinas;II.b;;01/08/1966"
NURSE = "200012312024211001;Budi Santoso;PPPK;DINKES;Perawat;Ahli Pertama;196608011988031001;"


def csv_bytes(*lines: str, bom: bool = True) -> bytes:
    text = "\r\n".join(lines) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def xlsx_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    workbook = Workbook()
    for index, (title, rows) in enumerate(sheets.items()):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        assert sheet is not None
        sheet.title = title
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_semicolon_csv_with_bom_gives_normalised_records() -> None:
    found = preview_employees(csv_bytes(HEADER, HEAD, NURSE), "pegawai.csv")
    assert found.ok, found.errors
    head, nurse = found.records
    assert (head.row, head.nip, head.level) == (2, "196608011988031001", PositionLevel.JPT_PRATAMA)
    assert head.birth_date == date(1966, 8, 1)
    assert (nurse.row, nurse.employee_type, nurse.level) == (
        3,
        EmployeeType.PPPK,
        PositionLevel.FUNGSIONAL,
    )
    assert nurse.superior_nip == head.nip


def test_headers_match_whatever_the_case_spacing_and_synonyms() -> None:
    data = csv_bytes(
        "nip,NAMA LENGKAP,status_pegawai,Kode Unit,nama jabatan,JK",
        "196608011988031001,Ahmad,pns,DINKES,Kepala Dinas,laki-laki",
        bom=False,
    )
    found = preview_employees(data, "x.CSV")
    assert found.ok, found.errors
    assert found.records[0].sex is Sex.MALE
    assert dict(found.columns)["status_pegawai"] == "type"


def test_a_wrong_nip_segment_is_a_row_error_naming_row_column_and_fix() -> None:
    bad = NURSE.replace("20001231", "20001331")
    found = preview_employees(csv_bytes(HEADER, HEAD, bad), "pegawai.csv")
    assert not found.ok
    assert [row.ok for row in found.rows] == [True, False]
    (error,) = found.errors
    assert (error.row, error.column, error.value) == (3, "NIP", "200013312024211001")
    assert "tanggal lahir (digit 1–8) '20001331'" in error.message
    assert "date of birth" in error.message_en
    assert error.fix and error.fix_en
    assert len(found.records) == 1


def test_a_nip_that_excel_turned_into_scientific_notation_is_explained() -> None:
    found = preview_employees(
        csv_bytes(HEADER, HEAD.replace("19660801 198803 1 001", "1,96608E+17")), "p.csv"
    )
    (error,) = found.errors
    assert error.column == "NIP" and "Teks" in error.fix


def test_a_pppk_number_declared_pns_names_the_kind_segment() -> None:
    found = preview_employees(csv_bytes(HEADER, NURSE.replace(";PPPK;", ";PNS;")), "p.csv")
    (error,) = found.errors
    assert error.column == "NIP" and "digit 13" in error.message


def test_the_same_nip_twice_is_reported_on_the_second_row() -> None:
    found = preview_employees(csv_bytes(HEADER, HEAD, NURSE, HEAD), "p.csv")
    (error,) = found.errors
    assert error.row == 4 and "baris 2" in error.message
    assert [row.row for row in found.rows if row.ok] == [2, 3]


def test_units_and_superiors_are_checked_against_the_registry_hooks() -> None:
    data = csv_bytes(HEADER, HEAD, NURSE.replace("196608011988031001", "197001011995031002"))
    found = preview_employees(data, "p.csv", known_units={"DINKES"}, known_nips=set())
    (error,) = found.errors
    assert (error.row, error.column) == (3, "NIP Atasan")
    assert "tidak ada di file ini maupun di registri" in error.message
    known = preview_employees(data, "p.csv", known_nips={"197001011995031002"})
    assert known.ok
    unknown_unit = preview_employees(csv_bytes(HEADER, HEAD), "p.csv", known_units={"RSUD"})
    assert unknown_unit.errors[0].column == "Unit Kerja (kode)"


def test_a_superior_cycle_is_reported() -> None:
    other = "197001011995031002;Siti;PNS;DINKES;Sekretaris;III.a;196608011988031001;"
    looping = HEAD.replace(";;01/08/1966", ";197001011995031002;01/08/1966")
    found = preview_employees(csv_bytes(HEADER, looping, other), "p.csv")
    assert {e.row for e in found.errors} == {2, 3}
    assert all("lingkaran" in e.message for e in found.errors)


def test_birth_date_and_sex_must_agree_with_the_nip() -> None:
    header = HEADER + ";Jenis Kelamin"
    row = HEAD.replace("01/08/1966", "02/08/1966") + ";P"
    found = preview_employees(csv_bytes(header, row), "p.csv")
    assert sorted(e.column for e in found.errors) == ["Jenis Kelamin", "Tanggal Lahir"]


def test_contract_staff_need_an_internal_id_and_no_nip() -> None:
    header = HEADER + ";ID Internal"
    ok = ";Dedi;Tenaga Kontrak;DINKES;Sopir;;196608011988031001;;TKK-2019-0007"
    missing = ";Asep;Non ASN;DINKES;Sopir;;;;"
    found = preview_employees(csv_bytes(header, HEAD + ";", ok, missing), "p.csv")
    assert found.rows[1].record is not None
    assert found.rows[1].record.key == "TKK-2019-0007" and found.rows[1].record.nip is None
    (error,) = found.errors
    assert (error.row, error.column) == (4, "ID Internal")


def test_unknown_values_list_what_is_accepted() -> None:
    found = preview_employees(csv_bytes(HEADER, HEAD.replace(";PNS;", ";Pegawai Tetap;")), "p.csv")
    (error,) = found.errors
    assert error.column == "Jenis Pegawai" and "pppk paruh waktu" in error.fix


def test_a_missing_required_column_is_a_file_error_saying_how_to_fix() -> None:
    found = preview_employees(csv_bytes("NIP;Nama;Jabatan", HEAD), "p.csv")
    assert not found.ok and found.rows == ()
    messages = " ".join(str(error) for error in found.file_errors)
    assert "Jenis Pegawai" in messages and "Unit Kerja (kode)" in messages
    assert all(error.row == 1 and "Tambahkan kolom" in error.fix for error in found.file_errors)


def test_a_csv_that_is_not_utf8_says_how_to_save_it() -> None:
    data = (HEADER + "\r\n" + HEAD.replace("Fauzi", "Fauz\xe9")).encode("cp1252")
    (error,) = preview_employees(data, "p.csv").file_errors
    assert error.row == 2 and "CSV UTF-8" in error.fix


def test_utf16_and_tab_delimited_text_from_excel_is_read() -> None:
    text = "\r\n".join(line.replace(";", "\t") for line in (HEADER, HEAD)) + "\r\n"
    found = preview_employees(text.encode("utf-16"), "pegawai.txt")
    assert found.ok and found.records[0].nip == "196608011988031001"


def test_an_unsupported_or_broken_file_is_a_file_error() -> None:
    assert "tidak didukung" in preview_employees(b"x", "p.xls").file_errors[0].message
    assert ".xlsx" in preview_employees(b"not a zip", "p.xlsx").file_errors[0].fix


def test_xlsx_picks_the_named_sheet_and_reads_dates_and_text_nips() -> None:
    rows: list[list[object]] = [
        HEADER.split(";"),
        [
            "196608011988031001",
            "Ahmad",
            "PNS",
            "DINKES",
            "Kepala Dinas",
            "JPT Pratama",
            None,
            datetime(1966, 8, 1),
        ],
        [None] * 8,
        [196608011988031000.0, "Rounded", "PNS", "DINKES", "Staf", "Pelaksana", None, None],
    ]
    data = xlsx_bytes({"Petunjuk": [["Isi lembar Pegawai"]], "Pegawai": rows})
    found = preview_employees(data, "registri.xlsx")
    assert found.sheet == "Pegawai"
    assert found.rows[0].record is not None
    assert found.rows[0].record.birth_date == date(1966, 8, 1)
    (error,) = found.errors
    assert error.row == 4 and "Excel membulatkan" in error.message


def test_an_unknown_sheet_lists_the_sheets_there_are() -> None:
    data = xlsx_bytes({"Pegawai": [HEADER.split(";")]})
    (error,) = preview_employees(data, "r.xlsx", sheet="Data").file_errors
    assert "'Pegawai'" in error.message


def test_units_form_a_tree_whose_parents_must_exist() -> None:
    data = csv_bytes(
        "Kode;Nama;Induk (kode);Jenis;Shift",
        "RSUD;RSUD dr. Agoesdjam;;Rumah Sakit;ya",
        "RSUD-YANMED;Bidang Pelayanan Medik;RSUD;bidang;tidak",
        "PKM-X;Puskesmas X;DINKES;puskesmas;",
        "RSUD;RSUD lagi;;rsud;ya",
        "BAD;Unit;;kantor pos;mungkin",
    )
    found = preview_units(data, "unit.csv", known_units={"SETDA"})
    rsud, bidang = found.records
    assert (rsud.kind, rsud.shift, bidang.parent_code) == (UnitKind.RSUD, True, "RSUD")
    by_row = {row.row: [e.column for e in row.errors] for row in found.rows if row.errors}
    assert by_row == {4: ["Induk (kode)"], 5: ["Kode"], 6: ["Jenis", "Shift"]}


def test_accounts_take_handles_from_urls_and_check_the_platform() -> None:
    data = csv_bytes(
        "NIP,Unit Kerja (kode),Platform,Akun/Handle,Jenis Akun,URL",
        "196608011988031001,,TikTok,,pribadi,https://www.tiktok.com/@Ahmad.Fauzi",
        ",DINKES,IG,@dinkes.ketapang,resmi,",
        "196608011988031001,,Twitter,@ahmad,pribadi,https://www.tiktok.com/@ahmad",
        ",,TikTok,@anon,pribadi,",
        "196608011988031001,,tiktok,ahmad.fauzi,pribadi,",
        bom=False,
    )
    found = preview_accounts(
        data, "akun.csv", known_units={"DINKES"}, known_nips={"196608011988031001"}
    )
    personal, official = found.records
    assert (personal.platform, personal.handle) == (Platform.TIKTOK, "@ahmad.fauzi")
    assert (official.account_type, official.unit_code) == (AccountType.OFFICIAL, "DINKES")
    by_row = {row.row: [e.column for e in row.errors] for row in found.rows if row.errors}
    assert by_row == {4: ["URL"], 5: ["NIP"], 6: ["Akun/Handle"]}


def test_an_account_owner_must_be_a_registered_employee() -> None:
    data = csv_bytes("NIP;Platform;Akun;Jenis Akun", "196608011988031001;tiktok;@a;pribadi")
    assert preview_accounts(data, "a.csv").ok
    found = preview_accounts(data, "a.csv", known_nips=set())
    assert "belum ada di registri" in found.errors[0].message


def test_the_shipped_examples_import_in_order_into_the_demo_ketapang() -> None:
    from pantau.demo import build_demo

    demo = build_demo(date(2026, 2, 3))
    units = {u.code for u in demo.units if u.agency == "kab-ketapang"}
    keys = {e.key for e in demo.employees if e.agency == "kab-ketapang"}
    new_units = preview_units((EXAMPLES / "unit-contoh.csv").read_bytes(), "unit-contoh.csv", units)
    assert new_units.ok
    units |= {record.code for record in new_units.records}
    staff = preview_employees((EXAMPLES / "pegawai-contoh.csv").read_bytes(), "p.csv", units, keys)
    assert staff.ok and len(staff.records) == 7
    assert not {record.key for record in staff.records} & {e.key for e in demo.employees}
    accounts = preview_accounts(
        (EXAMPLES / "akun-contoh.csv").read_bytes(),
        "a.csv",
        units,
        keys | {record.key for record in staff.records},
    )
    assert accounts.ok
    taken = {(a.platform, a.handle) for a in demo.accounts}
    assert not {(record.platform, record.handle) for record in accounts.records} & taken
    workbook = (EXAMPLES / "pegawai-contoh.xlsx").read_bytes()
    for preview, csv_preview in (
        (preview_employees(workbook, "p.xlsx", units, keys), staff),
        (preview_units(workbook, "p.xlsx", units), new_units),
    ):
        assert preview.records == csv_preview.records


def test_the_example_with_one_bad_row_has_exactly_one_fixable_error() -> None:
    data = (EXAMPLES / "pegawai-satu-salah.csv").read_bytes()
    found = preview_employees(data, "pegawai-satu-salah.csv")
    (error,) = found.errors
    assert (error.row, error.column) == (3, "NIP") and "tanggal lahir" in error.message
    fixed = data.replace(b"199513022025212517", b"199509022025212517")
    assert preview_employees(fixed, "pegawai-satu-salah.csv").ok


def test_public_api_is_exactly_the_documented_names() -> None:
    assert set(importing.__all__) == {
        "PREVIEWS",
        "AccountRecord",
        "AccountType",
        "EmployeeRecord",
        "FileError",
        "ImportPreview",
        "Platform",
        "PreviewRow",
        "RowError",
        "UnitKind",
        "UnitRecord",
        "preview_accounts",
        "preview_employees",
        "preview_units",
    }
    for name in importing.__all__:
        assert name in (importing.__doc__ or "") or name[0].isupper()
    assert set(importing.PREVIEWS) == {"employees", "units", "accounts"}


@pytest.mark.parametrize("text", ["01/08/1966", "1966-08-01", "1 Agustus 1966", "01-08-1966"])
def test_dates_are_read_as_indonesians_write_them(text: str) -> None:
    from pantau.importing.cells import parse_date_text

    assert parse_date_text(text) == date(1966, 8, 1)
