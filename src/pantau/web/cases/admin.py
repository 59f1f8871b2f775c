"""Cases in the admin site: to look up, scoped like every page, never to edit. A step is
recorded only through the case page, where the state machine checks it and makes its letters."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from pantau.web.access.admin import ScopedAdmin
from pantau.web.cases.models import Case, Document, Event, RecordStatement


class ReadOnlyAdmin(ScopedAdmin):
    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ("number", "employee", "agency", "stage", "next_due", "decided")
    search_fields = ("number", "employee__name")
    list_filter = ("agency", "stage", "overdue")


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ("case", "seq", "kind", "on", "recorded_by")
    list_filter = ("kind",)


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ("number", "kind", "case", "created_at", "pdf_sha256")
    search_fields = ("number",)


@admin.register(RecordStatement)
class RecordStatementAdmin(ReadOnlyAdmin):
    list_display = ("number", "employee", "on", "purpose", "created_at", "pdf_sha256")
    search_fields = ("number", "employee__name")
