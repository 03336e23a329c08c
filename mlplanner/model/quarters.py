"""Calendar quarters, written ``2027-Q1``: the time unit of plan starts and the timeline.

A quarter is kept as its text in scenarios and files; arithmetic uses its index, the number
of quarters since year 0 (``2027-Q1`` -> 8108), so that quarters compare and add as integers.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Final

from pydantic import AfterValidator

MIN_YEAR: Final = 2000
MAX_YEAR: Final = 2200
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")


def quarter_index(quarter: str) -> int:
    """Quarters since year 0; ``ValueError`` naming the expected form for anything else."""
    match = _QUARTER.fullmatch(quarter.strip().upper())
    if match is None:
        raise ValueError(f"must be a quarter written like 2027-Q1 (got {quarter!r})")
    year = int(match.group(1))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"must be a quarter between {MIN_YEAR} and {MAX_YEAR} (got {quarter!r})")
    return year * 4 + int(match.group(2)) - 1


def quarter_name(index: int) -> str:
    """The text of a quarter index: ``8108`` -> ``2027-Q1``."""
    return f"{index // 4}-Q{index % 4 + 1}"


def shift(quarter: str, quarters: int) -> str:
    """The quarter ``quarters`` later (earlier when negative)."""
    return quarter_name(quarter_index(quarter) + quarters)


def quarter_of(day: date) -> str:
    """The quarter a day falls in."""
    return quarter_name(day.year * 4 + (day.month - 1) // 3)


def next_quarter(today: date | None = None) -> str:
    """The quarter after ``today``'s (the default plan start); ``today`` defaults to the clock."""
    return shift(quarter_of(today or date.today()), 1)


def _canonical(quarter: str) -> str:
    return quarter_name(quarter_index(quarter))


Quarter = Annotated[str, AfterValidator(_canonical)]
"""A quarter in a pydantic model: validated, and written back in the canonical ``2027-Q1``."""
