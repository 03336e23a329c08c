"""The .xlsx export, read back with openpyxl: text stays text, numbers stay numbers."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from mlplanner.exchange.scenario_csv import scenario_frame
from mlplanner.exchange.tables_csv import allocation_table
from mlplanner.exchange.workbook import workbook_bytes
from mlplanner.model.plan import recommend
from mlplanner.model.scenario import SETUPS
from mlplanner.reports.tables import comparison_frame
from tests.support.builders import project_data, scenario

HOSTILE = ('=HYPERLINK("http://x","y")', "+1+2", "-3", "@SUM(A1)")
PLAN_INPUT = scenario(
    *(project_data(name, "nlp") for name in HOSTILE),
    project_data("Café crème — 日本語", "tabular", annotation="outsourced"),
    name="Müller GmbH",
    budget=1_500_000,
)


def workbook() -> dict[str, Worksheet]:
    plans = [recommend(PLAN_INPUT, setup=setup) for setup in SETUPS]
    data = workbook_bytes(
        {
            "Scenario": scenario_frame(PLAN_INPUT),
            "Allocation": allocation_table(plans[0]),
            "Comparison": comparison_frame(plans),
            "Deltas": pd.DataFrame({"role": ["-3"], "cost_delta_usd": [-185_000]}),
        }
    )
    book = load_workbook(io.BytesIO(data))
    return {sheet.title: sheet for sheet in book.worksheets}


def test_one_sheet_per_table_in_order() -> None:
    assert list(workbook()) == ["Scenario", "Allocation", "Comparison", "Deltas"]


def test_formula_like_names_are_text_cells_with_the_quote_prefix() -> None:
    sheet = workbook()["Scenario"]
    cells = [sheet.cell(row=row, column=1) for row in range(2, 2 + len(HOSTILE))]
    assert [c.value for c in cells] == list(HOSTILE)
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)


def test_numbers_are_numbers_and_accents_survive() -> None:
    sheets = workbook()
    scenario_sheet = sheets["Scenario"]
    headers = [c.value for c in scenario_sheet[1]]
    row = {h: c.value for h, c in zip(headers, scenario_sheet[6], strict=True)}
    assert row["project_name"] == "Café crème — 日本語"
    assert row["scenario_name"] == "Müller GmbH"
    assert row["count"] == 1
    assert row["employees"] == 100
    assert row["annual_budget_usd"] == 1_500_000
    delta = sheets["Deltas"].cell(row=2, column=2)
    assert (delta.value, delta.data_type) == (-185_000, "n")
    assert sheets["Deltas"].cell(row=2, column=1).value == "-3"


def test_allocation_sheet_money_is_integral() -> None:
    sheet = workbook()["Allocation"]
    headers = [c.value for c in sheet[1]]
    column = headers.index("annual_cost_usd")
    costs = [row[column].value for row in sheet.iter_rows(min_row=2)]
    assert all(isinstance(cost, int) for cost in costs)
    assert sum(costs) == recommend(PLAN_INPUT, setup=SETUPS[0]).annual_cost_usd
