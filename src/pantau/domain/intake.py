"""Intake and review (SPEC §5.1): where a report comes from, the states it goes through, the
reasons a reviewer may dismiss it, the receipt code a complainant keeps, and how urgent a
report is in the queue.

A receipt code is ten symbols of Crockford's base-32 alphabet (no I, L, O or U: nothing to
mistake when read out over the phone) and one check symbol (Crockford's mod-37 check), written
in groups: `7KD2-Q9XM-4TB`. Reading one back forgives case, spaces, dashes and the letters a
person confuses with digits (O for 0, I and L for 1); a single mistyped or swapped symbol
fails the check. Codes are drawn at the edge (`secrets`); this module only writes and reads
them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pantau.domain.findings import Verdict

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CHECK_SYMBOLS = ALPHABET + "*~$=U"
CODE_LENGTH = 10
_FORGIVEN = {"O": "0", "I": "1", "L": "1"}


class Source(StrEnum):
    """How a report reached pantau."""

    PUBLIC = "public"  # a complaint from the public, without an account
    MONITOR = "monitor"  # a report by Satpol PP, the Inspektorat or a unit head, signed in
    IMPORT = "import"  # bulk import (JSON Lines, CSV, XLSX)
    LAPOR = "lapor"  # an SP4N-LAPOR! complaint, by its tracking number


class Status(StrEnum):
    """Where a report stands. `open` states are in the review queue."""

    RECEIVED = "received"  # filed; the employee may still be unknown
    IN_REVIEW = "in_review"  # a reviewer claimed it
    WAITING = "waiting"  # the complainant was asked for more
    CONFIRMED = "confirmed"  # a person confirmed a violation: it may become a case
    DISMISSED = "dismissed"  # closed with a reason

    @property
    def open(self) -> bool:
        return self in OPEN


OPEN = frozenset({Status.RECEIVED, Status.IN_REVIEW, Status.WAITING})


class DismissalReason(StrEnum):
    """Why a reviewer dismissed a report (and a free text beside it)."""

    NO_VIOLATION = "no_violation"  # what happened breaks no rule
    NOT_IDENTIFIED = "not_identified"  # the person could not be identified
    NOT_OUR_EMPLOYEE = "not_our_employee"  # not an employee of this agency
    INSUFFICIENT_EVIDENCE = "insufficient_evidence"
    DUPLICATE = "duplicate"  # the same matter is handled in another report
    OFFICIAL_DUTY = "official_duty"  # it was official duty
    NO_ANSWER = "no_answer"  # the complainant did not answer the question asked
    OTHER = "other"


class InvalidReceipt(ValueError):
    """A receipt code that is not one: wrong length, symbols or check."""


def check_symbol(body: str) -> str:
    """Crockford's mod-37 check symbol of a code body."""
    value = 0
    for char in body:
        value = value * 32 + ALPHABET.index(char)
    return CHECK_SYMBOLS[value % 37]


def make_receipt(body: str) -> str:
    """The written receipt of a random body of CODE_LENGTH alphabet symbols."""
    if len(body) != CODE_LENGTH or any(char not in ALPHABET for char in body):
        raise InvalidReceipt(f"a receipt body is {CODE_LENGTH} symbols of {ALPHABET}")
    full = body + check_symbol(body)
    return f"{full[:4]}-{full[4:8]}-{full[8:]}"


def read_receipt(text: str) -> str:
    """The canonical receipt (`7KD2-Q9XM-4TB`) of what a person typed; InvalidReceipt when it
    has the wrong length or symbols, or fails its check."""
    cleaned = "".join(text.split()).replace("-", "").upper()
    cleaned = "".join(_FORGIVEN.get(char, char) for char in cleaned)
    if len(cleaned) != CODE_LENGTH + 1:
        raise InvalidReceipt("a receipt code has 11 symbols")
    body, check = cleaned[:-1], cleaned[-1]
    if any(char not in ALPHABET for char in body) or check not in CHECK_SYMBOLS:
        raise InvalidReceipt("a receipt code uses digits and letters only")
    if check_symbol(body) != check:
        raise InvalidReceipt("the check symbol does not match: a symbol was mistyped")
    return make_receipt(body)


@dataclass(frozen=True)
class Urgency:
    """How urgent a report is in the queue: its verdict first, then the strongest classifier
    score, then its age (older first)."""

    verdict: Verdict | None
    classifier_score: float = 0.0

    @property
    def severity(self) -> int:
        """3 an established violation, 2 a suspected one, 1 nothing found, 0 not checked."""
        return {Verdict.VIOLATION: 3, Verdict.NEEDS_REVIEW: 2, Verdict.NO_VIOLATION: 1}.get(
            self.verdict, 0) if self.verdict is not None else 0


__all__ = [
    "ALPHABET",
    "CODE_LENGTH",
    "OPEN",
    "DismissalReason",
    "InvalidReceipt",
    "Source",
    "Status",
    "Urgency",
    "check_symbol",
    "make_receipt",
    "read_receipt",
]
