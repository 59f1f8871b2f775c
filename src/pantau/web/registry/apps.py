"""The registry app: agencies, units, employees, their accounts, leave, surat tugas, rosters."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "pantau.web.registry"
    label = "registry"
    verbose_name = _("Registry")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from pantau.web.audit.trail import register
        from pantau.web.registry import models

        for model in (models.Agency, models.Unit, models.Employee, models.Account, models.Leave,
                      models.Assignment, models.Shift):
            register(model)
