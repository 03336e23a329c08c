"""The .xlsx exports, read back with openpyxl: text stays text, numbers stay numbers, and the
plan workbook reads like a finance file (summary first, human headers, formats, totals)."""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import cast

import pandas as pd
from openpyxl import load_workbook
from openpyxl.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from mlplanner.exchange.plan_workbook import (
    ALLOCATION_HEADERS,
    ASSUMPTION_HEADERS,
    SHEETS,
    TIMELINE_HEADERS,
    ExportContext,
    plan_workbook,
)
from mlplanner.exchange.scenario_csv import SCENARIO_COLUMNS, scenario_frame
from mlplanner.exchange.tables_csv import allocation_table
from mlplanner.exchange.timeline_csv import timeline_table
from mlplanner.exchange.workbook import USD, WHOLE, Table, workbook_bytes
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import NO_QUALITY, Evaluation, evaluate, recommend
from mlplanner.model.roles import role_label
from mlplanner.model.scenario import SETUPS
from mlplanner.reports.tables import comparison_frame
from mlplanner.reports.timeline_texts import ADOPTED_TIMELINE, staffed_headline
from mlplanner.search.frontier import frontier
from mlplanner.timeline.simulation import simulate
from tests.support.builders import project_data, scenario

HOSTILE = ('=HYPERLINK("http://x","y")', "+1+2", "-3", "@SUM(A1)")
PLAN_INPUT = scenario(
    *(project_data(name, "nlp") for name in HOSTILE),
    project_data("Café crème — 日本語", "tabular", annotation="outsourced"),
    name="Müller GmbH",
    budget=1_500_000,
)
CONTEXT = ExportContext(
    "=Acme lean, revision 2", "Cautious", date(2026, 12, 3), "=1+1 budget **raised**"
)


def tables_workbook() -> dict[str, Worksheet]:
    plans = [recommend(PLAN_INPUT, setup=setup) for setup in SETUPS]
    data = workbook_bytes(
        {
            "Scenario": Table(scenario_frame(PLAN_INPUT)),
            "Allocation": Table(allocation_table(plans[0])),
            "Comparison": Table(comparison_frame(plans)),
            "Deltas": Table(pd.DataFrame({"role": ["-3"], "cost_delta_usd": [-185_000]})),
        }
    )
    book = load_workbook(io.BytesIO(data))
    return {sheet.title: sheet for sheet in book.worksheets}


def plan_book() -> dict[str, Worksheet]:
    plan = recommend(PLAN_INPUT)
    book = load_workbook(io.BytesIO(plan_workbook(plan, Assumptions.defaults(), CONTEXT)))
    return {sheet.title: sheet for sheet in book.worksheets}


def test_one_sheet_per_table_in_order() -> None:
    assert list(tables_workbook()) == ["Scenario", "Allocation", "Comparison", "Deltas"]


def test_formula_like_names_are_text_cells_with_the_quote_prefix() -> None:
    sheet = tables_workbook()["Scenario"]
    cells = [sheet.cell(row=row, column=1) for row in range(2, 2 + len(HOSTILE))]
    assert [c.value for c in cells] == list(HOSTILE)
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)


def test_numbers_are_numbers_and_accents_survive() -> None:
    sheets = tables_workbook()
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
    sheet = tables_workbook()["Allocation"]
    headers = [c.value for c in sheet[1]]
    column = headers.index("annual_cost_usd")
    costs = [row[column].value for row in sheet.iter_rows(min_row=2)]
    assert all(isinstance(cost, int) for cost in costs)
    assert sum(cast(list[int], costs)) == recommend(PLAN_INPUT, setup=SETUPS[0]).annual_cost_usd


