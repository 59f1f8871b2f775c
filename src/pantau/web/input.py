"""Text no database can store is refused where it comes in.

PostgreSQL refuses the NUL character (SQLite stores it, so a pantau on SQLite would accept what
the same pantau on PostgreSQL then fails on), and no UTF-8 text holds a lone UTF-16 surrogate.
Django's form fields refuse NUL, but views and the API also read request bodies directly, so
this middleware refuses any request whose body (form fields, their names, uploaded file names,
or a JSON body) holds either, with a 400 saying so, before a view runs. File contents and query
strings (search: pantau.web.pages.search_text drops NUL there) are not text to store and are
left alone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from pantau.web.errors import answer

# \u0000 or an escaped surrogate, not preceded by an escaped backslash
_ESCAPE = re.compile(rb"(?<!\\)(?:\\\\)*\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})")


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
    if content_type.endswith("json"):
        body = request.body
        return b"\x00" in body or (_ESCAPE.search(body) is not None and _bad_json(body))
    return False


def _form_texts(request: HttpRequest) -> Iterator[str]:
    for key, values in request.POST.lists():
        yield key
        yield from values
    for key, uploads in request.FILES.lists():
        yield key
        yield from (str(upload.name or "") for upload in uploads)


def _bad_json(body: bytes) -> bool:
    try:
        value = json.loads(body)
    except (ValueError, RecursionError):
        return False  # not JSON: the API answers 422 itself
    return any(_bad(text) for text in _strings(value))


def _strings(value: Any) -> Iterator[str]:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _bad(text: str) -> bool:
    if "\x00" in text:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


__all__ = ["RefuseUnstorableText"]
