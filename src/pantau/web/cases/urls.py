"""Routes of the cases app."""

from __future__ import annotations

from django.urls import URLPattern, path

from pantau.web.cases import national, views
from pantau.web.routes import twin

urlpatterns: list[URLPattern] = [
    *twin("cases", views.case_list, "case-list"),
    *twin("cases/open", views.open_page, "case-open"),
    *twin("cases/siasn", national.siasn_page, "case-siasn"),
    path("cases/siasn.csv", national.siasn_csv, name="case-siasn-csv"),
    *twin("cases/record", national.record_page, "clean-record"),
    path("cases/record/<int:pk>.<slug:kind>", national.record_document,
         name="clean-record-document"),
    *twin("cases/<int:pk>", views.detail, "case-detail"),
    path("cases/<int:pk>/record/", views.record, name="case-record"),
    path("cases/<int:pk>/examination/", views.examination, name="case-examination"),
    path("cases/<int:pk>/team/", views.team, name="case-team"),
    path("cases/<int:pk>/statements/", views.statement, name="case-statement"),
    path("cases/<int:pk>/letters/<int:doc>.<slug:kind>", views.document, name="case-document"),
]
