"""The one sanctioned way past the append-only rule: retention (UU PDP Pasal 16 ayat 2).

`blank_in_trail(model, pk, fields)` replaces the values of personal fields inside the earlier
audit entries about one record (their `before`, `after` and reference `names`) by REDACTED
(and the record's name, when it holds one of them, by `<Model> #pk`),
and returns, for each entry it changed, its number and the digest of what it now says. The
caller writes those in its retention entry (`after.redacted`): `chain.verify` accepts the
blanked entries by them, and the entries keep their hashes, so the chain stays linked.

`delete_rows(queryset)` removes rows of an append-only log (the access log, evidence reads).

Both run inside `retention_session()`: on PostgreSQL it sets `pantau.retention` for the
transaction, the one setting under which the append-only trigger lets the change through
(migration audit 0003; the trigger still refuses any change of seq, hash or prev_hash).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, models, transaction

from pantau.web.audit import chain
from pantau.web.audit.models import AuditEntry

REDACTED = "[dihapus: retensi]"
EMPTY: tuple[Any, ...] = (None, "", [], {}, REDACTED)


@contextmanager
def retention_session() -> Iterator[None]:
    """A transaction in which retention may change the append-only tables."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('pantau.retention', 'on', true)")
        yield


def _blank(values: Any, fields: frozenset[str]) -> Any:
    if not isinstance(values, dict):
        return values
    return {key: REDACTED if key in fields and value not in EMPTY else value
            for key, value in values.items()}


def blank_in_trail(model: type[models.Model], pk: Any, fields: frozenset[str]
                   ) -> list[dict[str, Any]]:
    """Blank `fields` (attribute names) in every audit entry about one record; the entries
    changed, as [{"seq": n, "digest": hash of what it now says}]. Call inside
    `retention_session()`."""
    changed: list[dict[str, Any]] = []
    rows = AuditEntry.objects.filter(model=model._meta.label_lower, object_pk=str(pk))
    for entry in rows.order_by("seq"):
        names = entry.names or {}
        new = {
            "before": _blank(entry.before, fields),
            "after": _blank(entry.after, fields),
            "names": {side: _blank(values, fields) for side, values in names.items()},
            "object_repr": _blank_repr(entry, fields, model, pk),
        }
        if (new["before"], new["after"], new["names"], new["object_repr"]) == (
                entry.before, entry.after, names, entry.object_repr):
            continue
        models.QuerySet.update(AuditEntry.objects.filter(pk=entry.pk), **new)
        entry.refresh_from_db()
        changed.append({"seq": entry.seq,
                        "digest": chain.digest(chain.fields_of(entry), entry.prev_hash)})
    return changed


def _blank_repr(entry: AuditEntry, fields: frozenset[str], model: type[models.Model],
                pk: Any) -> str:
    """The record's name in the entry, or `<Model> #pk` when it holds a removed value (an
    evidence file is named by the name it was uploaded under)."""
    removed = [str(value) for values in (entry.before, entry.after) if isinstance(values, dict)
               for key, value in values.items()
               if key in fields and value not in EMPTY and len(str(value)) >= 3]
    if any(value in entry.object_repr for value in removed):
        return f"{model._meta.object_name} #{pk}"
    return entry.object_repr


def delete_rows(queryset: models.QuerySet[Any]) -> int:
    """Remove rows of an append-only log (call inside `retention_session()`); how many."""
    plain = queryset.model._base_manager.filter(pk__in=list(queryset.values_list("pk", flat=True)))
    count, _ = plain.delete()
    return int(count)


__all__ = ["REDACTED", "blank_in_trail", "delete_rows", "retention_session"]
