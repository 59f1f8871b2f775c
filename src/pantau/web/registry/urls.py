"""Routes of the registry app: each page and its JSON twin, and the import pages."""

from __future__ import annotations

from django.urls import URLPattern, path

from pantau.web.registry.views import calendar, imports, pages
from pantau.web.routes import twin

urlpatterns: list[URLPattern] = [
    *twin("agencies", pages.agency_list, "agency-list"),
    *twin("agencies/<slug:pk>", pages.agency_detail, "agency-detail"),
    *twin("agencies/<slug:pk>/calendar", calendar.agency_calendar, "agency-calendar"),
    *twin("units", pages.unit_list, "unit-list"),
    *twin("units/<int:pk>", pages.unit_detail, "unit-detail"),
    *twin("employees", pages.employee_list, "employee-list"),
    *twin("employees/<int:pk>", pages.employee_detail, "employee-detail"),
    path("import/", imports.upload, name="import-upload"),
    path("import/preview/", imports.preview, name="import-preview"),
    *twin("import/<uuid:pk>", imports.job_page, "import-job"),
    path("import/<uuid:pk>/confirm/", imports.confirm, name="import-confirm"),
]
