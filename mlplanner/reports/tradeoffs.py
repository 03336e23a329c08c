"""What the Trade-offs page says about a frontier: its headline, budget steps, point labels,
and how the frontier is searched (the step the command line states too)."""

from __future__ import annotations

import math
from collections import Counter

import pandas as pd

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.demand import compute_demand
from mlplanner.model.quality import COVERABLE, shown_difference
from mlplanner.model.roles import ROLES, role_label
from mlplanner.model.scenario import Scenario
from mlplanner.model.setup_space import STEP_FTE, STEPS, search_step
from mlplanner.model.wording import format_usd, people
from mlplanner.search.frontier import FrontierPoint, cheapest_scoring
from mlplanner.search.pareto import QUALITY_TOLERANCE

FLAT_SHARE = 0.95  # the headline names the cheapest plan reaching this share of the best quality
BUDGET_STEPS = 200


def flattening_point(points: list[FrontierPoint]) -> FrontierPoint:
    """The cheapest frontier point within 5% of the best quality."""
    best = points[-1].quality
    return next(p for p in points if p.quality >= FLAT_SHARE * best)


def headline(points: list[FrontierPoint]) -> tuple[str, str]:
    """Chart title and subtitle stating the frontier's point: the share of the best quality the
    cheapest plan within 5% of it reaches, and what the rest costs. (The title said "Quality
    flattens past $4.54M" where the last $120k bought 3.4 points, the cheapest points of the
    whole curve.)"""
    flat = flattening_point(points)
    best = points[-1]
    share = math.floor(100 * flat.quality / best.quality) if best.quality > 0 else 100
    title = f"{share}% of the best quality for {format_usd(flat.annual_cost_usd)}"
    subtitle = (
        f"{format_usd(flat.annual_cost_usd)} buys quality {flat.quality:.1f}; the best plan, "
        f"{format_usd(best.annual_cost_usd)}, adds "
        f"{shown_difference(best.quality, flat.quality):.1f} points more."
    )
    return title, subtitle


def budget_steps(points: list[FrontierPoint], budget: float | None) -> list[int]:
    """Budgets a slider offers: every frontier plan's exact cost and the scenario's budget
    (below the cheapest plan or past the dearest too: clamped, a $1.00M budget read "The best
    plan for $1.06M a year" and a $2.50M one "… for $1.96M", neither the budget), and between
    them even steps (whole thousands of dollars) from the cheapest to the dearest plan, except
    those that would read the same as an exact one ($2.50M twice)."""
    low, high = points[0].annual_cost_usd, points[-1].annual_cost_usd
    exact = {p.annual_cost_usd for p in points}
    if budget is not None:
        exact.add(int(budget))
    taken = {format_usd(usd) for usd in exact}
    step = max(1_000, round((high - low) / BUDGET_STEPS, -3))
    even = (usd for usd in range(low, high + 1, int(step)) if format_usd(usd) not in taken)
    return sorted(exact.union(even))


def budget_labels(steps: list[int]) -> dict[int, str]:
    """What the slider shows for each budget: money as $1.24M, or in whole thousands
    ($2,503k) or whole dollars where two budgets would otherwise read the same."""
    labels = {step: format_usd(step) for step in steps}
    for finer in (lambda usd: f"${usd / 1000:,.0f}k", lambda usd: f"${usd:,}"):
        counts = Counter(labels.values())
        labels = {step: finer(step) if counts[text] > 1 else text for step, text in labels.items()}
    return labels


def allocation_summary(allocation: dict[str, int]) -> str:
    """``12 Data Analyst, 2 ML Engineer, …``: headcount per role in lifecycle order."""
    parts = [f"{allocation[role]:,} {role_label(role)}" for role in ROLES if allocation.get(role)]
    return ", ".join(parts) if parts else "nobody"


