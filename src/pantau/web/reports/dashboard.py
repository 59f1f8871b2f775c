"""The home dashboard: what a reader may see of their agency at a glance, scoped by authz.

Each role's work first (`pantau.web.reports.work`: the review queue, the steps due, the
decisions waiting, what a monitor filed); then counts of units, employees by type, linked
accounts, leave and surat tugas running today; the employees by type of the ten largest units
in scope (drawn as an inline SVG bar chart); and, per agency in scope, whether it is working
time now. The employee role gets their own record instead. `now` comes from the web edge;
nothing here reads the clock.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.db.models import Count, QuerySet

from pantau.domain.access import Action, Role
from pantau.domain.employees import EmployeeType
from pantau.text.labels import label_of
from pantau.web.access.scope import Scope
from pantau.web.cases.attention import attention, own_cases
from pantau.web.registry import present
from pantau.web.registry.models import Account, Agency, Assignment, Employee, Leave, Unit
from pantau.web.registry.worknow import agency_now, employee_now
from pantau.web.reports.work import work

TOP_UNITS = 10
TYPES = tuple(kind.value for kind in EmployeeType)
TYPE_COLOURS = {  # the legend's swatches repeat them in pantau.css (.swatch-PNS ...)
    "PNS": "#0b5fa5",
    "CPNS": "#6fa8dc",
    "PPPK": "#2d6a4f",
    "PPPK_PARUH_WAKTU": "#95d5b2",
    "NON_ASN": "#b08900",
}


def dashboard(scope: Scope, now: datetime, lang: str) -> dict[str, Any]:
    """The dashboard data of one reader (the JSON twin is exactly this)."""
    agencies = scope.filter(Agency.objects.all(), Action.VIEW_STRUCTURE)
    data: dict[str, Any] = {
        "role": scope.role or ("operator" if scope.superuser else ""),
        "roles": [
            {"role": g.role.value, "label": label_of(Role, g.role.value, lang),
             "agency": g.agency_id, "acting": g.acting}
            for g in scope.grants
        ],
        "now": [agency_now(item.pk, item.name, now, lang) for item in agencies],
    }
    if scope.roles == frozenset({Role.EMPLOYEE}):
        return data | {"me": my_record(scope, now, lang), "my_cases": own_cases(scope)}
    if scope.can(Action.VIEW_STRUCTURE):
        data["units"] = scope.filter(Unit.objects.all()).count()
    if scope.can(Action.VIEW_EMPLOYEES):
        data |= people(scope, now)
    if scope.can(Action.VIEW_CASES):
        data["cases"] = attention(scope, now.date())
    return data | work(scope, now.date())


def people(scope: Scope, now: datetime) -> dict[str, Any]:
    """Employees by type, accounts by kind, leave and assignments today, and the chart."""
    staff = scope.filter(Employee.objects.all())
    by_type = counts(staff, "employee_type")
    by_kind = counts(scope.filter(Account.objects.all()), "account_type")
    today = now.date()
    start = datetime.combine(today, time(0), tzinfo=now.tzinfo)
    leave = scope.filter(Leave.objects.filter(start__lte=today, end__gte=today))
    duty = scope.filter(
        Assignment.objects.filter(starts_at__lt=start + timedelta(days=1), ends_at__gt=start)
    )
    return {
        "employees": {"total": staff.count()} | {kind: by_type.get(kind, 0) for kind in TYPES},
        "accounts": {
            "personal": by_kind.get("personal", 0),
            "official": by_kind.get("official", 0),
            "total": sum(by_kind.values()),
        },
        "on_leave_today": leave.values("employee").distinct().count(),
        "on_assignment_today": duty.values("employee").distinct().count(),
        "units_by_type": units_by_type(staff),
    }


def type_counts(employees: dict[str, int] | None, lang: str) -> list[dict[str, Any]]:
    """Employees by type, labelled, the types with nobody left out."""
    if not employees:
        return []
    return [
        {"code": kind, "label": label_of(EmployeeType, kind, lang), "count": employees[kind]}
        for kind in TYPES
        if employees.get(kind)
    ]


def counts(queryset: QuerySet[Any], field: str) -> dict[str, int]:
    """How many records have each value of `field` (default orderings cleared: they would
    split the groups)."""
    rows = queryset.order_by().values_list(field).annotate(n=Count("pk"))
    return {str(value): int(n) for value, n in rows}


def units_by_type(staff: QuerySet[Employee]) -> list[dict[str, Any]]:
    """Employees by type in each of the largest units in scope (their own unit, not below)."""
    rows = staff.order_by().values("unit_id", "unit__name", "employee_type").annotate(n=Count("pk"))
    units: dict[int, dict[str, Any]] = {}
    for row in rows:
        unit = units.setdefault(
            row["unit_id"],
            {"unit": row["unit__name"], "total": 0} | {kind: 0 for kind in TYPES},
        )
        unit[row["employee_type"]] = unit.get(row["employee_type"], 0) + row["n"]
        unit["total"] += row["n"]
    ranked = sorted(units.values(), key=lambda item: (-item["total"], item["unit"]))
    return ranked[:TOP_UNITS]


def my_record(scope: Scope, now: datetime, lang: str) -> dict[str, Any] | None:
    """The employee role's own record summary and whether they are working now."""
    record = scope.filter(Employee.objects.select_related("unit")).first()
    if record is None:
        return None
    today = now.date()
    return present.employee(scope, record) | {
        "now": employee_now(record, now, lang),
        "leave_ahead": [
            present.leave(item) for item in Leave.objects.filter(employee=record, end__gte=today)
        ],
    }


def chart(rows: list[dict[str, Any]], lang: str = "id") -> dict[str, Any]:
    """Geometry of the stacked bar chart: one bar a unit, one segment a type. Each unit's name
    is written above its bar (so no label is clipped and the chart stays legible on a narrow
    phone), and only the types that occur are in the legend."""
    width, row_height, bar_height, label_gap = 360, 44, 18, 16
    widest = max((row["total"] for row in rows), default=0) or 1
    present_types = [k for k in TYPES if any(row[k] for row in rows)]
    labels = {k: label_of(EmployeeType, k, lang) for k in present_types}
    bars = []
    for index, row in enumerate(rows):
        y = index * row_height
        x, segments = 0.0, []
        for kind in present_types:
            length = round(row[kind] * (width - 40) / widest, 1)
            if row[kind]:
                segments.append(
                    {"x": x, "width": length, "colour": TYPE_COLOURS[kind], "kind": kind,
                     "label": labels[kind], "count": row[kind]}
                )
            x += length
        bars.append({"label_y": y + 13, "y": y + label_gap + 2, "unit": row["unit"],
                     "total": row["total"], "segments": segments, "end": round(x + 4, 1),
                     "text_y": y + label_gap + 15})
    legend = [{"label": labels[k], "colour": TYPE_COLOURS[k], "kind": k} for k in present_types]
    return {"width": width, "height": len(rows) * row_height + 4, "bar_height": bar_height,
            "bars": bars, "legend": legend}
