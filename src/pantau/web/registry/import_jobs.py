"""Registry imports on the web: a file becomes an `ImportJob`, previewed (its rows stored,
errors first, for a paged preview), then written when its user confirms.

A file up to `settings.IMPORT_INLINE_BYTES` is previewed and written within the request; a
bigger one by the background worker (`pantau.web.registry.tasks`), the page showing how far it
got, so no request waits minutes on a file of 50,000 rows. Writing stays all-or-nothing
(`importer.apply`: one transaction), and the file is checked against the registry again just
before it is written.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction

from pantau.importing.preview import ImportPreview, RowError
from pantau.web.audit.trail import acting_as
from pantau.web.registry import importer
from pantau.web.registry.models import ImportJob, ImportRow

State = ImportJob.State
RUNNING = (State.QUEUED, State.PREVIEWING, State.CONFIRMED, State.WRITING)
STORE_BATCH = 2000
log = logging.getLogger(__name__)


def start(user: User, kind: str, agency_id: str, filename: str, data: bytes) -> ImportJob:
    """A new import of `data`; the user's earlier imports not yet written are dropped."""
    ImportJob.objects.filter(user=user, state__in=[State.PREVIEWED, State.FAILED]).delete()
    job = ImportJob.objects.create(user=user, agency_id=agency_id, kind=kind,
                                   filename=filename[:255], data=data)
    if _inline(job):
        preview(job.pk)
        job.refresh_from_db()
    else:
        from pantau.web.registry.tasks import preview_import

        transaction.on_commit(lambda: preview_import.enqueue(str(job.pk)))
    return job


def confirm(job: ImportJob) -> ImportJob:
    """Write a previewed file without errors (now, or by the worker for a big one)."""
    updated = ImportJob.objects.filter(pk=job.pk, state=State.PREVIEWED,
                                       summary__ok=True).update(state=State.CONFIRMED)
    if not updated:
        raise importer.ImportRefused("nothing to confirm: upload the file again")
    job.refresh_from_db()
    if _inline(job):
        write(job.pk)
        job.refresh_from_db()
    else:
        from pantau.web.registry.tasks import write_import

        transaction.on_commit(lambda: write_import.enqueue(str(job.pk)))
    return job


def _inline(job: ImportJob) -> bool:
    return len(job.data) <= settings.IMPORT_INLINE_BYTES


def preview(job_id: Any) -> None:
    """Read and check the job's file, store its rows, errors first (the worker's task)."""
    job = ImportJob.objects.get(pk=job_id)
    _set(job, state=State.PREVIEWING)
    try:
        found = importer.preview(job.kind, bytes(job.data), job.filename, job.agency_id)
        _store_rows(job, found)
    except Exception:
        log.exception("import %s: the preview failed", job.pk)
        _set(job, state=State.FAILED, data=b"", result={"problem": "crashed"})
        raise
    state = State.PREVIEWED if found.ok else State.FAILED
    _set(job, state=state, summary=_summary(job, found), data=bytes(job.data) if found.ok
         else b"")


def _store_rows(job: ImportJob, found: ImportPreview[Any]) -> None:
    """The preview's rows, written in batches; `done` of `total` says how far."""
    _set(job, total=len(found.rows), done=0)
    batch: list[ImportRow] = []
    for done, row in enumerate(found.rows, start=1):
        batch.append(ImportRow(job=job, row=row.row, ok=row.ok, values=list(row.values),
                               errors=[_error(e) for e in row.errors]))
        if len(batch) == STORE_BATCH:
            ImportRow.objects.bulk_create(batch)
            batch = []
            _set(job, done=done)
    ImportRow.objects.bulk_create(batch)
    _set(job, done=len(found.rows))


def _error(error: RowError) -> dict[str, Any]:
    return {"row": error.row, "column": error.column, "value": error.value[:500],
            "message": error.message, "fix": error.fix, "message_en": error.message_en,
            "fix_en": error.fix_en}


def _summary(job: ImportJob, found: ImportPreview[Any]) -> dict[str, Any]:
    ready = sum(1 for row in found.rows if row.ok)
    return {
        "ok": found.ok, "sheet": found.sheet, "rows": len(found.rows), "ready": ready,
        "with_errors": len(found.rows) - ready, "errors": len(found.errors),
        "columns": [header for header, _ in found.columns],
        "ignored": list(found.ignored_columns),
        "file_errors": [{"row": e.row, "message": e.message, "fix": e.fix,
                         "message_en": e.message_en, "fix_en": e.fix_en}
                        for e in found.file_errors],
    }


def write(job_id: Any) -> None:
    """Check the confirmed file against the registry again and write it, all or nothing
    (the worker's task). A registry changed since the preview refuses the file."""
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    _set(job, state=State.WRITING, done=0)
    try:
        found = importer.preview(job.kind, bytes(job.data), job.filename, job.agency_id)
        if not found.ok:
            _set(job, state=State.FAILED, data=b"", result={"problem": "changed"})
            return
        with acting_as(job.user.get_username()):
            applied = importer.apply(job.kind, found, job.agency_id)
    except importer.ImportRefused as refused:
        _set(job, state=State.FAILED, data=b"", result={"problem": "refused",
                                                       "detail": str(refused)})
        return
    except Exception:
        log.exception("import %s: writing failed; nothing was written", job.pk)
        _set(job, state=State.FAILED, data=b"", result={"problem": "crashed"})
        raise
    ImportRow.objects.filter(job=job).delete()
    result = {"created": applied.created, "updated": applied.updated,
              "unchanged": applied.unchanged}
    _set(job, state=State.DONE, data=b"", done=len(found.rows), result=result)


def _set(job: ImportJob, **values: Any) -> None:
    """Save these fields at once (autocommit: the page sees them while the job runs)."""
    for name, value in values.items():
        setattr(job, name, value)
    job.save(update_fields=[*values, "updated_at"])


__all__ = ["RUNNING", "confirm", "preview", "start", "write"]
