"""The Content-Security-Policy every page is sent with: scripts, styles, fonts and frames only
from pantau itself, no inline script or style, no plugin, no framing, forms only back to
pantau. The pages need nothing else: the one script (pantau/pantau.js, the language menu)
is a file, the chart is inline SVG with presentation attributes. Off when PANTAU_DEBUG is on
(Django's debug pages use inline script)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))


class ContentSecurityPolicy:
    """Adds `settings.CONTENT_SECURITY_POLICY` (when set) to every response without one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = settings.CONTENT_SECURITY_POLICY
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        return response


__all__ = ["POLICY", "ContentSecurityPolicy"]
