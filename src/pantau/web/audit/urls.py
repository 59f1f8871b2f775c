"""Routes of the audit app: each page and its JSON twin."""

from __future__ import annotations

from django.urls import URLPattern

from pantau.web.audit import views
from pantau.web.routes import twin

urlpatterns: list[URLPattern] = [
    *twin("audit", views.audit_list, "audit-list"),
    *twin("audit/verify", views.verify, "audit-verify"),
    *twin("access", views.access_list, "access-list"),
]
