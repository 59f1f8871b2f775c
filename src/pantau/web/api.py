"""The REST API (django-ninja, OpenAPI at /api/openapi.json, docs at /api/docs).

The project only assembles it: each app owns its router (`<app>/api.py`). Every error is JSON,
including the 404 of an unknown route and a 500 (pantau.web.errors).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.http.request import RawPostDataException
from ninja import NinjaAPI
from ninja.security import django_auth

from pantau import __version__
from pantau.web.cases.api import router as cases
from pantau.web.registry.api import router as registry
from pantau.web.reports.api import router as reports
from pantau.web.review.api import public
from pantau.web.review.api import router as review

api = NinjaAPI(
    title="pantau API",
    version=__version__,
    description="pantau's records, scoped to the signed-in user.",
    auth=django_auth,
    urls_namespace="api",
)
api.add_router("/", registry)
api.add_router("/", reports)  # before review: /reports/figures is not /reports/{id}
api.add_router("/", review)
api.add_router("/", cases)
api.add_router("/public", public)


def _unreadable_body(request: HttpRequest, error: Any) -> HttpResponse:
    """A body declared multipart/form-data that does not parse (a bad boundary, say), or
    that a route reading JSON is sent, is a 400, not a server error: Django's form parser has
    read the stream, so ninja cannot read the body (RawPostDataException). That exception on
    any other request is a server error still."""
    if isinstance(error, RawPostDataException) and request.content_type != "multipart/form-data":
        raise error
    return api.create_response(request, {"detail": (
        "Isi permintaan tidak dapat dibaca (the request body could not be read): send JSON "
        "with Content-Type: application/json, or well-formed multipart/form-data")},
        status=400)


api.add_exception_handler(MultiPartParserError, _unreadable_body)
api.add_exception_handler(RawPostDataException, _unreadable_body)
