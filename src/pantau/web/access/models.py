"""Memberships: which role a login holds, in which agency, unit or as which employee, when."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pantau.domain.access import Action, Role
from pantau.web.access.relations import Relations
from pantau.web.labels import choices


class MembershipQuerySet(models.QuerySet["Membership"]):
    def valid_on(self, day: date) -> MembershipQuerySet:
        """The memberships in force on `day` (both ends inclusive, open when empty)."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        )


class Acting(models.TextChoices):
    NO = "", _("holder of the post")
    PLT = "plt", _("Plt (acting official)")
    PLH = "plh", _("Plh (daily acting official)")


class Membership(models.Model):
    """One role a login holds in one agency, for a unit or as an employee, over a period.

    A login may hold several (a unit head who is also an employee; a Plt acting as the head
    of another unit for some weeks)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships",
        verbose_name=_("login"),
    )
    agency = models.ForeignKey(
        "registry.Agency", on_delete=models.PROTECT, related_name="members",
        verbose_name=_("agency"),
    )
    role = models.CharField(max_length=30, choices=choices(Role), verbose_name=_("role"))
    unit = models.ForeignKey(
        "registry.Unit", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("unit")
    )
    employee = models.ForeignKey(
        "registry.Employee", on_delete=models.SET_NULL, null=True, blank=True,
        verbose_name=_("employee record"),
    )
    valid_from = models.DateField(null=True, blank=True, verbose_name=_("valid from"))
    valid_until = models.DateField(null=True, blank=True, verbose_name=_("valid until"))
    acting = models.CharField(
        max_length=3, blank=True, default="", choices=Acting.choices, verbose_name=_("held as")
    )

    objects = MembershipQuerySet.as_manager()
    scoped_by = Relations(agencies=("agency_id",), requires=Action.MANAGE_USERS)

    class Meta:
        ordering: ClassVar[list[str]] = ["user__username", "pk"]
        verbose_name = _("role of a login")
        verbose_name_plural = _("roles of logins")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.agency_id})"

    def clean(self) -> None:
        """A unit and an employee record must be of the membership's agency; the period must
        not end before it starts."""
        errors: dict[str, Any] = {}
        if self.unit_id and self.unit and self.unit.agency_id != self.agency_id:
            errors["unit"] = _("The unit belongs to another agency.")
        if self.employee_id and self.employee and self.employee.agency_id != self.agency_id:
            errors["employee"] = _("The employee record belongs to another agency.")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("The end of the period is before its start.")
        if self.role == Role.EMPLOYEE and not self.employee_id:
            errors["employee"] = _("The employee role needs the employee record.")
        if errors:
            raise ValidationError(errors)
