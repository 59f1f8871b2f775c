"""Audit entries in plain language: names, not dicts of ids (the page and its JSON twin)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models
from django.utils.translation import gettext as _

from pantau.web.audit.models import AccessEntry, AuditEntry
from pantau.web.audit.redaction import REDACTED


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, attname: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    return next((f for f in model._meta.concrete_fields if f.attname == attname), None)


def value_text(field: models.Field[Any, Any] | None, value: Any, names: dict[str, str],
               attname: str) -> str:
    """A stored value as a person reads it: the referenced record's name, a choice's label,
    yes/no, or the value."""
    if value is None or value == "":
        return "—"
    if value == REDACTED:
        return _("removed (retention)")
    if attname in names:
        return names[attname]
    if field is not None and field.choices:
        labels = {str(key): str(text) for key, text in field.flatchoices}
        return labels.get(str(value), str(value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def changes(entry: AuditEntry) -> list[dict[str, str]]:
    """Each field that changed: its label, the value before and after, as text."""
    model = _model(entry.model)
    before, after = entry.before or {}, entry.after or {}
    names = entry.names or {}
    found = []
    for attname in sorted(set(before) | set(after)):
        if attname == "id" or before.get(attname) == after.get(attname):
            continue
        field = _field(model, attname)
        found.append({
            "field": str(field.verbose_name) if field is not None else attname,
            "before": value_text(field, before.get(attname), names.get("before", {}), attname),
            "after": value_text(field, after.get(attname), names.get("after", {}), attname),
        })
    return found


def audit_entry(entry: AuditEntry) -> dict[str, Any]:
    model = _model(entry.model)
    record = str(model._meta.verbose_name) if model is not None else entry.model
    action = {"create": _("created"), "update": _("changed"), "delete": _("deleted"),
              "retention": _("removed (retention)")}
    return {
        "seq": entry.seq,
        "at": entry.at,
        "actor": entry.actor,
        "agency": entry.agency_id,
        "action": entry.action,
        "action_label": str(action.get(entry.action, entry.action)),
        "record": record,
        "object_pk": entry.object_pk,
        "object_repr": entry.object_repr,
        "changes": changes(entry),
        "hash": entry.hash,
    }


def access_entry(record: AccessEntry) -> dict[str, Any]:
    return {
        "at": record.at,
        "actor": record.actor,
        "agency": record.agency_id,
        "employee": record.employee_id,
        "via": record.via,
    }
