"""What a report covers: an agency, or a unit and every unit below it, as far as the reader may
see (a BKPSDM administrator and an authorised official without a unit: the whole agency; a
unit head or an official with a unit: their unit and the units below it; anyone else: nothing).

The units are those below the unit as the registry places them NOW, for every period of the
report and the period before it: a unit moved to another parent is counted, with its whole
history, under the parent it has today, and no longer under the one it left. This keeps a
comparison between two periods like with like (the same units in both), and it is the tree
that access is decided by (pantau.web.access.scope); the registry keeps no history of its tree.
Complaints about nobody identified yet belong to no unit: only a report of the whole agency
counts them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied

from pantau.domain.access import UNIT_SCOPED, Action, Role, allows
from pantau.domain.errors import InputError
from pantau.domain.text import say
from pantau.web.access.scope import Scope
from pantau.web.registry.models import Agency, Unit


@dataclass(frozen=True)
class Area:
    """An agency, and the units a report counts (None: the whole agency)."""

    agency: Agency
    unit: Unit | None = None
    unit_ids: frozenset[int] | None = None

    def to_json(self) -> dict[str, object]:
        unit = None if self.unit is None else {"code": self.unit.code, "name": self.unit.name}
        return {"agency": self.agency.pk, "agency_name": self.agency.name, "unit": unit}


def whole_agency(scope: Scope, agency_id: str) -> bool:
    """Whether the reader may see the reports of the whole agency."""
    if scope.superuser:
        return True
    return any(
        g.agency_id == agency_id and allows(g.role, Action.VIEW_REPORTS)
        and (g.role not in UNIT_SCOPED
             or (g.role is Role.AUTHORISED_OFFICIAL and g.unit_id is None))
        for g in scope.grants
    )


def home_unit(scope: Scope, agency_id: str) -> int | None:
    """The unit of the reader's first unit-scoped role in the agency that may see reports."""
    return next((g.unit_id for g in scope.grants if g.agency_id == agency_id
                 and g.unit_id is not None and g.role in UNIT_SCOPED
                 and allows(g.role, Action.VIEW_REPORTS)), None)


def allowed_units(scope: Scope, agency_id: str) -> set[int]:
    """The units of the reader's unit-scoped roles in the agency and every unit below them."""
    found: set[int] = set()
    for grant in scope.grants:
        if grant.agency_id == agency_id and grant.unit_id is not None \
                and allows(grant.role, Action.VIEW_REPORTS):
            found |= scope.units_below(agency_id, grant.unit_id)
    return found


def _unit(scope: Scope, agency_id: str, unit_code: str) -> Unit | None:
    """The unit asked for; a unit-scoped reader who names none, their own."""
    if unit_code:
        unit = Unit.objects.filter(agency_id=agency_id, code=unit_code).first()
        if unit is None:
            raise InputError(f"unit {unit_code!r} does not exist in agency {agency_id!r}; "
                             "give the code of one of its units",
                             message=say("report.unknown_unit", unit=repr(unit_code),
                                         agency=repr(agency_id)))
        return unit
    if whole_agency(scope, agency_id):
        return None
    own = home_unit(scope, agency_id)
    unit = Unit.objects.filter(pk=own).first() if own is not None else None
    if unit is None:
        raise PermissionDenied(Action.VIEW_REPORTS.value)
    return unit


def area_for(scope: Scope, agency_id: str, unit_code: str = "") -> Area:
    """The area of a report the reader asks for. PermissionDenied when they may not see it;
    InputError naming an agency or unit that does not exist. A unit head who names no unit
    gets their own unit."""
    if not scope.can(Action.VIEW_REPORTS, agency_id):
        raise PermissionDenied(Action.VIEW_REPORTS.value)
    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None:
        raise InputError(f"agency {agency_id!r} does not exist; give the id of an agency in "
                         "the registry, e.g. kab-ketapang",
                         message=say("report.unknown_agency", agency=repr(agency_id)))
    unit = _unit(scope, agency_id, unit_code)
    if unit is None:
        return Area(agency)
    if not whole_agency(scope, agency_id) and unit.pk not in allowed_units(scope, agency_id):
        raise PermissionDenied(Action.VIEW_REPORTS.value)
    return Area(agency, unit, frozenset(scope.units_below(agency_id, unit.pk)))


__all__ = ["Area", "allowed_units", "area_for", "home_unit", "whole_agency"]
