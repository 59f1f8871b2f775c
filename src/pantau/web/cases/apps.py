"""The cases app."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "pantau.web.cases"
    label = "cases"
    verbose_name = _("Disciplinary cases")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from pantau.web.audit.trail import register
        from pantau.web.cases import models

        register(models.Case)
        register(models.CaseFinding)
        register(models.Event)
        register(models.Examination)
        register(models.TeamMember)
        register(models.Statement)
        register(models.Document)
        register(models.RecordStatement)
