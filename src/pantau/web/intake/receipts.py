"""Receipt codes for complainants: drawn at random, stored only as a keyed digest, compared in
constant time. A wrong code and an unknown one get the same answer."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

from pantau.domain.intake import ALPHABET, CODE_LENGTH, InvalidReceipt, make_receipt, read_receipt
from pantau.web.intake.models import Report


def new_receipt() -> tuple[str, str]:
    """A fresh receipt code and the digest that is stored in its place."""
    code = make_receipt("".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH)))
    return code, digest(code)


def digest(code: str) -> str:
    key = f"pantau-receipt:{settings.SECRET_KEY}".encode()
    return hmac.new(key, code.encode(), hashlib.sha256).hexdigest()


def find(text: str) -> Report | None:
    """The report a typed receipt code names, or None (bad, mistyped or unknown: the same)."""
    try:
        code = read_receipt(text)
    except InvalidReceipt:
        code = "0000-0000-000"
    wanted = digest(code)
    report = Report.objects.filter(receipt_digest=wanted).first()
    stored = report.receipt_digest if report is not None else "0" * 64
    return report if hmac.compare_digest(stored, wanted) else None


__all__ = ["digest", "find", "new_receipt"]
