"""How tall a table is drawn: its whole content while short, a scrolling box once long.

A table of 200 projects drawn at its content's height is some 7,000 px: the page around it
becomes a long scroll. Past :data:`MAX_VISIBLE_ROWS` rows the table keeps a fixed height and
scrolls inside itself (its header stays on top).
"""

from __future__ import annotations

from typing import Final, Literal

MAX_VISIBLE_ROWS: Final = 15
ROW_PX: Final = 35  # Streamlit's row height, the header row included
BORDER_PX: Final = 3


def table_height(rows: int) -> int | Literal["content"]:
    """``"content"`` for up to :data:`MAX_VISIBLE_ROWS` rows, else the height of that many."""
    if rows <= MAX_VISIBLE_ROWS:
        return "content"
    return ROW_PX * (MAX_VISIBLE_ROWS + 1) + BORDER_PX
