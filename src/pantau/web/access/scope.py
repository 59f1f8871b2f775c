"""Authorisation, decided here and nowhere else.

`scope_for(user, today)` gives a `Scope`: the roles the user holds today (every valid
membership, acting posts included). `Scope.filter(queryset)` keeps exactly the rows the user may
see, for any model that declares `scoped_by` (pantau.web.access.relations), on every page, JSON
twin, API route and admin view. Data never crosses agencies; a unit head and an authorised
official see their own unit and the units below it; a monitor sees the structure of their
agency and what they filed; an employee sees their own record.

The unit tree is read from the units' parents when a scope first needs it (one query an
agency), never from stored paths: moving a unit moves everything below it at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
from django.db.models import Q

from pantau.domain.access import UNIT_SCOPED, Action, Role, allows
from pantau.web.access.relations import Relations

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Grant:
    """One role a user holds today: in an agency, for a unit or as an employee."""

    role: Role
    agency_id: str
    unit_id: int | None = None  # the unit of a unit-scoped role; the employee's own unit
    employee_id: int | None = None  # the employee role: their own record
    acting: str = ""  # "plt" / "plh" when held as an acting official


class Scope:
    """What one user may see and do."""

    def __init__(
        self, grants: Iterable[Grant] = (), *, superuser: bool = False, user_id: int | None = None
    ) -> None:
        self.grants = tuple(grants)
        self.superuser = superuser
        self.user_id = user_id
        self._trees: dict[str, dict[int | None, list[int]]] = {}

    def __repr__(self) -> str:
        return f"Scope({self.grants!r}, superuser={self.superuser})"

    # ----- who ---------------------------------------------------------------------------
    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(grant.role for grant in self.grants)

    @property
    def agency_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(grant.agency_id for grant in self.grants))

    @property
    def agency_id(self) -> str:
        """The agency of the first role (the reader's home agency), "" without one."""
        return self.grants[0].agency_id if self.grants else ""

    @property
    def employee_id(self) -> int | None:
        """The reader's own employee record, when they hold the employee role."""
        return next((g.employee_id for g in self.grants if g.employee_id), None)

    @property
    def role(self) -> str:
        """The first role held ("" without one): for pages that greet the reader."""
        return self.grants[0].role.value if self.grants else ""

    def has_role(self, role: Role) -> bool:
        return any(grant.role is role for grant in self.grants)

    def can(self, action: Action, agency_id: str | None = None) -> bool:
        """Whether some role allows `action` (in `agency_id`, when given)."""
        if self.superuser:
            return True
        return any(
            allows(g.role, action) and (agency_id is None or g.agency_id == agency_id)
            for g in self.grants
        )

    def refuses(self, action: Action) -> bool:
        """Whether a list of `action`'s records should answer 403 rather than an empty list:
        the reader holds roles, none allows `action`, and has no employee record of their own
        (e.g. the data-protection officer on the cases list)."""
        return bool(self.grants) and not self.can(action) and self.employee_id is None

    # ----- the unit tree -----------------------------------------------------------------
    def units_below(self, agency_id: str, unit_id: int) -> set[int]:
        """The unit and every unit below it, read from the parents (cached per scope)."""
        tree = self._trees.get(agency_id)
        if tree is None:
            from pantau.web.registry.models import Unit

            tree = defaultdict(list)
            rows = Unit.objects.filter(agency_id=agency_id).values_list("pk", "parent_id")
            for pk, parent in rows:
                tree[parent].append(pk)
            self._trees[agency_id] = tree
        found, todo = set(), [unit_id]
        while todo:
            current = todo.pop()
            if current not in found:
                found.add(current)
                todo.extend(tree.get(current, ()))
        return found

    # ----- rows --------------------------------------------------------------------------
    def filter(self, queryset: models.QuerySet[M], action: Action | None = None
               ) -> models.QuerySet[M]:
        """The rows of `queryset` this reader may see (for `action`, default the model's own);
        none for a model that does not declare `scoped_by`."""
        if self.superuser:
            return queryset
        relations: Relations | None = getattr(queryset.model, "scoped_by", None)
        if relations is None:
            return queryset.none()
        condition = self.condition(relations, action)
        return queryset.filter(condition) if condition is not None else queryset.none()

    def condition(self, relations: Relations, action: Action | None = None) -> Q | None:
        """The Q that keeps the rows this reader may see (None: nothing)."""
        needed = action or relations.requires
        parts = [
            q for grant in self.grants if (q := self._grant(grant, relations, needed)) is not None
        ]
        if relations.creator and self.user_id is not None:
            parts.append(Q(**{relations.creator: self.user_id}))
        if not parts:
            return None
        combined = parts[0]
        for part in parts[1:]:
            combined |= part
        return combined

    def _grant(self, grant: Grant, relations: Relations, action: Action) -> Q | None:
        own = _own(grant, relations) if relations.personal else None
        if not allows(grant.role, action):
            return own
        where = _any(relations.agencies, grant.agency_id)
        if grant.role is Role.EMPLOYEE:
            limit = _own(grant, relations) or _any(relations.units, grant.unit_id or 0)
            return where & limit if limit is not None else where
        if grant.role in UNIT_SCOPED and relations.units:
            if grant.unit_id is None:
                return where if grant.role is Role.AUTHORISED_OFFICIAL else own
            below = self.units_below(grant.agency_id, grant.unit_id)
            return where & _any_in(relations.units, below)
        return where

    def shows_full_nip(self, employee: Any) -> bool:
        """Whether this reader sees an employee's NIP in full (UU PDP: only who needs it):
        their own record, or one within a role that may see full NIPs."""
        if self.superuser or (employee.pk is not None and employee.pk == self.employee_id):
            return True
        for grant in self.grants:
            if not allows(grant.role, Action.SEE_FULL_NIP):
                continue
            if grant.agency_id != employee.agency_id:
                continue
            if grant.role not in UNIT_SCOPED or (
                grant.unit_id is None and grant.role is Role.AUTHORISED_OFFICIAL
            ):
                return True
            if grant.unit_id is not None and employee.unit_id in self.units_below(
                grant.agency_id, grant.unit_id
            ):
                return True
        return False


def _any(paths: tuple[str, ...], value: object) -> Q:
    condition = Q()
    for index, path in enumerate(paths):
        part = Q(**{path: value})
        condition = part if index == 0 else condition | part
    return condition


def _any_in(paths: tuple[str, ...], values: set[int]) -> Q:
    condition = Q()
    for index, path in enumerate(paths):
        part = Q(**{f"{path}__in": sorted(values)})
        condition = part if index == 0 else condition | part
    return condition


def _own(grant: Grant, relations: Relations) -> Q | None:
    if relations.employee is None or not grant.employee_id:
        return None
    return Q(**{relations.employee: grant.employee_id})


NO_ACCESS = Scope()


def scope_for(user: AbstractBaseUser | AnonymousUser, today: date) -> Scope:
    """The scope of a signed-in user on `today`; an anonymous user or one without a valid
    membership sees nothing."""
    if not user.is_authenticated:
        return NO_ACCESS
    if getattr(user, "is_superuser", False):
        return Scope(superuser=True, user_id=user.pk)
    from pantau.web.access.models import Membership

    rows = Membership.objects.valid_on(today).filter(user_id=user.pk)
    rows = rows.select_related("employee").order_by("pk")
    grants = [
        Grant(
            role=Role(row.role),
            agency_id=row.agency_id,
            unit_id=row.unit_id if row.role != Role.EMPLOYEE else _unit_of(row),
            employee_id=row.employee_id,
            acting=row.acting,
        )
        for row in rows
    ]
    return Scope(grants, user_id=user.pk)


def _unit_of(row: Any) -> int | None:
    return row.employee.unit_id if row.employee is not None else None


__all__ = ["NO_ACCESS", "Grant", "Scope", "scope_for"]
