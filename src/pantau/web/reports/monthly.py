"""The monthly report for the regional head: its DOCX (pantau.documents.monthly) on the
agency's letterhead, and its PDF made by LibreOffice on the task worker, like the case letters.

The page asks for the PDF; the worker makes it and keeps it in the cache for PDF_SECONDS under
a key of the agency, unit, month and day; until it is there the page says it is being made.
Nothing is stored in the database: the figures can always be made again."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from django.core.cache import cache
from django.utils import translation

from pantau.documents.monthly import monthly_docx
from pantau.documents.render import letterhead
from pantau.domain.reporting import parse_period
from pantau.web.access.scope import Scope
from pantau.web.reports import compare
from pantau.web.reports.area import Area, area_for

PDF_SECONDS = 600


def docx(area: Area, month_label: str, today: date) -> bytes:
    """The monthly report as DOCX, in Indonesian."""
    with translation.override("id"):
        data = compare.report(area, parse_period(month_label), today, "id")
    head = letterhead(area.agency.pk, area.agency.name)
    return monthly_docx(data, head, today)


def key(agency_id: str, unit_code: str, month_label: str, today: date) -> str:
    text = "|".join((agency_id, unit_code, month_label, today.isoformat()))
    return "pantau:monthly:" + hashlib.sha256(text.encode()).hexdigest()


def made(agency_id: str, unit_code: str, month_label: str, today: date) -> dict[str, Any] | None:
    """What the worker left: {"pdf": bytes} or {"error": text}; None while it is being made."""
    found = cache.get(key(agency_id, unit_code, month_label, today))
    return found if isinstance(found, dict) else None


def ask(agency_id: str, unit_code: str, month_label: str, today: date) -> None:
    """Queue the PDF unless it is queued already (once per PDF_SECONDS)."""
    from pantau.web.reports.tasks import monthly_pdf

    if cache.add(key(agency_id, unit_code, month_label, today) + ":asked", True, PDF_SECONDS):
        monthly_pdf.enqueue(agency_id, unit_code, month_label, today.isoformat())


def area_of(agency_id: str, unit_code: str) -> Area:
    """The area on the worker: the page has checked the reader may see it."""
    return area_for(Scope(superuser=True), agency_id, unit_code)


__all__ = ["PDF_SECONDS", "area_of", "ask", "docx", "key", "made"]
