"""Three-valued evaluation: Kleene all / any / not, missing elements, compiled closures."""

from __future__ import annotations

from itertools import product

from hypothesis import given
from hypothesis import strategies as st

from pantau.domain.evaluation import (
    AllOf,
    AnyOf,
    Call,
    Defeasible,
    NotOf,
    Outcome,
    PredicateSpec,
    Result,
    Truth,
    combine_all,
    combine_any,
    compile_expression,
    describe,
    negate,
)

H, F, U = Truth.HOLDS, Truth.FAILS, Truth.UNKNOWN


def _leaf(truth: Truth, element: str = "x") -> Result:
    outcome = Outcome("p", truth, element, "", "")
    return Result(truth, (outcome,), (element,) if truth is U else ())


def _value(truth: Truth) -> float:
    return {H: 1.0, F: 0.0, U: 0.5}[truth]


truths = st.sampled_from([H, F, U])


@given(st.lists(truths, min_size=1, max_size=5))
def test_all_is_the_minimum_and_any_the_maximum_of_the_values(values: list[Truth]) -> None:
    results = [_leaf(v) for v in values]
    assert _value(combine_all(results).truth) == min(map(_value, values))
    assert _value(combine_any(results).truth) == max(map(_value, values))


@given(truths)
def test_not_swaps_holds_and_fails_and_keeps_unknown(value: Truth) -> None:
    assert _value(negate(_leaf(value)).truth) == 1.0 - _value(value)


def test_a_known_failure_decides_all_even_beside_unknowns() -> None:
    assert combine_all([_leaf(U, "a"), _leaf(F, "b")]).truth is F


def test_missing_names_only_the_unknowns_that_decide() -> None:
    assert combine_all([_leaf(U, "a"), _leaf(H), _leaf(U, "b")]).missing == ("a", "b")
    assert combine_any([_leaf(U, "a"), _leaf(H)]).missing == ()
    assert combine_any([_leaf(U, "a"), _leaf(F)]).missing == ("a",)


def _registry() -> dict[str, PredicateSpec[dict[str, Truth]]]:
    def read(context: dict[str, Truth], args: tuple[str, ...]) -> Outcome:
        return Outcome("v", context[args[0]], args[0], "", "")

    return {"v": PredicateSpec("v", read, "value of a variable", 1, 1)}


def test_a_compiled_expression_agrees_with_the_combinators_on_every_input() -> None:
    tree = AllOf((Call("v", ("a",)), AnyOf((Call("v", ("b",)), NotOf(Call("v", ("c",)))))))
    evaluate = compile_expression(tree, _registry())
    for a, b, c in product([H, F, U], repeat=3):
        expected = combine_all([_leaf(a, "a"), combine_any([_leaf(b, "b"), negate(_leaf(c, "c"))])])
        result = evaluate({"a": a, "b": b, "c": c})
        assert result.truth is expected.truth, (a, b, c)
        assert result.missing == expected.missing, (a, b, c)


def test_describe_writes_the_condition_back() -> None:
    tree = AllOf((Call("is_live"), NotOf(Call("kind_is", ("post", "video")))))
    assert describe(tree) == "all(is_live, not(kind_is(post, video)))"


# Allowed content (issue 9): an allowance defeats an element only when a person judged the
# content allowed; otherwise the element keeps its value, and when both are unknown either
# judgement settles it, so both are missing.
DEFEASIBLE_TABLE = {
    # (element, allowed): (truth, missing)
    (H, H): (F, ()), (H, F): (H, ()), (H, U): (H, ()),
    (F, H): (F, ()), (F, F): (F, ()), (F, U): (F, ()),
    (U, H): (F, ()), (U, F): (U, ("e",)), (U, U): (U, ("e", "allowed")),
}


def test_an_allowance_defeats_its_element_only_when_it_is_known_to_hold() -> None:
    evaluate = compile_expression(Defeasible(Call("v", ("e",)), Call("v", ("allowed",))),
                                  _registry())
    for (element, allowed), (truth, missing) in DEFEASIBLE_TABLE.items():
        result = evaluate({"e": element, "allowed": allowed})
        assert (result.truth, result.missing) == (truth, missing), (element, allowed)


def test_a_defeated_element_leaves_the_other_conditions_of_an_any_alone() -> None:
    tree = AnyOf((Defeasible(Call("v", ("e",)), Call("v", ("allowed",))), Call("v", ("work",))))
    evaluate = compile_expression(tree, _registry())
    assert evaluate({"e": H, "allowed": H, "work": H}).truth is H
    assert evaluate({"e": H, "allowed": H, "work": F}).truth is F
    assert describe(tree) == "any(v(e) unless v(allowed), v(work))"
