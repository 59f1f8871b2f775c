"""The access app."""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "pantau.web.access"
    label = "access"
    verbose_name = _("Access")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.models import User

        from pantau.web.access.models import Membership
        from pantau.web.audit.trail import register

        register(Membership)
        register(User, exclude=("password", "last_login"), agency=_first_agency)


def _first_agency(user: Any) -> str:
    found = user.memberships.order_by("pk").values_list("agency_id", flat=True).first()
    return str(found or "")
