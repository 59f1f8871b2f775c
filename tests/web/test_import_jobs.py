"""Big registry files on the web (issue 14): checked in a few queries whatever their length,
previewed a page at a time with errors first and counts on top, previewed and written by the
background worker with progress on the page, written all or nothing, and refused past the
limits with a message instead of eating the server's memory."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from benchmarks.import_files import employees_csv, xfd_bomb
from click.testing import CliRunner
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pantau.cli import main
from pantau.web.audit.models import AuditEntry
from pantau.web.registry import import_jobs, import_writes, importer
from pantau.web.registry.models import Employee, ImportJob

UNITS = ("UMUM", "DINKES", "RSUD")


def _csv(tmp_path: Path, rows: int, first: int = 0) -> bytes:
    return employees_csv(tmp_path / f"e{rows}.csv", rows, UNITS, first).read_bytes()


def _upload(client: Any, data: bytes, name: str = "pegawai.csv") -> Any:
    upload = SimpleUploadedFile(name, data)
    return client.post("/import/preview/",
                       {"kind": "employees", "agency": "kab-ketapang", "file": upload})


def _text(response: Any) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def _run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*",
                 "--no-reload", verbosity=0)


def test_a_preview_takes_the_same_few_queries_for_20_rows_and_for_2000(
    world: Any, tmp_path: Path
) -> None:
    """It made one query per row (the NIP of another agency), 71 s for 50,000 rows."""
    queries = []
    for rows in (20, 2000):
        data = _csv(tmp_path, rows)
        with CaptureQueriesContext(connection) as captured:
            found = importer.preview("employees", data, "e.csv", "kab-ketapang")
        assert found.ok and len(found.rows) == rows
        queries.append(len(captured))
    assert queries[0] == queries[1] <= 6, queries


def test_the_preview_shows_counts_and_errors_first_a_page_at_a_time(
    world: Any, login: Any, tmp_path: Path
) -> None:
    lines = _csv(tmp_path, 60).decode().splitlines()
    for index in (10, 30, 55):  # data rows 10, 30, 55 are rows 11, 31, 56 of the sheet
        lines[index] = lines[index].replace(";PNS;", ";Pegawai Tetap;")
    client = login("admin_ktp")
    page = client.get(_upload(client, "\n".join(lines).encode())["Location"])
    text = _text(page)
    assert "60 baris: 57 siap, 3 bermasalah (3 galat)." in text
    assert text.index("Baris 11, kolom Jenis Pegawai") < text.index("Baris 56") \
        < text.index("siap", text.index("Baris 56"))
    assert 'id="confirm"' not in page.content.decode()
    twin = client.get(f"{page.request['PATH_INFO'].rstrip('/')}.json").json()
    assert [row["row"] for row in twin["rows"][:4]] == [11, 31, 56, 2]
    assert twin["summary"]["with_errors"] == 3 and twin["pages"] == 3
    third = client.get(page.request["PATH_INFO"], {"page": 3}).content.decode()
    assert "Halaman 3 dari 3" in third


def test_a_big_file_is_previewed_and_written_by_the_worker_with_progress_on_the_page(
    transactional_db: None, world: Any, login: Any, tmp_path: Path, settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """Transactional: the worker, run here as its own command, closes the database
    connection when it is done, as it does when it runs on its own (PostgreSQL)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.IMPORT_INLINE_BYTES = 1000
    client = login("admin_ktp")
    with django_capture_on_commit_callbacks(execute=True):
        job_url = _upload(client, _csv(tmp_path, 300))["Location"]
    waiting = client.get(job_url).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in waiting
    assert "menunggu pekerja latar belakang" in waiting
    _run_worker()
    previewed = client.get(job_url).content.decode()
    assert 'id="confirm"' in previewed and "http-equiv" not in previewed
    assert "300 baris: 300 siap, 0 bermasalah" in _text(client.get(job_url))
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(f"{job_url}confirm/")
    assert confirmed["Location"] == job_url  # the worker writes it
    assert Employee.objects.filter(name__startswith="Pegawai Contoh").count() == 0
    _run_worker()
    done = _text(client.get(job_url))
    assert "Impor selesai: 300 baru, 0 diperbarui, 0 tetap." in done
    assert Employee.objects.filter(name__startswith="Pegawai Contoh").count() == 300
    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.DONE and bytes(job.data) == b""


