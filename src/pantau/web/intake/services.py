"""Filing: a complaint from the public or a report of a monitor becomes a `Report` with its
evidence, in one transaction (a refused upload keeps nothing), grouped into its matter,
identified and checked, with its first events on the timeline."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction

from pantau.domain.intake import Source
from pantau.web.intake import evidence, matters, receipts
from pantau.web.intake.models import Report, ReportEvent


@dataclass(frozen=True)
class Filing:
    """What a complainant or a monitor tells pantau."""

    agency_id: str
    source: Source
    happened_at: datetime
    happened_until: datetime | None = None
    kind: str = "video"
    links: Sequence[str] = ()
    platform: str = ""
    account: str = ""
    who: str = ""
    unit_hint: str = ""
    description: str = ""
    text: str = ""
    signals: dict[str, Any] = field(default_factory=dict)
    contact_name: str = ""
    contact: str = ""
    consent: bool = False
    external_id: str = ""


def event(report: Report, at: datetime, actor: str, kind: str, **detail: Any) -> ReportEvent:
    return ReportEvent.objects.create(report=report, at=at, actor=actor, kind=kind,
                                      detail=detail)


def file_report(filing: Filing, uploads: Sequence[Any], actor: str, now: datetime,
                filed_by: Any = None) -> tuple[Report, str]:
    """Keep a filing and its uploads; (the report, its receipt code: "" for signed-in filers).
    Raises EvidenceRefused (and keeps nothing) when an upload is refused."""
    from pantau.web.review.checking import check

    code, digest = receipts.new_receipt() if filing.source is Source.PUBLIC else ("", "")
    with transaction.atomic():
        report = Report.objects.create(
            agency_id=filing.agency_id, source=filing.source.value, receipt_digest=digest,
            external_id=filing.external_id, kind=filing.kind,
            links=[link.strip() for link in filing.links if link.strip()],
            platform=filing.platform, account=filing.account, happened_at=filing.happened_at,
            happened_until=filing.happened_until, who=filing.who, unit_hint=filing.unit_hint,
            description=filing.description, text=filing.text, signals=filing.signals,
            filed_by=filed_by, contact_name=filing.contact_name if filing.consent else "",
            contact=filing.contact if filing.consent else "",
            contact_consent_at=now if filing.consent and filing.contact else None,
        )
        kept = [evidence.store(report, upload, actor) for upload in uploads]
        matters.group(report, [item.sha256 for item in kept])
        event(report, now, actor, "filed", source=filing.source.value, files=len(kept))
        check(report, now)
        if report.employee_id:
            event(report, now, "system", "identified", by=report.matched_by)
    from pantau.web.review.tasks import poster_frames

    if any(item.content_type.startswith("video/") for item in kept):
        transaction.on_commit(lambda: poster_frames.enqueue(report.pk))
    return report, code


__all__ = ["Filing", "event", "file_report"]
