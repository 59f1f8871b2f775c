"""Run every benchmark, or those named on the command line (`python -m benchmarks calendar`)."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time

import benchmarks


def main(argv: list[str]) -> None:
    names = sorted(
        info.name.removeprefix("bench_")
        for info in pkgutil.iter_modules(benchmarks.__path__)
        if info.name.startswith("bench_")
    )
    chosen = [name for name in names if not argv or name in argv]
    for name in chosen:
        print(f"== benchmark {name}", flush=True)
        started = time.perf_counter()
        importlib.import_module(f"benchmarks.bench_{name}").main([])
        print(f"== {name} took {time.perf_counter() - started:.1f}s\n", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
