"""What reviewers leave besides their decisions: their content judgements, kept as feedback
for the classifier (`pantau review feedback` writes them in `pantau classify feedback`'s
format)."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from pantau.domain.access import Action
from pantau.web.access.relations import Relations


class ContentJudgement(models.Model):
    """A person's judgement of a text: the conduct codes that apply (none: an empty list)."""

    report = models.ForeignKey("intake.Report", on_delete=models.CASCADE,
                               related_name="judgements")
    text = models.TextField()
    codes = models.JSONField(default=list)
    reviewer = models.CharField(max_length=150)
    at = models.DateTimeField()

    scoped_by = Relations(agencies=("report__agency_id",), requires=Action.REVIEW)

    class Meta:
        ordering: ClassVar[list[str]] = ["at", "pk"]
        verbose_name = _("content judgement")
        verbose_name_plural = _("content judgements")
