"""The client's address, for rate limits and login lockouts.

Behind a reverse proxy every request comes from the proxy's address, so counting by it counts
every user together (five wrong passwords from anyone locked any login for an hour). The
proxy tells the client's address in a header; since any client can send that header too, it
is read only when the deployment names it (PANTAU_TRUSTED_PROXY_HEADER, e.g. X-Forwarded-For or
X-Real-IP), and then only it: the socket's address otherwise. In X-Forwarded-For the address
the proxy itself appended (the last one) is taken, not what the client wrote before it. Set the
header only when pantau can be reached through the proxy alone (`pantau serve` binds to
127.0.0.1 by default).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def meta_key(header: str) -> str:
    """The request.META key of an HTTP header name (X-Real-IP -> HTTP_X_REAL_IP)."""
    return "HTTP_" + header.strip().upper().replace("-", "_")


def client_address(request: HttpRequest) -> str:
    """The client's address: from the trusted proxy's header when one is configured (and
    holds a valid address), else the socket's."""
    header = settings.TRUSTED_PROXY_HEADER
    if header:
        given = str(request.META.get(meta_key(header), "")).split(",")[-1].strip()
        if _valid(given):
            return given
    return str(request.META.get("REMOTE_ADDR", ""))


def _valid(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


__all__ = ["client_address", "meta_key"]
