"""Import pages: upload, preview with row-level errors, confirm. Nothing is written until the
user confirms; the file waits in the session between preview and confirmation."""

from __future__ import annotations

import base64
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pantau.domain.access import Action
from pantau.web.access.scope import Scope
from pantau.web.pages import require, signed_in
from pantau.web.registry import importer
from pantau.web.registry.models import Agency

MAX_BYTES = 5 * 1024 * 1024
PENDING = "pantau_import_pending"
KIND_CHOICES = [
    ("employees", gettext_lazy("Employees")),
    ("units", gettext_lazy("Units")),
    ("accounts", gettext_lazy("Accounts")),
]


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
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB: split it."))
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
    kind, agency_id = form.cleaned_data["kind"], form.cleaned_data["agency"]
    upload_file = form.cleaned_data["file"]
    data = upload_file.read()
    found = importer.preview(kind, data, upload_file.name, agency_id)
    if found.ok:
        request.session[PENDING] = {
            "kind": kind,
            "agency": agency_id,
            "filename": upload_file.name,
            "data": base64.b64encode(data).decode("ascii"),
        }
    else:
        request.session.pop(PENDING, None)
    context = {
        "preview": found,
        "kind": kind,
        "agency": agency_id,
        "english": get_language() == "en",
    }
    return render(request, "registry/import_preview.html", context | {"form": UploadForm(scope)})


@signed_in
@require_POST
def confirm(request: HttpRequest) -> HttpResponse:
    scope = require(request, Action.IMPORT)
    pending = request.session.pop(PENDING, None)
    allowed = pending and scope.filter(
        Agency.objects.filter(pk=pending["agency"]), Action.IMPORT
    ).exists()
    if not pending or not allowed:
        messages.error(request, _("Nothing to confirm: upload the file again."))
        return redirect("import-upload")
    data = base64.b64decode(pending["data"])
    found = importer.preview(pending["kind"], data, pending["filename"], pending["agency"])
    if not found.ok:
        messages.error(request, _("The registry changed since the preview: check the file again."))
        return redirect("import-upload")
    result = importer.apply(pending["kind"], found, pending["agency"])
    messages.success(
        request,
        _("Import done: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
        % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
    )
    target = {"employees": "employee-list", "units": "unit-list", "accounts": "employee-list"}
    return redirect(target[pending["kind"]])
