"""Routes of the intake app: the public complaint pages and monitors' reports."""

from __future__ import annotations

from django.urls import URLPattern, path

from pantau.web.intake import views
from pantau.web.routes import twin

urlpatterns: list[URLPattern] = [
    path("lapor/", views.complaint, name="complaint"),
    path("lapor/terima/", views.receipt, name="complaint-receipt"),
    path("lapor/status/", views.status, name="complaint-status"),
    path("laporan/baru/", views.new_report, name="report-new"),
    *twin("laporan", views.my_reports, "report-mine"),
]
