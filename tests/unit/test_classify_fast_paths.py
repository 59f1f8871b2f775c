"""The classifier's fast paths give what the straightforward ones give: `prepare` and
`prepare_each`, `RuleSet.analyse` and `analyse_each`, the batched word weights and pushes
behind the evidence of `suggest_many` and the text-by-text ones, the dense row table and the
search, the segment sum with empty segments."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from pantau.classify import load_default
from pantau.classify.classifier import Classifier
from pantau.classify.model import _segment_sum
from pantau.classify.normalise import prepare, prepare_each
from pantau.classify.patterns import (
    _RAW_WORTH,
    RuleSet,
    _first_chars,
    _following,
    _raw_worth,
)
from pantau.domain.content import ContentSuggestion

TEXTS = [
    "",
    " ",
    "a",
    "goblok",
    "!!!",
    "Bupati goblok kerjanya cuma pencitraan 😂😂",
    "ayo coblos nomor urut 2 dukung paslon 02 #2periode",
    "jangan lupa coblos nomor urut 2 ya gaes",
    "STOP JUDI ONLINE! jauhi slot gacor88, ASN wajib netral, HOAKS tidak benar",
    "bukan hoaks, cek fakta: jadwal KPU sudah resmi",
    "gacor bgt main di situs ini wd cepat 50k depo 10rb 🎰🎰",
    "s l o t g4c0r bangeeet @admin_slot https://x.id/a?b=1 www.Contoh.com URL USER [USERNAME]",
    "Ready stok kak, order via WA 0812-3456-7890, link di bio, Rp 50.000 aja",
    "sangat rahasia, NIP 198703122010011002, nota dinas 800/123/BKPSDM/2026 #bocor 18+",
    "kabid gue emang penjilat, pemda goblok, dasar aseng licik, tidak usah beli di orang cina",
    "hati2 ya teman2 kantor, pura2 sakit lalu rekan kerja bodoh nyebelin",
    "\\xf0\\x9f\\x98\\x82 literal escapes\\n and a [QUOTE=x]quote[/quote] here",
    "ＡＳＮ ｇｏｂｌｏｋ fullwidth, Cyrillic АЅN, accents café naïve, ſtop httpſ://x",
    "joget dulu gaes sambil makan makan, hari ulang tahun kantor, senam pagi bersama",
    "anti judol! berantas judi online, waspada hoaks sebelum dihapus!!!",
    "tolak rasisme, kita bhinneka; jangan sebar data pegawai ya, rahasia",
    "HTTP://EXAMPLE.COM/PATH dan Url di sini, email a@b.c, harga $50 US$",
    "lihat Url ini",
    "ada URL dan WWW.situs.id",
    "pesan dari USER untuk [USERNAME]",
    ("atasan goblok kebijakan kantor sampah, jangan disebar " * 300),
    ("kata " * 4000) + "slot gacor maxwin",
]


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return load_default()


@pytest.mark.parametrize("text", TEXTS)
def test_prepare_gives_what_every_substitution_in_turn_gives(text: str) -> None:
    assert prepare(text) == prepare_each(text)


def test_prepare_still_replaces_what_its_shortcuts_look_for() -> None:
    assert prepare("lihat HTTPS://x.id dan Www.y.id") == "lihat  tok_url  dan  tok_url "
    assert prepare("buka Url ini") == "buka  tok_url  ini"
    assert prepare("halo USER dan @budi") == "halo  tok_user  dan  tok_user "
    assert "emo_" in prepare("\\xf0\\x9f\\x98\\x82")


@pytest.mark.parametrize("text", TEXTS)
def test_the_pattern_layer_gives_what_each_pattern_in_turn_gives(
    classifier: Classifier, text: str
) -> None:
    prepared = prepare(text)
    normalised = " ".join(classifier.normaliser.tokens_of_prepared(prepared))
    rules = classifier.rules
    assert rules.analyse(normalised, prepared) == rules.analyse_each(normalised, prepared)


@pytest.mark.parametrize(
    "text", [*TEXTS, "a+b", "x#", "12", "123", "1 23", "!!", "! !", "٣٣٣", "#!!+999"]
)
def test_the_raw_patterns_gate_is_the_regular_expression(text: str) -> None:
    assert _raw_worth(text) == (_RAW_WORTH.search(text) is not None)


def test_the_first_characters_of_a_match_are_found_only_when_certain() -> None:
    def firsts(pattern: str) -> set[str] | None:
        import re

        found = _first_chars(re.compile(pattern))
        return None if found is None else set(found)

    assert firsts(r"#\w*(jastip|promo)\w*") == {"#"}
    assert firsts(r"(\b18 ?\+|\b21 ?\+|#\w*x)") == {"1", "2", "#"}
    assert firsts(r"!{3,}") == {"!"}
    assert firsts(r"x*y") == {"x", "y"}  # x may be absent: y can start a match too
    assert firsts(r"(ab)?c") == {"a", "c"}
    assert firsts(r"[xy]z|q") == {"x", "y", "q"}
    assert firsts(r"a?") is None  # matches the empty string
    assert firsts(r"\d{3}") is None  # a category, not a few characters
    assert firsts(r"[a-z]+1") is None
    assert firsts(r"(?i)abc") is None  # case-folded: `A` starts a match too
    assert firsts(r"[^a]b") is None
    assert firsts(r"(?=a)a") is None


def test_patterns_of_any_shape_give_the_same_analysis(tmp_path: Path) -> None:
    """A patterns file with shapes the shipped one lacks: optional and repeated starts,
    flags, a raw pattern with a class, a word pattern with a digit."""
    spec = {
        "negation": {"words": ["tidak", "stop"], "not_after_jangan": ["lupa"], "window": 3},
        "codes": {
            "hoax": {
                "threshold": 0.5,
                "normalised": [
                    {"pattern": r"\b(hoaks|berita bohong)\b", "weight": 0.6},
                    {"pattern": r"x*yakin", "weight": 0.3},
                    {"pattern": r"(?i)\bVIRAL\b", "weight": 0.3},
                    {"pattern": r"\b(sebar|bagikan) (sekarang|segera)?", "weight": 0.4},
                    {"pattern": r"\b(tidak usah|tidak benar|jangan (beli|pilih))\b", "weight": 0.3},
                    {"pattern": r"\b(di rumah|di kantor) saja\b", "weight": 0.3},
                    {"pattern": r"\b(orang|kaum) (cina|arab)", "weight": 0.3},
                    {"pattern": r"\b(info|kabar) (a|b)?c", "weight": 0.2},
                    {"pattern": r"\bkata (kunci )?rahasia\b", "weight": 0.2},
                ],
                "raw": [{"pattern": r"[!?]{3,}", "weight": 0.4}],
                "contexts": [{"pattern": r"\bcek fakta\b", "weight": 0.7}],
            },
            "commercial": {
                "threshold": 0.5,
                "normalised": [
                    {"pattern": r"\b\d+ ?(ribu|rb)\b", "weight": 0.4, "needs_digit": True},
                    {"pattern": r"\b(promo|diskon) \d+\b", "weight": 0.5, "needs_digit": True},
                ],
                "raw": [{"pattern": r"(\+62|08)\d{8,}", "weight": 0.6}],
            },
        },
        "cues": {},
        "targets": {"badmouthing": r"\b(atasan|rekan kerja)\b"},
    }
    path = tmp_path / "patterns.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    rules = RuleSet.load(path)
    texts = [
        "hoaks ini, sebar sekarang!!!",
        "tidak hoaks, cek fakta dulu",
        "stop sebar berita bohong ??? yakin",
        "xxyakin VIRAL viral promo 50 harga 10 rb",
        "hubungi 081234567890 atau +6281234567890",
        "atasan dan rekan kerja, atasan lagi",
        "",
        "promo diskon tanpa angka",
        "tidak usahnya tidak  usah tidak benar, jangan beli jangan pilihan tidak",
        "di rumahku di rumah saja di kantor saja, orang cinanya kaum arab$ orang",
        "info c info ac kabar bc info d, kata rahasia kata kunci rahasia kata kunci",
        "tidak usah@ jangan beli$ di rumah saja! orang",
    ]
    for text in texts:
        lowered = text.lower()
        assert rules.analyse(lowered, text) == rules.analyse_each(lowered, text), text
        assert rules.analyse(lowered, lowered) == rules.analyse_each(lowered, lowered), text


def test_the_words_a_match_must_go_on_with_are_found_only_when_certain() -> None:
    def following(pattern: str, words: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
        return _following(pattern, words)

    assert following(r"\b(tidak usah|tidak benar|hoaks)\b", ("tidak", "hoaks")) == {
        "tidak": ("benar", "usah")
    }
    assert following(r"\b(jangan|tidak usah) (beli|pilih)", ("jangan", "tidak")) == {
        "jangan": ("beli", "pilih"),
        "tidak": ("usah",),
    }
    assert following(r"\bkata (kunci )?rahasia\b", ("kata",)) == {"kata": ("kunci", "rahasia")}
    assert following(r"\b(tidak|tidak usah)\b", ("tidak",)) == {}  # `tidak` alone matches
    assert following(r"\b(sebar|bagikan) (sekarang|segera)?", ("sebar",)) == {}
    assert following(r"\b(info) ?c", ("info",)) == {}  # the space is optional
    assert following(r"\b(info)? c", ("info",)) == {}
    assert following(r"\b(di rumah\w*)", ("di",)) == {}  # `rumah` may go on: not a word
    assert following(r"\b((di|ke) rumah)", ("di",)) == {}


def _suggest_row_by_row(
    classifier: Classifier, texts: Sequence[str]
) -> list[list[ContentSuggestion]]:
    """`suggest_many` as it was: the pushes of each text by its own product."""
    token_lists, analyses, scored, probabilities = classifier.score(texts)
    passed = classifier.stacker.decide(probabilities, classifier.builder.fired(scored.margins))
    out: list[list[ContentSuggestion]] = []
    for row, tokens in enumerate(token_lists):
        columns = np.flatnonzero(passed[row]).tolist()
        if not columns:
            out.append([])
            continue
        pushes = classifier._pushes(scored, row, columns)
        found = classifier._suggestions(
            tokens, analyses[row], columns, probabilities[row], pushes
        )
        out.append(sorted(found, key=lambda s: (-s.score, s.code)))
    return out


def test_the_batch_evidence_is_the_evidence_of_each_text_on_its_own(
    classifier: Classifier,
) -> None:
    texts = [*TEXTS, *(text.upper() for text in TEXTS[5:15])]
    many = classifier.suggest_many(texts)
    assert many == _suggest_row_by_row(classifier, texts)
    assert many == [classifier.suggest(text) for text in texts]
    assert sum(bool(found) for found in many) >= 10  # the evidence path ran
    assert classifier.suggest_many([]) == []
    assert classifier.suggest_many(["", "selamat pagi"]) == [[], []]


def test_the_dense_row_table_finds_the_rows_the_search_finds(classifier: Classifier) -> None:
    model = classifier.model
    rng = np.random.default_rng(7)
    kept = model.feature_ids[model.feature_ids < 1 << model.settings.word_bits]
    ids = np.concatenate(
        [kept[:500], rng.integers(0, 1 << model.settings.word_bits, 2000), [0]]
    ).astype(np.int64)
    assert np.array_equal(model._word_rows(ids), model._rows(ids))


def test_the_segment_sum_zeroes_empty_segments_and_sums_the_others() -> None:
    values = np.arange(12, dtype=np.float32).reshape(6, 2)
    ends = [0, 2, 2, 5, 6, 6]
    scale = [1.0, 2.0, 3.0, 1.0, 0.5, 1.0]
    expected = np.array(
        [[0, 0], [2 * (0 + 2), 2 * (1 + 3)], [0, 0], [4 + 6 + 8, 5 + 7 + 9], [5, 5.5], [0, 0]]
    )
    assert np.array_equal(_segment_sum(values, ends, scale), expected)
    assert np.array_equal(_segment_sum(values[:0], [0, 0], [1.0, 1.0]), np.zeros((2, 2)))
