"""Load the demonstration dataset (`pantau.demo`) into an empty registry, once.

Every record goes through the ORM, so the audit trail shows the load as `system:demo`.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission, User
from django.db import transaction

from pantau.demo import DemoDataset, build_demo
from pantau.web.access.models import Membership
from pantau.web.audit.trail import acting_as
from pantau.web.registry.models import (
    Account,
    Agency,
    Assignment,
    Employee,
    Leave,
    Shift,
    Unit,
)

ACTOR = "system:demo"


def load_demo_once(today: date) -> bool:
    """Load the demo data unless the registry already holds agencies; True if loaded."""
    if Agency.objects.exists():
        return False
    load_demo(build_demo(today))
    return True


def load_demo(data: DemoDataset) -> None:
    with transaction.atomic(), acting_as(ACTOR):
        units = _structure(data)
        people = _employees(data, units)
        _records(data, units, people)
        _users(data, units, people)


def _structure(data: DemoDataset) -> dict[tuple[str, str], Unit]:
    for agency in data.agencies:
        Agency.objects.create(id=agency.id, name=agency.name, zone=agency.zone)
    units: dict[tuple[str, str], Unit] = {}
    for item in data.units:  # parents come first
        parent = units[(item.agency, item.parent)] if item.parent else None
        units[(item.agency, item.code)] = Unit.objects.create(
            agency_id=item.agency,
            code=item.code,
            name=item.name,
            kind=item.kind.value,
            shift=item.shift,
            parent=parent,
        )
    return units


def _employees(
    data: DemoDataset, units: dict[tuple[str, str], Unit]
) -> dict[tuple[str, str], Employee]:
    people: dict[tuple[str, str], Employee] = {}
    for item in data.employees:  # superiors come first
        superior = people[(item.agency, item.superior)] if item.superior else None
        people[(item.agency, item.key)] = Employee.objects.create(
            agency_id=item.agency,
            nip=item.nip,
            staff_id=item.internal_id or "",
            name=item.name,
            employee_type=item.employee_type.value,
            unit=units[(item.agency, item.unit)],
            position=item.position_title,
            level=item.level.value if item.level is not None else "",
            superior=superior,
        )
    return people


def _records(
    data: DemoDataset,
    units: dict[tuple[str, str], Unit],
    people: dict[tuple[str, str], Employee],
) -> None:
    for account in data.accounts:
        Account.objects.create(
            employee=people[(account.agency, account.owner)] if account.owner else None,
            unit=units[(account.agency, account.unit)] if account.unit else None,
            platform=account.platform.value,
            handle=account.handle,
            account_type=account.account_type.value,
            url=account.url,
        )
    for leave in data.leave:
        Leave.objects.create(
            employee=people[(leave.agency, leave.employee)],
            kind=leave.kind,
            start=leave.first_day,
            end=leave.last_day,
        )
    for task in data.assignments:
        Assignment.objects.create(
            employee=people[(task.agency, task.employee)],
            number=task.number,
            purpose=task.purpose,
            starts_at=task.starts_at,
            ends_at=task.ends_at,
        )
    for shift in data.shifts:
        Shift.objects.create(
            employee=people[(shift.agency, shift.employee)],
            name=shift.name,
            starts_at=shift.starts_at,
            ends_at=shift.ends_at,
        )


def _users(
    data: DemoDataset,
    units: dict[tuple[str, str], Unit],
    people: dict[tuple[str, str], Employee],
) -> None:
    """One login per role and agency. BKPSDM admins may also use the (scoped) admin site:
    the registry, the logins and roles of their agency, and (read only) the audit trail."""
    admin_permissions = list(
        Permission.objects.filter(content_type__app_label__in=["registry", "access"])
        .exclude(content_type__model="agency", codename__regex=r"^(add|delete)_")
    )
    admin_permissions += list(Permission.objects.filter(
        content_type__app_label="auth", content_type__model="user",
        codename__in=["add_user", "change_user", "view_user"],
    ))
    admin_permissions += list(Permission.objects.filter(
        content_type__app_label="audit", codename__startswith="view_"))
    hashed = make_password(data.password)  # one shared password: hash it once
    for item in data.users:
        admin = item.role.value == "bkpsdm_admin"
        user = User.objects.create(
            username=item.username,
            password=hashed,
            first_name=item.display_name[:150],
            is_staff=admin,
        )
        if admin:
            user.user_permissions.add(*admin_permissions)
        Membership.objects.create(
            user=user,
            agency_id=item.agency,
            role=item.role.value,
            unit=units[(item.agency, item.unit)] if item.unit else None,
            employee=people[(item.agency, item.employee)] if item.employee else None,
        )


def logins_table(today: date | None = None) -> str:
    """The demo logins as a text table (also in README)."""
    data = build_demo(today or date(2026, 2, 3))
    lines = [f"Login demo (kata sandi / password: {data.password}):"]
    for agency, username, role, who in data.logins():
        lines.append(f"  {username:<28} {role:<20} {agency:<22} {who}")
    return "\n".join(lines)
