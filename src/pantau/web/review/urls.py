"""Routes of the review app."""

from __future__ import annotations

from django.urls import URLPattern, path

from pantau.web.review import views
from pantau.web.routes import twin

urlpatterns: list[URLPattern] = [
    *twin("review", views.queue_page, "review-queue"),
    *twin("review/<int:pk>", views.detail, "review-detail"),
    *twin("review/<int:pk>/candidates", views.candidates, "review-candidates"),
    path("review/<int:pk>/<slug:action>/", views.act, name="review-act"),
    path("review/import/", views.import_upload, name="review-import"),
    path("review/import/confirm/", views.import_confirm, name="review-import-confirm"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence-file"),
    path("evidence/<int:pk>/poster/", views.evidence_poster, name="evidence-poster"),
]
