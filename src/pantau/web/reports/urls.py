"""Routes of the reports app."""

from __future__ import annotations

from django.urls import URLPattern, path

from pantau.web.reports import report_views, views

urlpatterns: list[URLPattern] = [
    path("", views.home, name="home"),
    path("dashboard.json", views.home, {"fmt": "json"}, name="home-json"),
    path("reports/", report_views.report, name="report"),
    path("reports/report.json", report_views.report, {"fmt": "json"}, name="report-json"),
    path("reports/report.csv", report_views.report_export, {"kind": "csv"}, name="report-csv"),
    path("reports/report.xlsx", report_views.report_export, {"kind": "xlsx"},
         name="report-xlsx"),
    path("reports/monthly.docx", report_views.monthly_report, {"kind": "docx"},
         name="report-monthly-docx"),
    path("reports/monthly.pdf", report_views.monthly_report, {"kind": "pdf"},
         name="report-monthly-pdf"),
    path("transparansi/<slug:agency>/", report_views.transparency, name="transparency"),
    path("transparansi/<slug:agency>.json", report_views.transparency, {"fmt": "json"},
         name="transparency-json"),
]
