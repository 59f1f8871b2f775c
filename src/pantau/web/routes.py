"""How every app writes its routes: a page at `route/` and its JSON twin at `route.json`."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpResponse
from django.urls import URLPattern, path


def twin(route: str, view: Callable[..., HttpResponse], name: str) -> list[URLPattern]:
    """The page at `route/` and its JSON twin at `route.json`."""
    return [
        path(f"{route}/", view, name=name),
        path(f"{route}.json", view, {"fmt": "json"}, name=f"{name}-json"),
    ]


__all__ = ["twin"]
