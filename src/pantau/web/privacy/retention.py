"""Retention (UU PDP Pasal 16 ayat 2, Pasal 42-45): what is past its period on a date, and
removing or anonymising it so that the audit chain stays verifiable.

    plan(as_of)                          # what would go, per category (ids, no personal data)
    run(as_of, actor, progress=...)      # do it; every removal is itself an audit entry

Per category (periods in src/pantau/privacy/retention.yaml):
- complainant_contact: the contact name and contact of a decided report are blanked.
- dismissed_report: what was told (who, unit, description, text, links, account), the contact,
  the decision note, the employee and superior named, the finding, the messages and the
  reviewers' content judgements are removed; the evidence files are deleted (hashes kept).
  The row stays with agency, source, kind, dates, status, reason and conduct codes; the links
  that grouped its matter go once every report of the matter is anonymised.
- closed_case_evidence: the evidence files of a closed case are deleted; SHA-256, size and
  type stay. The case, its steps and letters stay (personnel file, PP 94/2021 Pasal 39).
- access_log, evidence_reads: rows older than the period are deleted.

Changes are made with queryset updates, so the audit trail's signals do not copy the removed
values into new entries; instead the removed values are blanked in the earlier entries that
hold them (pantau.web.audit.redaction) and one `retention` entry per record (per agency for
the logs) records what was removed, the kept hashes and the redacted entries' new digests.
A second run on the same date finds nothing: every treated row is marked or gone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import models
from django.db.models import Max, Q
from django.utils import timezone

from pantau.domain.intake import Status
from pantau.domain.retention import Category, RetentionRule, RetentionSchedule
from pantau.rules.retention import load_schedule
from pantau.web.audit import chain
from pantau.web.audit.models import AccessEntry
from pantau.web.audit.redaction import blank_in_trail, delete_rows, retention_session
from pantau.web.cases.models import Case
from pantau.web.intake.models import (
    Evidence,
    EvidenceRead,
    MatterKey,
    Message,
    Report,
    ReportEvent,
)
from pantau.web.intake.storage import evidence_storage
from pantau.web.review.models import ContentJudgement

Progress = Callable[[Category, int, int], None]  # category, done, total
CONTACT_FIELDS = ("contact_name", "contact")
TOLD_FIELDS = ("who", "unit_hint", "description", "text", "account", "decision_note",
               "matched_by")
REFERENCE_FIELDS = ("employee_id", "superior_id", "filed_by_id")
# what else points at the complainant or the person: a LAPOR! ticket, the signals observed
IDENTIFYING_FIELDS = ("external_id", "signals")
LOGS = (Category.ACCESS_LOG, Category.EVIDENCE_READS)
CHUNK = 2000


@dataclass(frozen=True)
class Due:
    """What one category holds past its period on `as_of`."""

    rule: RetentionRule
    as_of: date
    cutoff: date
    count: int
    ids: tuple[int, ...]  # the rows (for the logs: none; see first_id and last_id)
    first_id: int | None
    last_id: int | None

    def to_json(self) -> dict[str, Any]:
        return {
            "category": self.rule.category.value, "treatment": self.rule.treatment.value,
            "period": self.rule.period.describe(), "counted_from": self.rule.counted_from,
            "cutoff": self.cutoff.isoformat(), "count": self.count, "ids": list(self.ids),
            "first_id": self.first_id, "last_id": self.last_id,
        }


def _start_of_day_after(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0), timezone.get_current_timezone())


def _closed_cases(rule: RetentionRule, cutoff: date) -> models.QuerySet[Case]:
    cases = Case.objects.filter(stage__in=rule.stages).annotate(closed_on=Max("events__on"))
    return cases.filter(closed_on__lte=cutoff)


def candidates(rule: RetentionRule, as_of: date,
               agencies: Iterable[str] | None = None) -> models.QuerySet[Any]:
    """The rows of `rule`'s category past their period on `as_of` and not yet treated."""
    cutoff = rule.cutoff(as_of)
    before = _start_of_day_after(cutoff)
    decided = Q(decided_at__isnull=False, decided_at__lt=before)
    category = rule.category
    rows: models.QuerySet[Any]
    if category is Category.COMPLAINANT_CONTACT:
        rows = Report.objects.filter(decided, status__in=[Status.CONFIRMED, Status.DISMISSED])
        rows = rows.filter(Q(contact__gt="") | Q(contact_name__gt=""))
        path = "agency_id"
    elif category is Category.DISMISSED_REPORT:
        rows = Report.objects.filter(decided, status=Status.DISMISSED, anonymised_at__isnull=True)
        path = "agency_id"
    elif category is Category.CLOSED_CASE_EVIDENCE:
        cases = _closed_cases(rule, cutoff).values("pk")
        rows = Evidence.objects.filter(removed_at__isnull=True,
                                       report__case_finding__case__in=cases)
        path = "report__agency_id"
    elif category is Category.ACCESS_LOG:
        rows, path = AccessEntry.objects.filter(at__lt=before), "agency_id"
    else:
        rows = EvidenceRead.objects.filter(at__lt=before)
        path = "evidence__report__agency_id"
    if agencies is not None:
        rows = rows.filter(**{f"{path}__in": list(agencies)})
    return rows.order_by("pk")


