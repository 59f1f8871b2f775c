"""The task every engine runs on a worker: check one partition and write its file.

A checker does not pickle (compiled closures, the classifier), so each worker process builds
its own, once, and keeps it for every partition it is given. It is built from the law this
worker has installed and must be the law the run recorded in its plan (`Job.law`): a worker
with other policy or calendar versions refuses the partition instead of mixing two laws.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from pantau.batch.evaluate import check_rows
from pantau.batch.output import part_table, write_part
from pantau.batch.sources import Partition, Source
from pantau.domain.errors import PantauError
from pantau.rules.calendars import agency_ids
from pantau.rules.checker import Checker, default_classifier


class LawMismatch(PantauError):
    """A worker's installed policies or calendars are not those the run recorded."""


@dataclass(frozen=True)
class Job:
    """What every task of a run shares (pickled to the workers)."""

    source: Source
    outdir: str
    lang: str = "id"
    classify: bool = True
    law: str = ""


@dataclass(frozen=True)
class PartDone:
    """What a task reports: the partition, its rows and invalid rows, the first error, and
    which worker did it (host:pid) with how many checkers that worker has built."""

    index: int
    rows: int
    invalid: int
    first_error: str | None
    worker: str
    checkers_built: int
    cpu_seconds: float


_checkers: dict[bool, Checker] = {}
_built = [0]


def law_of(checker: Checker) -> dict[str, dict[str, str]]:
    """The versions of the law of every agency (calendar and policies)."""
    return {agency: dict(checker.versions(agency)) for agency in agency_ids()}


def law_digest(law: dict[str, dict[str, str]]) -> str:
    return hashlib.sha256(json.dumps(law, sort_keys=True).encode()).hexdigest()[:16]


def build_checker(classify: bool) -> Checker:
    return Checker(classifier=default_classifier if classify else None)


def worker_checker(job: Job) -> Checker:
    """This process's checker for the job, built on first use."""
    found = _checkers.get(job.classify)
    if found is None:
        found = build_checker(job.classify)
        mine = law_digest(law_of(found))
        if job.law and mine != job.law:
            raise LawMismatch(f"worker {worker_name()} has law {mine}, the run recorded "
                              f"{job.law}: install the same pantau version on every worker")
        _checkers[job.classify] = found
        _built[0] += 1
        gc.collect()  # as `pantau check`: what is loaded now stays out of every collection
        gc.freeze()
        gc.set_threshold(50_000, 50, 100)
    return found


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def run_partition(job: Job, partition: Partition) -> PartDone:
    """Check one partition and write `findings/part-NNNNN.parquet` (atomically)."""
    checker = worker_checker(job)
    started = time.process_time()
    rows = list(check_rows(checker, job.source.read(partition), job.lang))
    write_part(Path(job.outdir), partition.index, part_table(rows))
    invalid = [row for row in rows if row.finding is None]
    first = invalid[0].error if invalid else None
    return PartDone(partition.index, len(rows), len(invalid), first, worker_name(), _built[0],
                    time.process_time() - started)


__all__ = ["Job", "LawMismatch", "PartDone", "build_checker", "law_digest", "law_of",
           "run_partition", "worker_checker"]
