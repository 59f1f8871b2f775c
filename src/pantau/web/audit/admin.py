"""The audit trail and the access log in the admin site: read only, scoped."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from pantau.web.access.admin import ScopedAdmin
from pantau.web.audit.models import AccessEntry, AuditEntry


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
    list_display = ("seq", "at", "actor", "action", "model", "object_repr", "agency_id")
    list_filter = ("action", "model")


@admin.register(AccessEntry)
class AccessEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor", "employee_id", "via", "agency_id")
