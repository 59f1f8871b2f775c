"""A generated corpus for the batch and byte-identity tests: realistic activities (the
benchmark's generator), some invalid lines, a blank line and a line that is not UTF-8, and what
`pantau check` writes for them (run in this process)."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from benchmarks.bench_check import activity

from pantau.commands.check import run_check
from pantau.rules.checker import Checker

BAD_LINES = [
    b"not json at all",
    b'{"id": "x-1", "agency": "kab-ketapang"}',
    b'{"id": 123456789012345678901234, "agency": "kab-ketapang", "kind": "post", '
    b'"started_at": "2026-02-03T09:15:00+07:00"}',
    b'{"id": "x-2", "agency": "nowhere", "kind": "post", '
    b'"started_at": "2026-02-03T09:15:00+07:00"}',
    b'{"id": "x-3", "agency": "kab-ketapang", "kind": "live", "started_at": NaN}',
    b"",
    b'{"id": "x-4", "agency": "kab-ketapang", "kind": "post", "text": "caf\xe9", '
    b'"started_at": "2026-02-03T09:15:00+07:00"}',
]


def activities(count: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [activity(rng, index) for index in range(count)]


def jsonl_bytes(count: int, bad: bool = True) -> list[bytes]:
    """`count` activities as lines (newline included), the bad lines spread among them."""
    lines = [json.dumps(a, ensure_ascii=False).encode() for a in activities(count)]
    if bad:
        for offset, line in enumerate(BAD_LINES):
            lines.insert(1 + offset * max(count // len(BAD_LINES), 1), line)
    return [line + b"\n" for line in lines]


def write_jsonl(path: Path, count: int, bad: bool = True) -> Path:
    path.write_bytes(b"".join(jsonl_bytes(count, bad)))
    return path


def check_lines(lines: list[bytes], lang: str = "id", classify: bool = False) -> list[str]:
    """What `pantau check` writes for these lines, one string per output line."""
    out = io.StringIO()
    checker = Checker() if classify else Checker(classifier=None)
    run_check(lines, out, checker, lang, None)
    return out.getvalue().splitlines()


def write_parquet(path: Path, rows: list[dict[str, Any]], json_text: bool,
                  row_group_size: int = 1000) -> None:
    """Activities as Parquet: one `activity` JSON text column, or the fields as columns."""
    if json_text:
        table = pa.table({"activity": [json.dumps(r, ensure_ascii=False) for r in rows]})
    else:
        table = pa.Table.from_pylist(rows)
    pq.write_table(table, path, row_group_size=row_group_size)


def batch_rows(outdir: Path) -> list[tuple[int, str]]:
    """(row, finding text) of every part file, in part order."""
    found: list[tuple[int, str]] = []
    for part in sorted((outdir / "findings").glob("part-*.parquet")):
        table = pq.read_table(part, columns=["row", "finding"])
        found += zip(table.column("row").to_pylist(), table.column("finding").to_pylist(),
                     strict=True)
    return found


def counts(outdir: Path) -> list[dict[str, Any]]:
    return pq.read_table(outdir / "counts.parquet").to_pylist()


__all__ = ["activities", "batch_rows", "check_lines", "counts", "jsonl_bytes", "write_jsonl",
           "write_parquet"]
