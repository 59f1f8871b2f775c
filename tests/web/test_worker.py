"""Background work runs on a real worker (django-tasks' `db_worker` over the database): poster
frames of video evidence drawn by ffmpeg, and the worker process `pantau demo` starts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from pantau.domain.intake import Source
from pantau.web.intake.models import Evidence
from pantau.web.intake.services import Filing, file_report

pytestmark = pytest.mark.slow
WIB = ZoneInfo("Asia/Jakarta")


def _video(tmp_path: Path) -> bytes:
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:  # as tests/conftest.py `require`: a skip here, a failure in CI
        message = "ffmpeg is not available: apt-get install ffmpeg"
        if os.environ.get("PANTAU_REQUIRE_ALL") == "1":
            pytest.fail(f"PANTAU_REQUIRE_ALL=1 but {message}", pytrace=False)
        pytest.skip(message)
    target = tmp_path / "clip.mp4"
    subprocess.run([ffmpeg or "ffmpeg", "-loglevel", "error", "-f", "lavfi", "-i",
                    "testsrc=duration=2:size=160x120:rate=10", "-pix_fmt", "yuv420p",
                    str(target)], check=True, timeout=60)
    return target.read_bytes()


def test_the_worker_draws_a_poster_frame_for_video_evidence(
    transactional_db: None, world: Any, settings: Any, tmp_path: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """Transactional: the worker closes the database connection when it is done, which on
    PostgreSQL ended the test's own transaction ("the connection is closed")."""
    settings.STORAGES = {**settings.STORAGES, "evidence": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "evidence")}}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    video = SimpleUploadedFile("clip.mp4", _video(tmp_path), content_type="video/mp4")
    filing = Filing(agency_id="kab-ketapang", source=Source.MONITOR,
                    happened_at=datetime(2026, 2, 10, 10, 0, tzinfo=WIB), kind="video",
                    description="Video joget di kantor.")
    with django_capture_on_commit_callbacks(execute=True):
        file_report(filing, [video], "satpol", datetime(2026, 2, 10, 12, 0, tzinfo=WIB))
    item = Evidence.objects.get()
    assert item.content_type == "video/mp4" and not item.poster  # queued, not drawn yet
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*",
                 "--no-reload", verbosity=0)
    item.refresh_from_db()
    assert item.poster and item.poster.name.endswith(".png")
    with item.poster.open("rb") as handle:
        assert handle.read(8) == b"\x89PNG\r\n\x1a\n"


def test_the_demo_worker_process_runs_queued_tasks(tmp_path: Path) -> None:
    """The command line `pantau demo` starts (pantau.commands.web.worker_command_line), run
    as its own process against a fresh database, does the work queued there."""
    from pantau.commands.web import worker_command_line

    env = {**os.environ, "PANTAU_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
           "DJANGO_SETTINGS_MODULE": "pantau.web.settings"}
    run = {"env": env, "check": True, "timeout": 120, "capture_output": True, "text": True}
    subprocess.run([sys.executable, "-m", "django", "migrate", "-v", "0"], **run)
    enqueue = ("import django; django.setup(); from pantau.web.review.tasks import "
               "recheck_stale; print(recheck_stale.enqueue().id)")
    task_id = subprocess.run([sys.executable, "-c", enqueue], **run).stdout.strip()
    command = worker_command_line()
    assert "db_worker" in command
    subprocess.run([*command, "--batch"], **run)
    check = ("import django; django.setup(); from django_tasks_db.models import DBTaskResult; "
             f"print(DBTaskResult.objects.get(id='{task_id}').status)")
    assert subprocess.run([sys.executable, "-c", check], **run).stdout.strip() == "SUCCESSFUL"
