"""Storage of the registry. These models store the domain; they are not the domain."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pantau.domain.employees import EmployeeType


class Agency(models.Model):
    """A regional government (Pemkab / Pemkot) using pantau."""

    id = models.SlugField(primary_key=True, max_length=64, verbose_name=_("agency id"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    zone = models.CharField(max_length=64, default="Asia/Jakarta", verbose_name=_("time zone"))

    class Meta:
        ordering: ClassVar[list[str]] = ["id"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """A work unit (OPD, bagian, UPT...) in a tree by code; `path` is the chain of codes."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="units")
    code = models.CharField(max_length=64, verbose_name=_("code"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    kind = models.CharField(max_length=40, blank=True, verbose_name=_("kind"))
    shift = models.BooleanField(default=False, verbose_name=_("shift unit"))
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    path = models.CharField(max_length=800, editable=False, db_index=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["agency_id", "path"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["agency", "code"], name="unit_code_per_agency")
        ]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        parent_path = self.parent.path if self.parent is not None else "/"
        self.path = f"{parent_path}{self.code}/"
        super().save(*args, **kwargs)


EMPLOYEE_TYPES = [(kind.value, kind.value) for kind in EmployeeType]


class Employee(models.Model):
    """A civil servant or contract worker. ASN carry a NIP; contract staff an internal id."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="employees")
    nip = models.CharField(max_length=18, null=True, blank=True, unique=True, verbose_name="NIP")
    staff_id = models.CharField(max_length=40, blank=True, verbose_name=_("internal id"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    employee_type = models.CharField(max_length=20, choices=EMPLOYEE_TYPES, verbose_name=_("type"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="employees")
    position = models.CharField(max_length=200, blank=True, verbose_name=_("position"))
    level = models.CharField(max_length=60, blank=True, verbose_name=_("position level"))
    superior = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="subordinates"
    )

    class Meta:
        ordering: ClassVar[list[str]] = ["agency_id", "name"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(
                fields=["agency", "staff_id"],
                condition=~models.Q(staff_id=""),
                name="staff_id_per_agency",
            )
        ]
        verbose_name = _("employee")
        verbose_name_plural = _("employees")

    def __str__(self) -> str:
        return self.name

    @property
    def identifier(self) -> str:
        return self.nip or self.staff_id


class Account(models.Model):
    """A social-media account: an employee's (personal or not) or a unit's official one."""

    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, null=True, blank=True, related_name="accounts"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="accounts"
    )
    platform = models.CharField(max_length=30, verbose_name=_("platform"))
    handle = models.CharField(max_length=200, verbose_name=_("account"))
    account_type = models.CharField(max_length=20, default="personal", verbose_name=_("kind"))
    url = models.CharField(max_length=500, blank=True, verbose_name="URL")

    class Meta:
        ordering: ClassVar[list[str]] = ["platform", "handle"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["platform", "handle"], name="account_per_platform")
        ]
        verbose_name = _("account")
        verbose_name_plural = _("accounts")

    def __str__(self) -> str:
        return f"{self.platform}:{self.handle}"


class Leave(models.Model):
    """Approved leave (cuti): no working time for this employee on these days."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="leaves")
    kind = models.CharField(max_length=60, verbose_name=_("kind"))
    start = models.DateField(verbose_name=_("from"))
    end = models.DateField(verbose_name=_("until"))

    class Meta:
        ordering: ClassVar[list[str]] = ["-start"]
        verbose_name = _("leave")
        verbose_name_plural = _("leave")


class Assignment(models.Model):
    """An official assignment (surat tugas): a stream in its window is official duty."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="assignments")
    number = models.CharField(max_length=120, verbose_name=_("number"))
    purpose = models.CharField(max_length=300, blank=True, verbose_name=_("purpose"))
    starts_at = models.DateTimeField(verbose_name=_("from"))
    ends_at = models.DateTimeField(verbose_name=_("until"))

    class Meta:
        ordering: ClassVar[list[str]] = ["-starts_at"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")


class Shift(models.Model):
    """One shift of a roster: replaces the default week for shift units."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="shifts")
    name = models.CharField(max_length=60, blank=True, verbose_name=_("shift"))
    starts_at = models.DateTimeField(verbose_name=_("from"))
    ends_at = models.DateTimeField(verbose_name=_("until"))

    class Meta:
        ordering: ClassVar[list[str]] = ["starts_at"]
        verbose_name = _("shift")
        verbose_name_plural = _("roster")


class Role(models.TextChoices):
    BKPSDM_ADMIN = "bkpsdm_admin", _("BKPSDM administrator")
    UNIT_HEAD = "unit_head", _("Unit head")
    AUTHORISED_OFFICIAL = "authorised_official", _("Authorised official")
    MONITOR = "monitor", _("Monitor (Satpol PP / Inspektorat)")
    EMPLOYEE = "employee", _("Employee")


class Membership(models.Model):
    """The one role a user holds, in one agency (and a unit or an employee record)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="members")
    role = models.CharField(max_length=30, choices=Role.choices, verbose_name=_("role"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True)
    employee = models.ForeignKey(Employee, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} ({self.role}, {self.agency_id})"


class AuditTrailIsAppendOnly(RuntimeError):
    """Raised on any attempt to change or remove an audit or access entry."""


class AppendOnlyQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> int:
        raise AuditTrailIsAppendOnly(f"{self.model.__name__} entries cannot be updated")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditTrailIsAppendOnly(f"{self.model.__name__} entries cannot be deleted")


class AppendOnly(models.Model):
    """A record that is written once and never changed nor removed."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None or not self._state.adding:
            raise AuditTrailIsAppendOnly(f"{type(self).__name__} {self.pk} cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditTrailIsAppendOnly(f"{type(self).__name__} {self.pk} cannot be deleted")


class AuditEntry(AppendOnly):
    """One change to registry data: who, when, what, before and after. Append-only."""

    at = models.DateTimeField(verbose_name=_("when"))
    actor = models.CharField(max_length=150, verbose_name=_("who"))
    agency_id = models.CharField(max_length=64, db_index=True, verbose_name=_("agency"))
    action = models.CharField(max_length=10, verbose_name=_("action"))
    model = models.CharField(max_length=40, verbose_name=_("record"))
    object_pk = models.CharField(max_length=64, verbose_name=_("record id"))
    before = models.JSONField(null=True, blank=True, verbose_name=_("before"))
    after = models.JSONField(null=True, blank=True, verbose_name=_("after"))

    class Meta:
        ordering: ClassVar[list[str]] = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")


class AccessEntry(AppendOnly):
    """One reading of an employee's personal record (UU PDP Pasal 31: processing recorded)."""

    at = models.DateTimeField(verbose_name=_("when"))
    actor = models.CharField(max_length=150, verbose_name=_("who"))
    agency_id = models.CharField(max_length=64, db_index=True, verbose_name=_("agency"))
    employee_id = models.BigIntegerField(db_index=True, verbose_name=_("employee"))
    via = models.CharField(max_length=10, verbose_name=_("via"))

    class Meta:
        ordering: ClassVar[list[str]] = ["-at", "-id"]
        verbose_name = _("access entry")
        verbose_name_plural = _("access log")
