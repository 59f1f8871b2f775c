"""Who may impose which level of sanction on whom (the authority table is data).

A table belongs to a kind of government (regency/city, province, central). It holds, for each
position, the line of superiors nearest first, and the grants the regulation makes: an
official may impose some levels on PNS in some positions. `authority` answers with the lowest
official in the line who holds a grant for the level. When that post is vacant, or its holder
failed to act, the authority passes to the next higher official in the line (the regime data
cites the articles for both).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from pantau.domain.employees import PositionLevel
from pantau.domain.errors import DataError, InputError
from pantau.domain.procedure.law import Basis
from pantau.domain.procedure.sanctions import SanctionLevel


class Official(StrEnum):
    """The officials who may be authorised to sanction (pejabat yang berwenang menghukum).

    PPK is the staffing authority: in a regency or city the Bupati or Wali Kota.
    """

    PENGAWAS = "PENGAWAS"
    ADMINISTRATOR = "ADMINISTRATOR"
    JPT_PRATAMA = "JPT_PRATAMA"
    JPT_MADYA = "JPT_MADYA"
    PPK = "PPK"


def parse_official(value: str) -> Official:
    try:
        return Official(value)
    except ValueError:
        accepted = ", ".join(item.value for item in Official)
        raise InputError(f"unknown official {value!r}; accepted officials: {accepted}") from None


@dataclass(frozen=True)
class Grant:
    """`official` may impose `levels` on a PNS in `position`; `reasoning` says why."""

    official: Official
    position: PositionLevel
    levels: frozenset[SanctionLevel]
    basis: Basis
    reasoning: str = ""


@dataclass(frozen=True)
class AuthorityAnswer:
    """The official who decides, the grant behind it, and the posts passed over."""

    official: Official
    grant: Grant
    passed_over: tuple[Official, ...] = ()
    pass_basis: tuple[Basis, ...] = ()
    reasoning: tuple[str, ...] = ()

    @property
    def basis(self) -> str:
        """The grant's reference, after the article that passed the authority up, if any."""
        if not self.pass_basis:
            return self.grant.basis.reference
        passing = "; ".join(dict.fromkeys(item.reference for item in self.pass_basis))
        return f"{passing} ({self.grant.official.value}: {self.grant.basis.reference})"

    @property
    def bases(self) -> tuple[Basis, ...]:
        return (*self.pass_basis, self.grant.basis)


@dataclass(frozen=True)
class AuthorityTable:
    """The authority rules of one kind of government."""

    government: str
    label: str
    lines: Mapping[PositionLevel, tuple[Official, ...]]
    grants: tuple[Grant, ...]
    vacancy: Basis
    failure: Basis
    notes: tuple[Basis, ...] = field(default=())

    @property
    def positions(self) -> tuple[PositionLevel, ...]:
        return tuple(self.lines)

    def line(self, position: PositionLevel) -> tuple[Official, ...]:
        """The line of superiors of a PNS in `position`, nearest first."""
        found = self.lines.get(position)
        if found is None:
            accepted = ", ".join(item.value for item in self.positions)
            raise InputError(
                f"unknown position {position.value!r}; accepted positions: {accepted}"
            )
        return found

    def grant(
        self, official: Official, position: PositionLevel, level: SanctionLevel
    ) -> Grant | None:
        """The grant that lets `official` impose `level` on `position`, if any."""
        return next(
            (
                item
                for item in self.grants
                if item.official is official and item.position is position and level in item.levels
            ),
            None,
        )

    def superior_of(self, official: Official, position: PositionLevel) -> Official | None:
        """The next official above `official` in the line of a PNS in `position`."""
        line = self.line(position)
        if official not in line:
            return None
        index = line.index(official)
        return line[index + 1] if index + 1 < len(line) else None

    def authority(
        self,
        position: PositionLevel,
        level: SanctionLevel,
        vacant: Iterable[Official] = (),
        failed: Iterable[Official] = (),
    ) -> AuthorityAnswer:
        """The lowest official in the line who may impose `level`, after vacancies/failures."""
        line = self.line(position)
        index, grant = self._lowest(line, position, level)
        skipped, passes = self._skips(line, index, set(vacant), set(failed))
        reasoning = [grant.reasoning] if grant.reasoning else []
        if skipped:
            reasoning.append(
                "kewenangan beralih ke pejabat yang lebih tinggi: "
                + ", ".join(item.value for item in skipped)
            )
        return AuthorityAnswer(
            line[index + len(skipped)], grant, tuple(skipped), tuple(passes), tuple(reasoning)
        )

    def _lowest(
        self, line: tuple[Official, ...], position: PositionLevel, level: SanctionLevel
    ) -> tuple[int, Grant]:
        for index, official in enumerate(line):
            grant = self.grant(official, position, level)
            if grant is not None:
                return index, grant
        raise DataError(
            f"the {self.government} authority table grants no official in the line of "
            f"{position.value} the power to impose {level.value}; add the grant to the data"
        )

    def _skips(
        self, line: tuple[Official, ...], index: int, vacant: set[Official], failed: set[Official]
    ) -> tuple[list[Official], list[Basis]]:
        skipped: list[Official] = []
        passes: list[Basis] = []
        for official in line[index:]:
            if official not in vacant and official not in failed:
                return skipped, passes
            skipped.append(official)
            passes.append(self.vacancy if official in vacant else self.failure)
        raise InputError(
            "every official in the line is vacant or has failed to act: "
            + ", ".join(item.value for item in skipped)
        )


def parse_position(value: str, table: AuthorityTable) -> PositionLevel:
    """A position the table knows; InputError listing the accepted positions."""
    for position in table.positions:
        if position.value == value:
            return position
    accepted = ", ".join(item.value for item in table.positions)
    raise InputError(f"unknown position {value!r}; accepted positions: {accepted}")


__all__ = [
    "AuthorityAnswer",
    "AuthorityTable",
    "Grant",
    "Official",
    "parse_official",
    "parse_position",
]
