"""The review queue of a reader's scope: BKPSDM the agency, a unit head their units (reports
about their employees), a monitor what they filed. Sorted by severity, age or classifier
score; filtered by status, conduct, unit, source. A page costs the same few queries however
long the queue is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import QueryDict

from pantau.domain.access import Action
from pantau.domain.intake import OPEN, Source, Status
from pantau.web.access.scope import Scope
from pantau.web.intake.models import Report
from pantau.web.pages import search_text, whole_number

SORTS = {
    "severity": ("-severity", "created_at", "pk"),
    "age": ("created_at", "pk"),
    "newest": ("-created_at", "-pk"),
    "score": ("-classifier_score", "-severity", "created_at", "pk"),
}


@dataclass(frozen=True)
class QueueQuery:
    """What the reader asked the queue for."""

    status: str = "open"
    conduct: str = ""
    unit: str = ""
    source: str = ""
    sort: str = "severity"
    text: str = ""

    @classmethod
    def parse(cls, query: QueryDict) -> QueueQuery:
        def pick(name: str, allowed: set[str], default: str) -> str:
            value = search_text(query.get(name, ""))
            return value if value in allowed or (not allowed and value) else default

        statuses = {"open", "all", *(s.value for s in Status)}
        return cls(
            status=pick("status", statuses, "open"),
            conduct=search_text(query.get("conduct", ""))[:60],
            unit=search_text(query.get("unit", ""))[:64],
            source=pick("source", {s.value for s in Source}, ""),
            sort=pick("sort", set(SORTS), "severity"),
            text=search_text(query.get("q", "")),
        )

    def filters(self) -> dict[str, str]:
        found = {"status": self.status, "conduct": self.conduct, "unit": self.unit,
                 "source": self.source}
        return {key: value for key, value in found.items() if value and value != "open"}


def queue(scope: Scope, wanted: QueueQuery) -> QuerySet[Report]:
    """The reports the reader may review (or filed), as asked."""
    rows = scope.filter(Report.objects.all(), Action.REVIEW)
    if wanted.status == "open":
        rows = rows.filter(status__in=[s.value for s in OPEN])
    elif wanted.status != "all":
        rows = rows.filter(status=wanted.status)
    if wanted.conduct:
        rows = rows.filter(conducts__contains=wanted.conduct)
    if wanted.unit:
        rows = rows.filter(employee__unit__code=wanted.unit)
    if wanted.source:
        rows = rows.filter(source=wanted.source)
    if wanted.text:
        rows = rows.filter(_text(wanted.text))
    return rows.select_related("employee__unit", "agency").order_by(*SORTS[wanted.sort])


def _text(text: str) -> Any:
    from django.db.models import Q

    condition = Q(who__icontains=text) | Q(account__icontains=text) | Q(
        description__icontains=text) | Q(employee__name__icontains=text)
    if text.isdigit():
        condition |= Q(external_id=text)
        number = whole_number(text)
        if number is not None:
            condition |= Q(pk=number)
    return condition


__all__ = ["SORTS", "QueueQuery", "queue"]
