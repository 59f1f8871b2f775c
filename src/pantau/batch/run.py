"""One batch run: plan, run the missing partitions on an engine, then counts and manifest.

The manifest records the versions of the law (calendar and policies of every agency) the
findings were made with, so two runs can be compared ("what changed after the holiday was
added"); every worker checks that it has the same law before it checks a row.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from pantau import __version__
from pantau.batch.engines import EngineOptions, PartitionFailed, run_engine
from pantau.batch.output import counts_of, part_path, write_counts, write_json
from pantau.batch.sources import Partition, Source
from pantau.batch.work import Job, PartDone, build_checker, law_digest, law_of
from pantau.domain.errors import InputError

BatchFailed = PartitionFailed
FORMAT = 1


@dataclass
class BatchResult:
    """What a run did: partitions in all, done now, rows and invalid rows in all."""

    partitions: int
    done_now: int
    rows: int
    invalid: int
    manifest: dict[str, Any] = field(default_factory=dict)


def _plan(source: Source, parts: list[Partition], rows_per_partition: int, lang: str,
          classify: bool, law: str) -> dict[str, Any]:
    return {"format": FORMAT, "source": source.describe(), "rows_per_partition":
            rows_per_partition, "lang": lang, "classify": classify, "law": law,
            "partitions": [[p.index, p.name] for p in parts]}


def _same_plan(outdir: Path, plan: dict[str, Any]) -> None:
    """Refuse an OUTDIR that holds another run (then its part files are not ours)."""
    path = outdir / "plan.json"
    if not path.is_file():
        return
    import json

    if json.loads(path.read_text(encoding="utf-8")) != plan:
        raise InputError(f"{outdir} holds another run (source, partitions, language or law "
                         "differ from plan.json); choose an empty OUTDIR")


class _Progress:
    """Partitions done, rows and rate, on `say` (stderr for the command)."""

    def __init__(self, total: int, say: Callable[[str], None] | None) -> None:
        self.total, self.say, self.done, self.rows = total, say, 0, 0
        self.started = time.perf_counter()

    def add(self, done: PartDone) -> None:
        self.done += 1
        self.rows += done.rows
        if self.say is not None:
            rate = self.rows / max(time.perf_counter() - self.started, 1e-9)
            self.say(f"pantau batch: {self.done}/{self.total} partitions, {self.rows:,} rows, "
                     f"{rate:,.0f} rows/s")


def _totals(outdir: Path, parts: list[Partition]) -> list[dict[str, Any]]:
    found = []
    for part in parts:
        path = part_path(outdir, part.index)
        verdicts = pq.read_table(path, columns=["verdict"]).column("verdict").to_pylist()
        found.append({"index": part.index, "name": part.name,
                      "file": str(path.relative_to(outdir)), "rows": len(verdicts),
                      "invalid": verdicts.count("invalid")})
    return found


def _workers(done: list[PartDone]) -> dict[str, dict[str, int]]:
    workers: dict[str, dict[str, int]] = {}
    for item in done:
        entry = workers.setdefault(item.worker, {"partitions": 0, "checkers_built": 0})
        entry["partitions"] += 1
        entry["checkers_built"] = max(entry["checkers_built"], item.checkers_built)
    return workers


def run_batch(source: Source, outdir: str | Path, options: EngineOptions | None = None,
              lang: str = "id", classify: bool = True, rows_per_partition: int = 100_000,
              say: Callable[[str], None] | None = None) -> BatchResult:
    """Check every row of `source` into `outdir`; raises PartitionFailed naming the first
    partition that failed (the files of the others stay: a rerun does the rest)."""
    options = options or EngineOptions()
    folder = Path(outdir)
    folder.mkdir(parents=True, exist_ok=True)
    parts = source.partitions(rows_per_partition)
    law = law_of(build_checker(classify=False))
    plan = _plan(source, parts, rows_per_partition, lang, classify, law_digest(law))
    _same_plan(folder, plan)
    write_json(folder / "plan.json", plan)
    todo = [p for p in parts if not part_path(folder, p.index).is_file()]
    if todo:  # a manifest stands for a whole run only
        (folder / "manifest.json").unlink(missing_ok=True)
    job = Job(source, str(folder), lang, classify, plan["law"])
    progress, done = _Progress(len(todo), say), []
    for item in run_engine(job, todo, options):
        done.append(item)
        progress.add(item)
    counts: Counter[tuple[Any, ...]] = counts_of(folder, len(parts))
    write_counts(folder, counts)
    totals = _totals(folder, parts)
    manifest = {**plan, "partitions": totals, "law_versions": law, "pantau": __version__,
                "engine": {"engine": options.engine, "workers": options.workers,
                           "scheduler": options.scheduler, "retries": options.retries},
                "rows": sum(t["rows"] for t in totals),
                "invalid": sum(t["invalid"] for t in totals),
                "this_run": {"partitions": len(todo), "workers": _workers(done),
                             "cpu_seconds": round(sum(d.cpu_seconds for d in done), 3)},
                "finished_at": datetime.now(UTC).isoformat(timespec="seconds")}
    write_json(folder / "manifest.json", manifest)
    return BatchResult(len(parts), len(todo), manifest["rows"], manifest["invalid"], manifest)


__all__ = ["BatchFailed", "BatchResult", "run_batch"]
