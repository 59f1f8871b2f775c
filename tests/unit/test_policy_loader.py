"""The policy loader: every shipped file is valid; errors name the file, the line and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from pantau.domain.errors import DataError
from pantau.domain.evaluation import describe
from pantau.domain.policies import Policy
from pantau.rules.policies import all_policies, conduct_codes, load_policy

SPEC_CODES = {
    "live_in_work_hours", "live_in_workplace", "workspace_broadcast_without_permission",
    "uniform_misuse", "uniform_in_personal_content", "confidential_disclosure", "badmouthing",
    "degrading_institution", "hate_speech_sara", "hoax", "pornography", "practical_politics",
    "content_creator_conflict", "conflict_of_interest", "improper_content", "loitering_in_uniform",
    "gambling_promotion",
}

GOOD = """\
id: kab-contoh/se-1-2026
agency: kab-contoh
title: Surat Edaran Contoh
signed: 2026-01-05
in_force: {from: 2026-01-05}
applies_to: [PNS, PPPK]
sanction_basis:
  - {employee_type: PNS, applicable: PP 94/2021}
rules:
  - id: live
    conduct: live_in_work_hours
    clause: {reference: "SE 1/2026 angka 1", text: "dilarang live pada jam kerja"}
    when:
      all:
        - is_live
        - during_working_time
    unless:
      - official_duty
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "policy.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_conduct_codes_are_exactly_those_of_the_spec() -> None:
    assert set(conduct_codes()) == SPEC_CODES


def test_the_five_seed_policies_load_with_their_fixed_ids_and_start_dates() -> None:
    found = {p.id: p.valid_from.isoformat() for p in all_policies()}
    assert found["kab-ketapang/se-5-2026"] == "2026-01-26"
    assert found["kab-kepulauan-anambas/se-47-2025"] == "2025-10-14"
    assert found["kota-bekasi/se-800-6519-bkppd-pka"] == "2021-09-02"
    assert found["kab-pasaman-barat/se-800-1-6-2-1641-bkpsdm-2025"] == "2025-11-03"
    assert found["kab-banyuasin/instruksi-2026-01-15"] == "2026-01-15"


def test_every_rule_quotes_its_clause_and_names_a_spec_code() -> None:
    for policy in all_policies():
        for rule in policy.rules:
            assert rule.conduct in SPEC_CODES
            assert len(rule.clause.text) > 30 and rule.clause.reference


def test_bekasi_records_the_cited_and_the_applicable_basis_apart() -> None:
    bekasi = next(p for p in all_policies() if p.agency == "kota-bekasi")
    pns = bekasi.basis_for("PNS")[0]
    assert "53/2010" in (pns.cited or "") and "94/2021" in pns.applicable
    assert "42 Tahun 2017" in bekasi.basis_for("NON_ASN")[0].applicable


def test_a_valid_file_loads(tmp_path: Path) -> None:
    policy = load_policy(_write(tmp_path, GOOD))
    assert policy.rules[0].unless and policy.in_force(policy.valid_from)


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        ("conduct: live_in_work_hours", "conduct: live", 11, "not a conduct code"),
        ("- is_live", "- is_streaming", 15, "unknown predicate 'is_streaming'"),
        ("applies_to: [PNS, PPPK]", "applies_to: [PNS, HONORER]", 6, "not an employee type"),
        ("in_force: {from: 2026-01-05}", "in_force: {}", 5, "in_force.from: missing"),
        ("id: kab-contoh/se-1-2026", "id: kab-lain/se-1-2026", 1, "must start with the agency"),
        ("    unless:", "    unles:", 17, "unknown key"),
    ],
)
def test_an_error_names_the_file_the_line_and_what_is_wrong(
    tmp_path: Path, old: str, new: str, line: int, words: str
) -> None:
    path = _write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(DataError) as caught:
        load_policy(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}:"), message
    assert words in message


def test_a_key_written_twice_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD + "title: again\n")
    with pytest.raises(DataError, match="written twice"):
        load_policy(path)


def test_content_is_takes_a_conduct_code(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace("- is_live", "- content_is: joget"))
    with pytest.raises(DataError, match="'joget' is not allowed for 'content_is'"):
        load_policy(path)


SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_every_quoted_clause_is_verbatim_in_a_seed_article() -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed articles are not at {SEEDS}")
    articles = " ".join(_flat(path.read_text(encoding="utf-8")) for path in SEEDS.glob("*.txt"))
    for policy in all_policies():
        quotes = [rule.clause.text for rule in policy.rules] + [a.text for a in policy.allowed]
        for quote in quotes:
            for piece in quote.split("..."):
                assert _flat(piece).strip(" .") in articles, (policy.id, piece)


ALLOWED = """\
allowed:
  - reference: "SE 1/2026 angka 3"
    text: "konten edukatif diperbolehkan"
    defeats:
      - {rule: RULE, element: ELEMENT}
"""
CONTENT_RULE = GOOD.replace("        - during_working_time\n",
                            "        - during_working_time\n        - content_is: hoax\n")


@pytest.mark.parametrize(
    ("rule", "element", "words"),
    [
        ("nope", "{content_is: hoax}", "no rule 'nope' in this policy"),
        ("live", "{content_is: pornography}", "has no element content_is(pornography)"),
        ("live", "during_working_time", "an allowance qualifies what the content is"),
        ("live", "{content_is: joget}", "'joget' is not allowed for 'content_is'"),
    ],
)
def test_an_allowance_must_name_a_content_element_of_one_of_the_rules(
    tmp_path: Path, rule: str, element: str, words: str
) -> None:
    text = CONTENT_RULE + ALLOWED.replace("RULE", rule).replace("ELEMENT", element)
    with pytest.raises(DataError) as caught:
        load_policy(_write(tmp_path, text))
    assert words in str(caught.value) and ":24:" in str(caught.value)


def test_an_allowance_and_aggravating_circumstances_load(tmp_path: Path) -> None:
    text = CONTENT_RULE.replace("    unless:", "    aggravating: [shows_uniform]\n    unless:")
    text += ALLOWED.replace("RULE", "live").replace("ELEMENT", "{content_is: hoax}")
    policy = load_policy(_write(tmp_path, text))
    (allowance,) = policy.allowed
    assert [describe(e) for e in allowance.elements_of("live")] == ["content_is(hoax)"]
    assert [describe(a) for a in policy.rules[0].aggravating] == ["shows_uniform"]


def _policy(agency: str) -> Policy:
    return next(p for p in all_policies() if p.agency == agency)


def test_the_allowances_qualify_exactly_the_elements_the_clauses_qualify() -> None:
    # Pasaman Barat: "tidak mencerminkan nilai dasar ASN" only; Bekasi: improper content only.
    found = {p.agency: {(d.rule, describe(d.element)) for a in p.allowed for d in a.defeats}
             for p in all_policies()}
    creator = ("konten-kreator", "content_is(content_creator_conflict)")
    assert found["kab-pasaman-barat"] == {creator}
    assert found["kota-bekasi"] == {("konten-di-luar-kepatutan", "content_is(improper_content)")}
    assert found["kab-ketapang"] == found["kab-banyuasin"] == set()
    assert found["kab-kepulauan-anambas"] == set()


def test_bekasi_medium_sanctions_follow_pp_53_2010_through_pp_94_2021_pasal_42() -> None:
    # PP 94/2021 Pasal 40 is the transition for breaches before 31/08/2021 (REGULATIONS §1.11);
    # the circular is of 02/09/2021, so the note must not rest on it (issue 9).
    note = _policy("kota-bekasi").basis_for("PNS")[0].note or ""
    assert "PP 53/2010 Pasal 7 ayat (3)" in note and "PP 94/2021 Pasal 42" in note
    assert "Pasal 40 (peralihan) tidak berlaku" in note


def test_banyuasin_is_named_a_warning_and_keeps_its_stable_id() -> None:
    banyuasin = _policy("kab-banyuasin")
    assert banyuasin.id == "kab-banyuasin/instruksi-2026-01-15"
    assert banyuasin.title.startswith("Peringatan") and "Instruksi" not in banyuasin.title


def test_the_ketapang_uniform_is_aggravating_not_an_element() -> None:
    rule = next(r for r in _policy("kab-ketapang").rules if r.conduct == "loitering_in_uniform")
    assert "shows_uniform" not in describe(rule.when) and "location_is(cafe)" in describe(rule.when)
    assert [describe(a) for a in rule.aggravating] == ["shows_uniform"]
    assert "diingatkan" in rule.note
