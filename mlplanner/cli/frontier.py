"""``python -m mlplanner frontier FILE`` and ``recommend FILE --budget USD``.

``frontier`` prints the cost/quality Pareto frontier of the setup's space of plans
(``--setup``, default the scenario's; see :mod:`mlplanner.search.frontier`): a table, JSON (a
list of points with ``allocation``, ``annual_cost_usd``, ``quality`` and the quality
components) or CSV (the frontier export's columns). ``--budget`` makes ``recommend`` print what
that budget buys by whole projects instead of the setup's recommendation (the Plan page's
"Within your budget"), with the highest-scoring plan within it, every role spread over every
project, beside it (``best_under_budget`` in JSON, a last line in the table). Both tables end
with a line giving the search's step when a large team is searched in steps of more than one
person.
"""

from __future__ import annotations

import argparse
import json
import math
from typing import Any, Final

import numpy as np
import pandas as pd

from mlplanner.exchange.csv_dialect import csv_text
from mlplanner.exchange.tables_csv import frontier_table
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import NO_QUALITY, Evaluation, evaluate, recommend
from mlplanner.model.roles import MANAGERS, ROLES
from mlplanner.model.scenario import SETUPS, Scenario, load_scenario
from mlplanner.model.wording import format_usd, joined, people
from mlplanner.reports.tradeoffs import scenario_step_note
from mlplanner.search.budget_plan import BudgetAdvice
from mlplanner.search.frontier import FrontierPoint, best_under_budget, cheapest_scoring, frontier
from mlplanner.search.pareto import QUALITY_TOLERANCE
from mlplanner.search.problem import search_problem

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


def plan_under_budget(
    scenario: Scenario, advice: BudgetAdvice, budget: float, setup: str | None
) -> Evaluation:
    """What a budget buys by whole projects (``advice``, :func:`fund_projects`: the Plan page's
    "Within your budget", the team the timeline hires), evaluated against that budget (its
    messages say whether it fits ``budget``, not the file's); ``ValueError`` when not even the
    team staffing no project fits."""
    if advice.plan is None:
        free = (
            f"; the people already employed staff {joined(advice.funded)} at no more cost"
            if advice.funded
            else ""
        )
        raise ValueError(
            f"budget: {format_usd(budget)} buys no plan; even the cheapest team it can advise "
            "(the people already employed and those the work cannot do without, with the "
            f"outsourced labelling it buys) costs {format_usd(advice.smallest_cost_usd)} a "
            f"year{free}"
        )
    # the advice's own scenario: the projects it leaves unstaffed on hold
    held = advice.plan.scenario
    company = held.company.model_copy(update={"annual_budget_usd": budget})
    budgeted = held.model_copy(update={"company": company})
    return evaluate(budgeted, advice.plan.allocation, setup=setup)


def best_point(scenario: Scenario, budget: float, setup: str | None) -> FrontierPoint | None:
    """The highest-scoring plan of the setup's space within the budget (every role spread
    over every project: the Trade-offs page's best plan under the budget), or ``None``."""
    return best_under_budget(scenario, budget, setup=setup) if scenario.planned else None


def budget_lines(
    advice: BudgetAdvice,
    best: FrontierPoint | None,
    scenario: Scenario,
    budget: float,
    setup: str | None,
) -> str:
    """The table format's lines under the advice's plan: what it staffs and leaves out (where
    it is the plan recommended for the budget, what the budget holds back from it; and,
    where it leaves work out, its score with its people on the work it staffs), and the
    highest score the budget buys when every role is spread over every project (or the
    cheapest such plan, when none fits, and the cheapest that scores anything, when the best
    within the budget scores nothing)."""
    lines = [f"Budget advice: {advice.message}"]
    held = _held_back(scenario, advice, budget, setup)
    if held is not None:
        lines.append(held)
    if advice.leaves_work_out:  # the table: the plan as adopted
        lines.append(
            f"With its people on the work it staffs, the rest delivering nothing, it scores "
            f"{advice.quality:.1f} ({advice.once_adopted})."
        )
    existing = scenario.company.existing_team
    # the frontier, only where the best plan within the budget is not enough to say
    looked = bool(scenario.planned) and (best is None or best.quality <= QUALITY_TOLERANCE)
    points = frontier(scenario, setup=setup) if looked else []
    scoring = cheapest_scoring(points)
    # "Of the setup's space": the advice's own team, spread over every project, may lie
    # outside it (a health startup's read "spreads a cheaper team … over every project", then
    # "No plan spreading every role over every project fits the budget").
    space = f"of the setup's space{_space_keeps(scenario, setup)}"
    # the advice's team on every project (its plan is the plan as adopted: the projects it
    # leaves unstaffed on hold)
    plan = None if advice.plan is None else evaluate(scenario, advice.plan.allocation, setup)
    if best is not None and best.quality <= QUALITY_TOLERANCE and scoring is not None:
        lines.append(
            f"No plan {space} within the budget, every role spread over every project, scores "
            f"anything (the best, {_team(best.allocation, existing)}, scores 0.0): the "
            f"cheapest that does, {_team(scoring.allocation, existing)}, costs "
            f"{format_usd(scoring.annual_cost_usd)} a year."
        )
    elif best is not None:
        beaten = (
            plan is not None and plan.scored and plan.quality > best.quality + QUALITY_TOLERANCE
        )
        # Not "Highest score": the space keeps the people the work cannot do without (an
        # annotator for in-house labelling), and a SaaS's $226k read "highest score, 3.5" for
        # an annotator and its developer, where its developer and a generalist scored 11.5.
        lines.append(
            f"Best plan {space} within the budget, every role spread over every project (the "
            f"Trade-offs page): {format_usd(best.annual_cost_usd)} a year, quality "
            f"{best.quality:.1f}, with {_team(best.allocation, existing)}."
        )
        if beaten and plan is not None:
            lines.append(_outside_space(plan, scenario, setup))
    elif points:
        cheapest = points[0]
        lines.append(
            f"No plan {space} fits the budget: the cheapest, "
            f"{_team(cheapest.allocation, existing)}, costs "
            f"{format_usd(cheapest.annual_cost_usd)} a year."
        )
        if plan is not None and plan.scored and advice.thin:  # spread, outside the space
            lines.append(_outside_space(plan, scenario, setup))
    return "\n".join(lines)


