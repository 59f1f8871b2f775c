"""Checks across rows: duplicates, and references (superior, parent unit) that must exist."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from pantau.importing.cells import RowReader
from pantau.importing.preview import PreviewRow, RowError

R = TypeVar("R")


def unknown_code_error(reader: RowReader, field: str, code: str) -> RowError:
    header = reader.header(field)
    return RowError(
        reader.row,
        header,
        code,
        f"Kode unit '{code}' tidak dikenal di registri.",
        "Impor data unit kerja terlebih dahulu, atau perbaiki kode sesuai daftar unit.",
        f"Unit code '{code}' is not in the registry.",
        "Import the units first, or correct the code to one in the unit list.",
    )


def duplicate_errors(
    rows: Sequence[PreviewRow[R]], key_of: Callable[[PreviewRow[R]], str | None], header: str
) -> Iterator[RowError]:
    """An error on every row whose key already appeared on an earlier row.

    The key is read from the row (not only from valid records), so that a duplicate is
    reported even when the other row has errors of its own."""
    first: dict[str, int] = {}
    for row in rows:
        key = key_of(row)
        if not key:
            continue
        if key in first:
            yield RowError(
                row.row,
                header,
                key,
                f"{header} {key} sudah ada di baris {first[key]} (data ganda).",
                f"Hapus salah satu baris ({first[key]} atau {row.row}) atau gabungkan isinya.",
                f"{header} {key} already appears in row {first[key]} (duplicate).",
                f"Delete one of rows {first[key]} and {row.row}, or merge them.",
            )
        else:
            first[key] = row.row


def row_value(row: PreviewRow[R], header: str) -> str:
    """The text of `header`'s cell in this row ("" when the column is absent)."""
    return dict(row.values).get(header, "")


def reference_errors(
    rows: Sequence[PreviewRow[R]],
    key_of: Callable[[R], str],
    link_of: Callable[[R], str | None],
    known: set[str] | None,
    header: str,
    noun: tuple[str, str],
) -> Iterator[RowError]:
    """Links (superior NIP, parent code) must point to a row of the file or a known key,
    never to the row itself, and never form a cycle. `known=None` skips the registry check."""
    links = {key_of(r.record): link_of(r.record) for r in rows if r.record is not None}
    for row in rows:
        if row.record is None:
            continue
        own, target = key_of(row.record), link_of(row.record)
        if not target:
            continue
        problem = _link_problem(own, target, links, known, noun)
        if problem is not None:
            yield RowError(row.row, header, target, *problem)


def _link_problem(
    own: str,
    target: str,
    links: dict[str, str | None],
    known: set[str] | None,
    noun: tuple[str, str],
) -> tuple[str, str, str, str] | None:
    if target == own:
        return (
            f"{noun[0].capitalize()} menunjuk dirinya sendiri.",
            f"Isi {noun[0]} dengan kode/NIP lain, atau kosongkan untuk pucuk pimpinan.",
            f"The {noun[1]} points to the row itself.",
            f"Give another code/NIP as {noun[1]}, or leave it empty for the top.",
        )
    if target not in links and known is not None and target not in known:
        return (
            f"{noun[0].capitalize()} '{target}' tidak ada di file ini maupun di registri.",
            f"Tambahkan {noun[0]} ke file (atau impor lebih dulu), atau perbaiki isinya.",
            f"The {noun[1]} '{target}' is neither in this file nor in the registry.",
            f"Add the {noun[1]} to the file (or import it first), or correct the value.",
        )
    seen = {own}
    current: str | None = target
    while current in links and current not in seen:
        seen.add(current)
        current = links[current]
    if current == own:
        return (
            f"Rantai {noun[0]} membentuk lingkaran kembali ke baris ini.",
            f"Perbaiki {noun[0]} agar rantai berakhir di pucuk pimpinan.",
            f"The {noun[1]} chain loops back to this row.",
            f"Correct the {noun[1]} so that the chain ends at the top.",
        )
    return None
