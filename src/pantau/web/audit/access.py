"""The access log: every reading of an employee's personal record (UU PDP Pasal 31 asks
controllers to record processing; Pasal 32 gives the person access to that trail).

A page or an API read writes its entry with `note_reads`, which never fails the read: when the
database cannot take the entry (SQLite busy with a long import past a short wait, a server
gone), the entry goes to the server log instead (logger `pantau.access`, level WARNING, every
field of the entry), and the reader gets their page.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from django.db import DatabaseError, connection, transaction

from pantau.web.audit.models import AccessEntry

log = logging.getLogger("pantau.access")
READ_WAIT_MS = 1000  # how long a read waits for SQLite's write lock to log itself


def record_reads(actor: str, reads: Iterable[tuple[int, str]], via: str) -> int:
    """Note that `actor` read these employees' records (employee id, agency id); how many.

    `via` names the reading path in at most the column's width: a longer one is a programming
    error, raised here on every database (SQLite would store it, PostgreSQL refuses it)."""
    width = AccessEntry._meta.get_field("via").max_length or 0
    if len(via) > width:
        raise ValueError(f"access log 'via' longer than {width} characters: {via!r}")
    at = datetime.now(UTC)
    entries = [
        AccessEntry(at=at, actor=actor, agency_id=agency, employee_id=pk, via=via)
        for pk, agency in reads
    ]
    AccessEntry.objects.bulk_create(entries)
    return len(entries)


def note_reads(actor: str, reads: Iterable[tuple[int, str]], via: str) -> int:
    """`record_reads` for a page or an API answer: never fails the read (see the module)."""
    reads = list(reads)
    try:
        with _short_wait(), transaction.atomic():
            return record_reads(actor, reads, via)
    except DatabaseError as error:
        at = datetime.now(UTC).isoformat()
        for pk, agency in reads:
            log.warning("access log entry not stored (%s): at=%s actor=%s agency=%s "
                        "employee=%s via=%s", " ".join(str(error).split()), at, actor, agency,
                        pk, via)
        return 0


@contextmanager
def _short_wait() -> Iterator[None]:
    """On SQLite, wait at most READ_WAIT_MS for the write lock (a long import holds it) instead
    of the connection's 20 s."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        before = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA busy_timeout = {READ_WAIT_MS}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {int(before)}")


__all__ = ["note_reads", "record_reads"]
