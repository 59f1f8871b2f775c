"""What every page of every app shares: the reader's scope, sign-in, HTML-or-JSON answers,
search, filters and pages. Views parse, ask the scope, call one service, render."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db import models
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from pantau.domain.access import Action
from pantau.web.access.scope import Scope, scope_for

PAGE_SIZE = 25
F = TypeVar("F", bound=Callable[..., HttpResponse])


def scope_of(request: HttpRequest) -> Scope:
    """The reader's scope today (computed once a request)."""
    cached = getattr(request, "_pantau_scope", None)
    if isinstance(cached, Scope):
        return cached
    scope = scope_for(request.user, timezone.localdate())
    request._pantau_scope = scope  # type: ignore[attr-defined]
    return scope


def wants_json(request: HttpRequest, fmt: str = "") -> bool:
    """A `.json` route, `?format=json`, or an `Accept: application/json` without HTML."""
    accept = request.headers.get("Accept", "")
    return (
        fmt == "json"
        or request.path.endswith(".json")
        or request.GET.get("format") == "json"
        or ("application/json" in accept and "text/html" not in accept)
    )


def signed_in(view: F) -> F:
    """Like `login_required`, but a JSON reader who is not signed in gets a 401 JSON error
    instead of the HTML login page."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if wants_json(request, kwargs.get("fmt", "")):
            detail = _("Sign in first: this address needs a signed-in user.")
            return JsonResponse({"status": 401, "error": _("Not signed in"), "detail": detail},
                                status=401)
        return redirect_to_login(request.get_full_path())

    return wrapper  # type: ignore[return-value]


def require(request: HttpRequest, action: Action) -> Scope:
    scope = scope_of(request)
    if not scope.can(action):
        raise PermissionDenied(action.value)
    return scope


def json_link(request: HttpRequest) -> str:
    """The JSON twin of the current page (same query string)."""
    query = request.GET.copy()
    query["format"] = "json"
    return f"{request.path}?{query.urlencode()}"


def whole_number(text: str) -> int | None:
    """The number `text` writes in ASCII digits (spaces around it aside), or None: not for
    other digits `str.isdigit` takes ('²', which int() refuses) nor more than 18 digits (a
    database keeps no larger key; int() refuses over 4,300)."""
    text = text.strip()
    if text.isascii() and text.isdigit() and len(text) <= 18:
        return int(text)
    return None


def page_number(request: HttpRequest) -> int:
    """The page asked for: 1 when absent, not a number, or below 1."""
    number = whole_number(request.GET.get("page", ""))
    return number if number is not None and 0 < number < 10**9 else 1


def paginate(request: HttpRequest, queryset: models.QuerySet[Any]) -> Page[Any]:
    """The page asked for; past the last page, the last page."""
    return Paginator(queryset, PAGE_SIZE).get_page(page_number(request))


def kept_query(request: HttpRequest) -> str:
    """The current filters and search, without the page: what a page link must carry."""
    query = request.GET.copy()
    for name in ("page", "format"):
        query.pop(name, None)
    encoded = query.urlencode()
    return f"{encoded}&" if encoded else ""


def search_text(text: str) -> str:
    """Search text as the database can take it (PostgreSQL refuses NUL characters)."""
    return text.replace("\x00", "").strip()[:200]


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


def search(
    queryset: models.QuerySet[Any], request: HttpRequest, *fields: str
) -> models.QuerySet[Any]:
    return search_fields(queryset, request.GET.get("q", ""), fields)


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
    filters = (context or {}).get("filters", [])
    if wants_json(request, fmt):
        return JsonResponse(
            {
                "count": page.paginator.count,
                "page": page.number,
                "pages": page.paginator.num_pages,
                "next": page.next_page_number() if page.has_next() else None,
                "filters": filters,
                "results": items,
            },
            json_dumps_params={"ensure_ascii": False},
        )
    full = {
        "page": page,
        "items": items,
        "json_url": json_link(request),
        "q": request.GET.get("q", ""),
        "kept": kept_query(request),
    }
    return render(request, template, full | (context or {}))


def detail_answer(
    request: HttpRequest, fmt: str, template: str, data: dict[str, Any], context: dict[str, Any]
) -> HttpResponse:
    if wants_json(request, fmt):
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    return render(request, template, {"data": data, "json_url": json_link(request)} | context)


def scope_context(request: HttpRequest) -> dict[str, Any]:
    """Template context: the reader's scope and what it may do."""
    scope = scope_of(request)
    return {
        "scope": scope,
        "may_import": scope.can(Action.IMPORT),
        "may_audit": scope.can(Action.VIEW_AUDIT),
        "may_see_structure": scope.can(Action.VIEW_STRUCTURE),
        "may_access_log": scope.can(Action.VIEW_ACCESS_LOG),
        "may_retention": scope.can(Action.VIEW_RETENTION),
        "may_see_own_data": scope.employee_id is not None,
        "may_see_employees": scope.can(Action.VIEW_EMPLOYEES),
        "may_manage_users": scope.can(Action.MANAGE_USERS),
        "may_review": scope.can(Action.REVIEW),
        "may_see_cases": scope.can(Action.VIEW_CASES) or scope.employee_id is not None,
        "may_see_reports": scope.can(Action.VIEW_REPORTS),
        "may_export_siasn": scope.can(Action.EXPORT_SIASN),
    }


__all__ = [
    "PAGE_SIZE",
    "detail_answer",
    "json_link",
    "kept_query",
    "list_answer",
    "page_number",
    "paginate",
    "require",
    "scope_context",
    "scope_of",
    "search",
    "search_fields",
    "search_text",
    "signed_in",
    "wants_json",
]