def test_a_job_is_only_its_users(world: Any, login: Any, tmp_path: Path) -> None:
    client = login("admin_ktp")
    job_url = _upload(client, _csv(tmp_path, 5))["Location"]
    assert client.get(job_url).status_code == 200
    assert login("admin_bks").get(job_url).status_code == 404
    assert login("kadis").get(job_url).status_code == 403


def test_a_write_that_fails_part_way_keeps_nothing(
    world: Any, login: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """All or nothing, as before: the 150th row fails, the 149 before it are not kept, nor
    their audit entries."""
    original, calls = import_writes.upsert, []

    def failing(*args: Any) -> Any:
        calls.append(1)
        if len(calls) == 150:
            raise RuntimeError("disk full")
        return original(*args)

    monkeypatch.setattr(import_writes, "upsert", failing)
    before, audited = Employee.objects.count(), AuditEntry.objects.count()
    client = login("admin_ktp")
    job_url = _upload(client, _csv(tmp_path, 200))["Location"]
    with pytest.raises(RuntimeError):
        client.post(f"{job_url}confirm/")
    assert Employee.objects.count() == before and AuditEntry.objects.count() == audited
    assert ImportJob.objects.get().state == ImportJob.State.FAILED


def test_a_workbook_bomb_is_refused_on_the_page_and_by_the_command(
    world: Any, login: Any, tmp_path: Path
) -> None:
    """A cell in column XFD on each of 2,000 rows: 2.7 GB and 17-72 s before (20,000 rows)."""
    bomb = xfd_bomb(tmp_path / "bomb.xlsx", rows=2000)
    client = login("admin_ktp")
    text = _text(client.get(_upload(client, bomb.read_bytes(), "bomb.xlsx")["Location"]))
    assert "Baris 2 berisi nilai di kolom XFD" in text and "batasnya 200 kolom" in text
    result = CliRunner().invoke(main, ["import", "employees", str(bomb), "--agency",
                                       "kab-ketapang"])
    assert result.exit_code == 2
    assert "kolom XFD" in result.output and "GALAT (error)" not in result.output


def test_the_row_limit_is_a_setting(world: Any, tmp_path: Path, settings: Any) -> None:
    settings.IMPORT_MAX_ROWS = 50
    path = tmp_path / "e.csv"
    path.write_bytes(_csv(tmp_path, 60))
    result = CliRunner().invoke(main, ["import", "employees", str(path), "--agency",
                                       "kab-ketapang"])
    assert result.exit_code == 2
    assert "lebih dari 50 baris data (60 baris)" in result.output


@pytest.mark.slow
def test_fifty_thousand_employees_are_previewed_and_written(
    world: Any, login: Any, tmp_path: Path
) -> None:
    """The 50,000-row file: the preview made a 17.5 MB page and timed out under gunicorn,
    the confirm took more than ten minutes. Through the job, as the worker runs it."""
    client = login("admin_ktp")
    job = import_jobs.start(world.users["admin_ktp"], "employees", "kab-ketapang",
                            "big.csv", _csv(tmp_path, 50_000))
    if job.state != ImportJob.State.PREVIEWED:
        import_jobs.preview(job.pk)
    page = client.get(f"/import/{job.pk}/")
    assert len(page.content) < 200_000  # one page of rows, not 50,000
    job.refresh_from_db()
    import_jobs.confirm(job)
    if ImportJob.objects.get(pk=job.pk).state != ImportJob.State.DONE:
        import_jobs.write(job.pk)
    assert ImportJob.objects.get(pk=job.pk).result == {
        "created": 50_000, "updated": 0, "unchanged": 0}
    assert Employee.objects.filter(name__startswith="Pegawai Contoh").count() == 50_000


def test_activity_imports_keep_the_same_limits(world: Any, login: Any, settings: Any) -> None:
    settings.IMPORT_MAX_ROWS = 2
    line = ('{"id": "a-%d", "kind": "post", "started_at": "2026-02-03T09:15:00+07:00", '
            '"text": "x"}')
    data = "\n".join(line % n for n in range(3)).encode()
    response = login("admin_ktp").post("/review/import/", {
        "agency": "kab-ketapang", "source": "import",
        "file": SimpleUploadedFile("a.jsonl", data)})
    assert response.status_code == 400
    assert "lebih dari 2 baris data (3 baris)" in response.content.decode()
