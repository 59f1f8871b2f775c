"""Sign-in: user names are not case-sensitive (a phone capitalises the first letter)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest


def normal_username(name: Any) -> str:
    """The stored form of a user name: trimmed, lower case."""
    return str(name or "").strip().lower()


class CaseInsensitiveBackend(ModelBackend):
    """Django's model backend with the user name matched without case."""

    def authenticate(self, request: HttpRequest | None, username: str | None = None,
                     password: str | None = None, **kwargs: Any) -> Any:
        if username is not None:
            model = get_user_model()
            found = model._default_manager.filter(username__iexact=normal_username(username))
            match = found.values_list("username", flat=True).first()
            username = match or normal_username(username)
        return super().authenticate(request, username=username, password=password, **kwargs)


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The user name django-axes counts failures under: the stored form."""
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    return normal_username(raw)


__all__ = ["CaseInsensitiveBackend", "axes_username", "normal_username"]
