"""Quarters: parsing, arithmetic and the default plan start."""

from __future__ import annotations

from datetime import date

import pytest

from mlplanner.model.quarters import next_quarter, quarter_index, quarter_name, quarter_of, shift


def test_quarters_round_trip_and_order() -> None:
    assert quarter_name(quarter_index("2027-Q1")) == "2027-Q1"
    assert quarter_index("2027-Q4") + 1 == quarter_index("2028-Q1")
    assert quarter_index(" 2027-q2 ") == quarter_index("2027-Q2")


@pytest.mark.parametrize(
    ("quarter", "n", "expected"),
    [("2027-Q4", 1, "2028-Q1"), ("2027-Q1", -1, "2026-Q4"), ("2027-Q2", 8, "2029-Q2")],
)
def test_shift(quarter: str, n: int, expected: str) -> None:
    assert shift(quarter, n) == expected


@pytest.mark.parametrize(
    ("day", "quarter", "following"),
    [
        (date(2026, 12, 3), "2026-Q4", "2027-Q1"),
        (date(2027, 1, 1), "2027-Q1", "2027-Q2"),
        (date(2027, 6, 30), "2027-Q2", "2027-Q3"),
    ],
)
def test_the_default_plan_start_is_the_next_quarter(
    day: date, quarter: str, following: str
) -> None:
    assert quarter_of(day) == quarter
    assert next_quarter(day) == following


@pytest.mark.parametrize("text", ["2027Q1", "2027-Q5", "Q1 2027", "", "1999-Q4", "2027-Q1x"])
def test_anything_else_is_refused_with_the_form_to_use(text: str) -> None:
    with pytest.raises(ValueError, match=r"2027-Q1|between"):
        quarter_index(text)
