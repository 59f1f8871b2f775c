"""Employees: their types and the discipline regime each type falls under."""

from __future__ import annotations

from enum import StrEnum


class EmployeeType(StrEnum):
    """Employee types as the registry keeps them.

    The check contract (SPEC §4) uses PNS, PPPK and NON_ASN; the registry also keeps CPNS
    (PP 94/2021 applies mutatis mutandis) and part-time PPPK, which are judged as PNS and
    PPPK respectively (see `judged_as`).
    """

    PNS = "PNS"
    CPNS = "CPNS"
    PPPK = "PPPK"
    PPPK_PARUH_WAKTU = "PPPK_PARUH_WAKTU"
    NON_ASN = "NON_ASN"

    @property
    def judged_as(self) -> EmployeeType:
        """The type whose rules apply: CPNS as PNS, part-time PPPK as PPPK."""
        return {
            EmployeeType.CPNS: EmployeeType.PNS,
            EmployeeType.PPPK_PARUH_WAKTU: EmployeeType.PPPK,
        }.get(self, self)

    @property
    def is_asn(self) -> bool:
        """PNS, CPNS and PPPK are ASN (UU 20/2023); contract staff are not."""
        return self is not EmployeeType.NON_ASN