def due(rule: RetentionRule, as_of: date, agencies: Iterable[str] | None = None) -> Due:
    rows = candidates(rule, as_of, agencies)
    ids = () if rule.category in LOGS else tuple(rows.values_list("pk", flat=True))
    span = rows.aggregate(first=models.Min("pk"), last=models.Max("pk"), count=models.Count("pk"))
    return Due(rule, as_of, rule.cutoff(as_of), span["count"], ids, span["first"], span["last"])


def plan(as_of: date, agencies: Iterable[str] | None = None,
         schedule: RetentionSchedule | None = None) -> list[Due]:
    """What `run` would remove or anonymise on `as_of`, category by category."""
    schedule = schedule or load_schedule()
    chosen = None if agencies is None else tuple(agencies)
    return [due(rule, as_of, chosen) for rule in schedule.rules]


# ----- treatments ----------------------------------------------------------------------------
def _record(now: datetime, actor: str, agency: str, instance: models.Model, rule: RetentionRule,
            as_of: date, schedule: str, detail: dict[str, Any]) -> None:
    label = instance._meta.label_lower
    chain.append(
        at=now, actor=actor, agency_id=agency, action=chain.RETENTION, model=label,
        object_pk=str(instance.pk), object_repr=f"{instance._meta.object_name} #{instance.pk}",
        before=None, names={},
        after={"category": rule.category.value, "treatment": rule.treatment.value,
               "as_of": as_of.isoformat(), "schedule": schedule} | detail,
    )


def _remove_file(evidence: Evidence, now: datetime) -> list[dict[str, Any]]:
    """Delete an evidence file (unless another live record holds the same content) and its
    poster; keep its SHA-256, size and type. The redacted trail entries."""
    storage = evidence_storage()
    for field in ("file", "poster"):
        name = str(getattr(evidence, field).name or "")
        shared = Evidence.objects.filter(removed_at__isnull=True).filter(
            Q(file=name) | Q(poster=name)).exclude(pk=evidence.pk).exists()
        if name and not shared and storage.exists(name):
            storage.delete(name)
    Evidence.objects.filter(pk=evidence.pk).update(file="", poster="", original_name="",
                                                   added_by="", removed_at=now)
    return blank_in_trail(Evidence, evidence.pk, frozenset({"original_name", "added_by"}))


def _evidence(evidence: Evidence, rule: RetentionRule, ctx: _Context) -> None:
    redacted = _remove_file(evidence, ctx.now)
    _record(ctx.now, ctx.actor, evidence.report.agency_id, evidence, rule, ctx.as_of,
            ctx.schedule, {"removed": ["file", "poster", "original_name", "added_by"],
                           "kept": {"sha256": evidence.sha256, "size": evidence.size},
                           "redacted": redacted})


def _contact(report: Report, rule: RetentionRule, ctx: _Context) -> None:
    Report.objects.filter(pk=report.pk).update(contact_name="", contact="")
    redacted = blank_in_trail(Report, report.pk, frozenset(CONTACT_FIELDS))
    _record(ctx.now, ctx.actor, report.agency_id, report, rule, ctx.as_of, ctx.schedule,
            {"removed": list(CONTACT_FIELDS), "redacted": redacted})


