"""The whole demonstration: the registry of the five agencies and their logins
(pantau.web.registry.demo_load), then complaints and reports in every state
(pantau.web.intake.demo), then disciplinary cases at every stage (pantau.web.cases.demo),
loaded once into an empty database."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from pantau.web.audit.trail import acting_as
from pantau.web.cases.demo import load_cases_demo
from pantau.web.intake.demo import load_intake_demo
from pantau.web.registry.demo_load import ACTOR, logins_table
from pantau.web.registry.demo_load import load_demo_once as load_registry_once


def load_demo_once(today: date) -> list[tuple[str, str, str]] | None:
    """Load everything unless the registry already holds agencies: the demo complaints'
    receipt codes (agency, status, code), or None when the database was already loaded."""
    with transaction.atomic():
        if not load_registry_once(today):
            return None
        with acting_as(ACTOR):
            receipts = load_intake_demo(today)
            load_cases_demo(today)
            return receipts


__all__ = ["load_demo_once", "logins_table"]
