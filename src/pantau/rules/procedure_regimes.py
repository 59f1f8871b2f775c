"""Load the procedure regimes in `pantau/procedure/` (YAML) into domain `Regime`s.

    procedure/national/<id>/regime.yaml                 national regimes and parts
    procedure/regional/<agency>/<instrument>/regime.yaml  an agency's own regime (contract staff)

A file of `kind: regime` is a full regime; `kind: part` (PP 79/2021) only contributes steps and
remedies to the regimes that `includes` it. `extends: <id>` starts from another regime and
replaces the sections the file gives (the PPPK regime applies PP 94/2021 by analogy). Every
value carries `basis` and `confidence`; a bad value raises DataError naming file, line, field.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from pantau.domain.employees import EmployeeType, PositionLevel
from pantau.domain.errors import DataError
from pantau.domain.procedure.authority import AuthorityTable, Grant, Official
from pantau.domain.procedure.law import Basis, Confidence, LegalEvent, Period
from pantau.domain.procedure.regime import Regime, ReleaseRule, TeamRule
from pantau.domain.procedure.remedies import Outcome, Remedy, RemedyRules
from pantau.domain.procedure.sanctions import (
    CatalogueRules,
    SanctionCatalogue,
    SanctionLevel,
    SanctionType,
    TypeSet,
)
from pantau.domain.procedure.steps import Role, Step, StepRule
from pantau.rules.yamlsource import Where, mapping, read_yaml, text

ROOT = Path(__file__).resolve().parent.parent / "procedure"


def regime_paths() -> dict[str, Path]:
    """Every regime file by id: national/<id> and regional/<agency>/<instrument>."""
    found = {path.parent.name: path for path in (ROOT / "national").glob("*/regime.yaml")}
    for path in (ROOT / "regional").glob("*/*/regime.yaml"):
        found[f"{path.parent.parent.name}/{path.parent.name}"] = path
    return dict(sorted(found.items()))


@cache
def load_regime(regime_id: str) -> Regime:
    """A full regime by id; DataError naming the known ids when there is none."""
    raw, where = _read(regime_id)
    if raw.get("kind") != "regime":
        raise DataError(where.say("kind", f"{regime_id} is a part; include it from a regime"))
    base = load_regime(text(raw, "extends", where)) if "extends" in raw else None
    fields = _fields(raw, where)
    if base is not None:
        if "appeal_types" in raw and base.remedies is not None:
            fields["remedies"] = replace(base.remedies, appealable=_appealable(raw, where))
        fields["notes"] = (*base.notes, *fields.get("notes", ()))
        return replace(base, **fields)
    return _whole(raw, where, fields)


def _read(regime_id: str) -> tuple[Any, Where]:
    path = regime_paths().get(regime_id)
    if path is None:
        known = ", ".join(regime_paths())
        raise DataError(f"no procedure regime {regime_id!r}; known regimes: {known}")
    raw, where = read_yaml(path, ROOT.parent)
    if raw.get("id") != regime_id:
        raise DataError(where.say("id", f"must be {regime_id!r}, from the folder name"))
    return raw, where


def _whole(raw: Any, where: Where, fields: dict[str, Any]) -> Regime:
    steps = dict(fields.pop("steps", {}))
    remedies = None
    for part_id in raw.get("includes") or []:
        part, here = _read(str(part_id))
        for step, rule in _steps(part, here).items():
            if step in steps:
                raise DataError(where.say("includes", f"{part_id} repeats step {step.value}"))
            steps[step] = rule
        if "remedies" in part:
            remedies = _remedies(mapping(part, "remedies", here), _appealable(raw, where), here)
    for name in ("id", "title", "employee_types", "instrument", "catalogue"):
        if name not in fields:
            raise DataError(where.say(name if name != "catalogue" else "sanctions", "is required"))
    return Regime(steps=steps, remedies=remedies, **fields)


def _fields(raw: Any, where: Where) -> dict[str, Any]:
    """The Regime fields a file gives (all of them for a whole regime)."""
    fields: dict[str, Any] = {"id": raw["id"], "title": text(raw, "title", where)}
    if "employee_types" in raw:
        fields["employee_types"] = _employee_types(raw, where)
    if "instrument" in raw:
        fields["instrument"] = basis_of(mapping(raw, "instrument", where),
                                        where.at(raw, "instrument"))
    if "events" in raw:
        fields["events"] = _events(mapping(raw, "events", where), where)
    for name, reader in _SECTIONS.items():
        if name in raw:
            fields.update(reader(raw, where, fields.get("events", {})))
    return fields


def _employee_types(raw: Any, where: Where) -> frozenset[EmployeeType]:
    try:
        return frozenset(EmployeeType(item) for item in raw["employee_types"])
    except (TypeError, ValueError):
        known = ", ".join(item.value for item in EmployeeType)
        raise DataError(where.say("employee_types", f"a list of {known}")) from None


# ----- values ------------------------------------------------------------------------------
def basis_of(item: Any, where: Where, field: str = "basis") -> Basis:
    """`basis` (text), `confidence` (P/S/U/D) and an optional `note` of a mapping."""
    if not isinstance(item, dict):
        raise DataError(where.say(field, "must be a mapping with basis and confidence"))
    here = where.at(item)
    try:
        confidence = Confidence(str(item.get("confidence")))
    except ValueError:
        raise DataError(here.say("confidence", "must be P, S, U or D (REGULATIONS.md)")) from None
    note = item.get("note") or ""
    return Basis(" ".join(text(item, field, here).split()), confidence, " ".join(str(note).split()))


def _nested(raw: Any, field: str, where: Where) -> Basis:
    return basis_of(mapping(raw, field, where), where.at(raw, field))


def enum_of(kind: Any, value: Any, field: str, where: Where) -> Any:
    try:
        return kind(value)
    except ValueError:
        accepted = ", ".join(item.value for item in kind)
        raise DataError(where.say(field, f"{value!r} is not one of {accepted}")) from None


def _levels(raw: Any, field: str, where: Where) -> frozenset[SanctionLevel]:
    return frozenset(enum_of(SanctionLevel, item, field, where) for item in raw.get(field) or [])


def _date_or_none(raw: Any, field: str, where: Where) -> date | None:
    value = raw.get(field)
    if value is not None and not isinstance(value, date):
        raise DataError(where.say(field, f"{value!r} is not a date; write YYYY-MM-DD or null"))
    return value


def _events(raw: Any, where: Where) -> dict[str, LegalEvent]:
    events = {}
    for name, item in raw.items():
        here = where.at(item)
        events[name] = LegalEvent(name, text(item, "label_id", here),
                                  _date_or_none(item, "date", here), basis_of(item, here))
    return events


# ----- sections ----------------------------------------------------------------------------
def _steps(raw: Any, where: Where) -> dict[Step, StepRule]:
    steps = {}
    for name, item in mapping(raw, "steps", where).items():
        here = where.at(item)
        step = enum_of(Step, name, "steps", where.at(raw, "steps"))
        days = item.get("working_days")
        if days is not None and (not isinstance(days, int) or days <= 0):
            raise DataError(here.say("working_days", "a positive whole number, or null"))
        steps[step] = StepRule(
            step, enum_of(Role, item.get("actor"), "actor", here), text(item, "label_id", here),
            basis_of(item, here), days, str(item.get("counts_from") or ""), item.get("reading"),
        )
    return steps


def _catalogue(raw: Any, where: Where, events: dict[str, LegalEvent]) -> SanctionCatalogue:
    sanctions = mapping(raw, "sanctions", where)
    here = where.at(raw, "sanctions")
    sets = []
    for level_name, versions in mapping(sanctions, "levels", here).items():
        level = enum_of(SanctionLevel, level_name, "levels", here)
        sets += [_type_set(level, item, where.at(item), events) for item in versions]
    earlier = sanctions.get("earlier_breach")
    rules = CatalogueRules(
        _nested(sanctions, "several_breaches", here),
        _nested(sanctions, "repeat_offence", here),
        _nested(sanctions, "no_double_sanction", here),
        basis_of(earlier, where.at(earlier)) if earlier else None,
        _date_or_none(sanctions, "in_force_from", here),
    )
    try:
        return SanctionCatalogue(sets, rules)
    except DataError as error:
        raise DataError(here.say("levels", str(error))) from None


def _type_set(
    level: SanctionLevel, item: Any, where: Where, events: dict[str, LegalEvent]
) -> TypeSet:
    for field in ("from_event", "until_event"):
        if item.get(field) is not None and item[field] not in events:
            raise DataError(where.say(field, f"{item[field]!r} is not one of the events above"))
    period = Period(_date_or_none(item, "from", where), _date_or_none(item, "until", where),
                    item.get("from_event"), item.get("until_event"))
    types = tuple(
        SanctionType(text(kind, "id", where.at(kind)), level, order,
                     text(kind, "label_id", where.at(kind)), basis_of(kind, where.at(kind)))
        for order, kind in enumerate(item.get("types") or [], start=1)
    )
    if not types:
        raise DataError(where.say("types", "list at least one sanction type, lightest first"))
    return TypeSet(level, types, basis_of(item, where), period)


def _authority(raw: Any, where: Where) -> dict[str, AuthorityTable]:
    tables: dict[str, AuthorityTable] = {}
    for name, item in mapping(raw, "authority", where).items():
        here = where.at(item)
        lines = {
            enum_of(PositionLevel, position, "lines", here): tuple(
                enum_of(Official, official, position, here) for official in line
            )
            for position, line in mapping(item, "lines", here).items()
        }
        table = AuthorityTable(
            name, text(item, "label", here), lines,
            tuple(_grant(grant, where.at(grant)) for grant in item.get("grants") or []),
            _nested(item, "vacancy", here), _nested(item, "failure", here),
            tuple(basis_of(note, where.at(note)) for note in item.get("notes") or []),
        )
        for government in item.get("governments") or [name]:
            tables[str(government)] = table
    return tables


def _grant(item: Any, where: Where) -> Grant:
    return Grant(
        enum_of(Official, item.get("official"), "official", where),
        enum_of(PositionLevel, item.get("position"), "position", where),
        _levels(item, "levels", where),
        basis_of(item, where),
        " ".join(str(item.get("reasoning") or "").split()),
    )


def _team(raw: Any, where: Where) -> TeamRule:
    item = mapping(raw, "examination_team", where)
    here = where.at(raw, "examination_team")
    return TeamRule(
        _levels(item, "required", here), _levels(item, "optional", here),
        _nested(item, "required_basis", here), _nested(item, "optional_basis", here),
        _nested(item, "members", here), enum_of(Role, item.get("formed_by"), "formed_by", here),
    )


def _release(raw: Any, where: Where) -> ReleaseRule:
    item = mapping(raw, "temporary_release", where)
    here = where.at(raw, "temporary_release")
    return ReleaseRule(_levels(item, "levels", here),
                       enum_of(Role, item.get("actor"), "actor", here), basis_of(item, here))


def _appealable(raw: Any, where: Where) -> frozenset[str]:
    item = raw.get("appeal_types")
    if item is None:
        return frozenset()
    basis_of(item, where.at(item))
    return frozenset(str(kind) for kind in item.get("types") or [])


def _remedies(raw: Any, appealable: frozenset[str], where: Where) -> RemedyRules:
    return RemedyRules(
        _remedy(mapping(raw, "objection", where), where.at(raw, "objection")),
        _remedy(mapping(raw, "appeal", where), where.at(raw, "appeal")),
        appealable,
        _nested(raw, "to_ppk", where),
        _nested(raw, "to_superior", where),
    )


def _remedy(raw: Any, where: Where) -> Remedy:
    outcomes = frozenset(enum_of(Outcome, item, "outcomes", where) for item in raw["outcomes"])
    return Remedy(
        _nested(raw, "scope", where), _nested(raw, "late", where),
        _nested(raw, "out_of_scope", where), outcomes, _nested(raw, "outcomes_basis", where),
    )


def _bases(raw: Any, field: str, where: Where) -> tuple[Basis, ...]:
    return tuple(basis_of(item, where.at(item)) for item in raw.get(field) or [])


_SECTIONS: dict[str, Any] = {
    "steps": lambda raw, where, events: {"steps": _steps(raw, where)},
    "sanctions": lambda raw, where, events: {"catalogue": _catalogue(raw, where, events)},
    "authority": lambda raw, where, events: {"authority": _authority(raw, where)},
    "examination_team": lambda raw, where, events: {"team": _team(raw, where)},
    "temporary_release": lambda raw, where, events: {"release": _release(raw, where)},
    "in_force": lambda raw, where, events: {"in_force": _nested(raw, "in_force", where)},
    "in_force_after_remedy": lambda raw, where, events: {
        "in_force_after_remedy": _nested(raw, "in_force_after_remedy", where)},
    "analogy": lambda raw, where, events: {"analogy": _nested(raw, "analogy", where)},
    "notes": lambda raw, where, events: {"notes": _bases(raw, "notes", where)},
}


__all__ = ["ROOT", "basis_of", "enum_of", "load_regime", "regime_paths"]
