"""Evidence files: checked on their content (not their name), stored as received under their
SHA-256, and verified on every read; a mismatch is refused and flagged, never served."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

import filetype
from django.conf import settings
from django.core.files.base import File

from pantau.domain.errors import InputError
from pantau.web.intake.models import Evidence, EvidenceRead, Report
from pantau.web.intake.storage import evidence_storage

ALLOWED = {
    "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/gif": "gif",
    "video/mp4": "mp4", "video/quicktime": "mov", "video/webm": "webm",
    "video/x-matroska": "mkv", "video/3gpp": "3gp", "application/pdf": "pdf",
}
CHUNK = 1024 * 1024


class EvidenceRefused(InputError):
    """An upload pantau does not keep: too large, empty, or not an image, video or PDF."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def detect(upload: IO[bytes]) -> str:
    """The content type from the file's first bytes (its name is not trusted)."""
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    return kind.mime if kind is not None else ""


def check_upload(upload: Any) -> str:
    """The detected content type of an acceptable upload; EvidenceRefused otherwise."""
    limit = settings.UPLOAD_LIMIT_BYTES
    if upload.size == 0:
        raise EvidenceRefused("empty", "empty")
    if upload.size > limit:
        raise EvidenceRefused(f"larger than {limit // (1024 * 1024)} MB", "too_large")
    kind = detect(upload)
    if kind not in ALLOWED:
        raise EvidenceRefused(f"content is {kind or 'unknown'}", "type")
    return kind


def _digest(upload: Any) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks(CHUNK):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def store(report: Report, upload: Any, actor: str) -> Evidence:
    """Keep an acceptable upload as received: under its SHA-256, never under a name the user
    chose; the same content is stored once."""
    kind = check_upload(upload)
    sha = _digest(upload)
    name = f"{sha[:2]}/{sha}.{ALLOWED[kind]}"
    storage = evidence_storage()
    if not storage.exists(name):
        stored = storage.save(name, File(upload, name=name))
        if stored != name:  # a storage that renamed the file must not break the hash path
            name = stored
    return Evidence.objects.create(
        report=report, file=name, sha256=sha, size=upload.size, content_type=kind,
        original_name=str(getattr(upload, "name", ""))[:200], added_by=actor,
    )


@dataclass(frozen=True)
class VerifiedFile:
    """An evidence file whose bytes match its SHA-256, ready to serve."""

    evidence: Evidence
    content: bytes


class TamperedEvidence(Exception):
    """An evidence file whose bytes no longer match the hash recorded when it was received."""


def read_verified(evidence: Evidence, actor: str) -> VerifiedFile:
    """The file's bytes after checking them against their hash; every read is logged. A
    mismatch (or a missing file) flags the evidence and raises TamperedEvidence."""
    digest, chunks = hashlib.sha256(), []
    try:
        with evidence_storage().open(str(evidence.file.name), "rb") as handle:
            for chunk in _chunks(handle):
                digest.update(chunk)
                chunks.append(chunk)
    except OSError:
        chunks = []
    intact = bool(chunks) and digest.hexdigest() == evidence.sha256
    EvidenceRead.objects.create(evidence=evidence, actor=actor, intact=intact)
    if not intact:
        Evidence.objects.filter(pk=evidence.pk).update(flagged=True)
        raise TamperedEvidence(evidence.pk)
    return VerifiedFile(evidence, b"".join(chunks))


def _chunks(handle: Any) -> Iterator[bytes]:
    while chunk := handle.read(CHUNK):
        yield chunk


__all__ = ["ALLOWED", "EvidenceRefused", "TamperedEvidence", "VerifiedFile", "check_upload",
           "detect", "read_verified", "store"]
