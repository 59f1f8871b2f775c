"""Routes of the privacy app: each page and its JSON twin."""

from __future__ import annotations

from django.urls import URLPattern

from pantau.web.privacy import views
from pantau.web.routes import twin

urlpatterns: list[URLPattern] = [
    *twin("privacy/retention", views.retention_report, "retention-report"),
    *twin("me/data", views.my_data_page, "my-data"),
]
