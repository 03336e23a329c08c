"""Formula injection: text cells are neutralised reversibly, numbers are left alone."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlplanner.exchange.spreadsheet_safety import (
    FORMULA_TRIGGERS,
    is_neutral,
    neutralise,
    restore,
    safe_frame,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1+2", "'+1+2"),
        ("-3", "'-3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("'quoted", "''quoted"),
        ("Churn model", "Churn model"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralise_marks_text_that_could_start_a_formula(text: str, expected: str) -> None:
    assert neutralise(text) == expected
    assert restore(expected) == text


def test_restore_leaves_an_ordinary_apostrophe() -> None:
    assert restore("'tis the season") == "'tis the season"
    assert restore("'") == "'"


@given(st.text(max_size=40))
def test_neutralise_is_reversible_and_always_neutral(text: str) -> None:
    safe = neutralise(text)
    assert is_neutral(safe)
    assert restore(safe) == text


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS)
def test_every_trigger_is_not_neutral(trigger: str) -> None:
    assert not is_neutral(trigger + "x")


def test_safe_frame_changes_text_cells_and_headers_only() -> None:
    frame = pd.DataFrame(
        {
            "name": ["=1+2", "plain", None],
            "delta_usd": [-3, 5, -450_000],
            "=header": [1.5, -2.25, 0.0],
            "mixed": [12, "-x", 96.8],
        }
    )
    safe = safe_frame(frame)
    assert list(safe.columns) == ["name", "delta_usd", "'=header", "mixed"]
    assert safe["name"].tolist()[:2] == ["'=1+2", "plain"]
    assert pd.isna(safe["name"].iloc[2])
    assert safe["delta_usd"].tolist() == [-3, 5, -450_000]
    assert safe["'=header"].tolist() == [1.5, -2.25, 0.0]
    assert safe["mixed"].tolist() == [12, "'-x", 96.8]
    assert type(safe["mixed"].iloc[0]) is int
    assert frame["name"].iloc[0] == "=1+2", "the input frame is not modified"
