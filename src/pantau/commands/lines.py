"""Reading JSON Lines input as bytes (moved to pantau.text.lines, shared with pantau.batch)."""

from pantau.text.lines import NotUtf8, decode_line

__all__ = ["NotUtf8", "decode_line"]
