"""Geometry of the horizontal bar charts drawn server-side as inline SVG (template
`pantau/bars.html`): one row a bar, its label written above it, so that no label is clipped
and the text stays legible when a phone scales the drawing down."""

from __future__ import annotations

from typing import Any

WIDTH = 360
BAR_WIDTH = 300  # leaves room for the count after the longest bar
ROW = 40
BAR = 16


def bars(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """`rows` ({label, count, ...}) with each bar's place and length, scaled to the largest."""
    top = max((row["count"] for row in rows), default=0) or 1
    drawn = []
    for number, row in enumerate(rows):
        y = number * ROW
        length = round(BAR_WIDTH * row["count"] / top)
        drawn.append(row | {"label_y": y + 13, "y": y + 18, "width": length,
                            "text_x": length + 6, "text_y": y + 31})
    return {"bars": drawn, "width": WIDTH, "height": len(drawn) * ROW + 4, "bar_height": BAR,
            "total": sum(row["count"] for row in rows)}


__all__ = ["bars"]
