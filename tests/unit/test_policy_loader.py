"""The policy loader: every shipped file is valid; errors name the file, the line and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from pantau.domain.errors import DataError
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
