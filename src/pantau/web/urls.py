"""URLs. Each list page answers `.json` (and `?format=json`) with its JSON twin."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path

from pantau.web.api import api
from pantau.web.registry.views import calendar, errors, imports, pages


def twin(route: str, view: Callable[..., HttpResponse], name: str) -> list[URLPattern]:
    """The page at `route/` and its JSON twin at `route.json`."""
    return [
        path(f"{route}/", view, name=name),
        path(f"{route}.json", view, {"fmt": "json"}, name=f"{name}-json"),
    ]


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns: list[URLPattern | URLResolver] = [
    path("", pages.home, name="home"),
    path("dashboard.json", pages.home, {"fmt": "json"}, name="home-json"),
    path("healthz", healthz, name="healthz"),
    path("me.json", pages.me, name="me"),
    *twin("agencies", pages.agency_list, "agency-list"),
    *twin("agencies/<slug:pk>", pages.agency_detail, "agency-detail"),
    *twin("agencies/<slug:pk>/calendar", calendar.agency_calendar, "agency-calendar"),
    *twin("units", pages.unit_list, "unit-list"),
    *twin("units/<int:pk>", pages.unit_detail, "unit-detail"),
    *twin("employees", pages.employee_list, "employee-list"),
    *twin("employees/<int:pk>", pages.employee_detail, "employee-detail"),
    *twin("audit", pages.audit_list, "audit-list"),
    *twin("access", pages.access_list, "access-list"),
    path("import/", imports.upload, name="import-upload"),
    path("import/preview/", imports.preview, name="import-preview"),
    path("import/confirm/", imports.confirm, name="import-confirm"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(template_name="pantau/login.html"),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]

handler400 = errors.bad_request
handler403 = errors.forbidden
handler404 = errors.not_found
handler500 = errors.server_error
