"""The normalised records an import produces, and the coded values they hold."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pantau.domain.employees import EmployeeType, PositionLevel, Sex
from pantau.domain.organisation import AccountType, Platform, UnitKind


@dataclass(frozen=True)
class UnitRecord:
    """A unit: its code (the key for update-or-create), name, parent code, kind, shift."""

    row: int
    code: str
    name: str
    parent_code: str | None
    kind: UnitKind
    shift: bool


@dataclass(frozen=True)
class EmployeeRecord:
    """An employee; `key` (NIP, or the internal id of contract staff) is the import key."""

    row: int
    nip: str | None
    internal_id: str | None
    name: str
    employee_type: EmployeeType
    unit_code: str
    position: str
    level: PositionLevel | None
    superior_nip: str | None
    birth_date: date | None
    sex: Sex | None

    @property
    def key(self) -> str:
        return self.nip or self.internal_id or ""


@dataclass(frozen=True)
class AccountRecord:
    """A social-media account: owner (NIP or internal id) and/or unit (official accounts)."""

    row: int
    owner_key: str | None
    unit_code: str | None
    platform: Platform
    handle: str
    account_type: AccountType
    url: str | None

    @property
    def key(self) -> tuple[str, str]:
        """(platform, handle): an account is the same account whoever re-imports it."""
        return (self.platform.value, self.handle)

__all__ = ["AccountRecord", "AccountType", "EmployeeRecord", "Platform", "UnitKind", "UnitRecord"]
