"""Benchmark `pantau check`: N realistic activities (default 1M) written to a temporary file,
checked with the real policies and calendars, against bare `json.loads` of the same file.

Run: `uv run python -m benchmarks check` (1M) or `uv run python -c "from benchmarks.bench_check
import main; main(['100000'])"` for a quick run. Prints activities/second, the ratio of check
time to bare JSON parsing, and the process's peak resident memory.
"""

from __future__ import annotations

import json
import random
import resource
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

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


def bare_parse(path: Path) -> float:
    """Seconds to read and json.loads every line."""
    started = time.perf_counter()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            json.loads(line)
    return time.perf_counter() - started


def check(path: Path) -> tuple[float, int]:
    """Seconds to check every line (read, parse, evaluate, serialise), and characters out."""
    sink = _Sink()
    checker = Checker(classifier=None)
    started = time.perf_counter()
    with path.open(encoding="utf-8") as lines:
        run_check(lines, sink, checker, "id", None)  # type: ignore[arg-type]
    return time.perf_counter() - started, sink.chars


def main(argv: list[str]) -> None:
    n = int(argv[0]) if argv else 1_000_000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "activities.jsonl"
        started = time.perf_counter()
        generate(path, n)
        size = path.stat().st_size / 1e6
        print(f"generated {n} activities ({size:.0f} MB) in {time.perf_counter() - started:.1f}s")
        parse_seconds = bare_parse(path)
        check_seconds, chars = check(path)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"bare json parsing: {parse_seconds:.2f}s ({n / parse_seconds:,.0f} lines/s)")
    print(f"pantau check:      {check_seconds:.2f}s ({n / check_seconds:,.0f} activities/s, "
          f"{chars / 1e6:.0f} MB of findings)")
    print(f"ratio check / bare parsing: {check_seconds / parse_seconds:.2f}x (goal <= 2x)")
    print(f"peak resident memory: {peak_mb:.0f} MB (goal < 500 MB)")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
