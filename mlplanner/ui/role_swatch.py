"""A role's colour in a table: a small dot in a column of its own, before the role's name.

Tables show the role colours the charts use (one colour per role, everywhere). A styled table
(a pandas Styler tinting each role's cell) costs Streamlit 50 to 200 ms per table and run to
marshal; an image column of tiny inline SVG dots costs nothing measurable.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any, Final

import pandas as pd
import streamlit as st

from mlplanner.model.roles import ROLE_COLORS

SWATCH_COLUMN: Final = " "
_DOT: Final = (
    "<svg xmlns='http://www.w3.org/2000/svg' width='14' height='14'>"
    "<circle cx='7' cy='7' r='6' fill='{colour}'/></svg>"
)


def swatch(role: str | None) -> str:
    """The role's colour as an image address (an inline SVG dot); empty for a row of no role
    (a missing value would read "None")."""
    if role is None:
        return ""
    svg = _DOT.format(colour=ROLE_COLORS[role]).encode()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


def with_swatches(table: pd.DataFrame, roles: Sequence[str | None]) -> pd.DataFrame:
    """``table`` with a first column of its rows' role colours (``roles``, one per row)."""
    return pd.concat(
        [pd.DataFrame({SWATCH_COLUMN: [swatch(role) for role in roles]}), table], axis=1
    )


def swatch_config() -> dict[str, Any]:
    """The column_config entry that shows :data:`SWATCH_COLUMN` as dots, pinned left."""
    return {SWATCH_COLUMN: st.column_config.ImageColumn(width=32, pinned=True)}
