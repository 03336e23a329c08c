"""A plan's CSV export files, one table each (the workbook: :mod:`.plan_workbook`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

import pandas as pd

from mlplanner.exchange.csv_dialect import csv_bytes
from mlplanner.exchange.scenario_csv import scenario_frame
from mlplanner.exchange.tables_csv import allocation_table
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import Evaluation, recommend
from mlplanner.model.scenario import SETUPS, Scenario
from mlplanner.reports.tables import comparison_frame

CSV_TABLES: Final[dict[str, Callable[[Evaluation], pd.DataFrame]]] = {
    "scenario": lambda evaluation: scenario_frame(evaluation.scenario),
    "allocation": allocation_table,
}
WORKBOOK_SUFFIX: Final = ".xlsx"
CSV_MIME: Final = "text/csv"
WORKBOOK_MIME: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_csv(evaluation: Evaluation, table: str) -> bytes:
    """One of :data:`CSV_TABLES` as a CSV file; ``ValueError`` for an unknown table."""
    if table not in CSV_TABLES:
        raise ValueError(f"table: {table!r} is not one of {', '.join(CSV_TABLES)}")
    return csv_bytes(CSV_TABLES[table](evaluation))


def setup_comparison(scenario: Scenario, assumptions: Assumptions) -> pd.DataFrame:
    """The scenario recommended as each setup, side by side (the comparison export)."""
    return comparison_frame(
        [recommend(scenario, setup=setup, assumptions=assumptions) for setup in SETUPS]
    )


def file_stem(name: str) -> str:
    """A plan or scenario name as a safe file name stem (``Fashion Retailer`` ->
    ``fashion-retailer``)."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "plan"
