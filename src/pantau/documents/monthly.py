"""The monthly report for the regional head (Bupati / Wali Kota) as DOCX, on the agency's
letterhead: every section of a report (pantau.web.reports.compare's JSON, already labelled in
Indonesian) as a table of this month beside the month before. The PDF is made from it by
LibreOffice like the case letters (render.to_pdf)."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from docx import Document
from docx.document import Document as DocumentType
from docx.shared import Cm

from pantau.documents.build_templates import paragraph
from pantau.documents.render import Letterhead, tanggal

WIDTHS = (9.0, 2.5, 2.5, 2.5)  # centimetres: the label, this month, the month before, change


def _number(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _table(doc: DocumentType, rows: list[dict[str, Any]]) -> None:
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells,
                          ("Uraian", "Bulan ini", "Bulan lalu", "Selisih"), strict=True):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        cells[0].text = str(row["label"])
        cells[1].text = _number(row["current"])
        cells[2].text = _number(row["previous"])
        cells[3].text = _number(row["difference"])
    table.autofit = False
    for index, column in enumerate(table.columns):
        column.width = Cm(WIDTHS[index])
    for row_cells in table.rows:
        for index, cell in enumerate(row_cells.cells):
            cell.width = Cm(WIDTHS[index])


def monthly_docx(data: dict[str, Any], head: Letterhead, today: date) -> bytes:
    """The monthly report of `data` (a report of one month) as DOCX."""
    doc = Document()
    for text in head.lines:
        paragraph(doc, text, bold=True, center=True, size=12)
    if head.address:
        paragraph(doc, head.address, center=True, size=9)
    paragraph(doc, "_" * 78, center=True, size=8)
    period = data["period"]
    start, end = date.fromisoformat(period["from"]), date.fromisoformat(period["to"])
    paragraph(doc, "LAPORAN BULANAN DISIPLIN MEDIA SOSIAL ASN", bold=True, center=True, size=12)
    paragraph(doc, f"Periode {tanggal(start)} s.d. {tanggal(end)}", center=True)
    paragraph(doc, f"Kepada Yth. {head.head_title}")
    unit = data["area"]["unit"]
    scope = f"{data['area']['agency_name']}" + (f", {unit['name']}" if unit else "")
    paragraph(doc, f"Cakupan: {scope}. Data per {tanggal(date.fromisoformat(data['as_of']))}.")
    for section in data["sections"].values():
        paragraph(doc, section["title"], bold=True)
        _table(doc, section["rows"])
        if section.get("reasons"):
            paragraph(doc, section.get("reasons_title", ""))
            _table(doc, [row for row in section["reasons"] if row["current"] or row["previous"]])
    paragraph(doc, "")
    paragraph(doc, f"{head.city}, {tanggal(today)}")
    paragraph(doc, f"Kepala {head.office}")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


__all__ = ["monthly_docx"]
