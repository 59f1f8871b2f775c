"""What reaches pantau: reports (complaints, monitor reports, imported activities, LAPOR!
complaints), grouped into matters, with their evidence and the messages with a complainant.

A report is checked by the same engine as `pantau check --registry`; its finding is stored as
the durable `Finding` (JSON), with the law's versions used, and checked again when they change.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pantau.domain.access import Action
from pantau.domain.activities import ActivityKind
from pantau.domain.intake import DismissalReason, Source, Status
from pantau.web.access.relations import Relations
from pantau.web.audit.models import AppendOnly
from pantau.web.intake.storage import evidence_storage
from pantau.web.labels import choices

REPORT_RELATIONS = Relations(
    agencies=("agency_id",),
    units=("employee__unit_id",),
    requires=Action.REVIEW,
    creator="filed_by_id",
)


class Matter(models.Model):
    """Reports about the same post: the same link, or the same evidence file."""

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT,
                               verbose_name=_("agency"))
    created_at = models.DateTimeField(auto_now_add=True)

    scoped_by = Relations(agencies=("agency_id",), requires=Action.REVIEW)

    class Meta:
        verbose_name = _("matter")
        verbose_name_plural = _("matters")

    def __str__(self) -> str:
        return f"#{self.pk}"


class MatterKey(models.Model):
    """One thing that identifies a matter in an agency: a normalised link, or
    `sha256:<digest>` of an evidence file."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="keys")
    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT)
    key = models.CharField(max_length=600)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["agency", "key"], name="matter_key_per_agency"),
        ]


class Report(models.Model):
    """One complaint or report: what happened, who it may be, what was observed, its
    finding, and where it stands in review."""

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT,
                               related_name="reports", verbose_name=_("agency"))
    source = models.CharField(max_length=10, choices=choices(Source), verbose_name=_("source"))
    status = models.CharField(max_length=12, choices=choices(Status),
                              default=Status.RECEIVED.value, verbose_name=_("status"))
    matter = models.ForeignKey(Matter, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="reports", verbose_name=_("matter"))
    receipt_digest = models.CharField(max_length=64, blank=True, db_index=True)
    external_id = models.CharField(max_length=120, blank=True, verbose_name=_("external id"))
    # what happened
    kind = models.CharField(max_length=10, choices=choices(ActivityKind),
                            default=ActivityKind.VIDEO.value, verbose_name=_("kind"))
    links = models.JSONField(default=list, blank=True, verbose_name=_("links"))
    platform = models.CharField(max_length=30, blank=True, verbose_name=_("platform"))
    account = models.CharField(max_length=200, blank=True, verbose_name=_("account"))
    happened_at = models.DateTimeField(verbose_name=_("when it happened"))
    happened_until = models.DateTimeField(null=True, blank=True, verbose_name=_("until"))
    who = models.CharField(max_length=300, blank=True, verbose_name=_("who, as told"))
    unit_hint = models.CharField(max_length=300, blank=True, verbose_name=_("unit, as told"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    text = models.TextField(blank=True, verbose_name=_("caption, comment or transcript"))
    signals = models.JSONField(default=dict, blank=True, verbose_name=_("signals"))
    # who filed it
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                 null=True, blank=True, related_name="filed_reports",
                                 verbose_name=_("filed by"))
    contact_name = models.CharField(max_length=200, blank=True, verbose_name=_("contact name"))
    contact = models.CharField(max_length=200, blank=True, verbose_name=_("contact"))
    contact_consent_at = models.DateTimeField(null=True, blank=True,
                                              verbose_name=_("consent given at"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("received"))
    # identification, finding, review
    employee = models.ForeignKey("registry.Employee", on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="reports", verbose_name=_("employee"))
    matched_by = models.CharField(max_length=20, blank=True, verbose_name=_("identified by"))
    finding = models.JSONField(null=True, blank=True, verbose_name=_("finding"))
    verdict = models.CharField(max_length=15, blank=True, verbose_name=_("verdict"))
    conducts = models.CharField(max_length=400, blank=True, verbose_name=_("conduct codes"))
    severity = models.PositiveSmallIntegerField(default=0, verbose_name=_("severity"))
    classifier_score = models.FloatField(default=0.0, verbose_name=_("classifier score"))
    law_versions = models.CharField(max_length=80, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True, verbose_name=_("checked at"))
    check_error = models.CharField(max_length=500, blank=True, verbose_name=_("check error"))
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="assigned_reports",
                                    verbose_name=_("reviewer"))
    claimed_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="decided_reports",
                                   verbose_name=_("decided by"))
    decided_at = models.DateTimeField(null=True, blank=True, verbose_name=_("decided at"))
    dismissal_reason = models.CharField(max_length=30, blank=True,
                                        choices=choices(DismissalReason),
                                        verbose_name=_("dismissal reason"))
    decision_note = models.TextField(blank=True, verbose_name=_("decision note"))
    superior = models.ForeignKey("registry.Employee", on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="+", verbose_name=_("superior told"))
    superior_told_at = models.DateTimeField(null=True, blank=True,
                                            verbose_name=_("superior knows since"))
    anonymised_at = models.DateTimeField(null=True, blank=True,
                                         verbose_name=_("anonymised (retention) at"))

    scoped_by = REPORT_RELATIONS

    class Meta:
        ordering: ClassVar[list[str]] = ["-severity", "created_at", "pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes: ClassVar[list[Any]] = [
            models.Index(fields=["agency", "status", "-severity", "created_at"],
                         name="report_queue"),
            models.Index(fields=["agency", "source", "external_id"], name="report_external"),
        ]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["agency", "source", "external_id"],
                                    condition=~models.Q(external_id=""),
                                    name="report_external_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} #{self.pk}"


