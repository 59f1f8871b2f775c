"""Authorisation, decided here and nowhere else.

`scope_for(user)` gives a `Scope`: it filters every queryset a page, JSON twin, API route or
admin view shows, and answers `can(action)`. Data never crosses agencies; a unit head and an
authorised official see their own unit and the units below it; a monitor sees the structure
of their agency but no personal data; an employee sees their own record only.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models

from pantau.web.registry.models import (
    AccessEntry,
    Account,
    Agency,
    Assignment,
    AuditEntry,
    Employee,
    Leave,
    Membership,
    Role,
    Shift,
    Unit,
)

M = TypeVar("M", bound=models.Model)


class Action(StrEnum):
    VIEW_STRUCTURE = "view_structure"  # agencies and units
    VIEW_EMPLOYEES = "view_employees"  # employees and what hangs on them
    IMPORT = "import"  # import employees, units, accounts
    VIEW_AUDIT = "view_audit"  # the audit trail
    SEE_FULL_NIP = "see_full_nip"  # NIP unmasked in lists and exports


PERMISSIONS: dict[str, frozenset[Action]] = {
    Role.BKPSDM_ADMIN: frozenset(Action),
    Role.UNIT_HEAD: frozenset({Action.VIEW_STRUCTURE, Action.VIEW_EMPLOYEES, Action.SEE_FULL_NIP}),
    Role.AUTHORISED_OFFICIAL: frozenset(
        {Action.VIEW_STRUCTURE, Action.VIEW_EMPLOYEES, Action.SEE_FULL_NIP}
    ),
    Role.MONITOR: frozenset({Action.VIEW_STRUCTURE}),
    Role.EMPLOYEE: frozenset({Action.VIEW_STRUCTURE, Action.VIEW_EMPLOYEES}),
}

UNIT_SCOPED = {Role.UNIT_HEAD, Role.AUTHORISED_OFFICIAL}


@dataclass(frozen=True)
class Scope:
    """What one user may see and do. `role` is empty for a user without a membership."""

    role: str
    agency_id: str
    unit_path: str = ""  # unit-scoped roles: the path of their unit ("" = whole agency)
    employee_id: int | None = None  # the employee role: their own record
    superuser: bool = False

    def can(self, action: Action) -> bool:
        if self.superuser:
            return True
        return action in PERMISSIONS.get(self.role, frozenset())

    def agencies(self, queryset: models.QuerySet[Agency]) -> models.QuerySet[Agency]:
        if self.superuser:
            return queryset
        if not self.can(Action.VIEW_STRUCTURE):
            return queryset.none()
        return queryset.filter(pk=self.agency_id)

    def units(self, queryset: models.QuerySet[Unit]) -> models.QuerySet[Unit]:
        if self.superuser:
            return queryset
        if not self.can(Action.VIEW_STRUCTURE):
            return queryset.none()
        queryset = queryset.filter(agency_id=self.agency_id)
        if self.role == Role.EMPLOYEE:
            return queryset.filter(employees__pk=self.employee_id or 0)
        if self.role in UNIT_SCOPED:
            return self._below(queryset, "path")
        return queryset

    def employees(self, queryset: models.QuerySet[Employee]) -> models.QuerySet[Employee]:
        if self.superuser:
            return queryset
        if not self.can(Action.VIEW_EMPLOYEES):
            return queryset.none()
        queryset = queryset.filter(agency_id=self.agency_id)
        if self.role == Role.EMPLOYEE:
            return queryset.filter(pk=self.employee_id or 0)
        if self.role in UNIT_SCOPED:
            return self._below(queryset, "unit__path")
        return queryset

    def _below(self, queryset: models.QuerySet[M], path_field: str) -> models.QuerySet[M]:
        """Own unit and below; a unit head without a unit sees nothing, an authorised
        official without one (the PPK) the whole agency."""
        if self.unit_path:
            return queryset.filter(**{f"{path_field}__startswith": self.unit_path})
        return queryset if self.role == Role.AUTHORISED_OFFICIAL else queryset.none()

    def shows_full_nip(self, employee: Employee) -> bool:
        """Whether this reader sees an employee's NIP in full (UU PDP: only who needs it)."""
        return self.can(Action.SEE_FULL_NIP) or employee.pk == self.employee_id

    def employee_records(self, queryset: models.QuerySet[M]) -> models.QuerySet[M]:
        """Accounts, leave, assignments and shifts: those of the employees in scope."""
        visible = self.employees(Employee.objects.all()).values("pk")
        return queryset.filter(employee__in=visible)

    def accounts(self, queryset: models.QuerySet[Account]) -> models.QuerySet[Account]:
        """Accounts of the employees in scope, and official accounts of units in scope."""
        if self.superuser:
            return queryset
        if not self.can(Action.VIEW_EMPLOYEES):
            return queryset.none()
        people = self.employees(Employee.objects.all()).values("pk")
        units = self.units(Unit.objects.all()).values("pk")
        return queryset.filter(models.Q(employee__in=people) | models.Q(unit__in=units))

    def audit(self, queryset: models.QuerySet[AuditEntry]) -> models.QuerySet[AuditEntry]:
        if self.superuser:
            return queryset
        if not self.can(Action.VIEW_AUDIT):
            return queryset.none()
        return queryset.filter(agency_id=self.agency_id)

    def access(self, queryset: models.QuerySet[AccessEntry]) -> models.QuerySet[AccessEntry]:
        """The access log: BKPSDM admins see their agency's; an employee who may see their
        own record sees who read it (UU PDP Pasal 32)."""
        if self.superuser:
            return queryset
        if self.can(Action.VIEW_AUDIT):
            return queryset.filter(agency_id=self.agency_id)
        if self.role == Role.EMPLOYEE and self.employee_id:
            return queryset.filter(employee_id=self.employee_id)
        return queryset.none()

    def memberships(self, queryset: models.QuerySet[Membership]) -> models.QuerySet[Membership]:
        if self.superuser:
            return queryset
        if not self.can(Action.VIEW_AUDIT):
            return queryset.none()
        return queryset.filter(agency_id=self.agency_id)

    def filter(self, queryset: models.QuerySet[M]) -> models.QuerySet[M]:
        """Any registry queryset, by its model: the one entry point for admin views."""
        model = queryset.model
        if model is Agency:
            return self.agencies(queryset)  # type: ignore[arg-type,return-value]
        if model is Unit:
            return self.units(queryset)  # type: ignore[arg-type,return-value]
        if model is Employee:
            return self.employees(queryset)  # type: ignore[arg-type,return-value]
        if model is Account:
            return self.accounts(queryset)  # type: ignore[arg-type,return-value]
        if model in (Leave, Assignment, Shift):
            return self.employee_records(queryset)
        if model is AccessEntry:
            return self.access(queryset)  # type: ignore[arg-type,return-value]
        if model is AuditEntry:
            return self.audit(queryset)  # type: ignore[arg-type,return-value]
        if model is Membership:
            return self.memberships(queryset)  # type: ignore[arg-type,return-value]
        return queryset if self.superuser else queryset.none()


NO_ACCESS = Scope(role="", agency_id="")


def scope_for(user: AbstractBaseUser | AnonymousUser) -> Scope:
    """The scope of a signed-in user; an anonymous user or one without a role sees nothing."""
    if not user.is_authenticated:
        return NO_ACCESS
    if getattr(user, "is_superuser", False):
        return Scope(role="", agency_id="", superuser=True)
    membership = Membership.objects.filter(user_id=user.pk).select_related("unit").first()
    if membership is None:
        return NO_ACCESS
    return Scope(
        role=membership.role,
        agency_id=membership.agency_id,
        unit_path=membership.unit.path if membership.unit is not None else "",
        employee_id=membership.employee_id,
    )


def mask_nip(nip: str | None) -> str:
    """A NIP for a reader who may not see it in full (UU PDP): the birth date hidden."""
    if not nip:
        return ""
    return "*" * 8 + nip[8:]
