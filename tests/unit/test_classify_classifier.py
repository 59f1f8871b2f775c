"""The classifier's decision logic, on a small hand-made model and stacker: thresholds, one
scale for heads and patterns, contexts against a code, insult targets, evidence, batching."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from pantau.classify import SUGGESTED_CODES, load_default, slang
from pantau.classify.classifier import Classifier
from pantau.classify.features import FeatureSettings, Featurizer
from pantau.classify.model import HeadCalibration, LinearModel
from pantau.classify.normalise import Normaliser
from pantau.classify.patterns import RuleSet
from pantau.classify.stacking import Stacker, feature_names
from pantau.domain.content import ContentClassifier

SETTINGS = FeatureSettings(word_bits=16, char_bits=16, use_chars=False)
HEADS = ("insult", "pornography", "practical_politics")
THRESHOLD = 0.6


def make_model() -> LinearModel:
    """`bodoh` pushes insult (+6), `bugil` pornography (+8); every head's intercept is -2."""
    featurizer = Featurizer(SETTINGS)
    ids = [featurizer.word_ids("bodoh")[0], featurizer.word_ids("bugil")[0]]
    weights = np.array([[6.0, 0.0, 0.0], [0.0, 8.0, 0.0]])
    calibration = {head: HeadCalibration(1.0, 0.0, 0.5) for head in HEADS}
    return LinearModel(SETTINGS, HEADS, np.array(ids), weights, np.full(3, -2.0), calibration, {})


def make_stacker(model: LinearModel) -> Stacker:
    """pornography = its head's margin; an insult code = the insult margin, +3 for its own
    target, -3 for the other one; politics, commercial and entertainment = 8 x rule support
    - 4 (- 8 x against for entertainment)."""
    names = feature_names(model)
    weights = np.zeros((len(names), len(SUGGESTED_CODES)))

    def put(feature: str, code: str, value: float) -> None:
        weights[names.index(feature), SUGGESTED_CODES.index(code)] = value

    put("margin.pornography", "pornography", 1.0)
    for code, other in (
        ("degrading_institution", "badmouthing"),
        ("badmouthing", "degrading_institution"),
    ):
        put("margin.insult", code, 1.0)
        put(f"target.{code}", code, 3.0)
        put(f"target.{other}", code, -3.0)
    intercepts = np.zeros(len(SUGGESTED_CODES))
    for code in ("practical_politics", "commercial", "entertainment"):
        put(f"rule.{code}.support", code, 8.0)
        intercepts[SUGGESTED_CODES.index(code)] = -4.0
    put("rule.entertainment.against", "entertainment", -8.0)
    thresholds = np.full(len(SUGGESTED_CODES), THRESHOLD)
    return Stacker(SUGGESTED_CODES, names, weights, intercepts, thresholds)


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    dictionary = slang.load()
    model = make_model()
    normaliser = Normaliser(dictionary, slang.vocabulary(dictionary))
    return Classifier(model, RuleSet.load(), normaliser, make_stacker(model))


def sigmoid(value: float) -> float:
    return 1 / (1 + math.exp(-value))


def test_a_code_at_or_above_threshold_is_suggested_with_its_stacked_probability(
    classifier: Classifier,
) -> None:
    (suggestion, *others) = classifier.suggest("bugil")
    assert suggestion.code == "pornography"
    assert suggestion.score == pytest.approx(sigmoid(8 - 2), abs=1e-3)
    assert suggestion.evidence == ("bugil",)
    assert others == []


def test_a_code_below_threshold_is_not_suggested(classifier: Classifier) -> None:
    # 7 words: 7 unigrams + 6 bigrams, so the insult margin is 6 / sqrt(13) - 2 < 0: p < 0.6
    assert classifier.suggest("bodoh itu kata yang tidak baik sekali") == []


def test_suggestions_come_highest_score_first(classifier: Classifier) -> None:
    suggestions = classifier.suggest("bugil bodoh")
    scores = [s.score for s in suggestions]
    assert scores == sorted(scores, reverse=True)
    assert suggestions[0].code == "pornography"


def test_an_insult_aimed_at_a_leader_is_degrading_institution_with_the_target_word(
    classifier: Classifier,
) -> None:
    (suggestion,) = classifier.suggest("bupati bodoh")
    assert suggestion.code == "degrading_institution"
    assert {"bodoh", "bupati"} <= set(suggestion.evidence)


def test_an_insult_aimed_at_a_colleague_is_badmouthing(classifier: Classifier) -> None:
    assert [s.code for s in classifier.suggest("atasan bodoh")] == ["badmouthing"]


def test_an_insult_without_a_known_target_may_be_either_code(classifier: Classifier) -> None:
    codes = {s.code for s in classifier.suggest("bodoh")}
    assert codes == {"degrading_institution", "badmouthing"}


def test_patterns_alone_can_suggest_a_code_no_head_stands_for(classifier: Classifier) -> None:
    (suggestion,) = classifier.suggest("joget dulu sambil mukbang")
    assert suggestion.code == "entertainment"
    assert "joget" in suggestion.evidence


def test_a_context_against_a_code_keeps_it_from_being_suggested(
    classifier: Classifier,
) -> None:
    assert classifier.suggest("HUT kabupaten, senam pagi bersama lalu joget di lapangan") == []


def test_heads_and_patterns_meet_on_one_scale_the_stacked_probability(
    classifier: Classifier,
) -> None:
    text = "ayo coblos nomor urut 2"
    (politics,) = [s for s in classifier.suggest(text) if s.code == "practical_politics"]
    support = classifier.rules.match(classifier.normaliser.text(text), text)[
        "practical_politics"
    ].support
    assert politics.score == pytest.approx(sigmoid(8 * support - 4), abs=1e-3)


def test_batch_and_single_suggestions_agree(classifier: Classifier) -> None:
    texts = ["bugil", "bupati bodoh", "rapat pagi", "", "joget dulu sambil mukbang"]
    assert classifier.suggest_many(texts) == [classifier.suggest(text) for text in texts]


def test_a_model_and_its_stacker_survive_saving_and_loading(tmp_path: Path) -> None:
    model = make_model()
    model.stacker = make_stacker(model).to_json()
    model.save(tmp_path)
    loaded = LinearModel.load(tmp_path)
    tokens = [["bupati", "bodoh"], ["bugil"]]
    assert np.allclose(loaded.scores(tokens), model.scores(tokens), atol=1e-3)
    assert loaded.calibration == model.calibration
    assert Stacker.from_json(loaded.stacker or {}).to_json() == model.stacker


def test_a_model_without_a_stacker_is_refused_with_the_fix() -> None:
    from pantau.domain.errors import DataError

    dictionary = slang.load()
    normaliser = Normaliser(dictionary, slang.vocabulary(dictionary))
    with pytest.raises(DataError, match="classify train"):
        Classifier(make_model(), RuleSet.load(), normaliser)


def test_the_shipped_classifier_fits_the_domain_seam_and_is_loaded_once() -> None:
    shipped: ContentClassifier = load_default()
    assert load_default() is shipped
    suggestions = shipped.suggest("Bupati goblok, kerjanya cuma pencitraan!! joget dulu")
    assert {s.code for s in suggestions} <= set(SUGGESTED_CODES)
    assert all(0 <= s.score <= 1 for s in suggestions)
