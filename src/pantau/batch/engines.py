"""Engines that map `run_partition` over partitions: this process, a process pool, or Dask.

`local` runs in this process, or in a pool of `workers` processes. `dask` starts a local
cluster on 127.0.0.1 (`workers` processes of one thread) or joins the scheduler it is given
(`tcp://HOST:8786`); Dask re-runs the task of a worker that died, and `retries` re-runs a task
that raised. Each yields `PartDone` as partitions finish, and raises `PartitionFailed` naming
the first partition that failed for good.
"""

from __future__ import annotations

import concurrent.futures as futures
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pantau.batch.sources import Partition
from pantau.batch.work import Job, PartDone, run_partition


class PartitionFailed(Exception):
    """A partition failed (after its retries): which one, and its first error."""

    def __init__(self, partition: Partition, error: BaseException) -> None:
        first = (str(error).strip().splitlines() or [type(error).__name__])[0]
        super().__init__(f"partition {partition.index:05d} ({partition.name}) failed: "
                         f"{type(error).__name__}: {first}")
        self.partition = partition


@dataclass(frozen=True)
class EngineOptions:
    """How to run: `local` or `dask`, workers, scheduler address, retries per partition."""

    engine: str = "local"
    workers: int | None = None
    scheduler: str | None = None
    retries: int = 0


def run_engine(job: Job, parts: list[Partition], options: EngineOptions) -> Iterator[PartDone]:
    if options.engine == "dask":
        yield from _dask(job, parts, options)
    elif options.workers and options.workers > 1:
        yield from _pool(job, parts, options)
    else:
        yield from _here(job, parts, options.retries)


def _here(job: Job, parts: list[Partition], retries: int) -> Iterator[PartDone]:
    for part in parts:
        for attempt in range(retries + 1):
            try:
                done = run_partition(job, part)
            except Exception as error:
                if attempt == retries:
                    raise PartitionFailed(part, error) from error
                continue
            yield done
            break


def _pool(job: Job, parts: list[Partition], options: EngineOptions) -> Iterator[PartDone]:
    with futures.ProcessPoolExecutor(max_workers=options.workers) as pool:
        running: dict[futures.Future[PartDone], tuple[Partition, int]] = {
            pool.submit(run_partition, job, part): (part, 0) for part in parts
        }
        try:
            while running:
                finished, _ = futures.wait(running, return_when=futures.FIRST_COMPLETED)
                for future in finished:
                    part, attempt = running.pop(future)
                    error = future.exception()
                    if error is None:
                        yield future.result()
                    elif attempt < options.retries:
                        running[pool.submit(run_partition, job, part)] = (part, attempt + 1)
                    else:
                        raise PartitionFailed(part, error) from error
        finally:
            for future in running:
                future.cancel()


def _client(options: EngineOptions) -> tuple[Any, Any]:
    """A Dask client on the given scheduler, or on a new local cluster (and that cluster)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:  # pragma: no cover - the extra is in the dev group
        raise RuntimeError("--engine dask needs the extra: pip install 'pantau[dask]'") from error
    if options.scheduler:
        return Client(options.scheduler), None
    cluster = LocalCluster(n_workers=options.workers or 2, threads_per_worker=1,
                           processes=True, host="127.0.0.1", dashboard_address=None)
    return Client(cluster), cluster


def _dask(job: Job, parts: list[Partition], options: EngineOptions) -> Iterator[PartDone]:
    from distributed import as_completed

    client, cluster = _client(options)
    try:
        by_key = {}
        for part in parts:
            future = client.submit(run_partition, job, part, retries=options.retries,
                                   pure=False, key=f"pantau-part-{part.index:05d}-{id(job)}")
            by_key[future.key] = (future, part)
        for future in as_completed([f for f, _ in by_key.values()]):
            part = by_key[future.key][1]
            if future.status == "error":
                error = future.exception()
                for other, _ in by_key.values():
                    other.cancel()
                raise PartitionFailed(part, error) from error
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


__all__ = ["EngineOptions", "PartitionFailed", "run_engine"]
