"""``python -m mlplanner frontier FILE`` and ``recommend FILE --budget USD``.

``frontier`` prints the cost/quality Pareto frontier of the setup's space of plans
(``--setup``, default the scenario's; see :mod:`mlplanner.search.frontier`): a table, JSON (a
list of points with ``allocation``, ``annual_cost_usd``, ``quality`` and the quality
components) or CSV (the frontier export's columns). ``--budget`` makes ``recommend`` print the best
plan that budget buys instead of the setup's recommendation, and what it buys by whole projects
(``budget_advice`` in JSON, a last line in the table). Both tables end with a line giving the
search's step when a large team is searched in steps of more than one person.
"""

from __future__ import annotations

import argparse
import json
import math
from typing import Any, Final

import pandas as pd

from mlplanner.exchange.csv_dialect import csv_text
from mlplanner.exchange.tables_csv import frontier_table
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import NO_QUALITY, Evaluation, evaluate
from mlplanner.model.roles import ROLES
from mlplanner.model.scenario import SETUPS, Scenario, load_scenario
from mlplanner.model.wording import format_usd, joined, people
from mlplanner.reports.tradeoffs import scenario_step_note
from mlplanner.search.budget_plan import BudgetAdvice, describe
from mlplanner.search.frontier import FrontierPoint, best_under_budget, frontier

FORMATS: Final = ("table", "json", "csv")
SHORT_NAMES: Final[dict[str, str]] = {
    "data_analyst": "DA",
    "data_engineer": "DE",
    "data_scientist": "DS",
    "research_scientist": "RS",
    "ml_engineer": "MLE",
    "developer": "Dev",
    "annotator": "Ann",
    "full_stack_data_scientist": "FSDS",
    "team_lead": "Lead",
    "head_of_data": "Head",
}


def budget_usd(text: str) -> float:
    """``--budget``: a number of US dollars, zero or more (``1200000``, ``1.2e6``)."""
    try:
        value = float(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be a number of US dollars, like 1200000 (got {text!r})"
        ) from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"must be zero or more US dollars (got {text!r})")
    return value


def add_frontier_command(commands: Any) -> None:
    """Register ``frontier`` on the top-level subparsers."""
    sub = commands.add_parser(
        "frontier",
        help="the cost/quality Pareto frontier: every plan no other beats on cost and quality",
    )
    sub.add_argument("file", help="scenario JSON file (format mlplanner.scenario/1)")
    sub.add_argument(
        "--setup",
        choices=SETUPS,
        help="the setup whose plans are searched (default: the scenario's; as for recommend)",
    )
    sub.add_argument("--format", choices=FORMATS, default="table")
    sub.set_defaults(handler=_frontier)


def plan_under_budget(scenario: Scenario, budget: float, setup: str | None) -> Evaluation:
    """The best plan a budget buys, evaluated against that budget (its messages say whether
    it fits ``budget``, not the file's); ``ValueError`` when nothing fits."""
    point = best_under_budget(scenario, budget, setup=setup)
    if point is None:
        cheapest = frontier(scenario, setup=setup)[0]
        existing = scenario.company.existing_team
        hired = {r: n - existing.get(r, 0) for r, n in cheapest.allocation.items()}
        added = joined([people(n, role) for role, n in hired.items() if n > 0])
        team = added
        if any(existing.values()):
            team = "the existing team" + (f" plus {added}" if added else "")
        raise ValueError(
            f"budget: {format_usd(budget)} buys no plan; the cheapest plan, {team}, costs "
            f"{format_usd(cheapest.annual_cost_usd)} a year"
        )
    company = scenario.company.model_copy(update={"annual_budget_usd": budget})
    budgeted = scenario.model_copy(update={"company": company})
    return evaluate(budgeted, point.allocation, setup=setup)


def budget_advice_line(advice: BudgetAdvice) -> str:
    """The table format's line on what the budget buys by whole projects (the setup's staffing
    of the projects it funds, :mod:`mlplanner.search.budget_plan`)."""
    return f"By whole projects: {describe(advice)}"


def frontier_text(points: list[FrontierPoint]) -> str:
    """The frontier as a terminal table, one line per point, roles in lifecycle order."""
    used = [role for role in ROLES if any(p.allocation[role] for p in points)]
    frame = pd.DataFrame(
        [
            {
                "cost": format_usd(p.annual_cost_usd),
                "quality": f"{p.quality:.1f}",
                "people": p.headcount,
                **{SHORT_NAMES[role]: p.allocation[role] for role in used},
            }
            for p in points
        ]
    )
    legend = ", ".join(f"{SHORT_NAMES[role]} = {role}" for role in used)
    title = f"{len(points)} plans on the frontier, cheapest first"
    return f"{title}\n{frame.to_string(index=False)}\n{legend}"


def with_step_note(table: str, scenario: Scenario) -> str:
    """A terminal table followed by the search's step, when the scenario is searched in steps
    of more than one person (:func:`~mlplanner.reports.tradeoffs.step_note`)."""
    note = scenario_step_note(scenario, Assumptions.defaults())
    return table if note is None else f"{table}\n{note}"


def _frontier(args: argparse.Namespace) -> str:
    scenario = load_scenario(args.file)
    if not scenario.projects:  # no quality to weigh cost against: no frontier (as in the app)
        if args.format == "json":
            return "[]"
        if args.format == "csv":
            return csv_text(frontier_table([]))
        return NO_QUALITY + " The frontier weighs cost against quality."
    points = frontier(scenario, setup=args.setup)
    if args.format == "json":
        return json.dumps([p.to_dict() for p in points], indent=2)
    if args.format == "csv":
        return csv_text(frontier_table(points))
    return with_step_note(frontier_text(points), scenario)
