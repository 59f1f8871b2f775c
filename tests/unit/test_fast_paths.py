"""The fast paths of `pantau check` give the same answers as the slow paths they skip.

Each cache or shortcut the check takes for speed is held here against the code it stands in
for, on generated activities and on broken variants of them (performance itself lives in
benchmarks/, not in tests).
"""

from __future__ import annotations

import copy
import random
from typing import Any

import pytest
from benchmarks.bench_check import activity as generated_activity

from pantau.domain.activities import _parsed_activity, parse_activity

# Values that break (or merely vary) a field: every JSON type, empty and odd strings.
ODD_VALUES: list[Any] = [None, "", "x", 0, 1, -1, 2**70, 1.5, True, False, [], ["a"], [1], {},
                         {"a": 1}, "2026-02-03T10:00:00", "2026-02-03T10:00:00+07:00",
                         "2026-02-03T09:00:00+07:00", "live", "office", "PNS", "CPNS"]
FIELDS = ["id", "agency", "kind", "started_at", "ended_at", "platform", "account",
          "account_type", "employee", "text", "signals"]
EMPLOYEE_FIELDS = ["nip", "name", "type", "unit"]
SIGNAL_FIELDS = ["official_duty", "leader_permission", "uniform_visible", "asn_identity_shown",
                 "commercial", "confidential_material", "content_creator",
                 "conflict_of_interest", "allowed_content", "location", "on_leave", "content"]


def _outcome(parse: Any, obj: object) -> tuple[str, Any]:
    try:
        return "ok", parse(obj)
    except Exception as error:  # the same error, class and words, is what is compared
        return type(error).__name__, str(error)


def _variants(rng: random.Random, count: int) -> list[object]:
    found: list[object] = []
    for index in range(count):
        record: dict[str, Any] = generated_activity(rng, index)
        found.append(record)
        broken = copy.deepcopy(record)
        where = rng.random()
        if where < 0.4:
            field = rng.choice(FIELDS)
            if rng.random() < 0.2:
                broken.pop(field, None)
            else:
                broken[field] = rng.choice(ODD_VALUES)
        elif where < 0.7:
            broken["employee"] = dict(broken["employee"])
            broken["employee"][rng.choice(EMPLOYEE_FIELDS)] = rng.choice(ODD_VALUES)
        else:
            broken["signals"][rng.choice(SIGNAL_FIELDS)] = rng.choice(ODD_VALUES)
        found.append(broken)
    found += [None, [], "x", 1, {}]
    return found


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_parse_fast_path_equals_the_field_by_field_parser(seed: int) -> None:
    for obj in _variants(random.Random(seed), 1500):
        fast, full = _outcome(parse_activity, obj), _outcome(_parsed_activity, obj)
        assert fast == full, obj
        if fast[0] == "ok":
            assert vars(fast[1]) == vars(full[1])
            assert vars(fast[1].signals) == vars(full[1].signals)
            assert hash(fast[1]) == hash(full[1])
