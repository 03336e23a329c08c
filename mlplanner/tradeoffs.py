"""What the Trade-offs page says about a frontier: its headline, budget steps and point labels."""

from __future__ import annotations

import pandas as pd

from mlplanner.frontier import FrontierPoint
from mlplanner.plan import format_usd
from mlplanner.roles import ROLES, role_label

FLAT_SHARE = 0.95  # "flattens" once a plan reaches this share of the best quality on offer
BUDGET_STEPS = 200


def flattening_point(points: list[FrontierPoint]) -> FrontierPoint:
    """The cheapest frontier point within 5% of the best quality: past it, money buys little."""
    best = points[-1].quality
    return next(p for p in points if p.quality >= FLAT_SHARE * best)


def headline(points: list[FrontierPoint]) -> tuple[str, str]:
    """Chart title and subtitle stating the frontier's point."""
    flat = flattening_point(points)
    best = points[-1]
    title = f"Quality flattens past {format_usd(flat.annual_cost_usd)}"
    subtitle = (
        f"{format_usd(flat.annual_cost_usd)} buys quality {flat.quality:.1f}; the best plan, "
        f"{format_usd(best.annual_cost_usd)}, adds {best.quality - flat.quality:.1f} points more."
    )
    return title, subtitle


def budget_steps(points: list[FrontierPoint], budget: float | None) -> list[int]:
    """Budgets a slider offers: even steps from the cheapest to the dearest frontier plan
    (whole thousands of dollars), every frontier plan's exact cost and the scenario's budget."""
    low, high = points[0].annual_cost_usd, points[-1].annual_cost_usd
    step = max(1_000, round((high - low) / BUDGET_STEPS, -3))
    steps = set(range(low, high + 1, int(step)))
    steps.update(p.annual_cost_usd for p in points)
    steps.add(high)
    if budget is not None:
        steps.add(int(min(max(budget, low), high)))
    return sorted(steps)


def allocation_summary(allocation: dict[str, int]) -> str:
    """``12 Data Analyst, 2 ML Engineer, …``: headcount per role in lifecycle order."""
    parts = [f"{allocation[role]} {role_label(role)}" for role in ROLES if allocation.get(role)]
    return ", ".join(parts) if parts else "nobody"


def point_label(point: FrontierPoint) -> str:
    """One line naming a frontier point: cost, quality, people."""
    people = point.headcount
    return (
        f"{format_usd(point.annual_cost_usd)} · quality {point.quality:.1f} · "
        f"{people} {'person' if people == 1 else 'people'}"
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
