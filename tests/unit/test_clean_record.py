"""The clean-record statement's rules (pantau.domain.procedure.clean_record with
procedure/sanction_terms.yaml): a sanction in force, any sanction imposed, and an open case
refuse it; a term runs from the TMT to the day before the same date months later."""

from __future__ import annotations

from datetime import date

from pantau.domain.procedure.clean_record import (
    Block,
    OpenCase,
    ServedSanction,
    StatementRules,
    Term,
    standing,
    term_end,
)
from pantau.domain.procedure.law import Basis
from pantau.rules.sanction_terms import statement_basis, statement_rules, term

RULES = statement_rules()


def cut(decided: date, starts: date) -> ServedSanction:
    """A 25% allowance cut for 6 months (PP 94/2021 Pasal 8 ayat (3) huruf a)."""
    return ServedSanction("KD-2026-0001", "pemotongan_tukin_6_bulan", "pemotongan tukin",
                          "sedang", decided, starts,
                          term_end(starts, term("pemotongan_tukin_6_bulan")))


def test_terms_are_read_from_the_law_data() -> None:
    """PP 94/2021 Pasal 8 ayat (3)-(4): 6/9/12 months; PP 53/2010 Pasal 7 ayat (3): 1 year;
    a reprimand (Pasal 8 ayat (2)) has no term."""
    assert term("pemotongan_tukin_9_bulan") == Term(months=9)
    assert term("penundaan_kgb_1_tahun") == Term(years=1)
    assert term("teguran_tertulis") == Term()
    assert term_end(date(2026, 3, 10), Term(months=12)) == date(2027, 3, 9)
    assert term_end(date(2026, 8, 31), Term(months=6)) == date(2027, 2, 27)
    assert term_end(date(2026, 3, 10), Term()) is None
    assert "Pasal 39" in statement_basis().reference


def test_a_sanction_in_force_refuses_the_statement_and_names_it() -> None:
    """PP 94/2021 Pasal 8 ayat (3), Pasal 38: being served from its TMT to its last day."""
    sanction = cut(date(2026, 3, 2), date(2026, 3, 18))
    found = standing(date(2026, 6, 1), [sanction], [], RULES)
    assert not found.clean
    assert [(r.block, r.case) for r in found.reasons] == [(Block.IN_FORCE, "KD-2026-0001")]
    assert found.reasons[0].sanction == sanction


def test_an_ended_sanction_still_refuses_a_statement_of_never_sanctioned() -> None:
    """The statement says 'tidak pernah dijatuhi': a sanction served and ended still counts,
    unless the agency's look-back period has passed."""
    sanction = cut(date(2026, 3, 2), date(2026, 3, 18))
    found = standing(date(2027, 1, 4), [sanction], [], RULES)
    assert [r.block for r in found.reasons] == [Block.IMPOSED]
    two_years = StatementRules(RULES.blocks, look_back_years=2)
    assert standing(date(2028, 3, 3), [sanction], [], two_years).clean
    assert not standing(date(2028, 3, 2), [sanction], [], two_years).clean


def test_before_the_decision_the_employee_is_clean_and_an_open_case_refuses() -> None:
    """A sanction decided after the date does not count; a case opened on or before it and
    not concluded refuses (PP 11/2017 Pasal 238 ayat (3), by analogy)."""
    sanction = cut(date(2026, 3, 2), date(2026, 3, 18))
    assert standing(date(2026, 3, 1), [sanction], [], RULES).clean
    open_case = OpenCase("KD-2026-0002", "summoned", date(2026, 5, 4))
    assert standing(date(2026, 5, 3), [], [open_case], RULES).clean
    found = standing(date(2026, 5, 4), [], [open_case], RULES)
    assert [r.block for r in found.reasons] == [Block.PENDING]
    assert found.reasons[0].basis.reference.startswith("PP 11/2017 Pasal 238")


def test_a_rule_the_data_leaves_out_does_not_block() -> None:
    only_in_force = StatementRules({Block.IN_FORCE: Basis("x")})
    sanction = cut(date(2026, 3, 2), date(2026, 3, 18))
    assert standing(date(2027, 1, 4), [sanction], [OpenCase("K", "reported", date(2026, 1, 1))],
                    only_in_force).clean
