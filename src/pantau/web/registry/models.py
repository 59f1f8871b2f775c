"""Storage of the registry. These models store the domain; they are not the domain.

Each model declares once how it relates to agency, unit and employee (`scoped_by`), which is
all the access app needs to scope it; each registers itself with the audit trail (apps.py).
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from pantau.domain.access import Action
from pantau.domain.employees import EmployeeType, PositionLevel
from pantau.domain.organisation import AccountType, Platform, UnitKind
from pantau.web.access.relations import Relations
from pantau.web.labels import choices


class Agency(models.Model):
    """A regional government (Pemkab / Pemkot) using pantau."""

    id = models.SlugField(primary_key=True, max_length=64, verbose_name=_("agency id"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    zone = models.CharField(max_length=64, default="Asia/Jakarta", verbose_name=_("time zone"))

    scoped_by = Relations(agencies=("pk",), requires=Action.VIEW_STRUCTURE)

    class Meta:
        ordering: ClassVar[list[str]] = ["id"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """A work unit (OPD, bagian, UPT...) in a tree by parent. Nothing derived from the tree is
    stored: who is below whom is read from the parents when it is needed, so moving a unit
    moves everything below it."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="units", verbose_name=_("agency")
    )
    code = models.CharField(max_length=64, verbose_name=_("code"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    kind = models.CharField(
        max_length=40, blank=True, choices=choices(UnitKind), verbose_name=_("kind")
    )
    shift = models.BooleanField(default=False, verbose_name=_("shift unit"))
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
        verbose_name=_("parent unit"),
    )

    scoped_by = Relations(agencies=("agency_id",), units=("pk",), requires=Action.VIEW_STRUCTURE)

    class Meta:
        ordering: ClassVar[list[str]] = ["agency_id", "code"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["agency", "code"], name="unit_code_per_agency")
        ]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list[Unit]:
        """The units above this one, nearest first."""
        found: list[Unit] = []
        current = self.parent
        while current is not None and current not in found and current.pk != self.pk:
            found.append(current)
            current = current.parent
        return found

    def clean(self) -> None:
        """A unit's parent is in its agency and not the unit itself or one below it."""
        if self.parent is None:
            return
        if self.parent.agency_id != self.agency_id:
            raise ValidationError({"parent": _("The parent unit belongs to another agency.")})
        if self.pk is not None and (
            self.parent.pk == self.pk or any(u.pk == self.pk for u in self.parent.ancestors())
        ):
            raise ValidationError({"parent": _("A unit cannot be placed under itself.")})


