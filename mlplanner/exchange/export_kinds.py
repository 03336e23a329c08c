"""Which of the planner's other exports a CSV file is, by its header: a file that is not a
scenario CSV but one of these gets a message naming the export to use instead.

The allocation, frontier, timeline and positions exports are told by their columns, the
comparison by its first column, ``item``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from mlplanner.exchange.tables_csv import FRONTIER_COLUMNS
from mlplanner.exchange.timeline_csv import POSITION_COLUMNS, TIMELINE_COLUMNS
from mlplanner.reports.tables import ALLOCATION_COLUMNS

USE_INSTEAD: Final = (
    "download Scenario (CSV) from the Plan page (or the Scenario page's Scenario file) and "
    "open that"
)
_BY_COLUMNS: Final = (
    ("an allocation export (one row per role)", ALLOCATION_COLUMNS),
    ("a frontier export (one row per frontier plan)", FRONTIER_COLUMNS),
    ("a timeline export (one row per quarter and role)", TIMELINE_COLUMNS),
    ("a positions export (one row per position to open)", POSITION_COLUMNS),
)
COMPARISON: Final = "a comparison export (setups or plans side by side)"


def other_export(columns: Sequence[str]) -> str | None:
    """What the header ``columns`` (lower case) says the file is, if it is another of the
    planner's exports; None otherwise."""
    names = set(columns)
    for kind, expected in _BY_COLUMNS:
        if names >= set(expected):
            return kind
    if columns and columns[0] == "item":
        return COMPARISON
    return None


def other_export_message(kind: str) -> str:
    """The message for a scenario import given another export."""
    return f"this file is {kind}, not a scenario: {USE_INSTEAD}"
