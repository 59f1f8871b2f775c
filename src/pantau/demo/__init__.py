"""Demonstration data for the five seed agencies (SPEC §2, §6).

    build_demo(today: date) -> DemoDataset

A pure, deterministic builder (fixed seed, no clock): the curated parts are YAML beside this
module (agencies.yaml: agencies, their units, the officials the seeds name and the demo
password; units.yaml: the posts of each kind of unit and the shift patterns; names.yaml: name
pools and degrees). Everything else is generated: fictitious people with valid NIPs (or the
internal ids of contract staff), personal and official accounts, approved leave, surat tugas
and shift rosters placed around `today`, and one login per role and agency.

`DemoDataset` holds frozen records referencing each other by agency id, unit code, position
code and employee key (NIP or internal id), in load order (parents and superiors first); see
`pantau.demo.model`. Logins are `<agency>.<role>` (e.g. `ketapang.admin`, `ketapang.kepala`,
`ketapang.ppk`, `ketapang.sekda`, `ketapang.satpolpp`, `ketapang.inspektorat`,
`ketapang.pegawai`), all with `DemoDataset.password`.
"""

from __future__ import annotations

from pantau.demo.builder import build_demo
from pantau.demo.model import (
    DemoAccount,
    DemoAgency,
    DemoAssignment,
    DemoDataset,
    DemoEmployee,
    DemoLeave,
    DemoPosition,
    DemoRole,
    DemoShift,
    DemoUnit,
    DemoUser,
)

__all__ = [
    "DemoAccount",
    "DemoAgency",
    "DemoAssignment",
    "DemoDataset",
    "DemoEmployee",
    "DemoLeave",
    "DemoPosition",
    "DemoRole",
    "DemoShift",
    "DemoUnit",
    "DemoUser",
    "build_demo",
]