class Employee(models.Model):
    """A civil servant or contract worker. ASN carry a NIP; contract staff an internal id."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="employees", verbose_name=_("agency")
    )
    nip = models.CharField(max_length=18, null=True, blank=True, unique=True, verbose_name="NIP")
    staff_id = models.CharField(max_length=40, blank=True, verbose_name=_("internal id"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    employee_type = models.CharField(
        max_length=20, choices=choices(EmployeeType), verbose_name=_("type")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="employees", verbose_name=_("unit")
    )
    position = models.CharField(max_length=200, blank=True, verbose_name=_("position"))
    level = models.CharField(
        max_length=20, blank=True, choices=choices(PositionLevel),
        verbose_name=_("position level"),
    )
    superior = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="subordinates",
        verbose_name=_("direct superior"),
    )

    scoped_by = Relations(
        agencies=("agency_id",), units=("unit_id",), employee="pk",
        requires=Action.VIEW_EMPLOYEES, personal=True,
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
        Employee, on_delete=models.CASCADE, null=True, blank=True, related_name="accounts",
        verbose_name=_("employee"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="accounts",
        verbose_name=_("unit"),
    )
    platform = models.CharField(
        max_length=30, choices=choices(Platform), verbose_name=_("platform")
    )
    handle = models.CharField(max_length=200, verbose_name=_("account"))
    account_type = models.CharField(
        max_length=20, default=AccountType.PERSONAL.value, choices=choices(AccountType),
        verbose_name=_("kind"),
    )
    url = models.CharField(max_length=500, blank=True, verbose_name="URL")

    scoped_by = Relations(
        agencies=("employee__agency_id", "unit__agency_id"),
        units=("unit_id", "employee__unit_id"),
        employee="employee_id",
        requires=Action.VIEW_EMPLOYEES,
        personal=True,
    )

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

    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="leaves", verbose_name=_("employee")
    )
    kind = models.CharField(max_length=60, verbose_name=_("kind"))
    start = models.DateField(verbose_name=_("from"))
    end = models.DateField(verbose_name=_("until"))

    scoped_by = Relations(
        agencies=("employee__agency_id",), units=("employee__unit_id",), employee="employee_id",
        requires=Action.VIEW_EMPLOYEES, personal=True,
    )

    class Meta:
        ordering: ClassVar[list[str]] = ["-start"]
        verbose_name = _("leave")
        verbose_name_plural = _("leave")


class Assignment(models.Model):
    """An official assignment (surat tugas): a stream in its window is official duty."""

    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("employee")
    )
    number = models.CharField(max_length=120, verbose_name=_("number"))
    purpose = models.CharField(max_length=300, blank=True, verbose_name=_("purpose"))
    starts_at = models.DateTimeField(verbose_name=_("from"))
    ends_at = models.DateTimeField(verbose_name=_("until"))

    scoped_by = Relations(
        agencies=("employee__agency_id",), units=("employee__unit_id",), employee="employee_id",
        requires=Action.VIEW_EMPLOYEES, personal=True,
    )

    class Meta:
        ordering: ClassVar[list[str]] = ["-starts_at"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")


class Shift(models.Model):
    """One shift of a roster: replaces the default week for shift units."""

    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="shifts", verbose_name=_("employee")
    )
    name = models.CharField(max_length=60, blank=True, verbose_name=_("shift"))
    starts_at = models.DateTimeField(verbose_name=_("from"))
    ends_at = models.DateTimeField(verbose_name=_("until"))

    scoped_by = Relations(
        agencies=("employee__agency_id",), units=("employee__unit_id",), employee="employee_id",
        requires=Action.VIEW_EMPLOYEES, personal=True,
    )

    class Meta:
        ordering: ClassVar[list[str]] = ["starts_at"]
        verbose_name = _("shift")
        verbose_name_plural = _("roster")


class ImportJob(models.Model):
    """One registry file on its way in: previewed (its rows in `ImportRow`), then written when
    its user confirms. A big file is previewed and written by the background worker; `done`
    of `total` is its progress. The file is kept until it is written or refused."""

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting for the background worker")
        PREVIEWING = "previewing", _("reading and checking the file")
        PREVIEWED = "previewed", _("previewed")
        CONFIRMED = "confirmed", _("confirmed, waiting for the background worker")
        WRITING = "writing", _("writing the rows")
        DONE = "done", _("written")
        FAILED = "failed", _("refused")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        "auth.User", on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="+", verbose_name=_("agency")
    )
    kind = models.CharField(max_length=20, verbose_name=_("kind"))
    filename = models.CharField(max_length=255, verbose_name=_("file"))
    data = models.BinaryField(blank=True, default=b"", editable=False)
    state = models.CharField(max_length=12, choices=State.choices, default=State.QUEUED,
                             verbose_name=_("state"))
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scoped_by = Relations(agencies=("agency_id",), requires=Action.IMPORT)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.kind}: {self.filename}"


class ImportRow(models.Model):
    """One row of a previewed file: its values, and its errors (none when it is ready)."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="rows")
    row = models.PositiveIntegerField()
    ok = models.BooleanField()
    values = models.JSONField(default=list)
    errors = models.JSONField(default=list)

    scoped_by = Relations(agencies=("job__agency_id",), requires=Action.IMPORT)

    class Meta:
        ordering: ClassVar[list[str]] = ["ok", "row"]
        indexes: ClassVar[list[Any]] = [
            models.Index(fields=["job", "ok", "row"], name="import_row_errors_first")
        ]