class Evidence(models.Model):
    """A file as received: never altered, stored under its SHA-256, verified on every read."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="evidence",
                               verbose_name=_("report"))
    file = models.FileField(storage=evidence_storage, max_length=300, verbose_name=_("file"))
    sha256 = models.CharField(max_length=64, db_index=True, verbose_name="SHA-256")
    size = models.PositiveBigIntegerField(verbose_name=_("size (bytes)"))
    content_type = models.CharField(max_length=100, verbose_name=_("type"))
    original_name = models.CharField(max_length=200, blank=True, verbose_name=_("file name"))
    added_by = models.CharField(max_length=150, verbose_name=_("added by"))
    added_at = models.DateTimeField(auto_now_add=True, verbose_name=_("added at"))
    poster = models.FileField(storage=evidence_storage, max_length=300, blank=True,
                              verbose_name=_("poster frame"))
    flagged = models.BooleanField(default=False, verbose_name=_("hash mismatch found"))
    removed_at = models.DateTimeField(null=True, blank=True,
                                      verbose_name=_("file removed (retention) at"))

    scoped_by = Relations(
        agencies=("report__agency_id",), units=("report__employee__unit_id",),
        requires=Action.REVIEW, creator="report__filed_by_id",
    )

    class Meta:
        ordering: ClassVar[list[str]] = ["added_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return f"{self.original_name or self.sha256[:12]} ({self.content_type})"


class EvidenceRead(AppendOnly):
    """One reading of an evidence file: who, when, and whether its hash still matched."""

    evidence = models.ForeignKey(Evidence, on_delete=models.PROTECT, related_name="reads")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.CharField(max_length=150)
    intact = models.BooleanField()

    scoped_by = Relations(agencies=("evidence__report__agency_id",), requires=Action.VIEW_AUDIT)

    class Meta:
        ordering: ClassVar[list[str]] = ["-at", "-id"]
        verbose_name = _("evidence read")
        verbose_name_plural = _("evidence reads")


class Message(models.Model):
    """A message on a report: to the complainant (shown on their status page) or from them."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    at = models.DateTimeField(auto_now_add=True, verbose_name=_("when"))
    from_complainant = models.BooleanField(default=False)
    author = models.CharField(max_length=150, blank=True)
    text = models.TextField(verbose_name=_("message"))

    scoped_by = Relations(
        agencies=("report__agency_id",), units=("report__employee__unit_id",),
        requires=Action.REVIEW, creator="report__filed_by_id",
    )

    class Meta:
        ordering: ClassVar[list[str]] = ["at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")


class ReportEvent(models.Model):
    """What happened to a report, in order: the timeline on its review page."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(verbose_name=_("when"))
    actor = models.CharField(max_length=150, verbose_name=_("who"))
    kind = models.CharField(max_length=30, verbose_name=_("what"))
    detail = models.JSONField(default=dict, blank=True)

    scoped_by = REPORT_RELATIONS.__class__(
        agencies=("report__agency_id",), units=("report__employee__unit_id",),
        requires=Action.REVIEW, creator="report__filed_by_id",
    )

    class Meta:
        ordering: ClassVar[list[str]] = ["at", "pk"]
        verbose_name = _("report event")
        verbose_name_plural = _("report events")
