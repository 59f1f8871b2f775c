"""Bulk import of activities and SP4N-LAPOR! complaints into the review queue.

Preview first (pantau.importing.activities: row, column and fix for each problem), then
confirm. Confirming writes each row in its own transaction and skips rows already imported
(same agency, source and external id: a LAPOR! tracking number is one complaint), so an import
cut short loses nothing already written and running it again completes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction

from pantau.domain.intake import Source
from pantau.importing.activities import ActivityRecord, preview_activities, preview_lapor
from pantau.importing.preview import ImportPreview
from pantau.web.intake import matters
from pantau.web.intake.models import Report
from pantau.web.intake.services import event


@dataclass(frozen=True)
class Imported:
    created: int
    skipped: int


def preview(source: Source, data: bytes, filename: str, agency: str
            ) -> ImportPreview[ActivityRecord]:
    """The file's rows, within the import limits of the settings (size, rows, columns,
    unpacked size), as registry imports."""
    from pantau.web.registry.importer import configured_limits, too_big

    refused = too_big(data, filename, "activities")
    if refused is not None:
        return refused
    if source is Source.LAPOR:
        return preview_lapor(data, filename, agency, configured_limits())
    return preview_activities(data, filename, agency, configured_limits())


def _report(record: ActivityRecord, source: Source, agency: str, filed_by: Any) -> Report:
    activity = record.activity
    ended = activity.get("ended_at")
    signals = dict(activity.get("signals") or {})
    if activity.get("account_type"):
        signals["account_type"] = activity["account_type"]
    employee = activity.get("employee") or {}
    return Report.objects.create(
        agency_id=agency, source=source.value, external_id=record.external_id,
        kind=activity["kind"], links=list(record.links),
        platform=activity.get("platform") or "", account=activity.get("account") or "",
        happened_at=datetime.fromisoformat(activity["started_at"]),
        happened_until=datetime.fromisoformat(ended) if ended else None,
        who=employee.get("nip") or employee.get("name") or "",
        description=record.description, text=activity.get("text") or "", signals=signals,
        filed_by=filed_by,
    )


def confirm(found: ImportPreview[ActivityRecord], source: Source, agency: str, actor: Any,
            now: datetime) -> Imported:
    """Write every valid row not imported before; each row is checked like any report."""
    from pantau.web.review.checking import check

    known = set(Report.objects.filter(agency_id=agency, source=source.value)
                .values_list("external_id", flat=True))
    created = skipped = 0
    for record in found.records:
        if record.external_id in known:
            skipped += 1
            continue
        try:
            with transaction.atomic():
                report = _report(record, source, agency, actor)
                matters.group(report)
                event(report, now, actor.get_username(), "imported", source=source.value,
                      external_id=record.external_id)
                check(report, now)
        except IntegrityError:  # imported meanwhile by another run
            skipped += 1
            continue
        known.add(record.external_id)
        created += 1
    return Imported(created, skipped)


__all__ = ["Imported", "confirm", "preview"]
