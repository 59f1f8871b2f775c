"""The home dashboard: what a reader may see of their agency at a glance, scoped by authz.

Counts of units, employees by type, linked accounts, leave and surat tugas running today; the
employees by type of the ten largest units in scope (drawn as an inline SVG bar chart); and,
per agency in scope, whether it is working time now. The employee role gets their own record
instead. `now` comes from the web edge; nothing here reads the clock.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.db.models import Count, QuerySet

from pantau.domain.employees import EmployeeType
from pantau.web.authz import Action, Scope
from pantau.web.registry import present
from pantau.web.registry.models import (
    Account,
    Agency,
    Assignment,
    Employee,
    Leave,
    Role,
    Unit,
)
from pantau.web.registry.worknow import agency_now, employee_now

TOP_UNITS = 10
TYPES = tuple(kind.value for kind in EmployeeType)
TYPE_LABELS = {
    "PNS": "PNS",
    "CPNS": "CPNS",
    "PPPK": "PPPK",
    "PPPK_PARUH_WAKTU": "PPPK paruh waktu",
    "NON_ASN": "Non-ASN",
}
TYPE_COLOURS = {
    "PNS": "#0b5fa5",
    "CPNS": "#6fa8dc",
    "PPPK": "#2d6a4f",
    "PPPK_PARUH_WAKTU": "#95d5b2",
    "NON_ASN": "#b08900",
}


def dashboard(scope: Scope, now: datetime, lang: str) -> dict[str, Any]:
    """The dashboard data of one reader (the JSON twin is exactly this)."""
    agencies = scope.agencies(Agency.objects.all())
    data: dict[str, Any] = {
        "role": scope.role or ("operator" if scope.superuser else ""),
        "now": [agency_now(item.pk, item.name, now, lang) for item in agencies],
    }
    if scope.role == Role.EMPLOYEE:
        return data | {"me": my_record(scope, now, lang)}
    if scope.can(Action.VIEW_STRUCTURE):
        data["units"] = scope.units(Unit.objects.all()).count()
    if scope.can(Action.VIEW_EMPLOYEES):
        data |= people(scope, now)
    return data


def people(scope: Scope, now: datetime) -> dict[str, Any]:
    """Employees by type, accounts by kind, leave and assignments today, and the chart."""
    staff = scope.employees(Employee.objects.all())
    by_type = counts(staff, "employee_type")
    by_kind = counts(scope.accounts(Account.objects.all()), "account_type")
    today = now.date()
    start = datetime.combine(today, time(0), tzinfo=now.tzinfo)
    leave = scope.employee_records(Leave.objects.filter(start__lte=today, end__gte=today))
    duty = scope.employee_records(
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
    record = scope.employees(Employee.objects.select_related("unit")).first()
    if record is None:
        return None
    today = now.date()
    return present.employee(scope, record) | {
        "now": employee_now(record, now, lang),
        "leave_ahead": [
            present.leave(item) for item in Leave.objects.filter(employee=record, end__gte=today)
        ],
    }


def chart(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Geometry of the horizontal stacked bar chart: one bar a unit, one segment a type."""
    label_width, bar_width, row_height = 260, 420, 26
    widest = max((row["total"] for row in rows), default=0) or 1
    bars = []
    for index, row in enumerate(rows):
        x, segments = label_width, []
        for kind in TYPES:
            width = round(row[kind] * bar_width / widest, 1)
            if row[kind]:
                segments.append(
                    {"x": x, "width": width, "colour": TYPE_COLOURS[kind], "kind": kind}
                    | {"label": TYPE_LABELS[kind], "count": row[kind]}
                )
            x += width
        bars.append(
            {"y": index * row_height + 4, "unit": row["unit"], "total": row["total"]}
            | {"segments": segments, "end": x + 6}
        )
    legend = [{"label": TYPE_LABELS[k], "colour": TYPE_COLOURS[k]} for k in TYPES]
    return {
        "width": label_width + bar_width + 50,
        "height": len(rows) * row_height + 8,
        "label_x": label_width - 8,
        "bars": bars,
        "legend": legend,
    }
