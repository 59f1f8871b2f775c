"""A URL configuration with one view that fails, to see the 500 page end to end."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from pantau.web.urls import handler500, urlpatterns


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a deliberate failure")


urlpatterns = [path("rusak/", broken), *urlpatterns]
handler500 = handler500
