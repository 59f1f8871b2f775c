"""Reads procedure/sanction_terms.yaml: each sanction type's term (masa) and the rules of the
clean-record statement, as domain objects."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from pantau.domain.errors import DataError
from pantau.domain.procedure.clean_record import Block, StatementRules, Term
from pantau.domain.procedure.law import Basis, Confidence

PATH = Path(__file__).resolve().parent.parent / "procedure" / "sanction_terms.yaml"


@cache
def _raw() -> dict[str, Any]:
    data = yaml.safe_load(PATH.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "durations" not in data or "clean_record" not in data:
        raise DataError(f"{PATH}: needs `durations` and `clean_record`")
    return data


def _basis(item: dict[str, Any], where: str) -> Basis:
    try:
        return Basis(str(item["basis"]), Confidence(str(item.get("confidence", "P"))),
                     str(item.get("note", "")))
    except (KeyError, ValueError) as error:
        raise DataError(f"{PATH}: {where}: needs `basis` and a confidence P/S/U/D ({error})"
                        ) from None


def term(type_id: str) -> Term:
    """The term of a sanction type (zero when the type has no duration)."""
    item = _raw()["durations"].get(type_id)
    if item is None:
        return Term()
    return Term(int(item.get("years", 0)), int(item.get("months", 0)))


def term_basis(type_id: str) -> Basis | None:
    item = _raw()["durations"].get(type_id)
    return _basis(item, f"durations.{type_id}") if item is not None else None


def statement_rules() -> StatementRules:
    """What blocks the clean-record statement, each with its basis."""
    raw = _raw()["clean_record"]
    blocks = {}
    for name, item in (raw.get("blocks") or {}).items():
        try:
            block = Block(name)
        except ValueError:
            known = ", ".join(b.value for b in Block)
            raise DataError(f"{PATH}: clean_record.blocks.{name}: unknown; known: {known}"
                            ) from None
        blocks[block] = _basis(item, f"clean_record.blocks.{name}")
    years = raw.get("look_back_years")
    return StatementRules(blocks, None if years is None else int(years))


def statement_basis() -> Basis:
    """What the statement itself cites as its basis."""
    return _basis(_raw()["clean_record"]["statement_basis"], "clean_record.statement_basis")


__all__ = ["statement_basis", "statement_rules", "term", "term_basis"]
