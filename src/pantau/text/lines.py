"""Reading JSON Lines input as bytes, one line at a time, so that one line which is not UTF-8
is reported in its place instead of stopping the whole run."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NotUtf8:
    """A line that is not UTF-8: the first bad byte (hex) and its 1-based position."""

    byte: str
    position: int


def decode_line(raw: bytes, number: int) -> str | NotUtf8:
    """Line `number` (1-based) as text; the BOM a Windows editor puts before line 1 is dropped."""
    try:
        return raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as error:
        return NotUtf8(raw[error.start : error.start + 1].hex(), error.start + 1)
