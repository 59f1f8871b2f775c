"""Import pages: upload, the preview (errors first, with counts, a page at a time), confirm.
Nothing is written until the user confirms; the file waits in its `ImportJob`. A big file is
previewed and written by the background worker while the page shows how far it got."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pantau.domain.access import Action
from pantau.web.access.scope import Scope
from pantau.web.pages import json_link, paginate, require, signed_in, wants_json
from pantau.web.registry import import_jobs, importer
from pantau.web.registry.models import Agency, ImportJob

KIND_CHOICES = [
    ("employees", gettext_lazy("Employees")),
    ("units", gettext_lazy("Units")),
    ("accounts", gettext_lazy("Accounts")),
]
TARGET = {"employees": "employee-list", "units": "unit-list", "accounts": "employee-list"}
STALE_SECONDS = 60


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("What the file holds"), choices=KIND_CHOICES)
    agency = forms.ChoiceField(label=gettext_lazy("Agency"), choices=[])
    file = forms.FileField(label=gettext_lazy("CSV or XLSX file"))

    def __init__(self, scope: Scope, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = scope.filter(Agency.objects.all(), Action.IMPORT)
        field = self.fields["agency"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(a.pk, a.name) for a in agencies]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = settings.IMPORT_LIMIT_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB: split it into smaller files, each with "
                  "the header row.") % {"mb": limit // (1024 * 1024)})
        return upload


@signed_in
def upload(request: HttpRequest) -> HttpResponse:
    scope = require(request, Action.IMPORT)
    return render(request, "registry/import_upload.html", {"form": UploadForm(scope)})


@signed_in
@require_POST
def preview(request: HttpRequest) -> HttpResponse:
    scope = require(request, Action.IMPORT)
    form = UploadForm(scope, request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "registry/import_upload.html", {"form": form}, status=400)
    upload_file = form.cleaned_data["file"]
    assert isinstance(request.user, User)
    job = import_jobs.start(request.user, form.cleaned_data["kind"],
                            form.cleaned_data["agency"], str(upload_file.name),
                            upload_file.read())
    return redirect("import-job", pk=job.pk)


def _job(request: HttpRequest, pk: UUID) -> ImportJob:
    """The reader's own import, in an agency they may still import into (else 404)."""
    scope = require(request, Action.IMPORT)
    job = scope.filter(ImportJob.objects.filter(pk=pk, user_id=int(request.user.pk or 0))).first()
    if job is None:
        raise Http404(str(pk))
    return job


@signed_in
def job_page(request: HttpRequest, pk: UUID, fmt: str = "") -> HttpResponse:
    """The preview of one file: counts and file errors at the top, then its rows, those with
    errors first, a page at a time; while the worker runs, how far it got."""
    job = _job(request, pk)
    page = paginate(request, job.rows.all())
    english = get_language() == "en"
    data = _job_data(job, [_row(stored, english) for stored in page.object_list])
    data |= {"page": page.number, "pages": page.paginator.num_pages}
    if wants_json(request, fmt):
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    context = {"job": job, "data": data, "page": page, "english": english,
               "json_url": json_link(request), "form": UploadForm(_scope(request)),
               "refresh": job.state in import_jobs.RUNNING}
    return render(request, "registry/import_job.html", context)


def _scope(request: HttpRequest) -> Scope:
    return require(request, Action.IMPORT)


def _job_data(job: ImportJob, rows: list[dict[str, Any]]) -> dict[str, Any]:
    waiting = (timezone.now() - job.updated_at).total_seconds()
    return {
        "id": str(job.pk), "kind": job.kind, "agency": job.agency_id, "file": job.filename,
        "state": job.state, "state_label": str(job.get_state_display()),
        "done": job.done, "total": job.total, "summary": job.summary, "result": job.result,
        "worker_missing": job.state in (job.State.QUEUED, job.State.CONFIRMED)
        and waiting > STALE_SECONDS,
        "confirm_url": reverse("import-confirm", args=[job.pk]), "rows": rows,
    }


def _row(stored: Any, english: bool) -> dict[str, Any]:
    return {
        "row": stored.row, "ok": stored.ok, "values": stored.values,
        "errors": [{"row": e["row"], "column": e["column"], "value": e["value"],
                    "message": (e["message_en"] if english and e["message_en"]
                                else e["message"]),
                    "fix": e["fix_en"] if english and e["fix_en"] else e["fix"]}
                   for e in stored.errors],
    }


@signed_in
@require_POST
def confirm(request: HttpRequest, pk: UUID) -> HttpResponse:
    job = _job(request, pk)
    try:
        job = import_jobs.confirm(job)
    except importer.ImportRefused:
        messages.error(request, _("Nothing to confirm: upload the file again."))
        return redirect("import-upload")
    if job.state != job.State.DONE:
        return redirect("import-job", pk=job.pk)
    messages.success(
        request,
        _("Import done: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
        % job.result,
    )
    return redirect(TARGET[job.kind])
