"""Each role's work on its home page, beside the dashboard's counts.

- BKPSDM: the review queue (open reports by status, the oldest waiting, confirmed findings
  with no case yet) and the steps the personnel office must take;
- a unit head: the steps the superiors of their units must take, by when;
- the authorised official (PPK): the decisions waiting for them;
- a monitor: what they filed and where it stands;
- an employee: their own cases (`pantau.web.cases.attention.own_cases`).

Which steps belong to whom comes from the procedure's next steps (`CaseProgress.next_steps`,
whose actor and official the state machine resolves from the law data); this module only
matches the reader's role to those actors. `today` comes from the web edge.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse

from pantau.domain.access import Action, Role
from pantau.domain.intake import OPEN, Status
from pantau.domain.procedure.authority import Official
from pantau.domain.procedure.progress import Stage
from pantau.domain.procedure.steps import Role as Actor
from pantau.web.access.scope import Scope
from pantau.web.cases import people
from pantau.web.cases.models import Case
from pantau.web.cases.present import case_row
from pantau.web.cases.procedure import progress, refresh
from pantau.web.charts import bars
from pantau.web.intake.models import Report
from pantau.web.intake.present import report_row, status_short

LISTED = 8
FOLDED = 20  # cases, chosen by who acts next, whose steps one home page works out

ACTORS: dict[Role, frozenset[Actor]] = {
    Role.BKPSDM_ADMIN: frozenset({Actor.PERSONNEL_OFFICE}),
    Role.UNIT_HEAD: frozenset({Actor.DIRECT_SUPERIOR, Actor.UNIT_HEAD,
                               Actor.OFFICIAL_SUPERIOR, Actor.EXAMINATION_TEAM}),
    Role.AUTHORISED_OFFICIAL: frozenset({Actor.AUTHORISED_OFFICIAL, Actor.PPK}),
}
"""The procedure's actors whose steps each role's home page lists."""


def work(scope: Scope, today: date) -> dict[str, Any]:
    """The work of every role the reader holds today (the JSON twin shows it as is)."""
    found: dict[str, Any] = {}
    if scope.has_role(Role.BKPSDM_ADMIN) or scope.superuser:
        found["queue"] = queue_summary(scope)
    steps = {role: ACTORS[role] for role in ACTORS if scope.has_role(role)}
    if steps:
        found["steps"] = steps_due(scope, steps, today)
    if scope.has_role(Role.MONITOR) and scope.user_id is not None:
        found["filed"] = filed(scope.user_id)
    return found


def _by_status(reports: QuerySet[Report], statuses: list[Status]) -> list[dict[str, Any]]:
    counts = dict(reports.order_by().values_list("status").annotate(n=Count("pk")))
    return [{"status": s.value, "label": str(status_short(s.value)), "count": counts.get(s, 0)}
            for s in statuses]


def queue_summary(scope: Scope) -> dict[str, Any]:
    """The review queue of BKPSDM: open reports by status, the oldest waiting, and confirmed
    findings no case has taken up yet."""
    reports = scope.filter(Report.objects.all(), Action.REVIEW)
    opened = reports.filter(status__in=[s.value for s in OPEN])
    oldest = opened.select_related("employee__unit", "agency").order_by("created_at", "pk")
    ready = reports.filter(status=Status.CONFIRMED.value, case_finding__isnull=True)
    statuses = [s for s in Status if s in OPEN]
    return {
        "open": opened.count(),
        "by_status": bars(_by_status(opened, statuses)),
        "oldest": [report_row(report) for report in oldest[:LISTED]],
        "without_case": ready.count(),
        "url": reverse("review-queue"),
    }


def _wanted(scope: Scope, actors: dict[Role, frozenset[Actor]], actor: Actor,
            official: Official | None) -> bool:
    """Whether a step with this actor (and resolved official) is the reader's to take.

    An authorised official without a unit is the PPK: only what the PPK decides; one with a
    unit decides below the PPK's level."""
    for role, wanted in actors.items():
        if actor not in wanted:
            continue
        if role is Role.AUTHORISED_OFFICIAL:
            ppk = actor is Actor.PPK or official is Official.PPK
            unit_bound = any(g.role is role and g.unit_id for g in scope.grants)
            if ppk == unit_bound:
                continue
        return True
    return False


def steps_due(scope: Scope, actors: dict[Role, frozenset[Actor]],
              today: date) -> list[dict[str, Any]]:
    """The next steps of open cases in scope that are the reader's roles' to take, earliest
    deadline first: what, on which case, who in person, by when. The cases are chosen in the
    database by who acts next (`Case.next_actors`, kept by `pantau.web.cases.procedure`), so
    only those are worked out."""
    cases = scope.filter(Case.objects.all(), Action.VIEW_CASES)
    refresh(cases, today)
    wanted = Q()
    for acts in actors.values():
        for actor in acts:
            wanted |= Q(next_actors__contains=f"{actor.value}:")
    chosen = (cases.exclude(stage=Stage.FINAL.value).exclude(employee_id=scope.employee_id or 0)
              .filter(wanted).select_related("employee__unit", "employee__superior", "agency")
              .order_by(F("next_due").asc(nulls_last=True), "pk")[:FOLDED])
    due: list[dict[str, Any]] = []
    for case in chosen:
        answer = progress(case, today)
        row = case_row(case, today)
        for step in answer.next_steps:
            if not _wanted(scope, actors, step.actor, step.official):
                continue
            who = people.actor(case.employee, step.actor.value,
                               step.official.value if step.official else None, today)
            due.append({
                "case": row,
                "step": step.step.value, "label": step.label_id,
                "due": step.due.isoformat() if step.due else None,
                "overdue": step.overdue, "optional": step.optional,
                "who": _who(who.name, who.title) if who else None,
                "colour": "red" if step.overdue else row["colour"],
            })
    due.sort(key=lambda item: (item["due"] is None, item["due"] or "", item["case"]["id"]))
    return due[:LISTED * 2]


def _who(name: str, title: str) -> dict[str, str]:
    """Who must act, as a line: the name, and the post unless the name already says it."""
    text = name if title and title in name else ", ".join(part for part in (name, title) if part)
    return {"name": name, "title": title, "text": text}


def filed(user_id: int) -> dict[str, Any]:
    """What a monitor filed, newest first, with where each stands."""
    reports = Report.objects.filter(filed_by_id=user_id)
    rows = reports.select_related("employee__unit", "agency").order_by("-created_at", "-pk")
    return {
        "total": reports.count(),
        "by_status": bars(_by_status(reports, list(Status))),
        "latest": [report_row(report) for report in rows[:LISTED]],
    }


__all__ = ["ACTORS", "filed", "queue_summary", "steps_due", "work"]
