"""Reviewer feedback: an append-only store, validated, usable as training examples."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from pantau.classify.feedback import FeedbackStore, feedback_posts, text_sha256
from pantau.domain.errors import InputError

WIB = timezone(timedelta(hours=7))
AT = datetime(2026, 2, 3, 9, 15, tzinfo=WIB)


def test_records_are_appended_with_hash_reviewer_and_time(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "feedback.jsonl")
    store.record("bupati bodoh", ["degrading_institution"], "reviewer-1", AT)
    store.record("jualan kue", ["commercial"], "reviewer-2", AT + timedelta(minutes=5))
    lines = (tmp_path / "feedback.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert first["text_sha256"] == text_sha256("bupati bodoh")
    assert first["reviewer"] == "reviewer-1"
    assert first["reviewed_at"] == "2026-02-03T09:15:00+07:00"
    assert [r.codes for r in store.records()] == [("degrading_institution",), ("commercial",)]


def test_a_naive_time_is_refused_with_the_field_and_a_fix(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "f.jsonl")
    with pytest.raises(InputError, match=r"reviewed_at.*offset"):
        store.record("teks", [], "reviewer", datetime(2026, 2, 3, 9, 15))
    assert not (tmp_path / "f.jsonl").exists()


def test_an_unknown_code_is_refused_listing_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"unknown code.*hate_speech_sara"):
        FeedbackStore(tmp_path / "f.jsonl").record("teks", ["rude"], "reviewer", AT)


def test_an_edited_record_is_detected_by_its_hash(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    FeedbackStore(path).record("teks asli", [], "reviewer", datetime(2026, 1, 1, tzinfo=UTC))
    path.write_text(path.read_text(encoding="utf-8").replace("teks asli", "teks lain"))
    with pytest.raises(InputError, match=r"line 1.*text_sha256"):
        FeedbackStore(path).records()


def test_feedback_becomes_training_posts_with_every_code_judged(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    FeedbackStore(path).record("atasan bego", ["badmouthing"], "reviewer", AT)
    FeedbackStore(path).record("rapat pagi", [], "reviewer", AT)
    insult, clean = feedback_posts(path)
    assert (insult.split, insult.source) == ("train", "feedback")
    assert insult.labels()["badmouthing"] == 1
    assert insult.labels()["pornography"] == 0
    assert insult.head_labels()["insult"] == 1
    assert set(clean.labels().values()) == {0}
