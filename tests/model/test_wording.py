"""Money, counts, people and lists in words: examples and round-trip properties."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlplanner.model.roles import ROLES, role_label
from mlplanner.model.wording import (
    agreeing,
    budget_gap,
    count,
    format_usd,
    joined,
    people,
    projects,
    sentence_start,
    signed_people,
    signed_usd,
    tenths_adding_up,
)

_USD = re.compile(r"^(-?)\$(\d{1,3}(?:,\d{3})*(?:\.\d\d)?)([kMB]?)$")
_SCALE = {"": 1, "k": 1_000, "M": 1_000_000, "B": 1_000_000_000}
_AMOUNTS = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False)


def _parsed(text: str) -> tuple[float, float]:
    """The amount ``format_usd`` wrote and half its last shown digit (the rounding allowed)."""
    match = _USD.match(text)
    assert match, text
    sign, digits, unit = match.groups()
    step = 0.01 if "." in digits else 1.0
    value = float(digits.replace(",", "")) * _SCALE[unit] * (-1 if sign else 1)
    return value, step * _SCALE[unit] / 2


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (1_162_070_000, "$1.16B"),
        (999_994_999, "$999.99M"),
        (999_995_000, "$1.00B"),
        (2_500_000_000_000, "$2,500.00B"),
        (1_240_000, "$1.24M"),
        (185_000, "$185k"),
        (999_499, "$999k"),
        (999_500, "$1.00M"),
        (1_000, "$1k"),
        (900, "$900"),
        (0, "$0"),
        (-185_000, "-$185k"),
        # halves round up, as people round them ("$262k" read $262,500 half to even)
        (262_500, "$263k"),
        (1_235_000, "$1.24M"),
        (2_500, "$3k"),
        (500.5, "$501"),
        (999.5, "$1k"),  # what rounds to $1,000 (it read "$1000")
        (999.4, "$999"),
    ],
)
def test_format_usd(amount: float, text: str) -> None:
    assert format_usd(amount) == text


@given(_AMOUNTS)
def test_format_usd_round_trips_the_amount_to_its_last_digit(amount: float) -> None:
    value, rounding = _parsed(format_usd(amount))
    assert abs(value - amount) <= rounding * (1 + 1e-9)
    assert format_usd(amount).startswith("-") == (amount < 0)


@given(_AMOUNTS, _AMOUNTS)
def test_format_usd_keeps_the_order_of_magnitudes(a: float, b: float) -> None:
    low, high = sorted((abs(a), abs(b)))
    assert _parsed(format_usd(low))[0] <= _parsed(format_usd(high))[0]


@given(_AMOUNTS)
def test_signed_usd_marks_a_rise_with_a_plus(amount: float) -> None:
    text = signed_usd(amount)
    assert text == ("+" if amount > 0 else "") + format_usd(amount)
    assert _parsed(text.removeprefix("+"))[0] == _parsed(format_usd(amount))[0]


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_count_round_trips_and_groups_thousands(n: int) -> None:
    text = count(n)
    assert int(text.replace(",", "")) == n
    assert all(len(group) == 3 for group in text.lstrip("-").split(",")[1:])


def test_people_examples() -> None:
    assert people(1) == "1 person"
    assert people(0) == "0 people"
    assert people(1_200) == "1,200 people"
    assert people(1, "data_engineer") == "1 Data Engineer"
    assert people(2, "data_engineer") == "2 Data Engineers"
    assert people(1, "data_engineer", in_words=True) == "one Data Engineer"
    assert people(3, "team_lead", in_words=True) == "three ML Team Leads"
    assert people(0, "team_lead", in_words=True) == "no ML Team Leads"
    assert people(14, "annotator", in_words=True) == "14 Data Annotators"
    assert signed_people(2, "ml_engineer") == "+2 ML Engineers"
    assert signed_people(-1, "ml_engineer") == "-1 ML Engineer"
    assert projects(1) == "1 project"
    assert projects(3) == "3 projects"


@given(
    st.integers(min_value=-5_000, max_value=5_000),
    st.sampled_from([None, *ROLES]),
    st.booleans(),
)
def test_people_is_singular_for_exactly_one(n: int, role: str | None, in_words: bool) -> None:
    text = people(n, role, in_words=in_words)
    number, noun = text.split(" ", 1)
    singular = "person" if role is None else role_label(role)
    plural = "people" if role is None else f"{singular}s"
    if role == "head_of_data":
        plural = "Heads of Data & ML"
    assert noun == (singular if abs(n) == 1 else plural)
    if number.lstrip("-").replace(",", "").isdigit():
        assert number == count(n)
    else:
        assert in_words and 0 <= n <= 10


@pytest.mark.parametrize(
    ("items", "text"),
    [([], ""), (["A"], "A"), (["A", "B"], "A and B"), (["A", "B", "C"], "A, B and C")],
)
def test_joined(items: list[str], text: str) -> None:
    assert joined(items) == text


@given(st.lists(st.text(alphabet="abcxyz ", min_size=1).filter(lambda s: s.strip() == s)))
def test_joined_lists_every_item_once_in_order(items: list[str]) -> None:
    text = joined(items)
    if len(items) < 2:
        assert text == "".join(items)
        return
    head, last = text.rsplit(" and ", 1)
    assert last == items[-1]
    assert head == ", ".join(items[:-1])


def test_a_cost_against_its_budget_names_the_side_without_a_sign() -> None:
    assert budget_gap(1_510_000, 2_500_000) == "$990k under budget"
    assert budget_gap(7_430_000, 5_000_000) == "$2.43M over budget"
    assert budget_gap(2_500_200, 2_500_000) == "$200 over budget"
    assert budget_gap(2_500_000, 2_500_000) == "on budget"


@given(st.integers(0, 10**9), st.integers(0, 10**9))
def test_budget_gaps_never_carry_a_minus_sign(cost: int, budget: int) -> None:
    text = budget_gap(cost, budget)
    assert "-" not in text
    assert text == "on budget" or text.endswith("over budget" if cost > budget else "under budget")


def test_verbs_agree_with_their_subjects() -> None:
    assert agreeing("costs", 1) == "costs" and agreeing("costs", 2) == "cost"
    assert agreeing("moves", 2) == "move" and agreeing("is", 3) == "are"


def test_a_message_written_after_a_field_name_starts_a_sentence_upper_case() -> None:
    assert sentence_start("plan 3 ('Churn') was saved elsewhere") == (
        "Plan 3 ('Churn') was saved elsewhere"
    )
    assert sentence_start("") == ""


@given(st.lists(st.floats(min_value=0, max_value=100, allow_nan=False), max_size=6))
def test_tenths_add_up_to_the_rounded_total_each_within_a_tenth(values: list[float]) -> None:
    shown = tenths_adding_up(values)
    assert len(shown) == len(values)
    assert f"{sum(shown):.1f}" == f"{sum(values):.1f}"
    assert all(abs(s - v) < 0.1 + 1e-9 for s, v in zip(shown, values, strict=True))


def test_parts_of_a_role_s_work_add_up_to_its_total() -> None:
    """The developer's 1.32 + 0.52 + 0.52 FTE read "1.3, 0.5, 0.5" under a title of 2.4."""
    assert tenths_adding_up([1.3198, 0.5208, 0.5208]) == [1.3, 0.6, 0.5]
    assert tenths_adding_up([0.043, 0.012, 0.012]) == [0.1, 0.0, 0.0]
