"""Benchmark `pantau check`: N realistic activities (default 100k) written to a temporary
file, checked with the real policies and calendars, against two baselines measured in the same
run on the same lines: a bare stdlib-json parse-and-write and the same with orjson.

Run: `uv run python -m benchmarks check`. Prints CPU time (median of 3) of each, the ratios,
and the process's peak resident memory.
"""

from __future__ import annotations

import gc
import json
import random
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import orjson

from pantau.commands.check import run_check
from pantau.rules.checker import Checker

AGENCIES = ["kab-banyuasin", "kab-kepulauan-anambas", "kab-ketapang", "kab-pasaman-barat",
            "kota-bekasi"]
KINDS = ["live"] * 4 + ["video"] * 3 + ["post"] * 3 + ["story", "comment", "comment", "share",
                                                      "reaction", "offline"]
CODES = ["improper_content", "hate_speech_sara", "practical_politics", "hoax",
         "degrading_institution", "badmouthing"]
TYPES = ["PNS"] * 6 + ["PPPK"] * 3 + ["NON_ASN"]
LOCATIONS = ["office", "workspace", "field", "public", "home", "unknown", None]
WIB = timezone(timedelta(hours=7))
START = datetime(2025, 11, 1, tzinfo=WIB)


class _Sink:
    """Discards what is written, counting characters (stands in for a pipe)."""

    def __init__(self) -> None:
        self.chars = 0

    def write(self, text: str) -> int:
        self.chars += len(text)
        return len(text)


def _maybe(rng: random.Random, value: object, unknown: float = 0.15) -> object:
    return None if rng.random() < unknown else value


def activity(rng: random.Random, index: int) -> dict[str, object]:
    """One realistic activity: mostly judged content, some unknown signals."""
    started = START + timedelta(minutes=rng.randrange(0, 60 * 24 * 240))
    kind = rng.choice(KINDS)
    signals: dict[str, object] = {
        "official_duty": _maybe(rng, rng.random() < 0.2),
        "leader_permission": _maybe(rng, rng.random() < 0.3, 0.5),
        "uniform_visible": _maybe(rng, rng.random() < 0.3),
        "asn_identity_shown": _maybe(rng, rng.random() < 0.2, 0.3),
        "location": rng.choice(LOCATIONS),
        "commercial": _maybe(rng, rng.random() < 0.1, 0.3),
        "on_leave": rng.random() < 0.05,
    }
    if rng.random() < 0.8:
        signals["content"] = rng.sample(CODES, k=rng.choice([0, 0, 0, 1, 1, 2]))
    record: dict[str, object] = {
        "id": f"b-{index}", "agency": rng.choice(AGENCIES), "platform": "tiktok", "kind": kind,
        "started_at": started.isoformat(), "account": f"@akun{index % 5000}",
        "account_type": rng.choice(["personal"] * 9 + ["official"]),
        "employee": {"nip": f"19870312201001{index % 10000:04d}", "type": rng.choice(TYPES),
                     "unit": "Dinas Contoh"},
        "text": "caption singkat untuk video ini", "signals": signals,
    }
    if kind == "live":
        record["ended_at"] = (started + timedelta(minutes=rng.randrange(5, 90))).isoformat()
    return record


def generate(path: Path, n: int, seed: int = 20260203) -> None:
    """Write n activities as JSON Lines."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for index in range(n):
            out.write(json.dumps(activity(rng, index), ensure_ascii=False))
            out.write("\n")


def _cpu(run: Callable[[], object]) -> float:
    """CPU seconds of one run (this process, all threads)."""
    gc.collect()
    started = time.process_time()
    run()
    return time.process_time() - started


def _medians_interleaved(runs: list[Callable[[], object]], repeat: int = 3) -> list[float]:
    """The median CPU seconds of each run over `repeat` rounds, the runs taking turns within
    a round, so that a machine that slows down or speeds up during the benchmark weighs on
    each run alike (the ratios are what is read)."""
    times: list[list[float]] = [[] for _ in runs]
    for _ in range(repeat):
        for run, kept in zip(runs, times, strict=True):
            kept.append(_cpu(run))
    return [statistics.median(kept) for kept in times]


def stdlib_baseline(path: Path) -> None:
    """The bare stdlib-json parse-and-write of the same lines: read, json.loads, json.dumps,
    write (to a sink)."""
    sink = _Sink()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            sink.write(json.dumps(json.loads(line), ensure_ascii=False) + "\n")


def orjson_baseline(path: Path) -> None:
    """The same with orjson: read bytes, orjson.loads, orjson.dumps, write."""
    sink = _Sink()
    with path.open("rb") as lines:
        for line in lines:
            sink.write(orjson.dumps(orjson.loads(line)).decode() + "\n")


def check(path: Path) -> int:
    """Check every line as `pantau check` does (read, parse, evaluate, write); characters out."""
    sink = _Sink()
    checker = Checker(classifier=None)
    with path.open(encoding="utf-8") as lines:
        run_check(lines, sink, checker, "id", None)  # type: ignore[arg-type]
    return sink.chars


def main(argv: list[str]) -> None:
    n = int(argv[0]) if argv else 100_000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "activities.jsonl"
        generate(path, n)
        size = path.stat().st_size / 1e6
        print(f"generated {n} activities ({size:.0f} MB); CPU time, median of 3 rounds"
              " (the three runs take turns in each round)")
        stdlib, fast, checked = _medians_interleaved([
            lambda: stdlib_baseline(path), lambda: orjson_baseline(path), lambda: check(path)])
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"stdlib json parse-and-write: {stdlib:.2f}s ({stdlib / n * 1e6:.1f} µs a line)")
    print(f"orjson parse-and-write:      {fast:.2f}s ({fast / n * 1e6:.1f} µs a line)")
    print(f"pantau check:                {checked:.2f}s ({checked / n * 1e6:.1f} µs an activity,"
          f" {n / checked:,.0f} activities/s of CPU)")
    print(f"ratio check / stdlib json: {checked / stdlib:.2f}x (goal <= 3x)")
    print(f"ratio check / orjson:      {checked / fast:.2f}x")
    print(f"peak resident memory: {peak_mb:.0f} MB")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
