"""The audit trail and the access log: written once, never changed, never removed.

Each audit entry carries the hash of the entry before it (`prev_hash`) and its own (`hash`,
over everything it says), so an entry edited or removed by hand in the database breaks the
chain where it happened: `pantau audit verify` and the audit page name the first broken link.
On PostgreSQL a trigger also refuses UPDATE and DELETE on the table.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from pantau.domain.access import Action
from pantau.web.access.relations import Relations


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
    """One change to a registered model: who, when, what, before and after. Chained."""

    seq = models.BigIntegerField(unique=True, verbose_name=_("number"))
    at = models.DateTimeField(verbose_name=_("when"))
    actor = models.CharField(max_length=150, verbose_name=_("who"))
    agency_id = models.CharField(max_length=64, db_index=True, verbose_name=_("agency"))
    action = models.CharField(max_length=10, verbose_name=_("action"))
    model = models.CharField(max_length=80, verbose_name=_("record"))
    object_pk = models.CharField(max_length=64, verbose_name=_("record id"))
    object_repr = models.CharField(max_length=300, blank=True, verbose_name=_("record name"))
    before = models.JSONField(null=True, blank=True, verbose_name=_("before"))
    after = models.JSONField(null=True, blank=True, verbose_name=_("after"))
    names = models.JSONField(default=dict, blank=True, verbose_name=_("names of references"))
    prev_hash = models.CharField(max_length=64, verbose_name=_("previous hash"))
    hash = models.CharField(max_length=64, verbose_name=_("hash"))

    scoped_by = Relations(agencies=("agency_id",), requires=Action.VIEW_AUDIT)

    class Meta:
        ordering: ClassVar[list[str]] = ["-seq"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")


class AccessEntry(AppendOnly):
    """One reading of an employee's personal record (UU PDP Pasal 31: processing recorded)."""

    at = models.DateTimeField(verbose_name=_("when"))
    actor = models.CharField(max_length=150, verbose_name=_("who"))
    agency_id = models.CharField(max_length=64, db_index=True, verbose_name=_("agency"))
    employee_id = models.BigIntegerField(db_index=True, verbose_name=_("employee"))
    via = models.CharField(max_length=10, verbose_name=_("via"))

    scoped_by = Relations(
        agencies=("agency_id",), employee="employee_id", requires=Action.VIEW_ACCESS_LOG,
        personal=True,
    )

    class Meta:
        ordering: ClassVar[list[str]] = ["-at", "-id"]
        verbose_name = _("access entry")
        verbose_name_plural = _("access log")
