"""Named alternatives shown with every plan: lean, recommended, premium, best under budget.

- **lean**: the cheapest frontier plan reaching ``lean_quality_share`` of the recommended
  plan's quality;
- **recommended**: the setup's rules' plan reshaped for the rules' cost and changed beyond it
  where a change is worth its cost within the budget (:mod:`mlplanner.model.shaping`; scored
  like any other);
- **premium**: the best frontier plan costing at most ``premium_extra_cost_share`` more than
  the recommended plan, without paying for gains under ``premium_min_gain`` quality points:
  the cheapest plan in that range within that much of the best there, offered only if it
  beats the recommended plan by at least as much (where quality flattens out, the best plan
  in the range can cost millions more for a gain too small to show);
- **best under budget**: the best frontier plan within the scenario's budget, when it has one.

The thresholds live in ``data/parameters.csv`` (loaded into :class:`Assumptions`).
"""

from __future__ import annotations

from dataclasses import dataclass

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import Evaluation
from mlplanner.model.wording import format_usd
from mlplanner.search.frontier import FrontierPoint, affordable


@dataclass(frozen=True)
class Alternative:
    """A named plan: which one, the rule that picked it, and its allocation and scores."""

    name: str
    label: str
    rule: str
    point: FrontierPoint


def as_point(evaluation: Evaluation) -> FrontierPoint:
    """An evaluated allocation in the frontier's terms (it need not be on the frontier)."""
    return FrontierPoint(
        allocation=evaluation.allocation,
        annual_cost_usd=evaluation.annual_cost_usd,
        quality=evaluation.quality,
        components=evaluation.quality_components,
    )


def alternatives(
    points: list[FrontierPoint], recommended: Evaluation, assumptions: Assumptions
) -> list[Alternative]:
    """The named alternatives for a frontier and the recommended plan, cheapest rule first.

    A rule that no frontier point satisfies (say, a budget below the cheapest plan's cost)
    gives no alternative.
    """
    result: list[Alternative] = []
    floor = assumptions.lean_quality_share * recommended.quality
    lean = next((p for p in points if p.quality >= floor), None)
    if lean is not None:
        share = f"{assumptions.lean_quality_share:.0%}"
        rule = f"cheapest plan with at least {share} of the recommended plan's quality"
        result.append(Alternative("lean", "Lean", rule, lean))
    result.append(
        Alternative(
            "recommended",
            "Recommended",
            f"the {recommended.setup} setup's staffing rules, reshaped, and changed where a "
            "change is worth its cost",
            as_point(recommended),
        )
    )
    premium = _premium(points, recommended, assumptions)
    if premium is not None:
        extra, gain = assumptions.premium_extra_cost_share, assumptions.premium_min_gain
        rule = (
            f"best plan for at most {extra:.0%} more than the recommended plan, "
            f"not paying for gains under {gain:g} quality points"
        )
        result.append(Alternative("premium", "Premium", rule, premium))
    budget = recommended.budget_usd
    if budget is not None:
        best = affordable(points, budget)
        if best is not None:
            rule = f"best plan within the budget of {format_usd(budget)}"
            result.append(Alternative("best_under_budget", "Best under budget", rule, best))
    return result


def no_premium_note(assumptions: Assumptions) -> str:
    """Why a plan has no premium alternative (the rule of :func:`_premium` found nothing)."""
    return (
        f"No premium plan: nothing costing up to {assumptions.premium_extra_cost_share:.0%} "
        "more than the recommended plan beats it by "
        f"{assumptions.premium_min_gain:g} quality points or more."
    )


def _premium(
    points: list[FrontierPoint], recommended: Evaluation, assumptions: Assumptions
) -> FrontierPoint | None:
    """The premium plan (module docstring), or ``None`` when nothing in the range beats the
    recommended plan by ``premium_min_gain``."""
    ceiling = recommended.annual_cost_usd * (1 + assumptions.premium_extra_cost_share)
    best = affordable(points, ceiling)
    if best is None:
        return None
    gain = assumptions.premium_min_gain
    premium = next(p for p in points if p.quality >= best.quality - gain)
    return premium if premium.quality >= recommended.quality + gain else None