def test_plan_workbook_opens_on_its_summary() -> None:
    book = plan_book()
    assert tuple(book) == SHEETS
    assert SHEETS[0] == "Summary" and SHEETS[-1] == "Assumptions"  # figures first, sources last
    plan = recommend(PLAN_INPUT)
    summary = {row[0].value: row[1] for row in book["Summary"].iter_rows(min_row=2)}
    assert summary["Plan"].value == CONTEXT.name
    assert summary["Plan"].quotePrefix  # a formula-like plan name stays text
    assert list(summary)[:2] == ["Plan", "Revision note"]
    assert summary["Revision note"].value == CONTEXT.note
    assert summary["Revision note"].quotePrefix
    assert summary["People"].value == plan.total_headcount
    assert summary["Hires"].value == plan.total_hires
    assert (summary["Annual cost (USD)"].value, summary["Annual cost (USD)"].number_format) == (
        plan.annual_cost_usd,
        USD,
    )
    assert summary["Annual budget (USD)"].value == 1_500_000
    assert summary["Quality (0-100)"].value == round(plan.quality, 1)
    setup = summary["Setup"].value
    assert isinstance(setup, str) and setup.startswith(plan.setup)
    assert summary["Assumption set"].value == "Cautious"
    exported = summary["Exported on"].value
    assert isinstance(exported, datetime) and exported.date() == CONTEXT.exported_on
    assert summary["Exported on"].number_format == "yyyy-mm-dd"


def test_no_budget_is_said_in_words_and_no_note_has_no_row() -> None:
    plan = recommend(scenario(project_data("Search", "nlp"), budget=None))
    unsaved = ExportContext("Search", "Cautious", date(2026, 12, 3))
    book = load_workbook(io.BytesIO(plan_workbook(plan, Assumptions.defaults(), unsaved)))
    figures = {row[0].value: row[1].value for row in book["Summary"].iter_rows(min_row=2)}
    assert figures["Annual budget (USD)"] == "No budget"
    assert "Revision note" not in figures


def test_allocation_sheet_has_human_headers_formats_and_a_total_row() -> None:
    sheet = plan_book()["Allocation"]
    headers = [c.value for c in sheet[1]]
    assert headers == list(ALLOCATION_HEADERS.values())
    assert "annual_cost_usd" not in headers
    assert all(c.font.bold for c in sheet[1])
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    *lines, total = rows
    assert total[0] == "Total"
    column = {header: i for i, header in enumerate(headers)}
    for header in ("Demand (FTE)", "People", "Existing", "Hires", "Annual cost (USD)"):
        figures = [cast(float, line[column[header]] or 0) for line in lines]  # numbers or blank
        assert total[column[header]] == sum(figures), header
    plan = recommend(PLAN_INPUT)
    assert total[column["Annual cost (USD)"]] == plan.annual_cost_usd
    assert total[column["People"]] == plan.total_headcount
    assert total[column["Salary (USD)"]] is None  # rates do not add up
    cost = sheet.cell(row=2, column=column["Annual cost (USD)"] + 1)
    people = sheet.cell(row=2, column=column["People"] + 1)
    assert (cost.number_format, people.number_format) == (USD, WHOLE)
    assert sheet.cell(row=sheet.max_row, column=1).font.bold


def test_every_sheet_freezes_its_header_and_fits_its_columns() -> None:
    for name, sheet in plan_book().items():
        assert sheet.freeze_panes == "A2", name
        # A header has no merged cell (one would have no letter, and the zip below would fail).
        header = [cell for cell in sheet[1] if isinstance(cell, Cell)]
        widths = [sheet.column_dimensions[cell.column_letter].width for cell in header]
        shortest = [len(str(cell.value)) for cell in sheet[1]]
        assert all(w >= n for w, n in zip(widths, shortest, strict=True)), name


def test_comparison_and_frontier_read_in_dollars() -> None:
    book = plan_book()
    comparison = {row[0].value: row[1] for row in book["Comparison"].iter_rows(min_row=2)}
    assert comparison["Annual cost (USD)"].number_format == USD
    assert comparison["Quality (0-100)"].number_format == "#,##0.0"
    assert comparison["Total headcount"].number_format == WHOLE
    frontier_sheet = book["Frontier"]
    assert frontier_sheet["A1"].value == "Annual cost (USD)"
    costs = [row[0] for row in frontier_sheet.iter_rows(min_row=2)]
    assert [c.value for c in costs] == [
        p.annual_cost_usd for p in frontier(PLAN_INPUT, assumptions=Assumptions.defaults())
    ]
    assert {c.number_format for c in costs} == {USD}


