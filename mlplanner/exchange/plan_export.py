"""A plan's export files: one table as CSV, or every table in one workbook.

The workbook's sheets, in order: ``scenario`` (:mod:`.scenario_csv`), ``allocation``,
``comparison`` (the scenario recommended under each setup), ``frontier`` (:mod:`.tables_csv`)
and ``timeline`` (:mod:`.timeline_csv`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

import pandas as pd

from mlplanner.exchange.csv_dialect import csv_bytes
from mlplanner.exchange.scenario_csv import scenario_frame
from mlplanner.exchange.tables_csv import allocation_table, frontier_table
from mlplanner.exchange.timeline_csv import timeline_table
from mlplanner.exchange.workbook import workbook_bytes
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import Evaluation, recommend
from mlplanner.model.scenario import SETUPS, Scenario
from mlplanner.reports.tables import comparison_frame
from mlplanner.search.frontier import frontier
from mlplanner.timeline.simulation import simulate

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


def plan_workbook(evaluation: Evaluation, assumptions: Assumptions) -> bytes:
    """Every table of a plan in one .xlsx workbook, one sheet each."""
    scenario = evaluation.scenario
    sheets = {
        "scenario": scenario_frame(scenario),
        "allocation": allocation_table(evaluation),
        "comparison": setup_comparison(scenario, assumptions),
        "frontier": frontier_table(frontier(scenario, assumptions=assumptions)),
        "timeline": timeline_table(simulate(scenario, assumptions=assumptions)),
    }
    return workbook_bytes(sheets)


def file_stem(name: str) -> str:
    """A plan or scenario name as a safe file name stem (``Fashion Retailer`` ->
    ``fashion-retailer``)."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "plan"
