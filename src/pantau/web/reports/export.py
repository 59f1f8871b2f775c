"""A report as CSV and as XLSX (openpyxl): the same flat rows as `compare.flat`, with the area
and the two periods written above them."""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook

from pantau.text.cells import safe_cell
from pantau.web.reports.compare import COLUMNS, flat


def heading(data: dict[str, Any]) -> list[list[str]]:
    unit = data["area"]["unit"]
    return [
        ["agency", data["area"]["agency"]],
        ["unit", unit["code"] if unit else ""],
        ["period", data["period"]["from"], data["period"]["to"]],
        ["previous_period", data["previous_period"]["from"], data["previous_period"]["to"]],
        ["as_of", data["as_of"]],
    ]


def to_csv(data: dict[str, Any]) -> str:
    """The report as CSV text: the heading lines, an empty line, then the rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([[safe_cell(value) for value in line] for line in heading(data)])
    writer.writerow([])
    writer.writerow(COLUMNS)
    for row in flat(data):
        writer.writerow([safe_cell(row[column]) for column in COLUMNS])
    return buffer.getvalue()


def to_xlsx(data: dict[str, Any]) -> bytes:
    """The report as a workbook: sheet `report` (the rows), sheet `about` (the heading), and
    sheet `repeat_offenders` (the people)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "report"
    sheet.append(list(COLUMNS))
    for row in flat(data):
        sheet.append([safe_cell(row[column]) for column in COLUMNS])
    about = book.create_sheet("about")
    for line in heading(data):
        about.append([safe_cell(value) for value in line])
    people = book.create_sheet("repeat_offenders")
    people.append(["employee", "unit", "confirmed"])
    for person in data["sections"]["repeat_offenders"]["people"]:
        people.append([safe_cell(person["employee"]), safe_cell(person["unit"]),
                       person["confirmed"]])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


__all__ = ["to_csv", "to_xlsx"]
