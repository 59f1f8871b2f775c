"""Any model registers itself with the audit trail; every change to it is then recorded.

    audit.register(Employee)                # in the app's AppConfig.ready()
    with acting_as("cli:operator"): ...     # who made the changes (the web sets the user)

A create, update or delete records who, when, which record (its name at the time), the
stored fields before and after, and the names of the records its references point to (the
unit's name, not its id), whichever edge made the change (page, admin, import, demo, CLI).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.fields.files import FieldFile
from django.db.models.signals import post_delete, post_save, pre_save
from django.http import HttpRequest, HttpResponse

from pantau.web.audit import chain

_actor: ContextVar[str] = ContextVar("pantau_audit_actor", default="system")
_batch: ContextVar[list[dict[str, Any]] | None] = ContextVar("pantau_audit_batch", default=None)
AgencyOf = Callable[[models.Model], str]
BATCH = 2000  # entries a `batched` block holds before appending them
_registered: dict[type[models.Model], tuple[str, ...]] = {}
_agency_of: dict[type[models.Model], AgencyOf] = {}


@contextmanager
def acting_as(actor: str) -> Iterator[None]:
    """Attribute the changes made inside the block to `actor` (a user name or "cli:...")."""
    token = _actor.set(actor)
    try:
        yield
    finally:
        _actor.reset(token)


@contextmanager
def batched() -> Iterator[None]:
    """Collect the entries of the changes made inside the block and append them to the chain
    together when it ends (`chain.append_many`), in the order the changes were made. Use it
    inside a transaction: a block that fails writes none of them, and neither do its changes."""
    if _batch.get() is not None:  # already collecting: the outer block writes them
        yield
        return
    pending: list[dict[str, Any]] = []
    token = _batch.set(pending)
    try:
        yield
    finally:
        _batch.reset(token)
    if pending:
        chain.append_many(pending)


def current_actor() -> str:
    return _actor.get()


class AuditActorMiddleware:
    """Attributes the changes a request makes to the signed-in user."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        name = user.get_username() if user is not None and user.is_authenticated else "anonymous"
        with acting_as(name):
            return self.get_response(request)


def register(model: type[models.Model], *, exclude: tuple[str, ...] = (),
             agency: AgencyOf | None = None) -> None:
    """Record every change to `model` (fields in `exclude`, e.g. a password hash, are left
    out of the record). The entry's agency is read along the model's `scoped_by`, or given by
    `agency` for a model that has none (a login: the agency of its first role)."""
    _registered[model] = exclude
    if agency is not None:
        _agency_of[model] = agency
    uid = f"{model._meta.label}"
    pre_save.connect(_before_save, sender=model, dispatch_uid=f"audit-pre-{uid}")
    post_save.connect(_after_save, sender=model, dispatch_uid=f"audit-post-{uid}")
    post_delete.connect(_after_delete, sender=model, dispatch_uid=f"audit-del-{uid}")


def registered() -> tuple[type[models.Model], ...]:
    return tuple(_registered)


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The stored fields of a record as JSON values (excluded fields left out)."""
    exclude = _registered.get(type(instance), ())
    values = {
        field.attname: _plain_value(getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
        if field.name not in exclude
    }
    loaded: dict[str, Any] = json.loads(json.dumps(values, cls=DjangoJSONEncoder))
    return loaded


def _plain_value(value: Any) -> Any:
    """A stored file is recorded by its name."""
    return value.name if isinstance(value, FieldFile) else value


def reference_names(instance: models.Model) -> dict[str, str]:
    """The names of the records the instance's references point to, now."""
    names: dict[str, str] = {}
    for field in instance._meta.concrete_fields:
        if field.is_relation and getattr(instance, field.attname) is not None:
            try:
                names[field.attname] = str(getattr(instance, field.name))[:200]
            except models.ObjectDoesNotExist:
                continue
    return names


def agency_of(instance: models.Model) -> str:
    """The agency a record belongs to, read along the model's `scoped_by` agency paths."""
    special = _agency_of.get(type(instance))
    if special is not None:
        return special(instance)
    relations = getattr(type(instance), "scoped_by", None)
    for path in relations.agencies if relations is not None else ():
        value: Any = instance
        for step in path.split("__"):
            value = None if value is None else getattr(value, step, None)
        if value:
            return str(value)
    return ""


def _record(instance: models.Model, action: str, before: Any, after: Any,
            names: dict[str, dict[str, str]]) -> None:
    values = {
        "at": datetime.now(UTC),
        "actor": _actor.get(),
        "agency_id": agency_of(instance),
        "action": action,
        "model": instance._meta.label_lower,
        "object_pk": str(instance.pk),
        "object_repr": str(instance)[:300],
        "before": before,
        "after": after,
        "names": names,
    }
    pending = _batch.get()
    if pending is None:
        chain.append(**values)
        return
    pending.append(values)
    if len(pending) >= BATCH:  # written in order, inside the caller's transaction
        chain.append_many(pending)
        pending.clear()


def _before_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    old = sender._default_manager.filter(pk=instance.pk).first() if instance.pk else None
    instance._audit_before = (  # type: ignore[attr-defined]
        (snapshot(old), reference_names(old)) if old is not None else None
    )


def _after_save(
    sender: type[models.Model], instance: models.Model, created: bool, **kwargs: Any
) -> None:
    if kwargs.get("raw"):
        return
    before, before_names = getattr(instance, "_audit_before", None) or (None, {})
    after = snapshot(instance)
    if before == after:
        return
    names = {"before": before_names, "after": reference_names(instance)}
    _record(instance, "create" if before is None else "update", before, after, names)


def _after_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    names = {"before": reference_names(instance), "after": {}}
    _record(instance, "delete", snapshot(instance), None, names)


__all__ = [
    "AuditActorMiddleware",
    "acting_as",
    "agency_of",
    "batched",
    "current_actor",
    "register",
    "registered",
    "snapshot",
]
