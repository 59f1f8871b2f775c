"""The classifier's decision logic, on a small hand-made model: thresholds, order, targets."""

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
from pantau.domain.content import ContentClassifier

SETTINGS = FeatureSettings(word_bits=16, char_bits=16, use_chars=False)
HEADS = ("insult", "pornography", "practical_politics")


def make_model(threshold: float = 0.6) -> LinearModel:
    """`bodoh` pushes insult (+6), `bugil` pornography (+8); every head's intercept is -2."""
    featurizer = Featurizer(SETTINGS)
    ids = [featurizer.word_ids("bodoh")[0], featurizer.word_ids("bugil")[0]]
    weights = np.array([[6.0, 0.0, 0.0], [0.0, 8.0, 0.0]])
    calibration = {head: HeadCalibration(1.0, 0.0, threshold) for head in HEADS}
    return LinearModel(SETTINGS, HEADS, np.array(ids), weights, np.full(3, -2.0), calibration, {})


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    dictionary = slang.load()
    return Classifier(
        make_model(), RuleSet.load(), Normaliser(dictionary, slang.vocabulary(dictionary))
    )


def sigmoid(value: float) -> float:
    return 1 / (1 + math.exp(-value))


def test_a_head_at_or_above_threshold_is_suggested_with_its_calibrated_score(
    classifier: Classifier,
) -> None:
    (suggestion, *others) = classifier.suggest("bugil")
    assert suggestion.code == "pornography"
    assert suggestion.score == pytest.approx(sigmoid(8 - 2), abs=1e-3)
    assert suggestion.evidence == ("bugil",)
    assert others == []


def test_a_head_below_threshold_is_not_suggested(classifier: Classifier) -> None:
    # 7 words: 7 unigrams + 6 bigrams, so the margin is 6 / sqrt(13) - 2 < 0: p < 0.6
    assert classifier.suggest("bodoh itu kata yang tidak baik sekali") == []


def test_suggestions_come_highest_score_first(classifier: Classifier) -> None:
    codes = [s.code for s in classifier.suggest("bugil bodoh")]
    scores = [s.score for s in classifier.suggest("bugil bodoh")]
    assert scores == sorted(scores, reverse=True)
    assert codes[0] == "pornography"


def test_an_insult_aimed_at_a_leader_is_degrading_institution_with_the_target_word(
    classifier: Classifier,
) -> None:
    (suggestion,) = classifier.suggest("bupati bodoh")
    assert suggestion.code == "degrading_institution"
    assert suggestion.evidence == ("bodoh", "bupati")


def test_an_insult_aimed_at_a_colleague_is_badmouthing(classifier: Classifier) -> None:
    assert [s.code for s in classifier.suggest("atasan bodoh")] == ["badmouthing"]


def test_an_insult_without_a_known_target_may_be_either_code(classifier: Classifier) -> None:
    codes = {s.code for s in classifier.suggest("bodoh")}
    assert codes == {"degrading_institution", "badmouthing"}


def test_rules_alone_suggest_codes_the_model_has_no_head_for(classifier: Classifier) -> None:
    (suggestion,) = classifier.suggest("joget dulu sambil mukbang")
    assert suggestion.code == "entertainment"
    assert "joget" in suggestion.evidence


def test_model_and_rule_for_one_code_report_the_higher_score(classifier: Classifier) -> None:
    suggestions = classifier.suggest("ayo coblos nomor urut 2")
    (politics,) = [s for s in suggestions if s.code == "practical_politics"]
    rule = classifier.rules.match(
        classifier.normaliser.text("ayo coblos nomor urut 2"), "ayo coblos nomor urut 2"
    )["practical_politics"]
    assert politics.score == pytest.approx(rule.score, abs=1e-3)


def test_batch_and_single_suggestions_agree(classifier: Classifier) -> None:
    texts = ["bugil", "bupati bodoh", "rapat pagi"]
    assert classifier.suggest_many(texts) == [classifier.suggest(text) for text in texts]


def test_a_model_survives_saving_and_loading(tmp_path: Path) -> None:
    model = make_model()
    model.save(tmp_path)
    loaded = LinearModel.load(tmp_path)
    tokens = [["bupati", "bodoh"], ["bugil"]]
    assert np.allclose(loaded.scores(tokens), model.scores(tokens), atol=1e-3)
    assert loaded.calibration == model.calibration


def test_the_shipped_classifier_fits_the_domain_seam_and_is_loaded_once() -> None:
    shipped: ContentClassifier = load_default()
    assert load_default() is shipped
    suggestions = shipped.suggest("Bupati goblok, kerjanya cuma pencitraan!! joget dulu")
    assert {s.code for s in suggestions} <= set(SUGGESTED_CODES)
    assert all(0 <= s.score <= 1 for s in suggestions)
