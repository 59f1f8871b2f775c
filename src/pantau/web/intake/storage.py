"""Where evidence files live: Django's storage API, the `evidence` entry of STORAGES
(a folder by default, an S3-compatible store by setting; see pantau.web.config).

The fields hold a lazy proxy, looked up again whenever STORAGES changes (as Django does for
its own default storage), so a changed setting never writes evidence to the old place."""

from __future__ import annotations

from typing import Any

from django.core.files.storage import Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class _EvidenceStorage(LazyObject):  # type: ignore[type-arg]
    def _setup(self) -> None:
        self._wrapped = storages["evidence"]


_evidence = _EvidenceStorage()


def evidence_storage() -> Storage:
    return _evidence  # type: ignore[return-value]


@receiver(setting_changed)
def _forget_storage(*, setting: str, **_: Any) -> None:
    if setting == "STORAGES":
        _evidence._wrapped = empty  # type: ignore[assignment]


__all__ = ["evidence_storage"]