def _held_back(
    scenario: Scenario, advice: BudgetAdvice, budget: float, setup: str | None
) -> str | None:
    """Where the advice is the plan recommended for the budget, what that budget holds back
    (:attr:`~mlplanner.model.shaping.Shaping.held_back`), as the plan says it with the budget
    in its file: a fintech at 90% of its plan read only "staffs every project", 18 points
    below its plan, where the same budget in the file said a data scientist more would buy
    18.1 points for $212k."""
    plan = advice.plan
    if plan is None:
        return None
    company = scenario.company.model_copy(update={"annual_budget_usd": budget})
    recommended = recommend(scenario.model_copy(update={"company": company}), setup)
    shaping = recommended.shaping
    if recommended.allocation != plan.allocation or shaping is None or shaping.held_back is None:
        return None
    return shaping.held_back.held_back_sentence


def _space_keeps(scenario: Scenario, setup: str | None) -> str:
    """`` (its plans keep at least 1 Data Annotator)``: the people beyond the existing staff
    every plan of the setup's space has, since the work cannot be done without them; ""
    when there are none. Leads and heads are left out: a plan's heads follow its leads, not
    the space's bounds (a telco's line named a head its plan did not have)."""
    space = search_problem(scenario, Assumptions.defaults(), setup).space
    existing = scenario.company.existing_team
    kept = [
        people(space.lower[role], role)
        for role in ROLES
        if role not in MANAGERS and space.lower[role] > existing.get(role, 0)
    ]
    return f" (its plans keep at least {joined(kept)})" if kept else ""


def _outside_space(plan: Evaluation, scenario: Scenario, setup: str | None) -> str:
    """Why the advice's team, on every project, scores more than the best plan of the setup's
    space within the budget: it is not a plan of that space (its work kept needed no
    annotator or deployer that the whole portfolio's plans keep)."""
    space = search_problem(scenario, Assumptions.defaults(), setup).space
    short = [  # leads and heads aside: a plan's heads follow its leads (as in _space_keeps)
        people(space.lower[role], role)
        for role in ROLES
        if role not in MANAGERS and plan.allocation.get(role, 0) < space.lower[role]
    ]
    row = np.array([[plan.allocation.get(role, 0) for role in ROLES]])
    keeps = [f"at least {joined(short)}"] if short else []
    if not space.deployable(row)[0]:
        keeps.append("someone able to deploy each production model")
    why = f", which keeps {joined(keeps)}" if keeps else ""
    return (
        f"The budget advice's team scores {plan.quality:.1f} on every project: it is not a "
        f"plan of that space{why}."
    )


def _team(allocation: dict[str, int], existing: dict[str, int]) -> str:
    """``the existing team plus 1 Full-Stack Data Scientist``: a plan by whom it adds."""
    hired = {r: n - existing.get(r, 0) for r, n in allocation.items()}
    added = joined([people(n, role) for role, n in hired.items() if n > 0])
    if not any(existing.values()):
        return added or "nobody"
    return "the existing team" + (f" plus {added}" if added else "")


def best_dict(best: FrontierPoint | None) -> dict[str, Any] | None:
    """``best_under_budget`` in JSON: ``allocation``, ``annual_cost_usd``, ``quality``."""
    if best is None:
        return None
    return {
        "allocation": best.allocation,
        "annual_cost_usd": best.annual_cost_usd,
        "quality": round(best.quality, 2),
    }


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
    if not scenario.planned:  # no quality to weigh cost against: no frontier (as in the app)
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
