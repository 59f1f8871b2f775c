"""The admin site in pantau's own sign-in: no second, differently branded login form."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _


class PantauAdminSite(admin.AdminSite):
    site_header = _("pantau administration")
    site_title = "pantau"
    index_title = _("Registry and logins")

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """Signed in without admin rights: refused in the site's layout; not signed in:
        pantau's sign-in page, then back here."""
        if request.user.is_authenticated:
            raise PermissionDenied("admin")
        return redirect_to_login(request.GET.get("next") or request.get_full_path())
