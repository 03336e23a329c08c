"""Names of assumption sets: the reserved name and the marks the app adds, once."""

import pytest

from mlplanner.model.set_names import (
    EDITED,
    FROM_PLAN,
    SHIPPED_DEFAULTS,
    is_shipped_defaults,
    marked,
    unmarked,
)


def test_a_mark_is_added_once() -> None:
    assert marked("Lean", EDITED) == "Lean (edited)"
    assert marked("Lean (edited)", EDITED) == "Lean (edited)"
    assert marked("Lean (edited)", FROM_PLAN) == "Lean (edited) (from plan)"


@pytest.mark.parametrize(
    ("name", "bare"),
    [
        ("Lean", "Lean"),
        ("Lean (edited)", "Lean"),
        ("Lean (from plan)", "Lean"),
        ("Lean (from plan) (edited)", "Lean"),
        ("Lean (edited) (from plan)", "Lean"),
        ("Lean (edited) again", "Lean (edited) again"),
    ],
)
def test_unmarked_drops_every_mark_at_the_end(name: str, bare: str) -> None:
    assert unmarked(name) == bare


def test_the_shipped_defaults_name_is_recognised_in_any_case() -> None:
    assert is_shipped_defaults(SHIPPED_DEFAULTS)
    assert is_shipped_defaults("shipped DEFAULTS")
    assert not is_shipped_defaults("Shipped defaults 2")
