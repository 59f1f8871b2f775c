"""docs/glossary.md maps every Indonesian term a user meets to its identifier; nothing the
check contract or the roles expose may be missing from it (STYLE.md, principle 13)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pantau.domain.access import Role as AccessRole
from pantau.domain.activities import ActivityKind, Location
from pantau.domain.employees import EmployeeType
from pantau.domain.predicates import _registry
from pantau.domain.procedure.events import EventKind
from pantau.domain.procedure.progress import Stage
from pantau.domain.procedure.remedies import Outcome
from pantau.domain.procedure.steps import Role, Step
from pantau.rules.procedure import load_procedure, procedure_agency_ids

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
CODES = yaml.safe_load(
    (ROOT / "src" / "pantau" / "policies" / "conduct_codes.yaml").read_text(encoding="utf-8")
)["codes"]
ROLES = tuple(role.value for role in AccessRole)

IDENTIFIERS = [
    *CODES,
    *(kind.value for kind in EmployeeType),
    *(kind.value for kind in ActivityKind),
    *(location.value for location in Location),
    *_registry(),
    *ROLES,
    # the disciplinary procedure: its vocabulary and every sanction type of every regime
    *(item.value for kind in (Step, Role, EventKind, Stage, Outcome) for item in kind),
    *sorted({name for agency in procedure_agency_ids()
             for regime in load_procedure(agency).regimes.values()
             for name in regime.catalogue.known_types()}),
]


@pytest.mark.parametrize("identifier", IDENTIFIERS)
def test_the_glossary_names_every_identifier(identifier: str) -> None:
    assert f"`{identifier}`" in GLOSSARY or f"({identifier})" in GLOSSARY.replace("`", "")


def test_the_glossary_lists_each_conduct_code_once_with_an_indonesian_term() -> None:
    rows = [line for line in GLOSSARY.splitlines() if line.startswith("| ") and "` |" in line]
    listed = [row.rsplit("`", 2)[-2] for row in rows if row.rsplit("`", 2)[-2] in CODES]
    assert sorted(listed) == sorted(CODES)
