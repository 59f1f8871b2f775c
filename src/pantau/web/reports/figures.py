"""The figures of a report: one area (pantau.web.reports.area), one period and the period before
it (pantau.domain.reporting). Each figure is counted in the agency's zone, by whole days:

- complaints received: reports received in the period, by source. A report is received when
  it was filed (its `filed` event, whose time the filing service is given; the row's creation
  time where there is none, as for a report made outside the services);
- findings: the violations in the findings of those reports, by conduct code and clause;
- review decisions: reports confirmed or dismissed in the period, dismissals by reason;
- time to review decision: days from receiving a report to its review decision (median, p90),
  of the reports decided in the period; time to sanction: days from receiving the first report
  of a case to the signing of its decision, of the cases decided in the period;
- cases: cases opened in the period, by the stage they stand at today; deadlines: of those
  cases, missed when a step was taken late (the state machine's flags) or a deadline has
  passed today with the step not taken, met otherwise;
- sanctions: cases decided in the period, by the sanction in force (after any objection or
  appeal) and its level;
- by unit: the cases opened and the deadlines missed, by unit: in an agency's report each
  top-level unit with the units below it, in a unit's report the unit itself and each unit
  directly below it with the units below that;
- repeat offenders: employees with a report confirmed in the period and at least two confirmed
  reports up to its end.

`report(area, period, today)` is the whole report, the JSON twin's body; nothing here reads the
clock.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import F, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from pantau.domain.intake import DismissalReason, Source, Status
from pantau.domain.procedure.events import EventKind
from pantau.domain.procedure.progress import Stage
from pantau.domain.reporting import Period, median, percentile
from pantau.web.cases.models import Case, Event
from pantau.web.intake.models import Report, ReportEvent
from pantau.web.reports.area import Area

AGENCY_LATE_FLAGS = frozenset({"summons_late", "second_summons_late", "delivery_late"})
"""State-machine flags of a step the agency took late (an objection filed late is the
employee's, not a missed deadline)."""
FILED = "filed"  # the report event of its filing (pantau.web.intake.services)


# ----- selection ---------------------------------------------------------------------------
def bounds(area: Area, period: Period) -> tuple[datetime, datetime]:
    """The period as aware datetimes in the agency's zone: [first day 00:00, day after 00:00)."""
    zone = ZoneInfo(area.agency.zone)
    return (datetime.combine(period.start, time(0), tzinfo=zone),
            datetime.combine(period.end + timedelta(days=1), time(0), tzinfo=zone))


def reports_of(area: Area) -> QuerySet[Any]:
    """The reports of the area, each with `received_at` (see the module's docstring)."""
    rows = Report.objects.filter(agency_id=area.agency.pk)
    if area.unit_ids is not None:
        rows = rows.filter(employee__unit_id__in=sorted(area.unit_ids))
    filed = (ReportEvent.objects.filter(report=OuterRef("pk"), kind=FILED).order_by("at")
             .values("at")[:1])
    return rows.order_by().annotate(received_at=Coalesce(Subquery(filed), F("created_at")))


def cases_of(area: Area) -> QuerySet[Case]:
    rows = Case.objects.filter(agency_id=area.agency.pk)
    if area.unit_ids is not None:
        rows = rows.filter(employee__unit_id__in=sorted(area.unit_ids))
    return rows.order_by()


def local_day(moment: datetime, zone: ZoneInfo) -> date:
    return moment.astimezone(zone).date()


# ----- figures of one period ---------------------------------------------------------------
def received(area: Area, period: Period) -> QuerySet[Any]:
    start, end = bounds(area, period)
    return reports_of(area).filter(received_at__gte=start, received_at__lt=end)


def decided(area: Area, period: Period) -> QuerySet[Any]:
    start, end = bounds(area, period)
    return reports_of(area).filter(decided_at__gte=start, decided_at__lt=end,
                                   status__in=[Status.CONFIRMED.value, Status.DISMISSED.value])


def by_source(area: Area, period: Period) -> dict[str, int]:
    found = Counter(received(area, period).values_list("source", flat=True))
    return {source.value: found.get(source.value, 0) for source in Source}


def findings(area: Area, period: Period) -> dict[tuple[str, str, str], int]:
    """Reports received in the period, by (conduct, policy, clause) of their violations."""
    found: Counter[tuple[str, str, str]] = Counter()
    for finding in received(area, period).exclude(finding=None).values_list("finding", flat=True):
        found.update({violation_key(v) for v in (finding or {}).get("violations", [])})
    return dict(found)


def violation_key(violation: dict[str, Any]) -> tuple[str, str, str]:
    """(conduct, policy id, clause reference) of a violation, stored (objects) or as
    `pantau check` writes it (strings)."""
    policy, clause = violation.get("policy", ""), violation.get("clause", "")
    if isinstance(policy, dict):
        policy = policy.get("id", "")
    if isinstance(clause, dict):
        clause = clause.get("reference", "")
    return str(violation.get("conduct", "")), str(policy), str(clause)


def review(area: Area, period: Period) -> dict[str, Any]:
    rows = list(decided(area, period).values_list("status", "dismissal_reason"))
    reasons = Counter(reason or DismissalReason.OTHER.value
                      for status, reason in rows if status == Status.DISMISSED.value)
    return {
        "confirmed": sum(1 for status, _ in rows if status == Status.CONFIRMED.value),
        "dismissed": sum(1 for status, _ in rows if status == Status.DISMISSED.value),
        "reasons": {reason.value: reasons.get(reason.value, 0) for reason in DismissalReason},
    }


def review_days(area: Area, period: Period) -> list[int]:
    """Days from receiving each report decided in the period to its review decision."""
    zone = ZoneInfo(area.agency.zone)
    return sorted((local_day(decided_at, zone) - local_day(got, zone)).days
                  for got, decided_at in decided(area, period)
                  .values_list("received_at", "decided_at") if decided_at is not None)


def decisions(area: Area, period: Period) -> list[tuple[Case, date]]:
    """Cases whose decision was first signed in the period, with that date."""
    first = (Event.objects.filter(case__in=cases_of(area), kind=EventKind.DECIDED.value)
             .order_by().values("case_id").annotate(on=Min("on")))
    wanted = {row["case_id"]: row["on"] for row in first if period.contains(row["on"])}
    cases = cases_of(area).filter(pk__in=sorted(wanted)).select_related("agency")
    return [(case, wanted[case.pk]) for case in cases.order_by("pk")]


def sanction_days(area: Area, period: Period) -> list[int]:
    """Days from receiving a case's first report to the signing of its decision."""
    zone = ZoneInfo(area.agency.zone)
    signed = dict((case.pk, on) for case, on in decisions(area, period))
    filed = Min("findings__report__events__at",
                filter=Q(findings__report__events__kind=FILED))
    firsts = (Case.objects.filter(pk__in=sorted(signed)).order_by()
              .annotate(first=Coalesce(filed, Min("findings__report__created_at")))
              .values_list("pk", "first"))
    return sorted((signed[pk] - local_day(first, zone)).days
                  for pk, first in firsts if first is not None)


def opened(area: Area, period: Period) -> QuerySet[Case]:
    start, end = bounds(area, period)
    return cases_of(area).filter(opened_at__gte=start, opened_at__lt=end)


def stages(area: Area, period: Period) -> dict[str, int]:
    found = Counter(opened(area, period).values_list("stage", flat=True))
    return {stage.value: found.get(stage.value, 0) for stage in Stage}


def missed(flags: str, due: date | None, today: date) -> bool:
    """Whether a case missed a deadline: a step taken late, or one overdue today."""
    return bool(AGENCY_LATE_FLAGS & set(flags.split(","))) or (due is not None and due < today)


def deadlines(area: Area, period: Period, today: date) -> dict[str, int]:
    rows = opened(area, period).values_list("flags", "next_due")
    late = sum(1 for flags, due in rows if missed(flags, due, today))
    return {"met": len(rows) - late, "missed": late}


def buckets(area: Area) -> dict[int, tuple[str, str]]:
    """Each unit of the area -> (code, name) of the unit it is counted under (see above)."""
    from pantau.web.registry.models import Unit

    units = {pk: (parent, code, name) for pk, parent, code, name in Unit.objects.filter(
        agency_id=area.agency.pk).values_list("pk", "parent_id", "code", "name")}
    root = area.unit.pk if area.unit is not None else None
    found = {}
    for pk in area.unit_ids if area.unit_ids is not None else units:
        current, seen = pk, set()
        while current != root and units[current][0] != root and current not in seen:
            seen.add(current)
            current = units[current][0]
        found[pk] = units[current][1:]
    return found


def by_unit(area: Area, period: Period, today: date) -> dict[str, Any]:
    """Cases opened and deadlines missed, by the unit they are counted under."""
    under = buckets(area)
    cases: Counter[str] = Counter()
    late: Counter[str] = Counter()
    names: dict[str, str] = {}
    for unit_id, flags, due in opened(area, period).values_list("employee__unit_id", "flags",
                                                                "next_due"):
        if unit_id not in under:  # the employee sits outside the area's tree now
            continue
        code, name = under[unit_id]
        names[code] = name
        cases[code] += 1
        late[code] += missed(flags, due, today)
    return {"cases": dict(cases), "missed": dict(late), "names": names}


def sanctions(area: Area, period: Period) -> dict[tuple[str, str], int]:
    """Cases decided in the period by (level, sanction type in force)."""
    from pantau.web.cases.procedure import sanction_label

    found: Counter[tuple[str, str]] = Counter()
    for case, _ in decisions(area, period):
        if case.decided:
            found[(sanction_label(case, case.decided)["level"], case.decided)] += 1
    return dict(found)


def repeat_offenders(area: Area, period: Period) -> list[dict[str, Any]]:
    """Employees with a report confirmed in the period and two or more up to its end."""
    _, end = bounds(area, period)
    confirmed = reports_of(area).filter(status=Status.CONFIRMED.value, employee__isnull=False,
                                        decided_at__lt=end)
    in_period = set(decided(area, period).filter(status=Status.CONFIRMED.value)
                    .values_list("employee_id", flat=True))
    totals = Counter(confirmed.values_list("employee_id", flat=True))
    wanted = sorted(pk for pk in in_period if pk is not None and totals[pk] >= 2)
    from pantau.web.registry.models import Employee

    people = Employee.objects.filter(pk__in=wanted).select_related("unit").order_by("name")
    return [{"employee": person.name, "unit": person.unit.name, "confirmed": totals[person.pk]}
            for person in people]


def durations(values: list[int]) -> dict[str, Any]:
    return {"count": len(values), "median": median(values), "p90": percentile(values, 90)}


def one_period(area: Area, period: Period, today: date) -> dict[str, Any]:
    """Every figure of one period (raw: keys are codes, not labels)."""
    return {
        "complaints": by_source(area, period),
        "findings": findings(area, period),
        "review": review(area, period),
        "review_days": durations(review_days(area, period)),
        "sanction_days": durations(sanction_days(area, period)),
        "stages": stages(area, period),
        "deadlines": deadlines(area, period, today),
        "by_unit": by_unit(area, period, today),
        "sanctions": sanctions(area, period),
        "repeat_offenders": repeat_offenders(area, period),
    }
