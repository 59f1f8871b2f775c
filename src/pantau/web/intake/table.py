"""The web system's own activity table, as a batch source: every report (`intake_report`) as
the activity the web checks (`activity_json`, the same function `checking.activity_of` uses),
read straight from the database in key ranges, so a worker on another machine needs only the
database URL (no Django): `pantau batch check postgresql://user:pw@host/db OUTDIR`.

Rows are numbered by the report's key (`id`), not by position. The account a person linked
is not looked up here (the report's own platform and account are used), nor is the registry:
the batch checks what the report says, as `pantau check` does without `--registry`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from pantau.batch.sources import Partition, Row

_COLUMNS = ("r.id, r.agency_id, r.kind, r.happened_at, r.happened_until, r.platform, "
            "r.account, r.text, r.signals, e.nip, e.name")
_QUERY = (f"SELECT {_COLUMNS} FROM intake_report r LEFT JOIN registry_employee e "
          "ON e.id = r.employee_id WHERE r.id >= {p} AND r.id < {p} ORDER BY r.id")


def activity_json(key: int, agency: str, kind: str, happened_at: datetime,
                  happened_until: datetime | None, platform: str, account: str, text: str,
                  signals: Mapping[str, Any] | None, employee: tuple[str | None, str] | None,
                  account_type: str | None = None) -> dict[str, Any]:
    """A report as an activity of SPEC §4 (what a person established in `signals`)."""
    found = dict(signals or {})
    stated = found.pop("account_type", None)
    return {
        "id": f"report-{key}",
        "agency": agency,
        "kind": kind,
        "started_at": happened_at.isoformat(),
        "ended_at": happened_until.isoformat() if happened_until else None,
        "platform": platform or None,
        "account": account or None,
        "account_type": stated if stated is not None else account_type,
        "employee": {"nip": employee[0], "name": employee[1]} if employee else None,
        "text": text or None,
        "signals": found,
    }


def _moment(value: Any) -> datetime | None:
    """A stored datetime as an aware UTC datetime (SQLite keeps text, PostgreSQL timestamptz)."""
    if value is None:
        return None
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _row_activity(row: tuple[Any, ...]) -> dict[str, Any]:
    key, agency, kind, at, until, platform, account, text, signals, nip, name = row
    if isinstance(signals, str | bytes):
        signals = json.loads(signals)
    employee = (nip, name) if nip is not None else None
    start = _moment(at)
    assert start is not None
    return activity_json(key, agency, kind, start, _moment(until), platform, account, text,
                         signals, employee)


class ReportTable:
    """`intake_report` of the database at `url` (postgresql://… or sqlite:///path)."""

    def __init__(self, url: str) -> None:
        self.url = url

    def _connect(self) -> Any:
        parts = urlsplit(self.url)
        if parts.scheme == "sqlite":
            path = self.url.split("sqlite:///", 1)[-1]
            return sqlite3.connect(path, uri=path.startswith("file:"))
        import psycopg

        connection = psycopg.connect(self.url)
        connection.execute("SET TIME ZONE 'UTC'")
        return connection

    def _placeholder(self) -> str:
        return "?" if self.url.startswith("sqlite") else "%s"

    def describe(self) -> dict[str, Any]:
        parts = urlsplit(self.url)
        host = parts.hostname or ""
        shown = urlunsplit((parts.scheme, host + (f":{parts.port}" if parts.port else ""),
                            parts.path, "", ""))
        return {"kind": "table", "table": "intake_report", "database": shown}

    def partitions(self, rows_per_partition: int) -> list[Partition]:
        """Key ranges [lo, hi) of about `rows_per_partition` keys each."""
        connection = self._connect()
        try:
            low, high = connection.execute("SELECT MIN(id), MAX(id) FROM intake_report").fetchone()
        finally:
            connection.close()
        if low is None:
            return [Partition(0, "intake_report (empty)", (0, 0))]
        found: list[Partition] = []
        for start in range(low, high + 1, rows_per_partition):
            end = min(start + rows_per_partition, high + 1)
            found.append(Partition(len(found), f"intake_report id {start}-{end - 1}",
                                   (start, end)))
        return found

    def read(self, partition: Partition) -> Iterator[Row]:
        low, high = partition.spec
        mark = self._placeholder()
        connection = self._connect()
        try:
            rows = connection.execute(_QUERY.format(p=mark), (low, high)).fetchall()
        finally:
            connection.close()
        for row in rows:
            yield row[0], _row_activity(row)


__all__ = ["ReportTable", "activity_json"]
