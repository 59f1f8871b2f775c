"""Training on a small sample of the real data and the shipped posts: reproducible, recorded,
loadable, and reviewer feedback reaches the training posts.

Needs the labelled data at ../shared/data (CI has it at the same place)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import require
from pantau.classify.codes import SUGGESTED_CODES
from pantau.classify.datasets import TEST, VALID, load_all, text_key
from pantau.classify.feedback import FeedbackStore
from pantau.classify.model import LinearModel
from pantau.classify.stacking import Stacker
from pantau.classify.training import TrainingOptions, train
from pantau.commands.classify import default_data_dir

DATA = default_data_dir()


@pytest.fixture(scope="module")
def data_dir() -> Path:
    require(DATA.is_dir(), "the labelled data sets", f"put them at {DATA}")
    return DATA


def small(data_dir: Path, out: Path, **extra: object) -> TrainingOptions:
    return TrainingOptions(
        data_dir=data_dir,
        out_dir=out,
        sample=40,
        candidates=("logreg_word",),
        keep_features=2000,
        write_slang=False,
        datasets=("netifier",),
        bits=14,
        post_candidates=("posts_word_char_c1",),
        keep_post_features=2000,
        **extra,  # type: ignore[arg-type]
    )


def test_same_seed_same_data_and_feedback_give_identical_weights_and_a_full_record(
    data_dir: Path, tmp_path: Path
) -> None:
    feedback = tmp_path / "feedback.jsonl"
    at = datetime(2026, 1, 1, tzinfo=UTC)
    FeedbackStore(feedback).record("kepala dinas bodoh", ["badmouthing"], "reviewer", at)
    quiet = lambda message: None  # noqa: E731
    model = train(small(data_dir, tmp_path / "a", feedback=feedback), progress=quiet)
    train(small(data_dir, tmp_path / "b", feedback=feedback), progress=quiet)
    first = (tmp_path / "a" / "weights.npz").read_bytes()
    assert first == (tmp_path / "b" / "weights.npz").read_bytes()
    assert (tmp_path / "a" / "model.json").read_text() == (
        tmp_path / "b" / "model.json"
    ).read_text()
    record = LinearModel.load(tmp_path / "a").record
    assert record["seed"] == 0
    assert len(record["data_sha256"]["netifier-negative-content/train.csv"]) == 64
    assert len(record["feedback_sha256"]) == 64
    assert set(record["comparison_validation_average_precision"]) == {"logreg_word"}
    assert {"pornography", "insult", "hate_speech_sara"} <= set(model.heads)
    assert {f"posts.{code}" for code in SUGGESTED_CODES} <= set(model.heads)
    assert len(model.feature_ids) <= 2000 * len(model.heads)
    assert record["posts"]["counts"]["feedback"] == 1
    assert set(record["posts_sha256"]) == {f"pass-{n}.jsonl" for n in (1, 2, 3, 4)}
    stacker = Stacker.from_json(model.stacker or {})
    assert stacker.codes == SUGGESTED_CODES
    assert ((stacker.thresholds > 0) & (stacker.thresholds <= 1.01)).all()


def test_no_test_text_is_in_a_training_or_validation_split(data_dir: Path) -> None:
    examples = load_all(data_dir, ("netifier", "ibrohim2019", "ibrohim2018"))
    tests = {text_key(e.text) for e in examples if e.split == TEST}
    valid = {text_key(e.text) for e in examples if e.split == VALID}
    trained = {text_key(e.text) for e in examples if e.split == "train"}
    assert tests
    assert not tests & (valid | trained)
    assert not valid & trained
