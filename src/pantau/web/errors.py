"""Error pages in the site layout, Indonesian first, with a way back home; a JSON reader
(a `.json` route, `?format=json` or an `Accept: application/json` without HTML) gets JSON.

The 500 page is rendered without the context processors: whatever broke (the database, say)
must not break the error page too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

from pantau.web.pages import wants_json


def answer(request: HttpRequest, status: int, title: str, text: str) -> HttpResponse:
    """An error in the site layout, or as JSON for a JSON reader and the API (without the
    context processors: it must not depend on the database)."""
    return _answer(request, status, title, text, full=False)


def _answer(request: HttpRequest, status: int, title: str, text: str, full: bool) -> HttpResponse:
    if wants_json(request) or request.path.startswith("/api/"):
        return JsonResponse(
            {"status": status, "error": title, "detail": text},
            status=status,
            json_dumps_params={"ensure_ascii": False},
        )
    context = {"status": status, "title": title, "text": text}
    template = loader.get_template("pantau/error.html")
    body = template.render(context, request) if full else template.render(context)
    return HttpResponse(body, status=status)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _answer(
        request,
        403,
        _("Access refused"),
        _(
            "Your role does not allow this page. If you need it for your work, "
            "ask your BKPSDM administrator."
        ),
        full=True,
    )


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _answer(
        request,
        404,
        _("Page not found"),
        _(
            "There is no such page, or the record is not within what you may see. "
            "Check the address or start again from the home page."
        ),
        full=True,
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return _answer(
        request,
        500,
        _("Something went wrong"),
        _(
            "pantau could not finish this request. Nothing you had saved is lost. "
            "Try again in a moment; if it happens again, tell your administrator the time."
        ),
        full=False,
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _answer(
        request,
        400,
        _("Bad request"),
        _("The request could not be understood. Go back and try again."),
        full=False,
    )


def csrf_failure(request: HttpRequest, reason: str = "", **kwargs: Any) -> HttpResponse:
    """A form sent without a valid security token (an old tab, or cookies blocked)."""
    return _answer(
        request,
        403,
        _("Form expired"),
        _("The form was sent without a valid security token. Reload the page and send it again."),
        full=False,
    )


PAGE_METHODS = ("GET", "HEAD", "POST")


class PagesTakeGetAndPost:
    """A page takes GET, HEAD and POST: any other method (PUT, DELETE, TRACE...) is a 405
    saying which it takes, in the site layout or as JSON, instead of the page rendered as if
    it were a GET (found by a probe). The API answers for itself (a JSON 405 per route)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in PAGE_METHODS or request.path.startswith("/api/"):
            return self.get_response(request)
        allowed = ", ".join(PAGE_METHODS)
        response = _answer(request, 405, _("Method not allowed"), _(
            "This address does not take %(method)s; it takes %(allowed)s.") % {
            "method": str(request.method)[:20], "allowed": allowed}, full=False)
        response["Allow"] = allowed
        return response


class ApiErrorsAsJson:
    """Every error of the API is JSON: whatever answers an /api/ request with an error that is
    not JSON (a method the route does not take, a page from a server error handler) is
    replaced by `{"status", "error", "detail"}`, its headers (Allow) kept."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            not request.path.startswith("/api/")
            or response.status_code < 400
            or "json" in response.get("Content-Type", "")
        ):
            return response
        return _api_error(request, response)


def _api_error(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    status = response.status_code
    if status == 405:
        detail = _("This address does not take %(method)s; it takes %(allowed)s.") % {
            "method": request.method, "allowed": response.get("Allow", "-")}
    elif status >= 500:
        detail = _("pantau could not finish this request. Nothing you had saved is lost. "
                   "Try again in a moment; if it happens again, tell your administrator the "
                   "time.")
    else:
        detail = _("The API could not answer this request.")
    answer = JsonResponse({"status": status, "error": response.reason_phrase, "detail": detail},
                          status=status, json_dumps_params={"ensure_ascii": False})
    for header in ("Allow", "Retry-After", "WWW-Authenticate"):
        if header in response:
            answer[header] = response[header]
    return answer
