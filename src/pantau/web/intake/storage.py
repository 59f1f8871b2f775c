"""Where evidence files live: Django's storage API, the `evidence` entry of STORAGES
(a folder by default, an S3-compatible store by setting; see pantau.web.config)."""

from __future__ import annotations

from django.core.files.storage import Storage, storages


def evidence_storage() -> Storage:
    return storages["evidence"]


__all__ = ["evidence_storage"]
