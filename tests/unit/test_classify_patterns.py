"""The curated lexicon and pattern layer: patterns for and against each code, negation,
insult targets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pantau.classify import slang
from pantau.classify.normalise import Normaliser, prepare
from pantau.classify.patterns import TARGET, RuleSet
from pantau.domain.errors import DataError


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return RuleSet.load()


@pytest.fixture(scope="module")
def normaliser() -> Normaliser:
    dictionary = slang.load()
    return Normaliser(dictionary, slang.vocabulary(dictionary))


def passed(rules: RuleSet, normaliser: Normaliser, text: str) -> dict[str, tuple[str, ...]]:
    hits = rules.match(normaliser.text(text), prepare(text))
    return {code: hit.evidence for code, hit in hits.items() if hit.passed}


@pytest.mark.parametrize(
    ("text", "code", "word"),
    [
        (
            "Dokumen RAHASIA ini bocoran dari kantor, jangan disebar ya",
            "confidential_disclosure",
            "rahasia",
        ),
        ("Slip gaji pegawai NIP 198703122010011002 bocor", "confidential_disclosure", "NIP"),
        ("Ready stok kak, order via WA 081234567890, link di bio", "commercial", "ready"),
        ("jastip open po sampai jumat, dm ya kak", "commercial", "jastip"),
        ("bocoran notulen rapat pimpinan, jangan disebar", "confidential_disclosure", "bocoran"),
        ("slot gacor hari ini, depo 10k langsung wd 🎰", "gambling_promotion", "🎰"),
        ("Info valid dari orang dalam, sebarkan sebelum dihapus!!!", "hoax", "info valid"),
        ("open bo dm aja 🔞", "pornography", "open bo"),
        ("kabid gue emang penjilat, kerjanya cuma cari muka", "badmouthing", "penjilat"),
        ("pemda goblok kerjanya cuma pencitraan", "degrading_institution", "goblok"),
        ("Endorse skincare, cek keranjang kuning ya", "commercial", "keranjang"),
        ("joget dulu gaes sambil mukbang", "entertainment", "joget"),
        ("Ayo coblos nomor urut 2, dukung paslon 02", "practical_politics", "coblos"),
        ("main di situs gacor, wd cepat maxwin", "gambling_promotion", "wd cepat"),
    ],
)
def test_rule_codes_fire_with_the_words_that_matched(
    rules: RuleSet, normaliser: Normaliser, text: str, code: str, word: str
) -> None:
    found = passed(rules, normaliser, text)
    assert code in found
    assert any(word in evidence for evidence in found[code])


@pytest.mark.parametrize(
    "text",
    [
        "Selamat pagi, hari ini rapat koordinasi di kantor bupati",
        "Terima kasih atas pelayanan puskesmas yang ramah",
        "Jadwal posyandu bulan ini hari Selasa",
    ],
)
def test_ordinary_official_texts_fire_no_rule(
    rules: RuleSet, normaliser: Normaliser, text: str
) -> None:
    assert passed(rules, normaliser, text) == {}


def test_one_weak_cue_stays_below_threshold_and_cues_combine_by_noisy_or(
    rules: RuleSet, normaliser: Normaliser
) -> None:
    weak = rules.match(normaliser.text("slot"), "slot")["gambling_promotion"]
    strong = rules.match(normaliser.text("slot gacor"), "slot gacor")["gambling_promotion"]
    assert not weak.passed
    assert strong.passed
    assert strong.score == pytest.approx(1 - (1 - 0.3) * (1 - 0.5))


def test_one_strong_pattern_fires_alone(rules: RuleSet, normaliser: Normaliser) -> None:
    assert "pornography" in passed(rules, normaliser, "open bo")
    assert "practical_politics" in passed(rules, normaliser, "coblos no 2")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("STOP JUDI ONLINE! judol merusak keluarga, jauhi slot gacor", "gambling_promotion"),
        ("Admin situs slot gacor ditangkap polres, judol bikin bangkrut", "gambling_promotion"),
        ("HOAKS! pesan berantai bansos 2 juta itu tidak benar, cek situs resmi", "hoax"),
        ("ASN wajib netral ya, jangan ikut kampanye paslon mana pun", "practical_politics"),
        ("mohon jaga kerahasiaan data warga, jangan sebar NIK", "confidential_disclosure"),
        ("Pasar murah pemkab besok, harga beras 10rb, gratis cek kesehatan", "commercial"),
        ("HUT kabupaten, senam pagi bersama lalu lomba joget di lapangan", "entertainment"),
        ("Bangga sama budaya Batak dan Jawa, toleransi antar suku itu indah", "hate_speech_sara"),
    ],
)
def test_warnings_debunks_and_official_contexts_keep_the_code_from_passing(
    rules: RuleSet, normaliser: Normaliser, text: str, code: str
) -> None:
    hit = rules.analyse(normaliser.text(text), prepare(text)).hits[code]
    assert hit.against > 0
    assert not hit.passed
    assert hit.score == pytest.approx(hit.support * (1 - hit.against), abs=1e-3)


def test_a_negated_match_counts_against_the_code_but_an_invitation_does_not(
    rules: RuleSet, normaliser: Normaliser
) -> None:
    negated = rules.analyse(normaliser.text("stop judol"), "stop judol").hits
    assert negated["gambling_promotion"].support == 0
    assert negated["gambling_promotion"].against > 0
    invitation = "jangan lupa coblos no 2 ya"
    assert "practical_politics" in passed(rules, normaliser, invitation)


def test_a_later_match_that_is_not_negated_still_counts(
    rules: RuleSet, normaliser: Normaliser
) -> None:
    text = "katanya stop judi, tapi main slot tetap jalan"
    hit = rules.analyse(normaliser.text(text), prepare(text)).hits["gambling_promotion"]
    assert hit.support > 0


def test_insult_targets_split_institutions_from_colleagues(
    rules: RuleSet, normaliser: Normaliser
) -> None:
    assert set(rules.insult_targets(normaliser.text("bupati bodoh"))) == {"degrading_institution"}
    assert set(rules.insult_targets(normaliser.text("atasan gue bego"))) == {"badmouthing"}
    assert rules.insult_targets(normaliser.text("dasar bodoh")) == {}


def test_an_invalid_pattern_names_the_file_and_code(tmp_path: Path) -> None:
    path = tmp_path / "patterns.json"
    path.write_text(
        json.dumps(
            {
                "codes": {
                    "commercial": {
                        "threshold": 0.5,
                        "normalised": [{"pattern": "(unclosed", "weight": 0.5}],
                    }
                },
                "targets": {},
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=r"patterns\.json.*commercial"):
        RuleSet.load(path)


@pytest.mark.parametrize(
    "text",
    [
        "Dokumen RAHASIA ini bocoran dari kantor, jangan disebar ya",
        "Endorse skincare, cek keranjang kuning ya, harga 50rb, wa admin",
        "joget dulu gaes sambil mukbang makan besar live tiktok",
        "Ayo coblos nomor urut 2, dukung paslon 02, partai golkar",
        "main di situs gacor, wd cepat maxwin, depo kecil, free spin",
        "data pegawai dinas dan surat keputusan bupati",
        "STOP JUDI ONLINE! jauhi slot gacor, ASN wajib netral, HOAKS tidak benar",
        "kabid gue emang penjilat, pemda goblok, dasar aseng licik",
        "hati2 ya teman2 kantor, pura2 sakit lalu rekan kerja bodoh nyebelin",
        "sangat rahasia, Rp 50.000 saja, 0812 3456 7890, #jastip #2periode 18+ !!!",
    ],
)
def test_trying_patterns_only_where_their_first_words_stand_never_loses_a_match(
    rules: RuleSet, normaliser: Normaliser, text: str
) -> None:
    prepared = prepare(text)
    normalised = normaliser.text(text)
    analysis = rules.analyse(normalised, prepared)
    for name, kind, pattern in rules.flat:
        if pattern.raw and not re.search(r"\d{3}|#|\+|!!", prepared):
            continue
        if pattern.needs_digit and not re.search(r"\d", normalised):
            continue
        if pattern.regex.search(prepared if pattern.raw else normalised):
            found = analysis.targets if kind == TARGET else analysis.hits
            assert name in found, pattern.regex.pattern
