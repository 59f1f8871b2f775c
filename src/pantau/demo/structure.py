"""The organisation of one demo agency: units, posts and the employees who hold them."""

from __future__ import annotations

from dataclasses import dataclass

from pantau.demo.config import AgencySpec, DemoConfig, FunctionalSpec, PostSpec, UnitSpec
from pantau.demo.model import DemoEmployee, DemoPosition, DemoUnit
from pantau.demo.people import PersonFactory
from pantau.domain.employees import PositionLevel, Sex

PPK = "PPK"
_SHARED_SUPERIORS = {"ppk": PPK, "sekda": "SETDA.HEAD", "asisten": "SETDA.ASISTEN"}


@dataclass(frozen=True)
class Post:
    """A post to fill: the position, its employee type, and whether it works shifts."""

    position: DemoPosition
    spec: PostSpec
    shift: bool


@dataclass(frozen=True)
class Organisation:
    units: tuple[DemoUnit, ...]
    positions: tuple[DemoPosition, ...]
    employees: tuple[DemoEmployee, ...]
    shift_workers: tuple[DemoEmployee, ...]


def build_organisation(
    config: DemoConfig, agency: AgencySpec, people: PersonFactory
) -> Organisation:
    """Units in YAML order (parents first), the PPK's post, every post, one holder each."""
    units = tuple(_unit(config, agency, spec) for spec in agency.units)
    ppk = DemoPosition(agency.id, PPK, None, agency.head_title, PositionLevel.KEPALA_DAERAH, None)
    posts = [post for spec in agency.units for post in _posts(config, agency, spec)]
    holders: dict[str, str] = {}
    employees: list[DemoEmployee] = []
    shift_workers: list[DemoEmployee] = []
    for post in posts:
        employee = _holder(agency, post, people, holders)
        holders[post.position.code] = employee.key
        employees.append(employee)
        if post.shift:
            shift_workers.append(employee)
    positions = (ppk, *(post.position for post in posts))
    return Organisation(units, positions, tuple(employees), tuple(shift_workers))


def _unit(config: DemoConfig, agency: AgencySpec, spec: UnitSpec) -> DemoUnit:
    unit_type = config.types[spec.type]
    return DemoUnit(agency.id, spec.code, spec.name, unit_type.kind, spec.parent, unit_type.shift)


def _posts(config: DemoConfig, agency: AgencySpec, unit: UnitSpec) -> list[Post]:
    unit_type = config.types[unit.type]
    posts: list[Post] = []
    counts: dict[str, int] = {}
    has_kabid = bool(unit_type.bidang)
    contract_left = agency.contract_units.get(unit.code, 0)
    for spec in config.patterns[unit_type.pattern]:
        if spec.contract:
            contract_left -= 1
        if (spec.contract and contract_left < 0) or (spec.when == "bidang" and not has_kabid):
            continue
        if spec.post == "fungsional":
            posts += [
                _functional(agency, unit, spec, item, index, has_kabid)
                for index, item in enumerate(unit_type.functional, start=1)
            ]
            continue
        counts[spec.post] = counts.get(spec.post, 0) + 1
        suffix = spec.post.upper() + (str(counts[spec.post]) if spec.contract else "")
        title = spec.title or _default_title(spec.post, unit, unit_type.head, unit_type.bidang)
        superior = _superior(unit.code, spec.superior, has_kabid)
        position = DemoPosition(
            agency.id, f"{unit.code}.{suffix}", unit.code, title, spec.level, superior
        )
        posts.append(Post(position, spec, False))
    return posts


def _default_title(post: str, unit: UnitSpec, head: str, bidang: str) -> str:
    if post == "kabid":
        return bidang
    return head or f"Kepala {unit.name}"


def _functional(
    agency: AgencySpec,
    unit: UnitSpec,
    spec: PostSpec,
    item: FunctionalSpec,
    index: int,
    has_kabid: bool,
) -> Post:
    superior = _superior(unit.code, spec.superior if has_kabid else "head", has_kabid)
    position = DemoPosition(
        agency.id, f"{unit.code}.FUNG{index}", unit.code, item.title, spec.level, superior
    )
    chosen = PostSpec(spec.post, item.title, spec.level, spec.superior, item.employee_type)
    return Post(position, chosen, item.shift)


def _superior(unit_code: str, superior: str, has_kabid: bool) -> str:
    if superior in _SHARED_SUPERIORS:
        return _SHARED_SUPERIORS[superior]
    if superior == "kabid" and not has_kabid:
        superior = "head"
    return f"{unit_code}.{superior.upper()}"


def _holder(
    agency: AgencySpec, post: Post, people: PersonFactory, holders: dict[str, str]
) -> DemoEmployee:
    position = post.position
    unit = position.unit or ""
    official = agency.officials.get(unit) if position.code.endswith(".HEAD") else None
    named = (official.name, Sex(official.sex)) if official else None
    person = people.person(post.spec.employee_type, position.level, position.title, named)
    superior = holders.get(position.superior or "")  # None for the Sekda: the PPK is above
    return DemoEmployee(
        agency=agency.id,
        key=person.key,
        nip=person.nip,
        internal_id=person.internal_id,
        name=person.name,
        employee_type=post.spec.employee_type,
        unit=unit,
        position=position.code,
        position_title=position.title,
        level=position.level,
        superior=superior,
        birth_date=person.birth_date,
        sex=person.sex,
        source=official.source if official else "",
    )
