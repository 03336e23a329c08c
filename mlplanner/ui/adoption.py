"""The "Adopt this plan" button the Plan page's budget advice and the Trade-offs page share:
primary while the plan is not adopted, "Adopted" and disabled once it is."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from mlplanner.ui.state import is_adopted


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
