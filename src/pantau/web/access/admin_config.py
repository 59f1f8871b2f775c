"""Django's admin app with pantau's admin site (kept apart: it loads with the app registry)."""

from __future__ import annotations

from django.contrib.admin.apps import AdminConfig


class PantauAdminConfig(AdminConfig):
    default_site = "pantau.web.access.admin_site.PantauAdminSite"
