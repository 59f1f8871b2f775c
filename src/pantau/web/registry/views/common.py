"""What every page shares: the reader's scope, HTML-or-JSON answers, search and pages."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db import models
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from pantau.web.authz import Action, Scope, scope_for

PAGE_SIZE = 25


def scope_of(request: HttpRequest) -> Scope:
    cached = getattr(request, "_pantau_scope", None)
    if isinstance(cached, Scope):
        return cached
    scope = scope_for(request.user)
    request._pantau_scope = scope  # type: ignore[attr-defined]
    return scope


def scope_context(request: HttpRequest) -> dict[str, Any]:
    """Template context: the reader's scope and what it may do."""
    scope = scope_of(request)
    return {
        "scope": scope,
        "may_import": scope.can(Action.IMPORT),
        "may_audit": scope.can(Action.VIEW_AUDIT),
        "may_see_employees": scope.can(Action.VIEW_EMPLOYEES),
    }


def require(request: HttpRequest, action: Action) -> Scope:
    scope = scope_of(request)
    if not scope.can(action):
        raise PermissionDenied(action.value)
    return scope


def wants_json(request: HttpRequest, fmt: str) -> bool:
    return fmt == "json" or request.GET.get("format") == "json"


def json_link(request: HttpRequest) -> str:
    """The JSON twin of the current page (same query string)."""
    query = request.GET.copy()
    query["format"] = "json"
    return f"{request.path}?{query.urlencode()}"


def paginate(request: HttpRequest, queryset: models.QuerySet[Any]) -> Page[Any]:
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def search_text(text: str) -> str:
    """Search text as the database can take it (PostgreSQL refuses NUL characters)."""
    return text.replace("\x00", "").strip()[:200]


def search(
    queryset: models.QuerySet[Any], request: HttpRequest, *fields: str
) -> models.QuerySet[Any]:
    return search_fields(queryset, request.GET.get("q", ""), fields)


def search_fields(
    queryset: models.QuerySet[Any], text: str, fields: tuple[str, ...]
) -> models.QuerySet[Any]:
    """Records where any of `fields` contains `text` (case-insensitive)."""
    text = search_text(text)
    if not text:
        return queryset
    condition = models.Q()
    for field in fields:
        condition |= models.Q(**{f"{field}__icontains": text})
    return queryset.filter(condition)


def list_answer(
    request: HttpRequest,
    fmt: str,
    template: str,
    page: Page[Any],
    present: Callable[[Any], dict[str, Any]],
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """A list page or its JSON twin, from the same page of records."""
    items = [present(item) for item in page.object_list]
    if wants_json(request, fmt):
        return JsonResponse(
            {
                "count": page.paginator.count,
                "page": page.number,
                "pages": page.paginator.num_pages,
                "next": page.next_page_number() if page.has_next() else None,
                "results": items,
            },
            json_dumps_params={"ensure_ascii": False},
        )
    full = {
        "page": page,
        "items": items,
        "json_url": json_link(request),
        "q": request.GET.get("q", ""),
    }
    return render(request, template, full | (context or {}))


def detail_answer(
    request: HttpRequest, fmt: str, template: str, data: dict[str, Any], context: dict[str, Any]
) -> HttpResponse:
    if wants_json(request, fmt):
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    return render(request, template, {"data": data, "json_url": json_link(request)} | context)


def first(values: Iterable[Any]) -> Any:
    return next(iter(values), None)
