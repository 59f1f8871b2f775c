"""Normalisation of colloquial Indonesian: slang, escapes, look-alikes, leetspeak, stretching."""

from __future__ import annotations

import pytest

from pantau.classify import slang
from pantau.classify.normalise import Normaliser, prepare


@pytest.fixture(scope="module")
def normaliser() -> Normaliser:
    dictionary = slang.load()
    return Normaliser(dictionary, slang.vocabulary(dictionary))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Yg penting gk telat", ["yang", "penting", "tidak", "telat"]),
        ("bangeeeet", ["banget"]),
        ("maaf saat taat", ["maaf", "saat", "taat"]),
        ("kader2 HTI", ["kader", "kader", "hti"]),
        ("g4c0r", ["gacor"]),
        ("s l o t", ["slot"]),
        ("AЕR𝐎𝟴𝟴", ["aero88"]),
        ("maxbet kecil bet", ["maxbet", "kecil", "bet"]),
    ],
)
def test_colloquial_words_become_formal_tokens(
    normaliser: Normaliser, raw: str, expected: list[str]
) -> None:
    assert normaliser.tokens(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("gk ngga nggak gakk", ["tidak", "tidak", "tidak", "tidak"]),  # one form for a chain
        ("gkmau", ["tidak", "mau"]),  # multi-word forms chain through the curated additions
        ("ade", ["adik"]),  # ade -> adek -> adik
    ],
)
def test_slang_chains_end_in_one_normal_form(
    normaliser: Normaliser, raw: str, expected: list[str]
) -> None:
    assert normaliser.tokens(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("sebarin", "sebarkan"),
        ("disebarin", "disebarkan"),
        ("coblosin", "coblos"),
        ("dicoblosin", "dicoblos"),
        ("ngebocorin", "bocor"),
        ("viralin", "viralkan"),
        ("main", "main"),  # a formal word ending in -in is left alone
        ("ingin", "ingin"),
        ("muslimin", "muslimin"),
    ],
)
def test_colloquial_in_verbs_become_formal_verbs(
    normaliser: Normaliser, raw: str, expected: str
) -> None:
    assert normaliser.tokens(raw) == [expected]


@pytest.mark.parametrize("slur", ["aseng", "bloon", "koplak", "cemen", "wowok"])
def test_slurs_and_insults_are_not_turned_into_harmless_words(
    normaliser: Normaliser, slur: str
) -> None:
    assert normaliser.tokens(slur) == [slur]


def test_domain_abbreviations_of_the_curated_additions() -> None:
    dictionary = slang.load()
    assert dictionary["cabup"] == "calon bupati"
    assert dictionary["nodin"] == "nota dinas"
    assert "pilkada" not in dictionary  # kept as written


def test_literal_byte_escapes_of_the_corpora_become_emoji_tokens(normaliser: Normaliser) -> None:
    tokens = normaliser.tokens(r"kocak \xf0\x9f\x98\x82\n wkwk")
    assert tokens == ["kocak", "emo_face_with_tears_of_joy", "wkwk"]


def test_urls_and_mentions_become_placeholders_not_dictionary_words(
    normaliser: Normaliser,
) -> None:
    tokens = normaliser.tokens("@pakbupati lihat https://contoh.id/a dan USER URL")
    assert tokens == ["tok_user", "lihat", "tok_url", "dan", "tok_user", "tok_url"]


def test_prepare_folds_fullwidth_letters_and_strips_accents() -> None:
    assert prepare("ＧＡＣＯＲ café") == "gacor cafe"


def test_the_dictionary_keeps_domain_words_it_would_otherwise_break() -> None:
    dictionary = slang.load()
    assert dictionary["yg"] == "yang"
    assert not set(slang.NOT_SLANG) & set(dictionary)