def _dismissed(report: Report, rule: RetentionRule, ctx: _Context) -> None:
    for evidence in report.evidence.filter(removed_at__isnull=True).select_related("report"):
        _evidence(evidence, rule, ctx)
    for message in Message.objects.filter(report=report):
        Message.objects.filter(pk=message.pk).update(text="", author="")
        redacted = blank_in_trail(Message, message.pk, frozenset({"text", "author"}))
        _record(ctx.now, ctx.actor, report.agency_id, message, rule, ctx.as_of, ctx.schedule,
                {"removed": ["text", "author"], "redacted": redacted})
    ReportEvent.objects.filter(report=report).update(detail={})
    ContentJudgement.objects.filter(report=report).delete()
    Report.objects.filter(pk=report.pk).update(
        **dict.fromkeys(TOLD_FIELDS + CONTACT_FIELDS + ("external_id",), ""), links=[],
        signals={}, finding=None, employee=None, superior=None, filed_by=None,
        anonymised_at=ctx.now)
    _forget_links(report)
    fields = frozenset(TOLD_FIELDS + CONTACT_FIELDS + REFERENCE_FIELDS + IDENTIFYING_FIELDS
                       + ("links",))
    redacted = blank_in_trail(Report, report.pk, fields)
    _record(ctx.now, ctx.actor, report.agency_id, report, rule, ctx.as_of, ctx.schedule,
            {"removed": sorted(fields | {"finding", "events", "messages", "judgements"}),
             "redacted": redacted})


def _forget_links(report: Report) -> None:
    """When every report of the matter is anonymised, the links that grouped them (the
    employee's post) go too; evidence hashes (`sha256:`) stay."""
    if report.matter_id is None:
        return
    others = Report.objects.filter(matter_id=report.matter_id, anonymised_at__isnull=True)
    if not others.exclude(pk=report.pk).exists():
        MatterKey.objects.filter(matter_id=report.matter_id).exclude(
            key__startswith="sha256:").delete()


@dataclass(frozen=True)
class _Context:
    as_of: date
    now: datetime
    actor: str
    schedule: str


TREAT: dict[Category, Callable[[Any, RetentionRule, _Context], None]] = {
    Category.COMPLAINANT_CONTACT: _contact,
    Category.DISMISSED_REPORT: _dismissed,
    Category.CLOSED_CASE_EVIDENCE: _evidence,
}


def _purge(rows: models.QuerySet[Any], rule: RetentionRule, ctx: _Context,
           path: str, progress: Progress) -> int:
    """Delete a log's rows in chunks, one retention entry per agency and chunk."""
    total, done = rows.count(), 0
    while True:
        chunk = list(rows.values_list("pk", path)[:CHUNK])
        if not chunk:
            return done
        with retention_session():
            by_agency: dict[str, list[int]] = {}
            for pk, agency in chunk:
                by_agency.setdefault(agency or "", []).append(pk)
            delete_rows(rows.model._base_manager.filter(pk__in=[pk for pk, _ in chunk]))
            for agency, pks in by_agency.items():
                chain.append(
                    at=ctx.now, actor=ctx.actor, agency_id=agency, action=chain.RETENTION,
                    model=rows.model._meta.label_lower, object_pk="",
                    object_repr=str(rows.model._meta.verbose_name_plural), before=None,
                    names={}, after={"category": rule.category.value, "treatment":
                                     rule.treatment.value, "as_of": ctx.as_of.isoformat(),
                                     "schedule": ctx.schedule, "deleted": len(pks),
                                     "first_id": min(pks), "last_id": max(pks)})
        done += len(chunk)
        progress(rule.category, done, total)


def run(as_of: date, actor: str, agencies: Iterable[str] | None = None,
        progress: Progress | None = None, now: datetime | None = None,
        schedule: RetentionSchedule | None = None) -> dict[str, int]:
    """Remove or anonymise everything past its period on `as_of`; how many rows each
    category treated. Each record is treated in a transaction of its own (with its audit
    entry), so a run cut short keeps what it did and the next run completes it."""
    schedule = schedule or load_schedule()
    chosen = None if agencies is None else tuple(agencies)
    ctx = _Context(as_of, now or timezone.now(), actor, schedule.id)
    report = progress or (lambda category, done, total: None)
    counts: dict[str, int] = {}
    for rule in schedule.rules:
        rows = candidates(rule, as_of, chosen)
        if rule.category in LOGS:
            path = "agency_id" if rule.category is Category.ACCESS_LOG else \
                "evidence__report__agency_id"
            counts[rule.category.value] = _purge(rows, rule, ctx, path, report)
            continue
        total, done = rows.count(), 0
        for pk in list(rows.values_list("pk", flat=True)):
            record = rows.model._default_manager.select_related().get(pk=pk)
            with retention_session():
                TREAT[rule.category](record, rule, ctx)
            done += 1
            report(rule.category, done, total)
        counts[rule.category.value] = done
    return counts


__all__ = ["Due", "candidates", "due", "plan", "run"]
