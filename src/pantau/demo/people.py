"""Fictitious people for the demo: names with degrees, birth dates and valid NIPs."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from pantau.demo.config import DemoConfig
from pantau.domain.employees import EmployeeType, NipKind, PositionLevel, Sex, make_nip

# (earliest birth year, latest birth year, youngest and oldest age at first appointment)
_AGES: dict[str, tuple[int, int, int, int]] = {
    PositionLevel.JPT_PRATAMA: (1968, 1976, 24, 28),
    PositionLevel.ADMINISTRATOR: (1972, 1983, 24, 29),
    PositionLevel.PENGAWAS: (1978, 1988, 23, 28),
    PositionLevel.PELAKSANA: (1985, 1997, 20, 26),
    PositionLevel.FUNGSIONAL: (1982, 1995, 23, 28),
    EmployeeType.PPPK: (1985, 1999, 0, 0),
    EmployeeType.NON_ASN: (1990, 2001, 0, 0),
}
_PPPK_TMT_YEARS = (2021, 2022, 2023, 2024)
_CONTRACT_YEARS = (2016, 2017, 2018, 2019)


@dataclass(frozen=True)
class Person:
    name: str
    sex: Sex
    birth_date: date
    nip: str | None
    internal_id: str | None

    @property
    def key(self) -> str:
        return self.nip or self.internal_id or ""


@dataclass
class PersonFactory:
    """Deterministic people for one agency; NIPs and internal ids unique across the dataset."""

    config: DemoConfig
    pool: str
    rng: random.Random
    used: set[str] = field(default_factory=set)

    def person(
        self,
        employee_type: EmployeeType,
        level: PositionLevel | None,
        title: str,
        named: tuple[str, Sex] | None = None,
    ) -> Person:
        sex = named[1] if named else self.rng.choice((Sex.MALE, Sex.FEMALE))
        name = named[0] if named else self._name(sex, employee_type, level, title)
        judged = employee_type.judged_as
        ages_key = level if judged is EmployeeType.PNS else judged
        first, last, young, old = _AGES[ages_key or PositionLevel.PELAKSANA]
        birth = date(
            self.rng.randint(first, last), self.rng.randint(1, 12), self.rng.randint(1, 28)
        )
        if employee_type is EmployeeType.NON_ASN:
            return Person(name, sex, birth, None, self._internal_id())
        if employee_type.judged_as is EmployeeType.PPPK:
            nip = self._unique_nip(birth, self.rng.choice(_PPPK_TMT_YEARS), None, sex, NipKind.PPPK)
        else:
            year = birth.year + self.rng.randint(young, old)
            nip = self._unique_nip(birth, year, self.rng.choice((1, 3, 12)), sex, NipKind.PNS)
        return Person(name, sex, birth, nip, None)

    def _name(
        self, sex: Sex, employee_type: EmployeeType, level: PositionLevel | None, title: str
    ) -> str:
        pool = self.config.pools[self.pool]
        base = f"{self.rng.choice(pool[sex.value])} {self.rng.choice(pool['second'][sex.value])}"
        words = title.split() if level is PositionLevel.FUNGSIONAL else []
        for word, degree in self.config.functional_degrees.items():
            if word in words:
                prefix, suffix = degree.get("prefix", ""), degree.get("suffix", "")
                return _with_degree(f"{prefix} {base}".strip(), suffix)
        key = "NON_ASN" if employee_type is EmployeeType.NON_ASN else (level or "PELAKSANA")
        return _with_degree(base, self.rng.choice(self.config.degrees[key]))

    def _unique_nip(
        self, birth: date, year: int, month: int | None, sex: Sex, kind: NipKind
    ) -> str:
        serial = self.rng.randint(1, 30)
        while True:
            nip = make_nip(birth, year, appointment_month=month, sex=sex, serial=serial, kind=kind)
            if nip.digits not in self.used:
                self.used.add(nip.digits)
                return nip.digits
            serial += 1

    def _internal_id(self) -> str:
        while True:
            candidate = f"TKK-{self.rng.choice(_CONTRACT_YEARS)}-{self.rng.randint(1, 9999):04d}"
            if candidate not in self.used:
                self.used.add(candidate)
                return candidate


def _with_degree(name: str, degree: str) -> str:
    return f"{name}, {degree}" if degree else name
