"""Files that broke an import (issue 14): workbook bombs, files past the limits, the text of a
CSV (UTF-16 cut short, a cell over 128 KB) and NUL characters: each is a file or row error with
what, where and how to fix it, never a traceback."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest
from benchmarks.import_files import employees_csv, row_bomb, write_workbook, xfd_bomb

from pantau.importing import preview_employees
from pantau.importing.activities import preview_activities
from pantau.importing.limits import DEFAULT_LIMITS, Limits, column_letters

HEADER = "NIP;Nama;Jenis Pegawai;Unit Kerja (kode);Jabatan"
ROW = "199003032015032003;Siti Umum;PNS;UMUM;Pelaksana"


def test_a_cell_in_the_last_column_of_every_row_is_refused_at_the_first_such_row(
    tmp_path: Path,
) -> None:
    data = xfd_bomb(tmp_path / "bomb.xlsx", rows=200).read_bytes()
    found = preview_employees(data, "bomb.xlsx")
    assert found.rows == () and len(found.file_errors) == 1
    error = found.file_errors[0]
    assert error.row == 2
    assert "kolom XFD" in error.message and "16.384" in error.message
    assert f"batasnya {DEFAULT_LIMITS.columns} kolom" in error.message
    assert "sel XFD2" in error.fix and "Hapus" in error.fix
    assert "column XFD" in error.message_en and "16,384" in error.message_en


def test_more_rows_than_the_limit_are_refused_saying_how_to_split(tmp_path: Path) -> None:
    data = row_bomb(tmp_path / "rows.xlsx", rows=30).read_bytes()
    found = preview_employees(data, "rows.xlsx", limits=Limits(rows=20))
    assert found.rows == () and len(found.file_errors) == 1
    error = found.file_errors[0]
    assert "lebih dari 20 baris data" in error.message and "'Pegawai'" in error.message
    assert "Bagi data" in error.fix and "paling banyak 20 baris" in error.fix
    assert "Split the data" in error.fix_en


def test_a_csv_past_the_row_limit_gives_its_row_count() -> None:
    text = "\n".join([HEADER, *(ROW for _ in range(25))]) + "\n"
    found = preview_employees(text.encode(), "e.csv", limits=Limits(rows=20))
    assert [error.message for error in found.file_errors] == [
        "File berisi lebih dari 20 baris data (25 baris); batasnya 20 baris per file."]
    exactly = preview_employees(text.encode(), "e.csv", limits=Limits(rows=25))
    assert not exactly.file_errors and len(exactly.rows) == 25


def test_a_workbook_that_unpacks_past_the_limit_is_refused_before_parsing(
    tmp_path: Path,
) -> None:
    data = row_bomb(tmp_path / "rows.xlsx", rows=5000).read_bytes()
    found = preview_employees(data, "rows.xlsx", limits=Limits(unzipped_bytes=50_000))
    assert len(found.file_errors) == 1
    assert "setelah dibuka" in found.file_errors[0].message
    assert "lembar data" in found.file_errors[0].fix


def test_a_zip_that_declares_less_than_it_holds_yields_no_more_than_it_declares(
    tmp_path: Path,
) -> None:
    """What makes the unpacked-size limit hold: a member that lies about its size is cut
    off at the declared size and is then a broken file, never the bigger content."""
    path = row_bomb(tmp_path / "rows.xlsx", rows=5000)
    raw = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    start = raw.find(b"PK\x01\x02")  # the central directory, which zipfile reads sizes from
    while start != -1:
        name_length = struct.unpack_from("<H", raw, start + 28)[0]
        if raw[start + 46 : start + 46 + name_length] == name:
            struct.pack_into("<I", raw, start + 24, 1000)  # declared uncompressed size
        start = raw.find(b"PK\x01\x02", start + 1)
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as archive:
        assert archive.getinfo(name.decode()).file_size == 1000
    found = preview_employees(bytes(raw), "rows.xlsx")
    assert len(found.file_errors) == 1
    assert "bukan buku kerja Excel .xlsx yang valid" in found.file_errors[0].message


def test_a_sheet_within_the_limits_is_read_whole(tmp_path: Path) -> None:
    """Rows without numbers, a row far down and cells past the header's width that are
    empty: all read as before."""
    rows = iter([
        '<row r="2"><c r="A2" t="inlineStr"><is><t>199003032015032003</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>Siti</t></is></c>'
        '<c r="C2" t="inlineStr"><is><t>PNS</t></is></c>'
        '<c r="D2" t="inlineStr"><is><t>UMUM</t></is></c>'
        '<c r="E2" t="inlineStr"><is><t>Pelaksana</t></is></c><c r="XFD2"/></row>',
        '<row r="90000"><c r="A90000" t="inlineStr"><is><t>199505052020122005</t></is></c>'
        '<c r="B90000" t="inlineStr"><is><t>Rina</t></is></c>'
        '<c r="C90000" t="inlineStr"><is><t>PNS</t></is></c>'
        '<c r="D90000" t="inlineStr"><is><t>RSUD</t></is></c>'
        '<c r="E90000" t="inlineStr"><is><t>Perawat</t></is></c></row>',
    ])
    path = tmp_path / "ok.xlsx"
    write_workbook(path, rows)
    found = preview_employees(path.read_bytes(), "ok.xlsx")
    assert found.ok, (found.file_errors, found.errors)
    assert [(r.row, r.name) for r in found.records] == [(2, "Siti"), (90000, "Rina")]


def test_column_letters_are_excels() -> None:
    assert [column_letters(n) for n in (1, 26, 27, 200, 16384)] == ["A", "Z", "AA", "GR", "XFD"]


def test_a_utf16_file_cut_short_is_a_file_error() -> None:
    text = f"{HEADER}\r\n{ROW}\r\n".encode("utf-16-le")
    found = preview_employees(b"\xff\xfe" + text + b"\x00", "e.csv")  # one byte too many
    assert len(found.file_errors) == 1
    assert "UTF-16" in found.file_errors[0].message and "ganjil" in found.file_errors[0].message
    assert "CSV UTF-8" in found.file_errors[0].fix
    half = preview_employees(b"\xff\xfe" + text + b"\x00\xd8", "e.csv")  # half a character
    assert "rusak" in half.file_errors[0].message


def test_a_cell_over_128_kb_is_a_file_error_naming_the_line_and_the_quote() -> None:
    text = f'{HEADER}\n{ROW}\n199505052020122005;"Rina {"x" * 140_000};PNS;RSUD;Perawat\n'
    found = preview_employees(text.encode(), "e.csv")
    assert len(found.file_errors) == 1
    error = found.file_errors[0]
    assert error.row is not None and error.row >= 3
    assert "128 KB" in error.message and "tanda kutip" in error.message


def test_a_nul_character_in_a_cell_is_a_row_error() -> None:
    text = f"{HEADER}\n{ROW}\n199505052020122005;Rina\x00 Perawat;PNS;RSUD;Perawat\n"
    found = preview_employees(text.encode(), "e.csv")
    assert [row.ok for row in found.rows] == [True, False]
    (error,) = found.rows[1].errors
    assert (error.row, error.column) == (3, "Nama") and "NUL" in error.message
    assert "\x00" not in error.value and "\x00" not in str(found.rows[1].values)


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ('{"id": "a-1", "kind": "post", "started_at": "2026-02-03T09:15:00+07:00", '
         '"text": "nul \\u0000 here"}', "NUL"),
        ('{"id": "a-\\ud800", "kind": "post", "started_at": "2026-02-03T09:15:00+07:00"}',
         "surrogate"),
        ('{"id": "a-1", "signals": ' + "[" * 5000 + "]" * 5000 + "}", "terlalu dalam"),
    ],
)
def test_a_json_line_that_cannot_be_stored_is_a_row_error(line: str, said: str) -> None:
    """An activity import line with an escaped NUL, a lone surrogate or nesting past
    Python's recursion limit: a row error, and the other lines are read."""
    good = ('{"id": "a-2", "kind": "post", "started_at": "2026-02-03T09:15:00+07:00"}')
    data = f"{good}\n{line}\n{good.replace('a-2', 'a-3')}\n".encode()
    found = preview_activities(data, "a.jsonl", "kab-ketapang")
    assert [row.ok for row in found.rows] == [True, False, True]
    assert said in found.rows[1].errors[0].message, found.rows[1].errors


@pytest.mark.slow
def test_fifty_thousand_valid_employees_preview_without_errors(tmp_path: Path) -> None:
    data = employees_csv(tmp_path / "big.csv", rows=50_000).read_bytes()
    found = preview_employees(data, "big.csv")
    assert found.ok and len(found.records) == 50_000
