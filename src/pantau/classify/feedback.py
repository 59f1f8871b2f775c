"""Reviewer feedback: the codes a person confirmed for a text, kept for the next training run.

The store is an append-only JSON Lines file. Each record holds the text (the next training
run needs it), its SHA-256, the confirmed codes (an empty list means "none of the codes
applies"), the reviewer and the time of the review, which the caller passes in.
`pantau classify train --feedback FILE` adds the records to the training posts: a review is a
short post from the review queue with every code judged, exactly what the in-domain posts are
(`posts.py`). They are read by the post heads and the stacker, and spread over the folds
by which the stacker sees the training posts; the public heads stay trained on the public
data sets only.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pantau.classify.codes import SUGGESTED_CODES
from pantau.classify.datasets import TRAIN
from pantau.classify.posts import Post
from pantau.domain.errors import InputError


@dataclass(frozen=True)
class FeedbackRecord:
    """One reviewer's confirmed codes for one text."""

    text: str
    text_sha256: str
    codes: tuple[str, ...]
    reviewer: str
    reviewed_at: datetime

    def to_json(self) -> dict[str, object]:
        return {
            "text_sha256": self.text_sha256,
            "text": self.text,
            "codes": list(self.codes),
            "reviewer": self.reviewer,
            "reviewed_at": self.reviewed_at.isoformat(),
        }


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_record(text: str, codes: Iterable[str], reviewer: str, at: datetime) -> FeedbackRecord:
    """Validate one review; raise `InputError` saying which field is wrong and how to fix it."""
    chosen = tuple(sorted(set(codes)))
    unknown = [code for code in chosen if code not in SUGGESTED_CODES]
    if unknown:
        raise InputError(
            f"feedback field 'codes': unknown code(s) {', '.join(unknown)}; "
            f"use any of {', '.join(SUGGESTED_CODES)}"
        )
    if not reviewer.strip():
        raise InputError("feedback field 'reviewer' is empty: give the reviewer's user name")
    if at.tzinfo is None or at.utcoffset() is None:
        raise InputError(
            f"feedback field 'reviewed_at' ({at.isoformat()}) has no UTC offset: "
            "pass an aware datetime, e.g. 2026-02-03T09:15:00+07:00"
        )
    if not text.strip():
        raise InputError("feedback field 'text' is empty: give the text that was reviewed")
    return FeedbackRecord(text, text_sha256(text), chosen, reviewer.strip(), at)


class FeedbackStore:
    """An append-only JSON Lines file of reviews."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def record(
        self, text: str, codes: Iterable[str], reviewer: str, at: datetime
    ) -> FeedbackRecord:
        """Append one review and return it."""
        entry = make_record(text, codes, reviewer, at)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry.to_json(), ensure_ascii=False, sort_keys=True) + "\n")
        return entry

    def records(self) -> list[FeedbackRecord]:
        """Every review in the file, in order; a bad line raises `InputError` naming it."""
        if not self.path.exists():
            return []
        out = []
        with self.path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    out.append(self._parse(line, number))
        return out

    def _parse(self, line: str, number: int) -> FeedbackRecord:
        try:
            data = json.loads(line)
            at = datetime.fromisoformat(str(data["reviewed_at"]))
            entry = make_record(str(data["text"]), list(data["codes"]), str(data["reviewer"]), at)
        except (ValueError, KeyError, TypeError, InputError) as error:
            raise InputError(
                f"{self.path}, line {number}: not a feedback record ({error}); "
                "each line needs text, codes, reviewer and an offset-aware reviewed_at"
            ) from error
        if data.get("text_sha256") not in (None, entry.text_sha256):
            raise InputError(
                f"{self.path}, line {number}: text_sha256 does not match the text; "
                "the record was edited after it was written"
            )
        return entry


def feedback_posts(path: Path) -> list[Post]:
    """Reviews as training posts: the reviewer's codes, every other code judged absent."""
    return [
        Post(entry.text, frozenset(entry.codes), "feedback", TRAIN)
        for entry in FeedbackStore(path).records()
    ]


__all__ = ["FeedbackRecord", "FeedbackStore", "feedback_posts", "make_record", "text_sha256"]