def scores_nothing(point: FrontierPoint, points: list[FrontierPoint]) -> str | None:
    """What to say about a budget's plan that scores nothing (its people cannot deliver any
    project alone, as an annotator with nobody to build the model): the cheapest frontier plan
    that scores anything; ``None`` for a plan that scores."""
    if point.quality > QUALITY_TOLERANCE:
        return None
    scoring = cheapest_scoring(points)
    if scoring is None:
        return "This plan scores nothing, and no plan of this setup scores anything."
    return (
        "This plan scores nothing: its people cannot deliver any project on their own. The "
        f"cheapest plan that scores anything ({allocation_summary(scoring.allocation)}) costs "
        f"{format_usd(scoring.annual_cost_usd)} a year."
    )


def point_label(point: FrontierPoint) -> str:
    """One line naming a frontier point: cost, quality, people."""
    return (
        f"{format_usd(point.annual_cost_usd)} · quality {point.quality:.1f} · "
        f"{people(point.headcount)}"
    )


def frontier_display(points: list[FrontierPoint]) -> pd.DataFrame:
    """The frontier for the screen: money as $1.24M, quality to one decimal, people per role
    (roles any point uses, lifecycle order). Files keep exact figures (the CSV export)."""
    used = [role for role in ROLES if any(p.allocation[role] for p in points)]
    return pd.DataFrame(
        [
            {
                "Cost a year": format_usd(p.annual_cost_usd),
                "Quality": round(p.quality, 1),
                "People": p.headcount,
                **{role_label(role): p.allocation[role] for role in used},
            }
            for p in points
        ]
    )


def step_note(coverable_fte: float, step: int) -> str | None:
    """What a team searched in steps of ``step`` people must be told (``None`` for a team
    searched person by person): how much demand makes it large, and what the step means."""
    if step <= 1:
        return None
    return (
        f"This team has {coverable_fte:,.1f} FTE of demand (annotation aside): the search moves "
        f"every role's headcount in steps of {step} people (from the people already employed), "
        "so neighbouring plans differ by whole steps. Teams up to "
        f"{STEP_FTE:.0f} FTE of demand are searched person by person."
    )


def scenario_step_note(scenario: Scenario, assumptions: Assumptions) -> str | None:
    """:func:`step_note` for a scenario; cheap (demand and the step, no search)."""
    demand = compute_demand(scenario, assumptions).by_role
    coverable = sum(demand[role] for role in COVERABLE)
    return step_note(coverable, search_step(coverable))


def search_help(assumptions: Assumptions) -> str:
    """Markdown saying which plans the frontier is chosen from
    (:mod:`mlplanner.model.setup_space`, :mod:`mlplanner.search.frontier`)."""
    absorb = assumptions.setups["startup"].absorb_below_fte
    text = f"""
Every plan keeps the people already employed and is staffed the setup's way, so each setup has
its own frontier. Each role's headcount runs from its existing staff up to a bound set by the
demand: a specialist role up to its demand rounded up (at least two people when it has any, so
that the work has a backup); under the startup setup no data scientists (full-stack data
scientists do all data science) and other specialists only for the work beyond the
{absorb:g} FTE per role the generalists carry. Full-stack data scientists run up to the demand
they can take on ({assumptions.generalist_capacity_fte:.2f} FTE of specialist work each), with
no new ones under the mature setup; leads up to as many as the largest team in that range would
need; heads of data & ML stay as the setup's rules plan them. Every bound is raised to the
rules' own plan, so that plan is always in the range. Past these bounds more people add little
but cost. Where a project is in production, every plan has someone able to deploy it (an ML
engineer, a backend developer or a full-stack data scientist). Every plan in that range is
scored by the Plan page's rules, and the frontier keeps each plan that no other beats on both
cost and quality.

Teams up to {STEP_FTE:.0f} FTE of demand (annotation aside) are searched person by person.
Larger teams are searched in steps: with D FTE of demand, every role's headcount moves from its
existing staff in steps of D / {STEPS} people (rounded up), each bound rounded up to a whole
step, so the search stays quick at any size. The recommended plan is a candidate as well, even
when it lies between the steps.
"""
    return text.strip()
