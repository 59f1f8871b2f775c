"""Storage of disciplinary cases: the case, the confirmed findings it judges, its recorded events
(the state machine of pantau.domain.procedure folds them), the examination and its BAP, the
team, third-party statements and the letters (DOCX, and the PDF archived with its SHA-256)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pantau.domain.access import Action
from pantau.web.access.relations import Relations
from pantau.web.intake.storage import evidence_storage

CASE_RELATIONS = Relations(
    agencies=("agency_id",), units=("employee__unit_id",), employee="employee_id",
    requires=Action.VIEW_CASES, personal=True,
)


def _via_case() -> Relations:
    return Relations(agencies=("case__agency_id",), units=("case__employee__unit_id",),
                     employee="case__employee_id", requires=Action.VIEW_CASES, personal=True)


class Case(models.Model):
    """One disciplinary case of one employee."""

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT,
                               related_name="cases", verbose_name=_("agency"))
    employee = models.ForeignKey("registry.Employee", on_delete=models.PROTECT,
                                 related_name="cases", verbose_name=_("employee"))
    number = models.CharField(max_length=40, verbose_name=_("case number"))
    opened_at = models.DateTimeField(verbose_name=_("opened"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, related_name="+", verbose_name=_("opened by"))
    employee_type = models.CharField(max_length=20, verbose_name=_("employee type"))
    position = models.CharField(max_length=20, blank=True, verbose_name=_("position level"))
    superior_post = models.CharField(max_length=20, blank=True,
                                     verbose_name=_("superior's post"))
    vacant = models.JSONField(default=list, blank=True, verbose_name=_("vacant posts"))
    regime = models.CharField(max_length=60, blank=True, verbose_name=_("regime"))
    stage = models.CharField(max_length=20, blank=True, verbose_name=_("stage"))
    next_due = models.DateField(null=True, blank=True, verbose_name=_("next deadline"))
    overdue = models.BooleanField(default=False, verbose_name=_("overdue"))
    flags = models.CharField(max_length=400, blank=True, verbose_name=_("flags"))
    decided = models.CharField(max_length=60, blank=True, verbose_name=_("sanction decided"))
    next_actors = models.CharField(max_length=300, blank=True, db_index=True,
                                   verbose_name=_("who acts next"))
    checked_on = models.DateField(null=True, blank=True, verbose_name=_("worked out on"))

    scoped_by = CASE_RELATIONS

    class Meta:
        ordering: ClassVar[list[str]] = ["-opened_at", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["agency", "number"], name="case_number_per_agency"),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.employee})"


class CaseFinding(models.Model):
    """A confirmed finding judged in a case: its assessed level and its nature (conduct)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="findings")
    report = models.OneToOneField("intake.Report", on_delete=models.PROTECT,
                                  related_name="case_finding", verbose_name=_("report"))
    level = models.CharField(max_length=10, verbose_name=_("level"))
    nature = models.CharField(max_length=60, verbose_name=_("nature"))

    scoped_by = _via_case()

    class Meta:
        verbose_name = _("finding in a case")
        verbose_name_plural = _("findings in cases")


class Event(models.Model):
    """One recorded step of a case (pantau.domain.procedure.events.CaseEvent as JSON)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    seq = models.PositiveIntegerField()
    kind = models.CharField(max_length=30, verbose_name=_("step"))
    on = models.DateField(verbose_name=_("date"))
    data = models.JSONField(default=dict)
    recorded_by = models.CharField(max_length=150, verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(verbose_name=_("recorded at"))

    scoped_by = _via_case()

    class Meta:
        ordering: ClassVar[list[str]] = ["seq"]
        verbose_name = _("case step")
        verbose_name_plural = _("case steps")
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["case", "seq"], name="case_event_order"),
        ]


class Examination(models.Model):
    """The examination: where and how it is held, its questions and answers (the BAP)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="examination")
    place = models.CharField(max_length=200, blank=True, verbose_name=_("place"))
    mode = models.CharField(max_length=20, default="langsung", verbose_name=_("held"))
    answers = models.JSONField(default=list, blank=True, verbose_name=_("questions and answers"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("saved at"))

    scoped_by = _via_case()

    class Meta:
        verbose_name = _("examination")
        verbose_name_plural = _("examinations")


class TeamMember(models.Model):
    """A member of the examination team (PP 94/2021 Pasal 29)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="team")
    employee = models.ForeignKey("registry.Employee", on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("member"))
    role = models.CharField(max_length=30, verbose_name=_("as"))

    scoped_by = _via_case()

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")


class Statement(models.Model):
    """A statement on a case: a third party's (Pasal 30) or the employee's own response."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="statements")
    author = models.CharField(max_length=200, verbose_name=_("from"))
    from_employee = models.BooleanField(default=False)
    text = models.TextField(verbose_name=_("statement"))
    at = models.DateTimeField(verbose_name=_("when"))

    scoped_by = _via_case()

    class Meta:
        ordering: ClassVar[list[str]] = ["at", "pk"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")


class Document(models.Model):
    """A letter of the case: its number, the template version and the context it was made
    from (so it re-renders exactly), the DOCX and the PDF with its SHA-256."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=60, verbose_name=_("letter"))
    version = models.PositiveSmallIntegerField(verbose_name=_("template version"))
    number = models.CharField(max_length=80, verbose_name=_("number"))
    context = models.JSONField(default=dict)
    docx = models.FileField(storage=evidence_storage, max_length=300)
    pdf = models.FileField(storage=evidence_storage, max_length=300, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True, verbose_name="SHA-256 (PDF)")
    pdf_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(verbose_name=_("made at"))
    created_by = models.CharField(max_length=150, verbose_name=_("made by"))

    scoped_by = _via_case()

    class Meta:
        ordering: ClassVar[list[str]] = ["created_at", "pk"]
        verbose_name = _("letter")
        verbose_name_plural = _("letters")


class RecordStatement(models.Model):
    """A clean-record statement (Surat Pernyataan Tidak Pernah Dijatuhi Hukuman Disiplin) issued
    for an employee on a date: its number, template version and context (so it re-renders
    exactly), the DOCX and the PDF with its SHA-256."""

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("agency"))
    employee = models.ForeignKey("registry.Employee", on_delete=models.PROTECT,
                                 related_name="record_statements", verbose_name=_("employee"))
    on = models.DateField(verbose_name=_("date"))
    purpose = models.CharField(max_length=200, blank=True, verbose_name=_("purpose"))
    kind = models.CharField(max_length=60, verbose_name=_("letter"))
    version = models.PositiveSmallIntegerField(verbose_name=_("template version"))
    number = models.CharField(max_length=80, verbose_name=_("number"))
    context = models.JSONField(default=dict)
    docx = models.FileField(storage=evidence_storage, max_length=300)
    pdf = models.FileField(storage=evidence_storage, max_length=300, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True, verbose_name="SHA-256 (PDF)")
    pdf_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(verbose_name=_("made at"))
    created_by = models.CharField(max_length=150, verbose_name=_("made by"))

    scoped_by = Relations(agencies=("agency_id",), units=("employee__unit_id",),
                          employee="employee_id", requires=Action.EXPORT_SIASN, personal=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-pk"]
        verbose_name = _("clean-record statement")
        verbose_name_plural = _("clean-record statements")


class LetterCounter(models.Model):
    """The running number of an agency's letters (or cases: `series`) in a year."""

    agency = models.ForeignKey("registry.Agency", on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField()
    series = models.CharField(max_length=10, default="letter")
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["agency", "year", "series"], name="letter_counter"),
        ]
