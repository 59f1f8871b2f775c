"""Routes of the reports app."""

from __future__ import annotations

from django.urls import URLPattern, path

from pantau.web.reports import views

urlpatterns: list[URLPattern] = [
    path("", views.home, name="home"),
    path("dashboard.json", views.home, {"fmt": "json"}, name="home-json"),
]
