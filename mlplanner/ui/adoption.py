"""The "Adopt this plan" button the Plan page's budget advice and the Trade-offs page share:
primary while the plan is not adopted, "Adopted" and disabled once it is."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from mlplanner.model.plan import recommend
from mlplanner.ui.state import get_assumptions, get_scenario, is_adopted, set_override


def adopt_button(
    allocation: Mapping[str, int],
    *,
    key: str,
    on_click: Callable[..., None],
    args: tuple[Any, ...],
    help: str,
) -> None:
    """The button adopting ``allocation`` (``on_click(*args)`` does it)."""
    adopted = is_adopted(allocation)
    st.button(
        "Adopted" if adopted else "Adopt this plan",
        key=key,
        type="primary",
        disabled=adopted,
        on_click=on_click,
        args=args,
        help=help,
    )


def adopt(allocation: Mapping[str, int], label: str) -> bool:
    """Adopt ``allocation`` (labelled) for the scenario in force, unless it is that scenario's
    recommended plan: then the recommendation stands and this says so (``False``). Adopted,
    the recommendation's own allocation had been called "not the recommendation", its ranges
    dropped."""
    recommended = recommend(get_scenario(), assumptions=get_assumptions()).allocation
    if dict(allocation) == recommended:
        set_override(None)
        return False
    set_override(allocation, label)
    return True