def test_the_frontier_sheet_is_the_frontier_of_the_plans_setup() -> None:
    """Each setup has its own space of plans: a plan recommended as mature exports the mature
    frontier (no full-stack data scientists), not the scenario's own setup's."""
    assert recommend(PLAN_INPUT).setup != "mature"
    plan = recommend(PLAN_INPUT, "mature")
    book = load_workbook(io.BytesIO(plan_workbook(plan, Assumptions.defaults(), CONTEXT)))
    costs = [row[0].value for row in book["Frontier"].iter_rows(min_row=2)]
    mature = frontier(PLAN_INPUT, "mature", Assumptions.defaults())
    assert costs == [p.annual_cost_usd for p in mature]
    assert costs != [p.annual_cost_usd for p in frontier(PLAN_INPUT)]


def test_timeline_sheet_has_a_row_per_quarter_and_role_in_dollars() -> None:
    sheet = plan_book()["Timeline"]
    assert [c.value for c in sheet[1]] == list(TIMELINE_HEADERS.values())
    table = timeline_table(simulate(PLAN_INPUT, assumptions=Assumptions.defaults()))
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == len(table)
    cost = list(TIMELINE_HEADERS).index("cost_usd")
    assert [row[cost].value for row in rows] == list(table["cost_usd"])
    assert all(row[cost].number_format == USD for row in rows)


def test_scenario_sheet_keeps_the_import_columns_and_plain_numbers() -> None:
    sheet = plan_book()["Scenario"]
    assert tuple(c.value for c in sheet[1]) == SCENARIO_COLUMNS
    assert {c.number_format for row in sheet.iter_rows(min_row=2) for c in row} == {"General"}


def test_a_plan_without_projects_exports_no_quality_score_but_the_note() -> None:
    plan = recommend(scenario(budget=None))
    assert not plan.scenario.projects
    book = load_workbook(io.BytesIO(plan_workbook(plan, Assumptions.defaults(), CONTEXT)))
    figures = {row[0].value: row[1].value for row in book["Summary"].iter_rows(min_row=2)}
    assert figures["Quality (0-100)"] == NO_QUALITY
    assert book["Frontier"].max_row == 1  # the header: no score, no frontier
    comparison = {row[0].value: row[1].value for row in book["Comparison"].iter_rows(min_row=2)}
    assert comparison["Quality (0-100)"] is None and comparison["Quality: delivery"] is None


def test_the_workbook_names_the_quality_components_of_this_definition() -> None:
    book = plan_book()
    frontier_headers = [cell.value for cell in next(book["Frontier"].iter_rows(max_row=1))]
    comparison_items = [row[0].value for row in book["Comparison"].iter_rows(min_row=2)]
    for name in ("delivery", "depth", "resilience", "coordination"):
        assert f"Quality: {name}" in frontier_headers
        assert f"Quality: {name}" in comparison_items
    assert not any("coverage" in str(h).lower() for h in frontier_headers)


def summary_figures(evaluation: Evaluation) -> dict[str, object]:
    data = plan_workbook(evaluation, Assumptions.defaults(), CONTEXT)
    sheet = load_workbook(io.BytesIO(data))["Summary"]
    return {str(row[0].value): row[1].value for row in sheet.iter_rows(min_row=2)}


def test_the_summary_splits_the_annual_cost_and_says_how_it_stands_against_the_budget() -> None:
    """Finance reconciles the annual cost: the people already employed, the hires and the
    vendors add up to it, the summary says what it leaves out, and a budget gets the gap."""
    plan = recommend(PLAN_INPUT)
    figures = summary_figures(plan)
    parts = [
        "Annual cost: people already employed (USD)",
        "Annual cost: hires (USD)",
        "Annual cost: annotation vendors (USD)",
    ]
    assert sum(cast(int, figures[part]) for part in parts) == plan.annual_cost_usd
    assert figures["Annual cost: hires (USD)"] == plan.hires_cost_usd > 0
    assert figures["Annual cost: annotation vendors (USD)"] == plan.vendor_cost_usd > 0
    assert "one-off hiring costs" in cast(str, figures["Annual cost covers"])
    assert figures["Region"] == PLAN_INPUT.company.region
    over = plan.annual_cost_usd - 1_500_000
    label = "Over budget by (USD)" if over > 0 else "Under budget by (USD)"
    assert figures[label] == abs(over)
    cheap = PLAN_INPUT.model_copy(
        update={"company": PLAN_INPUT.company.model_copy(update={"annual_budget_usd": 10**8})}
    )
    assert summary_figures(recommend(cheap))["Under budget by (USD)"] == (
        10**8 - recommend(cheap).annual_cost_usd
    )


