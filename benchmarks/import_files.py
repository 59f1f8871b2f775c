"""Files that break an import: workbook bombs and a real file near the limit (issue 14).

    uv run python -m benchmarks.import_files OUTDIR

writes into OUTDIR:
- `bomb-xfd.xlsx`: a header row, then 20,000 rows that each hold one cell in the last column
  (XFD, column 16,384): about 100 KB on disk;
- `bomb-rows.xlsx`: a header row, then 1,000,000 rows of one small cell, without row numbers
  (the format allows leaving them out): about 65 KB on disk;
- `pegawai-50000.csv`: 50,000 valid employees of the demo's kab-ketapang (units of the demo,
  valid NIPs, superiors inside the file), about 4 MB.

The workbooks are written as raw SpreadsheetML (what a hostile or broken exporter can write),
not through openpyxl, so they stay as small as the issue's reproductions.
"""

from __future__ import annotations

import sys
import zipfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

HEADER = ("NIP", "Nama", "Jenis Pegawai", "Unit Kerja (kode)", "Jabatan")
UNITS = ("SETDA", "BAG-ORG", "BAG-HUKUM", "INSPEKTORAT", "BKPSDM", "DINKES", "DISDIKBUD",
         "SATPOLPP", "RSUD")

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Pegawai" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)


def _letters(column: int) -> str:
    text = ""
    while column:
        column, rest = divmod(column - 1, 26)
        text = chr(65 + rest) + text
    return text


def _header_row() -> str:
    cells = "".join(
        f'<c r="{_letters(i)}1" t="inlineStr"><is><t>{name}</t></is></c>'
        for i, name in enumerate(HEADER, start=1)
    )
    return f'<row r="1">{cells}</row>'


def write_workbook(path: Path, rows: Iterator[str]) -> None:
    """A one-sheet workbook ("Pegawai") whose sheet XML is the header row and `rows`."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns='
                b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            sheet.write(_header_row().encode())
            for row in rows:
                sheet.write(row.encode())
            sheet.write(b"</sheetData></worksheet>")


def xfd_bomb(path: Path, rows: int = 20_000) -> Path:
    """Every data row holds one cell in the last column Excel has (XFD)."""
    write_workbook(path, (f'<row r="{n}"><c r="XFD{n}" t="inlineStr"><is><t>x</t></is></c></row>'
                          for n in range(2, rows + 2)))
    return path


def row_bomb(path: Path, rows: int = 1_000_000) -> Path:
    """A million rows of one small number each."""
    write_workbook(path, ("<row><c><v>1</v></c></row>" for _ in range(rows)))
    return path


def nip(index: int, sex: int) -> str:
    """A valid PNS NIP, unique per index: birth date, TMT CPNS at 25, sex, serial."""
    block, serial = divmod(index, 999)
    born = date(1966, 1, 1) + timedelta(days=block)
    return f"{born:%Y%m%d}{born.year + 25}03{sex}{serial + 1:03d}"


def employees_csv(path: Path, rows: int = 50_000, units: tuple[str, ...] = UNITS,
                  first: int = 0) -> Path:
    """`rows` valid employees (NIPs from number `first` on) in `units`: each tenth one heads
    the nine after it (NIP Atasan)."""
    lines = [";".join((*HEADER, "NIP Atasan"))]
    head = ""
    for index in range(first, first + rows):
        number = nip(index, 1 + index % 2)
        superior = "" if index % 10 == 0 else head
        if index % 10 == 0:
            head = number
        unit = units[index // 10 % len(units)]
        lines.append(f"{number};Pegawai Contoh {index:05d};PNS;{unit};Pelaksana;{superior}")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def write_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [xfd_bomb(folder / "bomb-xfd.xlsx"), row_bomb(folder / "bomb-rows.xlsx"),
            employees_csv(folder / "pegawai-50000.csv")]


if __name__ == "__main__":
    for written in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "import-files")):
        print(f"{written} {written.stat().st_size:,} bytes")
