"""What the dashboards show of cases: steps overdue today, superiors who have not summoned
(PP 94/2021 Pasal 28 sanctions a superior who does not act), and open cases by stage."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count
from django.urls import reverse

from pantau.domain.access import Action
from pantau.domain.procedure.progress import Stage
from pantau.rules.calendars import load_calendar
from pantau.web.access.scope import Scope
from pantau.web.cases.models import Case
from pantau.web.cases.present import STAGES
from pantau.web.cases.procedure import refresh
from pantau.web.charts import bars as chart

LISTED = 10


def _row(case: Case) -> dict[str, Any]:
    return {"id": case.pk, "number": case.number, "employee": case.employee.name,
            "unit": case.employee.unit.name, "url": reverse("case-detail", args=[case.pk]),
            "stage": case.stage, "stage_label": str(STAGES[Stage(case.stage)]),
            "due": case.next_due.isoformat() if case.next_due else None}


def attention(scope: Scope, today: date) -> dict[str, Any]:
    """Overdue steps, superiors who have not summoned, and open cases by stage (a chart)."""
    cases = scope.filter(Case.objects.exclude(stage=Stage.FINAL.value), Action.VIEW_CASES)
    refresh(cases, today)
    cases = cases.exclude(employee_id=scope.employee_id or 0).select_related(
        "employee__unit", "employee__superior")
    overdue = [_row(case) | {"late_working_days": load_calendar(case.agency_id)
                             .count_working_days(case.next_due or today, today)}
               for case in cases.filter(overdue=True).order_by("next_due")[:LISTED]]
    waiting = []
    for case in cases.filter(stage=Stage.REPORTED.value).order_by("opened_at")[:LISTED]:
        first = case.events.order_by("seq").first()
        since = first.on if first else case.opened_at.date()
        superior = case.employee.superior
        waiting.append(_row(case) | {
            "superior": superior.name if superior else None,
            "since": since.isoformat(),
            "working_days": load_calendar(case.agency_id).count_working_days(since, today)})
    counts = dict(cases.order_by().values_list("stage").annotate(n=Count("pk")))
    bars = [{"stage": stage.value, "label": str(label), "count": counts.get(stage.value, 0)}
            for stage, label in STAGES.items() if stage is not Stage.FINAL]
    return {"open": sum(counts.values()), "overdue": overdue, "not_summoned": waiting,
            "by_stage": chart(bars)}


def own_cases(scope: Scope) -> list[dict[str, Any]]:
    """The employee's own cases."""
    if scope.employee_id is None:
        return []
    rows = Case.objects.filter(employee_id=scope.employee_id).select_related("employee__unit")
    return [_row(case) for case in rows.order_by("-opened_at")]


__all__ = ["attention", "own_cases"]
