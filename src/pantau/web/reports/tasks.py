"""Background work of the reports app: the monthly report's PDF, converted from its DOCX by
LibreOffice headless on the task worker and left in the cache for the page to hand out."""

from __future__ import annotations

import subprocess
from datetime import date

from django.core.cache import cache
from django_tasks import task

from pantau.documents.render import DocumentError, to_pdf
from pantau.web.reports.monthly import PDF_SECONDS, area_of, docx, key


@task()
def monthly_pdf(agency_id: str, unit_code: str, month_label: str, today: str) -> str:
    """Make the PDF; its cache key, or "" when it failed (the error is cached instead)."""
    day = date.fromisoformat(today)
    where = key(agency_id, unit_code, month_label, day)
    try:
        content = to_pdf(docx(area_of(agency_id, unit_code), month_label, day))
    except (DocumentError, subprocess.SubprocessError, OSError) as error:
        cache.set(where, {"error": str(error)[:300]}, PDF_SECONDS)
        return ""
    cache.set(where, {"pdf": content}, PDF_SECONDS)
    return where


__all__ = ["monthly_pdf"]
