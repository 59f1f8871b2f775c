"""Benchmark `pantau batch check`: 1 against 2 workers on each engine (local: this process
against a pool of 2; dask: a local cluster of 1 and of 2 workers), CPU per row, the CPU other
processes used meanwhile (runs where that exceeds 0.2 cores are marked: the machine was
shared), and the sizing model

    time ≈ start + rows × c ÷ (workers × efficiency)

with c (CPU seconds a row on one worker) and efficiency (the 2-worker speedup over 2) measured
here, start measured on a run of a few rows, and the predicted time for 500 million rows on
16 and 64 cores. Run: `uv run python -m benchmarks batch` (N rows: `... batch 40000`).
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.bench_check import generate
from pantau.batch import JsonLinesSource, run_batch
from pantau.batch.engines import EngineOptions

TICKS = os.sysconf("SC_CLK_TCK")


def _busy_seconds() -> float:
    """CPU seconds the whole machine spent busy so far (/proc/stat)."""
    with open("/proc/stat", encoding="ascii") as stat:
        fields = [int(x) for x in stat.readline().split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / TICKS


@dataclass
class Run:
    name: str
    workers: int
    rows: int
    wall: float
    cpu: float  # CPU of the partition tasks, all workers
    others: float  # cores other processes used meanwhile

    @property
    def marked(self) -> str:
        return " (machine shared: other processes > 0.2 cores)" if self.others > 0.2 else ""


def measure(name: str, source: Path, options: EngineOptions, rows_per_partition: int) -> Run:
    with tempfile.TemporaryDirectory() as out:
        busy, mine = _busy_seconds(), time.process_time()
        started = time.perf_counter()
        result = run_batch(JsonLinesSource(source), out, options, classify=False,
                           rows_per_partition=rows_per_partition)
        wall = time.perf_counter() - started
        cpu = result.manifest["this_run"]["cpu_seconds"]
        ours = cpu + (time.process_time() - mine) if options.workers or options.engine == "dask" \
            else time.process_time() - mine
        others = max(_busy_seconds() - busy - ours, 0.0) / wall
    workers = options.workers or 1
    return Run(name, workers, result.rows, wall, cpu, others)


def _report(run: Run) -> None:
    print(f"{run.name:<14} {run.workers} worker(s): {run.wall:6.2f}s wall, "
          f"{run.cpu / run.rows * 1e6:6.1f} µs CPU a row, others {run.others:.2f} cores"
          f"{run.marked}", flush=True)


def _engine(name: str, one: EngineOptions, two: EngineOptions, source: Path, tiny: Path,
            per_part: int) -> tuple[Run, Run, float]:
    start = measure(f"{name}-start", tiny, one, per_part).wall
    single, double = measure(name, source, one, per_part), measure(name, source, two, per_part)
    _report(single)
    _report(double)
    speedup = (single.wall - start) / max(double.wall - start, 1e-9)
    print(f"{name}: start {start:.2f}s, speedup 1 -> 2 workers {speedup:.2f}x", flush=True)
    return single, double, start


def sizing(name: str, single: Run, double: Run, start: float) -> None:
    c = (single.wall - start) / single.rows
    efficiency = (single.wall - start) / (2 * max(double.wall - start, 1e-9))
    print(f"sizing ({name}): time ≈ {start:.1f}s + rows × {c * 1e6:.1f} µs ÷ (workers × "
          f"{efficiency:.2f})")
    for cores in (16, 64):
        seconds = start + 500e6 * c / (cores * efficiency)
        print(f"  500M rows on {cores} cores: {seconds / 3600:.2f} h ({seconds:,.0f} s)")


def main(argv: list[str]) -> None:
    n = int(argv[0]) if argv else 40_000
    per_part = max(n // 8, 1)
    with tempfile.TemporaryDirectory() as folder:
        source, tiny = Path(folder) / "a.jsonl", Path(folder) / "tiny.jsonl"
        generate(source, n)
        generate(tiny, 10)
        print(f"{n} activities, {per_part} rows a partition, on {os.cpu_count()} cores")
        local = _engine("local", EngineOptions("local"), EngineOptions("local", workers=2),
                        source, tiny, per_part)
        dask = _engine("dask", EngineOptions("dask", workers=1),
                       EngineOptions("dask", workers=2), source, tiny, per_part)
    sizing("local pool", *local)
    sizing("dask", *dask)


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
