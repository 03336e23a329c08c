"""A plan as a workbook for finance: a summary first, then its tables with human headers.

Sheets, in order:

- ``Summary``: the plan's name (a saved plan's with its revision, and the revision's note if
  it has one), people, hires, yearly cost (split into the people already employed, the hires
  and the annotation vendors), budget and how far the cost is over or under it, quality,
  setup, assumption set, projects, employees, what the Timeline sheet staffs (the
  recommended plan or the team the budget buys; never an adopted allocation, which is not
  dated), when it is fully staffed, its first year's cost and the export date: so that the
  sheets' figures can be told apart and reconciled;
- ``Allocation``: the allocation table (:func:`~mlplanner.exchange.tables_csv.allocation_table`)
  with a Total row (demand, people, existing, hires, yearly cost);
- ``Comparison``: the scenario recommended as each setup, side by side;
- ``Frontier``: the cost/quality frontier of the plan's setup, cheapest first;
- ``Timeline``: the hiring timeline (:func:`~mlplanner.exchange.timeline_csv.timeline_table`),
  one row per quarter and role;
- ``Scenario``: the scenario CSV's columns and plain numbers as they are, so that the sheet
  saved as CSV opens in the app again (human headers or ``$2,500,000`` would not);
- ``Assumptions``: what the money rests on, in the plan's region and assumption set: per role
  the salary, the loaded cost per person and the hiring figures (time to hire, ramp-up,
  attrition, one-off hiring cost), then the loaded-cost multiplier and the vendor's price of
  an FTE-year of annotation, so that every cost in the other sheets can be worked out again.

The CSV exports keep their machine-readable columns; only this workbook renames them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

import pandas as pd

from mlplanner.exchange.plan_export import setup_comparison
from mlplanner.exchange.scenario_csv import scenario_frame
from mlplanner.exchange.tables_csv import (
    FRONTIER_COLUMNS,
    HEADCOUNT_PREFIX,
    allocation_table,
    frontier_table,
)
from mlplanner.exchange.timeline_csv import timeline_table
from mlplanner.exchange.workbook import (
    DATE,
    ONE_DECIMAL,
    TWO_DECIMALS,
    USD,
    WHOLE,
    Figure,
    Sheet,
    Summary,
    Table,
    workbook_bytes,
)
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.cost import role_cost
from mlplanner.model.plan import NO_QUALITY, Evaluation, Plan
from mlplanner.model.quality import COMPONENTS
from mlplanner.model.roles import ROLES, role_label
from mlplanner.reports.timeline_texts import (
    ADOPTED_TIMELINE,
    first_year_text,
    staffed_headline,
)
from mlplanner.search.frontier import frontier
from mlplanner.timeline.simulation import Timeline, simulate

ALLOCATION_HEADERS: Final = {
    "role_label": "Role",
    "fte_demand": "Demand (FTE)",
    "headcount": "People",
    "existing": "Existing",
    "hires": "Hires",
    "rate_usd": "Salary (USD)",
    "loaded_rate_usd": "Loaded cost per person (USD)",
    "annual_cost_usd": "Annual cost (USD)",
    "coverage_pct": "Coverage (%)",
    "fte_carried": "Carried demand (FTE)",
}
ALLOCATION_FORMATS: Final = {
    "fte_demand": TWO_DECIMALS,
    "headcount": WHOLE,
    "existing": WHOLE,
    "hires": WHOLE,
    "rate_usd": USD,
    "loaded_rate_usd": USD,
    "annual_cost_usd": USD,
    "coverage_pct": ONE_DECIMAL,
    "fte_carried": TWO_DECIMALS,
}
ALLOCATION_TOTALS: Final = ("fte_demand", "headcount", "existing", "hires", "annual_cost_usd")
FRONTIER_HEADERS: Final = dict(
    zip(
        FRONTIER_COLUMNS,
        (
            "Annual cost (USD)",
            "Quality (0-100)",
            *(f"Quality: {component}" for component in COMPONENTS),
            "People",
            *(f"{role_label(role)} (people)" for role in ROLES),
        ),
        strict=True,
    )
)
FRONTIER_FORMATS: Final = {
    "annual_cost_usd": USD,
    "quality": ONE_DECIMAL,
    **{f"quality_{component}": ONE_DECIMAL for component in COMPONENTS},
    "total_headcount": WHOLE,
    **{HEADCOUNT_PREFIX + role: WHOLE for role in ROLES},
}
TIMELINE_HEADERS: Final = {
    "quarter": "Quarter",
    "role_label": "Role",
    "headcount": "People",
    "hires": "Hires",
    "leavers": "Leavers",
    "effective_fte": "Effective capacity (FTE)",
    "demand_fte": "Demand (FTE)",
    "target_headcount": "Target people",
    "salary_cost_usd": "Salary cost (USD)",
    "hiring_cost_usd": "Hiring cost, one-off (USD)",
    "cost_usd": "Cost (USD)",
    "cumulative_cost_usd": "Cumulative cost (USD)",
    "cumulative_budget_usd": "Cumulative budget (USD)",
}
TIMELINE_FORMATS: Final = {
    "headcount": WHOLE,
    "hires": WHOLE,
    "leavers": WHOLE,
    "effective_fte": TWO_DECIMALS,
    "demand_fte": TWO_DECIMALS,
    "target_headcount": WHOLE,
    "salary_cost_usd": USD,
    "hiring_cost_usd": USD,
    "cost_usd": USD,
    "cumulative_cost_usd": USD,
    "cumulative_budget_usd": USD,
}
COMPARISON_COST_ROW: Final = "Annual cost (USD)"
SHEETS: Final = (
    "Summary",
    "Allocation",
    "Comparison",
    "Frontier",
    "Timeline",
    "Scenario",
    "Assumptions",
)
ASSUMPTION_HEADERS: Final = {
    "role_label": "Role",
    "rate_usd": "Salary (USD)",
    "loaded_rate_usd": "Loaded cost per person (USD)",
    "time_to_hire_days": "Time to hire (days)",
    "ramp_up_months": "Ramp-up (months)",
    "attrition_pct": "Attrition a year (%)",
    "hiring_cost_pct": "Hiring cost, one-off (% of salary)",
}
ASSUMPTION_FORMATS: Final = {
    "rate_usd": USD,
    "loaded_rate_usd": USD,
    "time_to_hire_days": WHOLE,
    "ramp_up_months": ONE_DECIMAL,
    "attrition_pct": ONE_DECIMAL,
    "hiring_cost_pct": ONE_DECIMAL,
}


@dataclass(frozen=True)
class ExportContext:
    """What the workbook says about where the plan comes from: the plan's (or scenario's)
    name, the assumption set it was computed with, the day of the export and, for a saved
    revision, the note it was saved with."""

    name: str
    assumption_set: str
    exported_on: date
    note: str | None = None


def saved_plan_title(name: str, revision: int) -> str:
    """How the summary names a saved plan's revision: ``Acme lean, revision 2``."""
    return f"{name}, revision {revision}"


