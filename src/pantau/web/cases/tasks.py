"""Background work of the cases app: each letter's (and clean-record statement's) PDF,
converted from its DOCX by LibreOffice headless on the task worker (seconds a letter),
archived with its SHA-256."""

from __future__ import annotations

import subprocess

from django_tasks import task

from pantau.documents.render import DocumentError
from pantau.web.cases.letters import make_pdf
from pantau.web.cases.models import Document, RecordStatement
from pantau.web.cases.statements import make_pdf as make_statement_pdf


@task()
def convert_pdf(document_id: int) -> str:
    """The letter's PDF; its SHA-256, or the error kept on the letter when it failed."""
    document = Document.objects.get(pk=document_id)
    try:
        make_pdf(document)
    except (DocumentError, subprocess.SubprocessError, OSError) as error:
        document.pdf_error = str(error)[:300]
        document.save(update_fields=["pdf_error"])
        return ""
    return document.pdf_sha256


@task()
def convert_statement_pdf(statement_id: int) -> str:
    """A clean-record statement's PDF, like a letter's."""
    row = RecordStatement.objects.get(pk=statement_id)
    try:
        make_statement_pdf(row)
    except (DocumentError, subprocess.SubprocessError, OSError) as error:
        row.pdf_error = str(error)[:300]
        row.save(update_fields=["pdf_error"])
        return ""
    return row.pdf_sha256


__all__ = ["convert_pdf", "convert_statement_pdf"]
