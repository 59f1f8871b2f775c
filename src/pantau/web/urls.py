"""The project only assembles the apps: each owns its routes (`<app>/urls.py`) and its API
router. Each list page answers `.json` (and `?format=json`) with its JSON twin."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path

from pantau.web import errors
from pantau.web.api import api


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns: list[URLPattern | URLResolver] = [
    path("healthz", healthz, name="healthz"),
    path("", include("pantau.web.reports.urls")),
    path("", include("pantau.web.access.urls")),
    path("", include("pantau.web.registry.urls")),
    path("", include("pantau.web.audit.urls")),
    path("", include("pantau.web.intake.urls")),
    path("", include("pantau.web.review.urls")),
    path("", include("pantau.web.cases.urls")),
    path("", include("pantau.web.privacy.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]

handler400 = errors.bad_request
handler403 = errors.forbidden
handler404 = errors.not_found
handler500 = errors.server_error
