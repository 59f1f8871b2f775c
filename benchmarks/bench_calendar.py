"""Calendar speed: `is-working` on 1M instants and `add-working-days` on 100k deadlines.

Each measurement is printed with a baseline measured in the same run on the same inputs:
bare zoneinfo conversion of the instants (`astimezone`) and bare date arithmetic
(`date + timedelta`). Run: `uv run python -m benchmarks calendar`
(or `uv run python benchmarks/bench_calendar.py --instants 200000`).
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from pantau.rules.calendars import load_calendar

OFFSETS = [timezone(timedelta(hours=hours)) for hours in (0, 7, 8, 9)]


def timed(operation: Callable[[Any], object], inputs: list[Any]) -> float:
    """Seconds to apply `operation` to every input, results discarded as they come."""
    started = time.perf_counter()
    for item in inputs:
        operation(item)
    return time.perf_counter() - started


def instants(count: int, seed: int) -> list[datetime]:
    rng = random.Random(seed)
    base = datetime(2025, 1, 1, tzinfo=UTC)
    span = 2 * 365 * 24 * 3600 - 24 * 3600
    return [
        (base + timedelta(seconds=rng.randrange(span))).astimezone(rng.choice(OFFSETS))
        for _ in range(count)
    ]


def deadlines(count: int, seed: int) -> list[tuple[date, int]]:
    rng = random.Random(seed)
    base = date(2021, 1, 1)
    return [(base + timedelta(days=rng.randrange(2000)), rng.randint(1, 30)) for _ in range(count)]


def report(name: str, count: int, measured: float, baseline: float, base_name: str) -> None:
    per_op = measured / count * 1e6
    per_base = baseline / count * 1e6
    print(
        f"{name}: {count} ops in {measured:.2f}s = {per_op:.2f} µs/op; "
        f"baseline {base_name} {per_base:.2f} µs/op; ratio {measured / baseline:.1f}x",
        flush=True,
    )


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="bench_calendar")
    parser.add_argument("--instants", type=int, default=1_000_000)
    parser.add_argument("--deadlines", type=int, default=100_000)
    parser.add_argument("--agency", default="kota-bekasi")
    args = parser.parse_args(argv)
    calendar = load_calendar(args.agency)
    zone = calendar.zone

    moments = instants(args.instants, seed=1)
    calendar.working_time(moments[0])  # load data before timing
    baseline = timed(lambda moment: moment.astimezone(zone), moments)
    measured = timed(calendar.working_time, moments)
    report("is-working", len(moments), measured, baseline, "astimezone")
    working = sum(calendar.working_time(moment).working for moment in moments[:100_000])
    print(f"  (sanity: {working} of the first 100000 instants are working time)", flush=True)

    items = deadlines(args.deadlines, seed=2)
    baseline = timed(lambda item: item[0] + timedelta(days=item[1]), items)
    measured = timed(lambda item: calendar.add_working_days(*item), items)
    report("add-working-days", len(items), measured, baseline, "date+timedelta")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
