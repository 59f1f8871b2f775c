"""How a model relates to agency, unit and employee, declared once on the model.

Every model the scope filters carries a class attribute `scoped_by = Relations(...)`: the
lookup paths from the model to its agency, its unit(s) and its employee, the action a reader
needs to see it, and who else may see a row (the employee it is about; the user who filed it).
`pantau.web.access.scope.Scope.filter` reads nothing else, so a new app's models (complaints,
cases) are scoped by declaring this, not by editing the scope.
"""

from __future__ import annotations

from dataclasses import dataclass

from pantau.domain.access import Action


@dataclass(frozen=True)
class Relations:
    """Lookup paths (Django `__` paths to ids) from a model to what scopes it.

    agencies: paths to the agency id (a row is in the agency when any path matches);
    units: paths to the unit id the row belongs to (for unit-scoped roles);
    employee: path to the employee id the row is about (for the employee role);
    requires: the action a reader needs;
    personal: the employee a row is about sees it without `requires` (their own leave, who
      read their record);
    creator: path to the user id who filed the row (a monitor follows what they filed).
    """

    agencies: tuple[str, ...]
    requires: Action
    units: tuple[str, ...] = ()
    employee: str | None = None
    personal: bool = False
    creator: str | None = None


__all__ = ["Relations"]
