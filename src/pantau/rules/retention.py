"""Read and validate the retention schedule (`src/pantau/privacy/retention.yaml`) into
`pantau.domain.retention.RetentionSchedule`. An invalid file is a DataError that names the
file, the line and the field."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from pantau.domain.errors import DataError
from pantau.domain.retention import (
    TREATMENTS,
    Category,
    Period,
    RetentionRule,
    RetentionSchedule,
    Treatment,
)
from pantau.rules.yamlsource import Where, mapping, read_yaml, text

ROOT = Path(__file__).resolve().parents[1] / "privacy"
SCHEDULE = ROOT / "retention.yaml"
CONFIDENCE = ("P", "S", "D", "U")


def _period(raw: Any, where: Where, field: str) -> Period:
    if not isinstance(raw, dict) or not raw or set(raw) - {"years", "months", "days"}:
        raise DataError(where.say(field, "must be a mapping of years, months and days"))
    values = {key: raw.get(key, 0) for key in ("years", "months", "days")}
    if any(not isinstance(v, int) or isinstance(v, bool) or v < 0 for v in values.values()):
        raise DataError(where.say(field, "years, months and days must be whole numbers >= 0"))
    if not any(values.values()):
        raise DataError(where.say(field, "must not be zero"))
    return Period(**values)


def _rule(name: str, raw: Any, where: Where) -> RetentionRule:
    if not isinstance(raw, dict):
        raise DataError(where.say(name, "must be a mapping"))
    where = where.at(raw)
    try:
        category = Category(name)
    except ValueError:
        accepted = ", ".join(c.value for c in Category)
        raise DataError(where.say("categories", f"unknown category {name!r}; use one of "
                                  f"{accepted}")) from None
    treatment = text(raw, "treatment", where)
    if treatment != TREATMENTS[category].value:
        raise DataError(where.say("treatment", f"{name} is implemented as "
                                  f"{TREATMENTS[category].value!r}, not {treatment!r}"))
    basis = raw.get("basis")
    if not isinstance(basis, list) or not basis or not all(isinstance(b, str) for b in basis):
        raise DataError(where.say("basis", "must list at least one citation"))
    confidence = raw.get("confidence")
    if confidence not in CONFIDENCE:
        raise DataError(where.say("confidence", f"must be one of {', '.join(CONFIDENCE)}"))
    return RetentionRule(
        category=category,
        period=_period(raw.get("period"), where, "period"),
        counted_from=text(raw, "counted_from", where),
        treatment=Treatment(treatment),
        basis=tuple(basis),
        confidence=str(confidence),
        note=str(raw.get("note", "")),
        stages=tuple(str(s) for s in raw.get("closed_stages", ())),
    )


def parse_schedule(raw: dict[str, Any], where: Where) -> RetentionSchedule:
    """The schedule of a parsed file; DataError on the first problem."""
    adopted = raw.get("adopted")
    if not isinstance(adopted, date):
        raise DataError(where.say("adopted", "is required and must be a date (YYYY-MM-DD)"))
    categories = mapping(raw, "categories", where)
    rules = tuple(_rule(name, item, where) for name, item in categories.items())
    missing = [c.value for c in Category if c not in {r.category for r in rules}]
    if missing:
        raise DataError(where.say("categories", f"missing {', '.join(missing)}"))
    return RetentionSchedule(
        id=text(raw, "id", where), adopted=adopted, status=text(raw, "status", where),
        notice=_period(raw.get("report_ahead"), where, "report_ahead"), rules=rules,
    )


@cache
def load_schedule(path: Path = SCHEDULE) -> RetentionSchedule:
    """The retention schedule in force (read once)."""
    raw, where = read_yaml(path, path.parent)
    return parse_schedule(raw, where)


__all__ = ["SCHEDULE", "load_schedule", "parse_schedule"]
