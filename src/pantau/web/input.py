"""Text no database can store is refused where it comes in.

PostgreSQL refuses the NUL character (SQLite stores it, so a pantau on SQLite would accept what
the same pantau on PostgreSQL then fails on). Django's form fields refuse NUL, but views also
read form fields straight from the request, so this middleware refuses any form (its fields,
their names, uploaded file names) holding NUL or a lone surrogate, with a 400 saying so, before
a view runs. The API's JSON bodies are refused by its schemas instead, where the OpenAPI
document says so (`pattern` on every text it keeps; a lone surrogate is not a valid string for
the schema), and unknown keys are dropped. File contents and query strings (search:
pantau.web.pages.search_text drops NUL there) are not text to store and are left alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from pantau.web.errors import answer


class RefuseUnstorableText:
    """400 for a request body holding NUL or a lone surrogate (see the module)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("POST", "PUT", "PATCH") and _unstorable(request):
            return answer(
                request, 400, _("Text that cannot be stored"),
                _("The form or request holds a NUL character (byte 0) or half of a "
                  "character, which pantau cannot store. Remove it (it is often invisible: "
                  "type the text again instead of pasting it) and send it again."),
            )
        return self.get_response(request)


def _unstorable(request: HttpRequest) -> bool:
    content_type = request.content_type or ""
    if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return any(_bad(text) for text in _form_texts(request))
    return False


def _form_texts(request: HttpRequest) -> Iterator[str]:
    for key, values in request.POST.lists():
        yield key
        yield from values
    for key, uploads in request.FILES.lists():
        yield key
        yield from (str(upload.name or "") for upload in uploads)


def unstorable(text: str) -> bool:
    """Whether a text holds NUL or a lone surrogate (see the module)."""
    return _bad(text)


def _bad(text: str) -> bool:
    if "\x00" in text:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


__all__ = ["RefuseUnstorableText", "unstorable"]
