"""Django admin, scoped by the same `Scope` as every page. The audit trail is read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from pantau.web.authz import scope_for
from pantau.web.registry.models import (
    AccessEntry,
    Account,
    Agency,
    Assignment,
    AuditEntry,
    Employee,
    Leave,
    Membership,
    Shift,
    Unit,
)


class ScopedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Shows and edits only the records in the signed-in user's scope."""

    def get_queryset(self, request: HttpRequest) -> models.QuerySet[Any]:
        return scope_for(request.user).filter(super().get_queryset(request))

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        """Choices of a related record (unit, superior, agency) come from the scope too, so an
        edit can never point into another agency."""
        related = db_field.remote_field.model
        kwargs["queryset"] = scope_for(request.user).filter(related._default_manager.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(getattr(request.user, "is_superuser", False)) or super().has_module_permission(
            request
        )


@admin.register(Agency)
class AgencyAdmin(ScopedAdmin):
    list_display = ("id", "name", "zone")
    search_fields = ("id", "name")


@admin.register(Unit)
class UnitAdmin(ScopedAdmin):
    list_display = ("code", "name", "agency", "parent", "shift")
    search_fields = ("code", "name")
    list_filter = ("agency",)


@admin.register(Employee)
class EmployeeAdmin(ScopedAdmin):
    list_display = ("name", "nip", "employee_type", "unit", "agency")
    search_fields = ("name", "nip", "staff_id")
    list_filter = ("agency", "employee_type")


for model in (Account, Leave, Assignment, Shift, Membership):
    admin.site.register(model, ScopedAdmin)


class ReadOnlyAdmin(ScopedAdmin):
    """Append-only records: nobody adds, changes or deletes them here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor", "action", "model", "object_pk", "agency_id")
    list_filter = ("action", "model")


@admin.register(AccessEntry)
class AccessEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor", "employee_id", "via", "agency_id")
