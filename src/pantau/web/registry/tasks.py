"""The registry's background work: previewing and writing big import files
(pantau.web.registry.import_jobs), on the task worker `pantau demo` starts and `pantau worker`
runs beside `pantau serve`."""

from __future__ import annotations

from django_tasks import task

from pantau.web.registry import import_jobs


@task()
def preview_import(job_id: str) -> None:
    """Read and check an uploaded file; its rows go to the preview page."""
    import_jobs.preview(job_id)


@task()
def write_import(job_id: str) -> None:
    """Write a confirmed file, all of it or nothing."""
    import_jobs.write(job_id)


__all__ = ["preview_import", "write_import"]
