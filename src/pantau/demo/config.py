"""Read the curated demo data (agencies.yaml, units.yaml, names.yaml) shipped in this package."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from pantau.domain.employees import EmployeeType, PositionLevel
from pantau.domain.errors import DataError
from pantau.importing.records import UnitKind


@dataclass(frozen=True)
class PostSpec:
    post: str
    title: str
    level: PositionLevel | None
    superior: str
    employee_type: EmployeeType
    contract: bool = False
    when: str = ""


@dataclass(frozen=True)
class FunctionalSpec:
    title: str
    employee_type: EmployeeType
    shift: bool


@dataclass(frozen=True)
class UnitType:
    kind: UnitKind
    pattern: str
    head: str
    bidang: str
    shift: bool
    functional: tuple[FunctionalSpec, ...]


@dataclass(frozen=True)
class UnitSpec:
    code: str
    type: str
    name: str
    parent: str | None


@dataclass(frozen=True)
class NamedOfficial:
    name: str
    sex: str
    source: str


@dataclass(frozen=True)
class AgencySpec:
    id: str
    name: str
    region: str
    province: str
    zone: str
    login: str
    domain: str
    names: str
    contract_units: dict[str, int]  # units with contract staff (NON_ASN): how many; most none
    head_title: str
    head_name: str
    head_source: str
    officials: dict[str, NamedOfficial]
    units: tuple[UnitSpec, ...]


@dataclass(frozen=True)
class ShiftSpec:
    name: str
    start: str
    end: str


@dataclass(frozen=True)
class DemoConfig:
    password: str
    agencies: tuple[AgencySpec, ...]
    patterns: dict[str, tuple[PostSpec, ...]]
    types: dict[str, UnitType]
    rosters: dict[str, tuple[ShiftSpec, ...]]
    pools: dict[str, Any]
    degrees: dict[str, list[str]]
    functional_degrees: dict[str, dict[str, str]]


def _read(name: str) -> dict[str, Any]:
    text = files("pantau.demo").joinpath(name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise DataError(f"src/pantau/demo/{name}: expected a mapping at the top level")
    return data


def _field(data: dict[str, Any], key: str, where: str) -> Any:
    if key not in data:
        raise DataError(f"src/pantau/demo/{where}: missing field '{key}'; add it (see the others)")
    return data[key]


@cache
def load_config() -> DemoConfig:
    """The curated demo data; DataError names the file and field when something is missing."""
    agencies, units, names = _read("agencies.yaml"), _read("units.yaml"), _read("names.yaml")
    return DemoConfig(
        password=str(_field(agencies, "password", "agencies.yaml")),
        agencies=tuple(_agency(a) for a in _field(agencies, "agencies", "agencies.yaml")),
        patterns={
            name: tuple(_post(p, f"units.yaml patterns.{name}") for p in posts)
            for name, posts in _field(units, "patterns", "units.yaml").items()
        },
        types={k: _unit_type(v, k) for k, v in _field(units, "types", "units.yaml").items()},
        rosters={
            unit: tuple(ShiftSpec(s["name"], s.get("start", ""), s.get("end", "")) for s in shifts)
            for unit, shifts in _field(units, "rosters", "units.yaml").items()
        },
        pools=_field(names, "pools", "names.yaml"),
        degrees=_field(names, "degrees", "names.yaml"),
        functional_degrees=_field(names, "functional_degrees", "names.yaml"),
    )


def _post(data: dict[str, Any], where: str) -> PostSpec:
    level = data.get("level")
    return PostSpec(
        post=str(_field(data, "post", where)),
        title=str(data.get("title", "")),
        level=PositionLevel(level) if level else None,
        superior=str(_field(data, "superior", where)),
        employee_type=EmployeeType(data.get("type", "PNS")),
        contract=bool(data.get("contract", False)),
        when=str(data.get("when", "")),
    )


def _unit_type(data: dict[str, Any], name: str) -> UnitType:
    where = f"units.yaml types.{name}"
    return UnitType(
        kind=UnitKind(_field(data, "kind", where)),
        pattern=str(_field(data, "pattern", where)),
        head=str(data.get("head", "")),
        bidang=str(data.get("bidang", "")),
        shift=bool(data.get("shift", False)),
        functional=tuple(
            FunctionalSpec(f["title"], EmployeeType(f.get("type", "PNS")), bool(f.get("shift")))
            for f in data.get("functional", ())
        ),
    )


def _agency(data: dict[str, Any]) -> AgencySpec:
    where = f"agencies.yaml agency {data.get('id', '?')}"
    head = _field(data, "head", where)
    return AgencySpec(
        id=str(_field(data, "id", where)),
        name=str(_field(data, "name", where)),
        region=str(_field(data, "region", where)),
        province=str(_field(data, "province", where)),
        zone=str(_field(data, "zone", where)),
        login=str(_field(data, "login", where)),
        domain=str(_field(data, "domain", where)),
        names=str(_field(data, "names", where)),
        contract_units=_contract_units(data.get("contract_units")),
        head_title=str(head["title"]),
        head_name=str(head["name"]),
        head_source=str(head.get("source", "")),
        officials={
            unit: NamedOfficial(str(o["name"]), str(o["sex"]), str(o.get("source", "")))
            for unit, o in (data.get("officials") or {}).items()
        },
        units=tuple(
            UnitSpec(str(u["code"]), str(u["type"]), str(u["name"]), u.get("parent"))
            for u in _field(data, "units", where)
        ),
    )


def _contract_units(value: Any) -> dict[str, int]:
    """Units with contract staff: a list (every contract post of the pattern) or a mapping of
    unit to the number of contract posts."""
    if isinstance(value, dict):
        return {str(unit): int(count) for unit, count in value.items()}
    return {str(unit): 1_000 for unit in value or ()}
