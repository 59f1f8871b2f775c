"""The intake app."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "pantau.web.intake"
    label = "intake"
    verbose_name = _("Intake")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from pantau.web.audit.trail import register
        from pantau.web.intake.models import Evidence, Message, Report

        register(Report, exclude=("receipt_digest", "finding"))
        register(Evidence)
        register(Message)