def test_the_summary_says_what_the_timeline_sheet_staffs() -> None:
    """The Timeline sheet hires the team the budget buys where the budget does not pay for
    the plan, and the recommended plan whatever allocation was adopted: the summary says
    which, so its costs are not read as the Allocation sheet's."""
    plan = recommend(PLAN_INPUT)
    assert plan.annual_cost_usd > 1_500_000  # the budget does not pay for the plan
    figures = summary_figures(plan)
    advice = simulate(PLAN_INPUT, assumptions=Assumptions.defaults()).budget_advice
    assert advice is not None and advice.message.startswith("The budget ")
    assert figures["Timeline staffs"] == (
        "The team the budget buys, not the recommended plan: the budget "
        + advice.message.removeprefix("The budget ")
    )
    timeline = simulate(PLAN_INPUT, assumptions=Assumptions.defaults())
    assert figures["Timeline: staffed"] == staffed_headline(timeline)
    assert figures["Timeline: first year's cost, hiring included (USD)"] == (
        timeline.first_year_cost_usd
    )
    assert "Timeline" not in figures  # the recommended plan: no adopted allocation's note
    roomy = PLAN_INPUT.model_copy(
        update={"company": PLAN_INPUT.company.model_copy(update={"annual_budget_usd": None})}
    )
    assert summary_figures(recommend(roomy))["Timeline staffs"] == "The recommended plan"
    adopted = evaluate(roomy, {**recommend(roomy).allocation, "data_analyst": 0})
    figures = summary_figures(adopted)
    assert figures["Timeline"] == ADOPTED_TIMELINE
    assert figures["Timeline staffs"] == "The recommended plan"


def test_the_timeline_sheet_is_that_of_the_plans_setup() -> None:
    """A plan recommended as mature exports the mature timeline, as its Frontier sheet is the
    mature frontier."""
    plan = recommend(PLAN_INPUT, "mature")
    book = load_workbook(io.BytesIO(plan_workbook(plan, Assumptions.defaults(), CONTEXT)))
    cost = list(TIMELINE_HEADERS).index("cost_usd")
    exported = [row[cost].value for row in book["Timeline"].iter_rows(min_row=2)]
    mature = timeline_table(
        simulate(PLAN_INPUT, assumptions=Assumptions.defaults(), setup="mature")
    )
    own = timeline_table(simulate(PLAN_INPUT, assumptions=Assumptions.defaults()))
    assert exported == list(mature["cost_usd"])
    assert list(mature["cost_usd"]) != list(own["cost_usd"])


def test_the_assumptions_sheet_holds_what_every_cost_is_worked_out_from() -> None:
    """Finance re-derives the plan's costs: each role's salary and loaded cost in the plan's
    region (the Allocation sheet's), its hiring figures, the loaded-cost multiplier and the
    vendor's price of an FTE-year of annotation (the vendor lines' rate)."""
    plan = recommend(PLAN_INPUT)
    sheet = plan_book()["Assumptions"]
    assert [c.value for c in sheet[1]] == list(ASSUMPTION_HEADERS.values())
    rows = {row[0].value: [c.value for c in row] for row in sheet.iter_rows(min_row=2)}
    for line in plan.roles:
        salary, loaded = rows[role_label(line.role)][1:3]
        assert (salary, loaded) == (line.rate_usd, line.loaded_rate_usd)
        hiring = plan.assumptions.hiring.roles[line.role]
        assert rows[role_label(line.role)][3] == hiring.time_to_hire_days
    multiplier = plan.assumptions.loaded_cost_multiplier
    assert rows["Loaded-cost multiplier (salary to loaded cost)"][1] == multiplier
    [vendor] = plan.vendor_lines
    price = cast(float, rows["Annotation vendor, price of an FTE-year (USD)"][1])
    assert price == plan.assumptions.vendor_price(PLAN_INPUT.company.region)
    assert vendor.annual_cost_usd == round(vendor.fte_equivalent * price)
