"""The access log: every reading of an employee's personal record (UU PDP Pasal 31 asks
controllers to record processing; Pasal 32 gives the person access to that trail)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from pantau.web.audit.models import AccessEntry


def record_reads(actor: str, reads: Iterable[tuple[int, str]], via: str) -> int:
    """Note that `actor` read these employees' records (employee id, agency id); how many."""
    at = datetime.now(UTC)
    entries = [
        AccessEntry(at=at, actor=actor, agency_id=agency, employee_id=pk, via=via)
        for pk, agency in reads
    ]
    AccessEntry.objects.bulk_create(entries)
    return len(entries)


__all__ = ["record_reads"]