def plan_workbook(
    evaluation: Evaluation, assumptions: Assumptions, context: ExportContext
) -> bytes:
    """The plan as an .xlsx workbook: :data:`SHEETS`, the summary first."""
    scenario = evaluation.scenario
    comparison = setup_comparison(scenario, assumptions)
    quality_rows = {item: ONE_DECIMAL for item in comparison["item"] if item.startswith("Quality")}
    timeline = simulate(scenario, assumptions=assumptions, setup=evaluation.setup)
    sheets: dict[str, Sheet] = {
        "Summary": summary(evaluation, context, timeline),
        "Allocation": Table(
            allocation_table(evaluation),
            headers=ALLOCATION_HEADERS,
            formats=ALLOCATION_FORMATS,
            totals=ALLOCATION_TOTALS,
        ),
        "Comparison": Table(
            comparison,
            headers={"item": "Item", **{c: c for c in comparison.columns[1:]}},
            formats=dict.fromkeys(comparison.columns[1:], WHOLE),
            row_formats={COMPARISON_COST_ROW: USD, **quality_rows},
        ),
        "Frontier": Table(
            # Without projects there is no quality score, so no frontier: its header only.
            # The frontier is that of the plan's setup (its space of plans).
            frontier_table(
                frontier(scenario, evaluation.setup, assumptions) if evaluation.scored else []
            ),
            headers=FRONTIER_HEADERS,
            formats=FRONTIER_FORMATS,
        ),
        "Timeline": Table(
            timeline_table(timeline),
            headers=TIMELINE_HEADERS,
            formats=TIMELINE_FORMATS,
        ),
        "Scenario": Table(scenario_frame(scenario)),
        "Assumptions": Table(
            assumption_rows(scenario.company.region, assumptions),
            headers=ASSUMPTION_HEADERS,
            formats=ASSUMPTION_FORMATS,
            row_formats={VENDOR_PRICE: USD, MULTIPLIER: TWO_DECIMALS},
        ),
    }
    return workbook_bytes(sheets)


