"""The review queue at 100,000 reports, and the public complaint form, on SQLite.

A fresh SQLite file is migrated, given the demo registry, and filled with N reports (default
100,000) spread over the five agencies, every status and severity. Then, in this process with
Django's test client (no network), it measures:
- the queue page (`/review/`) of a BKPSDM admin and of a unit head, sorted three ways and
  filtered, and its JSON twin: median and p99 latency;
- the SQL queries a queue page makes at page sizes 10, 25 and 100 (they must not grow with
  the size);
- a public complaint (`POST /lapor/`, challenge answered, a PNG uploaded): median and p99;
and, as the baseline measured in the same run, a bare `SELECT` of one page of reports by the
ORM (no template, no scope).

Run: `uv run python -m benchmarks queue` (or `uv run python benchmarks/bench_queue.py
--reports 20000` for a quick run).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def setup_django(folder: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "pantau.web.settings"
    os.environ["PANTAU_DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["PANTAU_EVIDENCE_ROOT"] = str(folder / "evidence")
    os.environ["PANTAU_PUBLIC_RATE"] = "1000000/h"
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def fill(count: int, seed: int = 7) -> None:
    """The demo registry, then `count` reports with the fields the queue reads."""
    from datetime import date

    from pantau.web.intake.models import Report
    from pantau.web.registry.demo_load import load_demo_once
    from pantau.web.registry.models import Employee

    load_demo_once(date(2026, 2, 3))
    rng = random.Random(seed)
    people = list(Employee.objects.values_list("pk", "agency_id"))
    statuses = ["received", "in_review", "waiting", "confirmed", "dismissed"]
    verdicts = [("violation", 3), ("needs_review", 2), ("no_violation", 1), ("", 0)]
    start = datetime(2026, 1, 5, tzinfo=UTC)
    batch: list[Report] = []
    for index in range(count):
        pk, agency = rng.choice(people)
        verdict, severity = rng.choice(verdicts)
        batch.append(Report(
            agency_id=agency, source=rng.choice(["public", "monitor", "import", "lapor"]),
            status=rng.choice(statuses), kind="live",
            happened_at=start + timedelta(minutes=index), employee_id=pk if index % 7 else None,
            description="Live TikTok saat jam kerja.", verdict=verdict, severity=severity,
            conducts="live_in_work_hours" if severity >= 2 else "",
            classifier_score=round(rng.random(), 3), external_id=f"bench-{index}",
        ))
        if len(batch) == 5000:
            Report.objects.bulk_create(batch)
            batch = []
    Report.objects.bulk_create(batch)


def latency(call: Callable[[], Any], runs: int) -> tuple[float, float]:
    """(median, p99) in milliseconds over `runs` calls, after two warm-up calls."""
    call()
    call()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.99))]


def client_for(username: str) -> Any:
    from django.contrib.auth.models import User
    from django.test import Client

    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def queries_per_page(client: Any, sizes: tuple[int, ...]) -> dict[int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    import pantau.web.pages as pages

    found = {}
    for size in sizes:
        pages.PAGE_SIZE = size
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/review/").status_code == 200
        found[size] = len(captured)
    pages.PAGE_SIZE = 25
    return found


def complaint(client: Any) -> Callable[[], Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    def post() -> None:
        form = client.get("/lapor/").content.decode()
        token = re.search(r'name="token" value="([^"]+)"', form)
        numbers = re.search(r"(\d+) \+ (\d+)", form)
        assert token is not None and numbers is not None
        answer = int(numbers.group(1)) + int(numbers.group(2))
        response = client.post("/lapor/", {
            "agency": "kab-ketapang", "links": "https://www.tiktok.com/@x/video/1",
            "happened_at": "2026-02-03T10:15", "kind": "live", "description": "Live.",
            "token": token.group(1), "answer": str(answer),
            "evidence": SimpleUploadedFile("a.png", PNG, content_type="image/png")})
        assert response.status_code == 302, response.status_code

    return post


def bare_page() -> Callable[[], Any]:
    from pantau.web.intake.models import Report

    def select() -> None:
        list(Report.objects.filter(agency_id="kab-ketapang", status="received")
             .order_by("-severity", "created_at")[:25])

    return select


def report(name: str, median: float, p99: float, base: float) -> None:
    print(f"  {name:<46} median {median:7.1f} ms  p99 {p99:7.1f} ms  "
          f"({median / base:5.1f}x the bare page select)")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        setup_django(Path(folder))
        started = time.perf_counter()
        fill(args.reports)
        print(f"filled {args.reports:,} reports in {time.perf_counter() - started:.1f}s")
        base, base99 = latency(bare_page(), args.runs)
        print(f"  baseline: bare ORM select of one page      median {base:7.1f} ms  "
              f"p99 {base99:7.1f} ms")
        admin, head = client_for("ketapang.admin"), client_for("ketapang.kepala")
        pages = {
            "queue page, BKPSDM admin (most serious first)": (admin, "/review/"),
            "queue page, oldest first": (admin, "/review/?sort=age"),
            "queue page, classifier score, source filter": (
                admin, "/review/?sort=score&source=public&status=all"),
            "queue JSON twin": (admin, "/review.json"),
            "queue page, unit head": (head, "/review/"),
            "queue page 200 (deep paging)": (admin, "/review/?page=200&status=all"),
        }
        for name, (client, route) in pages.items():
            median, p99 = latency(lambda c=client, r=route: c.get(r), args.runs)
            report(name, median, p99, base)
        counts = queries_per_page(admin, (10, 25, 100))
        print("  SQL queries per queue page by page size: "
              + ", ".join(f"{size} rows: {n}" for size, n in counts.items())
              + ("  (constant)" if len(set(counts.values())) == 1 else "  (GROWS)"))
        median, p99 = latency(complaint(client_for("ketapang.admin")), max(10, args.runs // 3))
        report("public complaint with a PNG (GET form + POST)", median, p99, base)


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
