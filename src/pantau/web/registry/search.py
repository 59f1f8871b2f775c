"""Finding an employee from what an officer has in hand: a name, a NIP typed with spaces, a
social-media handle, or the profile URL from a viral clip."""

from __future__ import annotations

import re

from django.db.models import Q

from pantau.domain.employees import normalise_nip_text
from pantau.domain.organisation import profile_of_url

_DIGITS = re.compile(r"^[\d .\-\u00a0']+$")


def employee_matches(text: str) -> Q:
    """Employees whose name, NIP, internal id, position or unit contains `text`, or who own
    an account whose handle or URL matches it (a URL is read down to its handle)."""
    condition = Q()
    for field in ("name", "nip", "staff_id", "position", "unit__name"):
        condition |= Q(**{f"{field}__icontains": text})
    if _DIGITS.match(text):
        digits = normalise_nip_text(text)
        if digits:
            condition |= Q(nip__contains=digits)
    profile = profile_of_url(text)
    if profile is not None:
        platform, handle = profile
        condition |= Q(accounts__platform=platform.value, accounts__handle__iexact=handle)
    else:
        handle = text.strip().removeprefix("@")
        if handle:
            condition |= Q(accounts__handle__icontains=handle)
    if "/" in text:
        condition |= Q(accounts__url__icontains=text.strip().rstrip("/"))
    return condition


__all__ = ["employee_matches"]
