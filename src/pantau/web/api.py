"""The REST API (django-ninja, OpenAPI at /api/openapi.json, docs at /api/docs).

The project only assembles it: each app owns its router (`<app>/api.py`). Every error is JSON,
including the 404 of an unknown route and a 500 (pantau.web.errors).
"""

from __future__ import annotations

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
