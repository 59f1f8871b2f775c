"""The registry in the admin site, scoped by the same `Scope` as every page."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from pantau.web.access.admin import ScopedAdmin
from pantau.web.registry.models import Account, Agency, Assignment, Employee, Leave, Shift, Unit


@admin.register(Agency)
class AgencyAdmin(ScopedAdmin):
    """Agencies are the deployment operator's: an agency administrator sees their own and
    may edit it, but creates and removes none."""

    list_display = ("id", "name", "zone")
    search_fields = ("id", "name")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return bool(request.user.is_superuser)


@admin.register(Unit)
class UnitAdmin(ScopedAdmin):
    list_display = ("code", "name", "agency", "parent", "shift")
    search_fields = ("code", "name")
    list_filter = ("agency", "kind")


@admin.register(Employee)
class EmployeeAdmin(ScopedAdmin):
    list_display = ("name", "nip", "employee_type", "unit", "agency")
    search_fields = ("name", "nip", "staff_id")
    list_filter = ("agency", "employee_type", "level")


for model in (Account, Leave, Assignment, Shift):
    admin.site.register(model, ScopedAdmin)
