"""An offline challenge against automated complaints, without third-party services: a small
sum, signed with the site's key (Django's signing), valid for an hour, answered once."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.core import signing

from pantau.web.pages import whole_number

SALT = "pantau.intake.challenge"
MAX_AGE = 3600


@dataclass(frozen=True)
class Challenge:
    first: int
    second: int
    token: str


def new_challenge() -> Challenge:
    first, second = 2 + secrets.randbelow(8), 1 + secrets.randbelow(9)
    token = signing.dumps({"s": first + second, "n": secrets.token_hex(4)}, salt=SALT)
    return Challenge(first, second, token)


def solved(token: str, answer: str) -> bool:
    """Whether `answer` is the sum the token asked for, and the token is fresh and genuine."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return False
    given = whole_number(answer)
    return given is not None and given == int(data.get("s", -1))


__all__ = ["Challenge", "new_challenge", "solved"]
