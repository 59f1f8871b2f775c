"""The hash chain of the audit trail: append an entry, verify the whole trail.

`digest(fields, prev_hash)` is the SHA-256 of an entry's canonical JSON (sorted keys, no
spaces, UTF-8) together with the hash of the entry before it. Appending takes a lock so two
writers never chain onto the same entry (PostgreSQL: a transaction-level advisory lock;
SQLite: one writer at a time, and `seq` is unique besides). `verify()` walks the trail in
order and reports the first entry whose hash does not match what it says (edited) or whose
`prev_hash` is not the hash of the entry before it, or whose number skips one (removed).

Retention (UU PDP) may blank personal values inside earlier entries. Such an entry keeps its
stored `hash`, so the links of the chain hold; the retention entry that blanked it (action
`retention`, later in the chain and itself chained) records the entry's number and the digest
of what it says now (`after.redacted`). `verify()` accepts an entry whose content matches
its own hash, or the digest a later retention entry documented for it, and counts the latter
as redacted; anything else is still an edit.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from django.db import connection, transaction

from pantau.web.audit.models import AuditEntry

GENESIS = "0" * 64
LOCK_KEY = 74_616_575  # advisory lock id for the audit chain (PostgreSQL)
RETENTION = "retention"  # the action of an entry written by `pantau retention`
HASHED = (
    "seq", "at", "actor", "agency_id", "action", "model", "object_pk", "object_repr", "before",
    "after", "names",
)


def digest(fields: dict[str, Any], prev_hash: str) -> str:
    """The hash of an entry: its canonical JSON and the previous entry's hash."""
    payload = {name: fields[name] for name in HASHED} | {"prev_hash": prev_hash}
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _stamp(at: datetime) -> str:
    return at.isoformat(timespec="microseconds")


def fields_of(entry: AuditEntry) -> dict[str, Any]:
    return {
        "seq": entry.seq, "at": _stamp(entry.at), "actor": entry.actor,
        "agency_id": entry.agency_id, "action": entry.action, "model": entry.model,
        "object_pk": entry.object_pk, "object_repr": entry.object_repr,
        "before": entry.before, "after": entry.after, "names": entry.names or {},
    }


_fields = fields_of  # the name older callers (and tests) use


def _lock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def append(**values: Any) -> AuditEntry:
    """Write one entry at the end of the chain (inside a transaction of its own)."""
    return append_many([values])[0]


def append_many(entries: list[dict[str, Any]], batch: int = 500) -> list[AuditEntry]:
    """Write entries at the end of the chain, in order, under one lock and one look at the
    last entry (an import of 50,000 rows writes its trail in a few inserts, not 150,000
    queries); the same hashes as appending them one by one."""
    with transaction.atomic():
        _lock()
        last = AuditEntry.objects.order_by("-seq").values("seq", "hash").first()
        seq = last["seq"] if last else 0
        prev_hash = last["hash"] if last else GENESIS
        written: list[AuditEntry] = []
        for values in entries:
            seq += 1
            entry = AuditEntry(seq=seq, prev_hash=prev_hash, **values)
            # JSON values as the database gives them back (dates as text, tuples as lists)
            entry.before = _plain(entry.before)
            entry.after = _plain(entry.after)
            entry.names = _plain(entry.names or {})
            entry.hash = prev_hash = digest(fields_of(entry), prev_hash)
            written.append(entry)
        if len(written) == 1:
            written[0].save()
        else:
            AuditEntry.objects.bulk_create(written, batch_size=batch)
        return written


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value, ensure_ascii=False)) if value is not None else None


class BreakKind(StrEnum):
    EDITED = "edited"  # the entry's hash does not match what it says
    UNLINKED = "unlinked"  # its prev_hash is not the hash of the entry before it
    MISSING = "missing"  # its number skips one: an entry before it was removed


@dataclass(frozen=True)
class Break:
    """The first broken link of the chain."""

    seq: int
    kind: BreakKind
    expected: str
    found: str


@dataclass(frozen=True)
class Verification:
    """What `verify` found: how many entries were checked and the first break, if any."""

    checked: int
    first_break: Break | None
    redacted: int = 0  # entries blanked by a documented retention run

    @property
    def intact(self) -> bool:
        return self.first_break is None


def _entries(batch: int = 2000) -> Iterator[AuditEntry]:
    return AuditEntry.objects.order_by("seq").iterator(chunk_size=batch)


def documented_redactions() -> dict[int, tuple[int, str, str, str]]:
    """Entry number -> (number of the retention entry that documents it, the digest of the
    entry as it reads after the redaction, and the record the retention entry is about:
    model and primary key); the latest documentation wins."""
    found: dict[int, tuple[int, str, str, str]] = {}
    rows = AuditEntry.objects.filter(action=RETENTION).order_by("seq").values_list(
        "seq", "after", "model", "object_pk")
    for seq, after, model, pk in rows.iterator(chunk_size=500):
        for item in (after or {}).get("redacted", []) if isinstance(after, dict) else []:
            found[int(item["seq"])] = (seq, str(item["digest"]), model, pk)
    return found


def verify() -> Verification:
    """Walk the whole trail and report the first broken link."""
    redactions = documented_redactions()
    checked, redacted, previous_seq, previous_hash = 0, 0, 0, GENESIS
    for entry in _entries():
        checked += 1
        if entry.seq != previous_seq + 1:
            found = Break(entry.seq, BreakKind.MISSING, str(previous_seq + 1), str(entry.seq))
            return Verification(checked, found, redacted)
        if entry.prev_hash != previous_hash:
            found = Break(entry.seq, BreakKind.UNLINKED, previous_hash, entry.prev_hash)
            return Verification(checked, found, redacted)
        computed = digest(fields_of(entry), entry.prev_hash)
        if computed != entry.hash:
            # a redaction counts only when documented later by the retention entry of the
            # same record (a retention entry about another record cannot vouch for it)
            by, documented, model, pk = redactions.get(entry.seq, (0, "", "", ""))
            if by <= entry.seq or documented != computed or (model, pk) != (
                    entry.model, entry.object_pk):
                found = Break(entry.seq, BreakKind.EDITED, computed, entry.hash)
                return Verification(checked, found, redacted)
            redacted += 1
        previous_seq, previous_hash = entry.seq, entry.hash
    return Verification(checked, None, redacted)


__all__ = [
    "GENESIS", "RETENTION", "Break", "BreakKind", "Verification", "append", "append_many",
    "digest", "documented_redactions", "fields_of", "verify",
]