MULTIPLIER: Final = "Loaded-cost multiplier (salary to loaded cost)"
VENDOR_PRICE: Final = "Annotation vendor, price of an FTE-year (USD)"


def assumption_rows(region: str, assumptions: Assumptions) -> pd.DataFrame:
    """The Assumptions sheet: one row per role (salary, loaded cost, hiring figures), then the
    loaded-cost multiplier and the vendor's price, each in the first two columns."""
    rows: list[dict[str, object]] = []
    for role in ROLES:
        cost = role_cost(role, 1, region, assumptions)
        hiring = assumptions.hiring.roles[role]
        rows.append(
            {
                "role_label": role_label(role),
                "rate_usd": cost.rate_usd,
                "loaded_rate_usd": cost.loaded_rate_usd,
                "time_to_hire_days": hiring.time_to_hire_days,
                "ramp_up_months": hiring.ramp_up_months,
                "attrition_pct": 100 * hiring.attrition_per_year,
                "hiring_cost_pct": 100 * hiring.hiring_cost_share,
            }
        )
    rows.append({"role_label": MULTIPLIER, "rate_usd": assumptions.loaded_cost_multiplier})
    rows.append({"role_label": VENDOR_PRICE, "rate_usd": assumptions.vendor_price(region)})
    return pd.DataFrame(rows, columns=list(ASSUMPTION_HEADERS))


def summary(evaluation: Evaluation, context: ExportContext, timeline: Timeline) -> Summary:
    """The figures a reader wants before any table, and how the sheets' figures relate."""
    company = evaluation.scenario.company
    budget = company.annual_budget_usd
    cost = evaluation.annual_cost_usd
    return Summary(
        [
            Figure("Plan", context.name),
            *([Figure("Revision note", context.note)] if context.note else []),
            Figure("People", evaluation.total_headcount, WHOLE),
            Figure("Hires", evaluation.total_hires, WHOLE),
            Figure("Annual cost (USD)", cost, USD),
            Figure(
                "Annual cost: people already employed (USD)",
                evaluation.staff_cost_usd - evaluation.hires_cost_usd,
                USD,
            ),
            Figure("Annual cost: hires (USD)", evaluation.hires_cost_usd, USD),
            Figure("Annual cost: annotation vendors (USD)", evaluation.vendor_cost_usd, USD),
            Figure("Annual cost covers", COST_COVERS),
            Figure("Annual budget (USD)", "No budget" if budget is None else budget, USD),
            *([] if budget is None else [_budget_gap(cost, budget)]),
            Figure(
                "Quality (0-100)",
                round(evaluation.quality, 1) if evaluation.scored else NO_QUALITY,
                ONE_DECIMAL,
            ),
            Figure("Setup", f"{evaluation.setup} ({evaluation.setup_reason})"),
            Figure("Assumption set", context.assumption_set),
            Figure("Projects", len(evaluation.scenario.projects), WHOLE),
            Figure("Employees", company.employees, WHOLE),
            Figure("Region", company.region),
            *timeline_figures(timeline, adopted=not isinstance(evaluation, Plan)),
            Figure("Exported on", context.exported_on, DATE),
        ]
    )


COST_COVERS: Final = (
    "Everyone in the plan at their loaded cost, people already employed included, and the "
    "annotation vendors; not one-off hiring costs (the Timeline sheet's Hiring cost)"
)


def _budget_gap(cost: int, budget: float) -> Figure:
    """How far the annual cost is over, or under, the budget."""
    if cost > budget:
        return Figure("Over budget by (USD)", round(cost - budget), USD)
    return Figure("Under budget by (USD)", round(budget - cost), USD)


def timeline_figures(timeline: Timeline, adopted: bool) -> list[Figure]:
    """What the Timeline sheet staffs and when, as the Timeline page says it: the recommended
    plan, or the team the budget buys where the budget does not pay for it; beside an
    ``adopted`` allocation, that it is not this plan's."""
    advice = timeline.budget_advice
    staffs = (
        "The recommended plan"
        if advice is None
        else "The team the budget buys, not the recommended plan: "
        f"{advice.message[0].lower()}{advice.message[1:]}"
    )
    return [
        *([Figure("Timeline", ADOPTED_TIMELINE)] if adopted else []),
        Figure("Timeline staffs", staffs),
        Figure("Timeline: staffed", staffed_headline(timeline)),
        Figure(
            "Timeline: first year's cost, hiring included (USD)", timeline.first_year_cost_usd, USD
        ),
        Figure("Timeline: cost", first_year_text(timeline)),
    ]
