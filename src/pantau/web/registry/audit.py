"""The append-only audit trail: every create, update and delete of registry data is recorded
with who, when, what, before and after, whichever edge made it (page, admin, import, demo)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save
from django.http import HttpRequest, HttpResponse

from pantau.web.registry.models import (
    Account,
    Agency,
    Assignment,
    AuditEntry,
    Employee,
    Leave,
    Membership,
    Shift,
    Unit,
)

AUDITED: tuple[type[models.Model], ...] = (
    Agency,
    Unit,
    Employee,
    Account,
    Leave,
    Assignment,
    Shift,
    Membership,
)

_actor: ContextVar[str] = ContextVar("pantau_audit_actor", default="system")


@contextmanager
def acting_as(actor: str) -> Iterator[None]:
    """Attribute the changes made inside the block to `actor` (a user name or "cli:...")."""
    token = _actor.set(actor)
    try:
        yield
    finally:
        _actor.reset(token)


class AuditActorMiddleware:
    """Attributes the changes a request makes to the signed-in user."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        name = user.get_username() if user is not None and user.is_authenticated else "anonymous"
        with acting_as(name):
            return self.get_response(request)


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The stored fields of a record as JSON values."""
    values = {
        field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields
    }
    loaded: dict[str, Any] = json.loads(json.dumps(values, cls=DjangoJSONEncoder))
    return loaded


def agency_of(instance: models.Model) -> str:
    if isinstance(instance, Agency):
        return str(instance.pk)
    if isinstance(instance, Unit | Employee | Membership):
        return str(instance.agency_id)
    unit_id = getattr(instance, "unit_id", None)
    if isinstance(instance, Account) and unit_id is not None:
        return str(
            Unit.objects.filter(pk=unit_id).values_list("agency_id", flat=True).first() or ""
        )
    employee_id = getattr(instance, "employee_id", None) or 0
    found = Employee.objects.filter(pk=employee_id).values_list("agency_id", flat=True).first()
    return str(found or "")


def _record(instance: models.Model, action: str, before: Any, after: Any) -> None:
    AuditEntry.objects.create(
        at=datetime.now(UTC),
        actor=_actor.get(),
        agency_id=agency_of(instance),
        action=action,
        model=instance._meta.model_name or "",
        object_pk=str(instance.pk),
        before=before,
        after=after,
    )


def _before_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    old = sender._default_manager.filter(pk=instance.pk).first() if instance.pk else None
    instance._audit_before = snapshot(old) if old is not None else None  # type: ignore[attr-defined]


def _after_save(
    sender: type[models.Model], instance: models.Model, created: bool, **kwargs: Any
) -> None:
    before = getattr(instance, "_audit_before", None)
    after = snapshot(instance)
    if before == after:
        return
    _record(instance, "create" if before is None else "update", before, after)


def _after_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    _record(instance, "delete", snapshot(instance), None)


def connect_signals() -> None:
    for model in AUDITED:
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"audit-pre-{model.__name__}")
        post_save.connect(_after_save, sender=model, dispatch_uid=f"audit-post-{model.__name__}")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=f"audit-del-{model.__name__}")
