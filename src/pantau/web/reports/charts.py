"""Geometry of a report's bar charts, drawn by the template as inline SVG (no JavaScript; they
print): one group a row, the period's bar above the period before's, each with its value."""

from __future__ import annotations

from typing import Any

WIDTH = 360
ROW = 44
SCALE = WIDTH - 60


def bars(title: str, rows: list[dict[str, Any]], limit: int = 12) -> dict[str, Any]:
    """The chart of a section's rows (the first `limit` with any count)."""
    shown = [row for row in rows if (row["current"] or row["previous"])][:limit]
    top = max((max(row["current"] or 0, row["previous"] or 0) for row in shown), default=0) or 1
    groups = []
    for index, row in enumerate(shown):
        y = index * ROW
        now = round((row["current"] or 0) * SCALE / top, 1)
        before = round((row["previous"] or 0) * SCALE / top, 1)
        groups.append({
            "label": row["label"], "label_y": y + 12,
            "current": {"y": y + 16, "width": now, "value": row["current"], "text_x": now + 4,
                        "text_y": y + 25},
            "previous": {"y": y + 29, "width": before, "value": row["previous"],
                         "text_x": before + 4, "text_y": y + 37},
        })
    return {"title": title, "width": WIDTH, "height": len(groups) * ROW + 4, "groups": groups}


__all__ = ["bars"]
