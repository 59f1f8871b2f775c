"""Sanction levels and types, and the range an authorised official may choose from.

The catalogue is data (the regime YAML): each level holds one or more dated versions of its
types (the medium level has two: the types in force until a salary regulation takes effect, and
those after). The engine never chooses a sanction; it gives the allowed range:

- the types of a level, lightest first, in the version in force on the breach date; a breach
  before the regime's entry into force is judged by it when the regime's transition says so;
- several breaches in one examination: one sanction, of the heaviest level (`heaviest`);
- a repeat offence of the same nature: only types heavier than the previous sanction; when the
  level has none left, the level rises to the next one that has; when no heavier type exists
  at all, the range is `exhausted` and empty.

Types are ranked by (level, order within the level), so a previous type of a version no longer
in force still ranks against the current one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pantau.domain.errors import DataError, InputError
from pantau.domain.procedure.law import Basis, Period, joined


class SanctionLevel(StrEnum):
    """Hukuman disiplin ringan, sedang, berat (light, medium, heavy), lightest first."""

    RINGAN = "ringan"
    SEDANG = "sedang"
    BERAT = "berat"

    @property
    def rank(self) -> int:
        return _LEVELS.index(self)

    @property
    def heavier(self) -> SanctionLevel | None:
        """The next level up, or None for berat."""
        return _LEVELS[self.rank + 1] if self.rank + 1 < len(_LEVELS) else None


_LEVELS = tuple(SanctionLevel)


def parse_level(value: str) -> SanctionLevel:
    """A level from its identifier; InputError listing the accepted ones."""
    try:
        return SanctionLevel(value)
    except ValueError:
        accepted = ", ".join(level.value for level in SanctionLevel)
        raise InputError(f"unknown level {value!r}; accepted levels: {accepted}") from None


@dataclass(frozen=True)
class SanctionType:
    """One type of sanction: its identifier, level, place within the level (1 lightest)."""

    id: str
    level: SanctionLevel
    order: int
    label_id: str
    basis: Basis

    @property
    def rank(self) -> tuple[int, int]:
        return self.level.rank, self.order


@dataclass(frozen=True)
class TypeSet:
    """One dated version of a level's types, lightest first."""

    level: SanctionLevel
    types: tuple[SanctionType, ...]
    basis: Basis
    period: Period


@dataclass(frozen=True)
class SanctionRange:
    """What the authorised official may choose from, and why."""

    requested: SanctionLevel
    level: SanctionLevel
    types: tuple[SanctionType, ...]
    bases: tuple[Basis, ...]
    previous: SanctionType | None = None
    exhausted: bool = False

    @property
    def escalated(self) -> bool:
        """The level rose because the requested one had no type heavier than the previous."""
        return self.level is not self.requested

    @property
    def type_ids(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.types)

    @property
    def basis(self) -> str:
        return joined(self.bases)

    def allows(self, type_id: str) -> bool:
        return type_id in self.type_ids


@dataclass(frozen=True)
class CatalogueRules:
    """The rules around the catalogue, each with its basis (from the regime data)."""

    several_breaches: Basis
    repeat_offence: Basis
    no_double_sanction: Basis
    earlier_breach: Basis | None = None
    in_force_from: date | None = None


class SanctionCatalogue:
    """Every dated version of every level's types, and the rules that choose among them."""

    def __init__(self, sets: Sequence[TypeSet], rules: CatalogueRules) -> None:
        self.sets = tuple(sets)
        self.rules = rules
        self._types: dict[str, SanctionType] = {}
        for item in (kind for version in self.sets for kind in version.types):
            known = self._types.setdefault(item.id, item)
            if known.rank != item.rank:
                raise DataError(f"sanction type {item.id!r} is given two places in the levels")

    @property
    def levels(self) -> tuple[SanctionLevel, ...]:
        """The levels this catalogue has types for, lightest first."""
        return tuple(level for level in SanctionLevel if any(s.level is level for s in self.sets))

    def known_types(self) -> Mapping[str, SanctionType]:
        """Every type of every version, by identifier."""
        return dict(self._types)

    def find(self, type_id: str) -> SanctionType:
        """A type by identifier; InputError listing every known type."""
        found = self._types.get(type_id)
        if found is None:
            accepted = ", ".join(self._types)
            raise InputError(f"unknown sanction type {type_id!r}; accepted types: {accepted}")
        return found

    def effective_date(self, on: date) -> tuple[date, tuple[Basis, ...]]:
        """The date whose versions apply to a breach on `on`, and the transition basis used."""
        start, earlier = self.rules.in_force_from, self.rules.earlier_breach
        if start is not None and on < start and earlier is not None:
            return start, (earlier,)
        return on, ()

    def version(
        self, level: SanctionLevel, on: date, events: Mapping[str, date | None]
    ) -> TypeSet | None:
        """The version of a level in force for a breach on `on`, or None."""
        day, _ = self.effective_date(on)
        return next((s for s in self.sets if s.level is level and s.period.covers(day, events)),
                    None)

    def range_for(
        self,
        level: SanctionLevel,
        on: date,
        events: Mapping[str, date | None],
        previous: str | None = None,
    ) -> SanctionRange:
        """The types allowed at `level` for a breach on `on` (Pasal 35 escalation included)."""
        before = self.find(previous) if previous is not None else None
        _, transition = self.effective_date(on)
        current: SanctionLevel | None = level
        while current is not None:
            version = self.version(current, on, events)
            types = () if version is None else self._heavier(version.types, before)
            if version is not None and types:
                bases = (*transition, version.basis, *self._repeat(before))
                return SanctionRange(level, current, types, bases, before)
            if before is None and version is None:
                raise InputError(self._no_version(level, on))
            current = current.heavier
        top = self.levels[-1] if self.levels else level
        bases = (*transition, self.rules.repeat_offence)
        return SanctionRange(level, top, (), bases, before, exhausted=True)

    def heaviest(self, levels: Iterable[SanctionLevel]) -> SanctionLevel:
        """Several breaches in one examination: one sanction, of the heaviest level."""
        found = list(levels)
        if not found:
            raise InputError("no breach given: name at least one breach and its level")
        return max(found, key=lambda level: level.rank)

    def _repeat(self, before: SanctionType | None) -> tuple[Basis, ...]:
        return (self.rules.repeat_offence,) if before is not None else ()

    @staticmethod
    def _heavier(
        types: tuple[SanctionType, ...], before: SanctionType | None
    ) -> tuple[SanctionType, ...]:
        if before is None:
            return types
        return tuple(item for item in types if item.rank > before.rank)

    def _no_version(self, level: SanctionLevel, on: date) -> str:
        offered = ", ".join(item.value for item in self.levels) or "none"
        return (
            f"no {level.value} sanctions in force for a breach on {on.isoformat()} in this "
            f"regime; levels it has: {offered}"
        )


def lighter(first: SanctionType, second: SanctionType) -> bool:
    """Whether `first` is lighter than `second`."""
    return first.rank < second.rank


__all__ = [
    "CatalogueRules",
    "SanctionCatalogue",
    "SanctionLevel",
    "SanctionRange",
    "SanctionType",
    "TypeSet",
    "lighter",
    "parse_level",
]
