"""`pantau check` leaves no reference cycles behind a checked line, so the collector it tunes
(`quiet_collector`: loaded objects frozen without a full collection first, young objects
collected rarely) frees nothing late: every finding, valid or invalid line, is freed by its
reference count as soon as it is written."""

from __future__ import annotations

import gc
import io
import json
import random

from benchmarks.bench_check import activity

from pantau.commands.check import run_check
from pantau.rules.checker import Checker


def _lines(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    found = []
    for index in range(count):
        record = activity(rng, index)
        if index % 7 == 0:  # an invalid line of each kind: bad JSON, bad field, unknown agency
            found.append(["{not json", json.dumps({**record, "kind": "hologram"}),
                          json.dumps({**record, "agency": "kab-nowhere"})][index % 3])
        else:
            found.append(json.dumps(record, ensure_ascii=False))
    return found


def test_checked_lines_leave_no_reference_cycles() -> None:
    checker = Checker(classifier=None)
    for lang in ("id", "en"):  # calendars, catalogues and caches loaded
        run_check(_lines(1, 300), io.StringIO(), checker, lang, None)
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        out = io.StringIO()
        run_check(_lines(2, 3000), out, checker, "en", None)
        assert out.getvalue().count("\n") == 3000
        assert '"verdict": "invalid"' in out.getvalue()
        left = gc.collect()
    finally:
        if was_enabled:
            gc.enable()
    assert left == 0
