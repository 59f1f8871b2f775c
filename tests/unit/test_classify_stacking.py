"""The batched heads, the stacker's features and weights, thresholds for the stated goal, and
how training rows are folded and labelled."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from pantau.classify.codes import SUGGESTED_CODES
from pantau.classify.datasets import Example
from pantau.classify.features import FeatureSettings, Featurizer
from pantau.classify.matrix import feature_matrix
from pantau.classify.model import HeadCalibration, LinearModel
from pantau.classify.posts import Post
from pantau.classify.stack_training import folds, public_code_labels
from pantau.classify.stacking import Stacker, expand, long_weight
from pantau.classify.thresholds import NEVER, Goal, choose, none_flagged

TEXTS = [
    "bupati goblok kerjanya cuma pencitraan",
    "slot gacor hari ini depo sepuluh ribu",
    "",
    "rapat",
    "jual jual jual kue kering harga teman harga teman",
    "emo_fire live dulu guys tok_user",
]


@pytest.fixture(scope="module")
def model() -> LinearModel:
    """Random weights on every id the texts have (and some they do not), two heads."""
    settings = FeatureSettings(word_bits=12, char_bits=12, use_chars=True)
    matrix = feature_matrix(Featurizer(settings), TEXTS)
    ids = np.unique(np.concatenate([matrix.indices, np.arange(0, 8192, 7)]))
    rng = np.random.default_rng(3)
    weights = rng.normal(size=(ids.size, 2)).astype(np.float16).astype(np.float32)
    keep = rng.random(ids.size) < 0.8  # pruned ids score zero
    calibration = {head: HeadCalibration(1.0, 0.0, 0.5) for head in ("a", "b")}
    intercepts = np.array([0.5, -1.0])
    return LinearModel(settings, ("a", "b"), ids[keep], weights[keep], intercepts, calibration, {})


def test_batched_margins_are_the_sparse_product_training_uses(model: LinearModel) -> None:
    matrix = feature_matrix(model.featurizer, TEXTS)
    dense = np.zeros((model.settings.n_features, 2), dtype=np.float64)
    dense[model.feature_ids] = model.weights
    expected = matrix @ dense + model.intercepts
    assert np.allclose(model.margins_many([t.split() for t in TEXTS]), expected, atol=1e-5)


def test_one_text_at_a_time_gives_the_batch_margins(model: LinearModel) -> None:
    batch = model.margins_many([t.split() for t in TEXTS])
    one_by_one = np.vstack([model.margins(t.split()) for t in TEXTS])
    assert np.allclose(batch, one_by_one, atol=1e-9)


def test_word_weights_add_up_to_the_unigram_and_character_part_of_a_margin(
    model: LinearModel,
) -> None:
    tokens = ["jual", "kue", "kering"]  # three words: no word repeats, bigrams aside
    scored = model.score([tokens])
    words = model.word_weights(scored, 0)
    bigrams = {model.featurizer._bigram_id(pair) for pair in itertools.pairwise(tokens)}
    table = dict(zip(model.feature_ids.tolist(), model.weights, strict=True))
    bigram_part = sum((table.get(i, np.zeros(2)) for i in bigrams), np.zeros(2)) / np.sqrt(5)
    assert words.shape == (3, 2)
    assert np.allclose(words.sum(axis=0) + bigram_part + model.intercepts, scored.margins[0])


def test_the_length_weight_is_zero_for_short_posts_and_one_for_articles() -> None:
    base = np.log1p(np.array([[5.0], [60.0], [500.0]]))
    assert long_weight(base).ravel().tolist() == pytest.approx([0.0, 0.0, 1.0])


def test_the_stacker_scores_base_features_as_it_scores_the_expanded_ones() -> None:
    rng = np.random.default_rng(0)
    base = np.hstack([rng.normal(size=(20, 4)), np.log1p(rng.integers(1, 400, size=(20, 1)))])
    full = expand(base)
    stacker = Stacker(
        ("x", "y"),
        tuple(f"f{i}" for i in range(full.shape[1])),
        rng.normal(size=(full.shape[1], 2)),
        np.array([0.1, -0.2]),
        np.array([0.5, 0.5]),
    )
    assert np.allclose(stacker.probabilities(full), stacker.probabilities_of_base(base))
    assert Stacker.from_json(stacker.to_json()).to_json() == stacker.to_json()


def test_thresholds_reach_the_precision_goal_and_keep_recall() -> None:
    rng = np.random.default_rng(1)
    labels = (rng.random((400, 2)) < 0.2).astype(int)
    scores = np.clip(0.5 * labels + rng.random((400, 2)) * 0.6, 0, 1)
    choice = choose(scores, labels, Goal(min_precision=0.8, max_none_flagged=1.0))
    for column in range(2):
        predicted = scores[:, column] >= choice.thresholds[column]
        precision = (predicted & (labels[:, column] == 1)).sum() / predicted.sum()
        assert precision >= 0.8
        assert predicted[labels[:, column] == 1].mean() > 0.5
    assert choice.held == {0: 0.8, 1: 0.8}


def test_thresholds_flag_at_most_the_goals_share_of_none_posts() -> None:
    rng = np.random.default_rng(2)
    labels = np.zeros((300, 3), dtype=int)
    labels[:60, 0] = labels[60:120, 1] = labels[120:150, 2] = 1
    scores = np.clip(0.35 * labels + rng.random((300, 3)) * 0.7, 0, 1)
    none_rows = labels.sum(axis=1) == 0
    loose = choose(scores, labels, Goal(min_precision=0.5, max_none_flagged=1.0))
    tight = choose(scores, labels, Goal(min_precision=0.5, max_none_flagged=0.05))
    assert none_flagged(scores, none_rows, loose.thresholds) > 0.05
    assert none_flagged(scores, none_rows, tight.thresholds) <= 0.05
    assert (tight.thresholds >= loose.thresholds).all()


def test_a_code_no_threshold_can_make_precise_enough_is_never_suggested() -> None:
    rng = np.random.default_rng(4)
    labels = (rng.random((300, 1)) < 0.3).astype(int)
    scores = rng.random((300, 1))  # unrelated to the labels
    assert choose(scores, labels, Goal()).thresholds[0] == NEVER


def test_training_posts_are_folded_by_writing_pass_and_feedback_spread_over_them() -> None:
    posts = [
        Post("a", frozenset(), "pass-1", "train"),
        Post("b", frozenset(), "pass-2", "train"),
        Post("c", frozenset(), "pass-1", "train"),
        *(Post(f"review {n}", frozenset(), "feedback", "train") for n in range(40)),
    ]
    fold_of = folds(posts)
    assert fold_of[:3] == [0, 1, 0]
    assert set(fold_of[3:]) == {0, 1}


def test_a_public_insult_counts_for_both_insult_codes_and_unlabelled_codes_are_unknown() -> None:
    rows = [Example("x", "ibrohim2018", "valid", {"insult": 1, "gambling_promotion": 0})]
    labels, known = public_code_labels(rows)
    by_code = dict(zip(SUGGESTED_CODES, zip(labels[0], known[0], strict=True), strict=True))
    assert by_code["degrading_institution"] == (1, True)
    assert by_code["badmouthing"] == (1, True)
    assert by_code["gambling_promotion"] == (0, True)
    assert by_code["commercial"] == (0, False)


def test_the_single_text_path_computes_what_the_batch_path_computes() -> None:
    from pantau.classify import load_default
    from pantau.classify.posts import load_posts

    classifier = load_default()
    texts = [post.text for post in load_posts() if post.split == "train"][::7]
    tokens, analyses, scored, probabilities = classifier.score(texts)
    base = classifier.builder.base(scored.margins, analyses, [len(t) for t in tokens])
    for row, text_tokens in enumerate(tokens):
        margins = scored.margins[row].tolist()
        one = classifier.builder.base_row(margins, analyses[row], len(text_tokens))
        assert np.allclose(one, base[row], rtol=0, atol=1e-12)
        single = classifier.stacker.probabilities_of_row(one)
        assert np.allclose(single, probabilities[row], rtol=0, atol=1e-9)
    assert classifier.suggest_many(texts) == [classifier.suggest(text) for text in texts]
