"""What a batch writes under OUTDIR, every file under a temporary name and then renamed, so
an aborted run never leaves a half file that looks whole:

- `plan.json` first: the source and its partitions (a rerun must plan the same, then it
  finishes the partitions whose file is missing);
- `findings/part-NNNNN.parquet` per partition: `row`, `finding` (the JSON text `pantau check`
  writes for that row), `agency`, `unit`, `verdict`, `policies` and `conducts` (one entry per
  violation, aligned);
- `counts.parquet`: rows per agency, unit, policy, conduct and verdict (a row with no
  violation counts once with policy and conduct null);
- `manifest.json` last.
"""

from __future__ import annotations

import json
import os
import uuid
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pantau.batch.evaluate import CheckedRow

SCHEMA = pa.schema([
    ("row", pa.int64()),
    ("finding", pa.string()),
    ("agency", pa.string()),
    ("unit", pa.string()),
    ("verdict", pa.string()),
    ("policies", pa.list_(pa.string())),
    ("conducts", pa.list_(pa.string())),
])
COUNT_KEYS = ("agency", "unit", "policy", "conduct", "verdict")


def part_path(outdir: Path, index: int) -> Path:
    return outdir / "findings" / f"part-{index:05d}.parquet"


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes under a temporary name in the same folder, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary(path)
    temporary.write_bytes(data)
    os.replace(temporary, path)


def write_json(path: Path, value: Any) -> None:
    write_atomic(path, (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode())


def part_table(rows: Iterable[CheckedRow]) -> pa.Table:
    """The findings of one partition as a table of SCHEMA."""
    columns: dict[str, list[Any]] = {name: [] for name in SCHEMA.names}
    for item in rows:
        finding = item.finding
        columns["row"].append(item.row)
        columns["finding"].append(item.output)
        if finding is None:
            columns["agency"].append(None)
            columns["unit"].append(None)
            columns["verdict"].append("invalid")
            columns["policies"].append([])
            columns["conducts"].append([])
            continue
        columns["agency"].append(finding.activity.agency)
        columns["unit"].append(finding.activity.employee.unit)
        columns["verdict"].append(finding.verdict.value)
        columns["policies"].append([v.policy.id for v in finding.violations])
        columns["conducts"].append([v.conduct for v in finding.violations])
    return pa.table(columns, schema=SCHEMA)


def write_part(outdir: Path, index: int, table: pa.Table) -> Path:
    """Write one partition's table atomically (a task run twice writes the same file)."""
    path = part_path(outdir, index)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary(path)
    pq.write_table(table, temporary)
    os.replace(temporary, path)
    return path


def counts_of(outdir: Path, parts: int) -> Counter[tuple[Any, ...]]:
    """Rows per (agency, unit, policy, conduct, verdict), read back from the part files."""
    counts: Counter[tuple[Any, ...]] = Counter()
    for index in range(parts):
        table = pq.read_table(part_path(outdir, index),
                              columns=["agency", "unit", "verdict", "policies", "conducts"])
        for agency, unit, verdict, policies, conducts in zip(
                *(table.column(name).to_pylist() for name in table.column_names), strict=True):
            pairs = set(zip(policies, conducts, strict=True)) or {(None, None)}
            for policy, conduct in pairs:
                counts[(agency, unit, policy, conduct, verdict)] += 1
    return counts


def write_counts(outdir: Path, counts: Counter[tuple[Any, ...]]) -> None:
    ordered = sorted(counts.items(), key=lambda item: tuple(str(v) for v in item[0]))
    columns: dict[str, list[Any]] = {name: [] for name in (*COUNT_KEYS, "rows")}
    for key, count in ordered:
        for name, value in zip(COUNT_KEYS, key, strict=True):
            columns[name].append(value)
        columns["rows"].append(count)
    table = pa.table(columns, schema=pa.schema(
        [(name, pa.string()) for name in COUNT_KEYS] + [("rows", pa.int64())]))
    path = outdir / "counts.parquet"
    temporary = _temporary(path)
    pq.write_table(table, temporary)
    os.replace(temporary, path)


__all__ = ["COUNT_KEYS", "SCHEMA", "counts_of", "part_path", "part_table", "write_atomic",
           "write_counts", "write_json", "write_part"]
