"""Budget advice that can ship: whole projects staffed by the setup's own rules, within a budget.

The exact best plan under a budget (:func:`mlplanner.search.frontier.best_under_budget`)
maximises the score over headcounts; every project then gets the same share of each role,
so a tight budget spreads thin. A manager funds projects instead. :func:`fund_projects`
keeps the portfolio whole while its recommended plan (the setup's staffing rules:
generalists for a startup, a deployer wherever a production model has deployment work) fits,
and otherwise leaves out, one at a time, the project that gives up the least quality per
dollar saved (priority x FTE over the cost its removal saves), until the rest fits. Its quality
is scored against the whole portfolio, so projects left out count as not delivered, and the
advice names them.
"""

from __future__ import annotations

from dataclasses import dataclass

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.demand import compute_demand
from mlplanner.model.plan import Evaluation, evaluate, recommend
from mlplanner.model.scenario import Project, Scenario
from mlplanner.model.wording import format_usd
from mlplanner.search.frontier import check_budget


@dataclass(frozen=True)
class BudgetAdvice:
    """The plan a budget buys for the funded projects (``None`` if not even the existing team
    fits; its cost includes only their vendor work), its ``quality`` against the whole
    portfolio, the projects it staffs and those it leaves unstaffed."""

    plan: Evaluation | None
    quality: float
    funded: tuple[str, ...]
    unstaffed: tuple[str, ...]

    @property
    def message(self) -> str:
        """One sentence on what the budget leaves out."""
        if self.plan is None:
            return "The budget does not cover the existing team."
        if not self.unstaffed:
            return "The budget staffs every project."
        return f"The budget leaves unstaffed: {', '.join(self.unstaffed)}."


def fund_projects(
    scenario: Scenario,
    budget_usd: float,
    setup: str | None = None,
    assumptions: Assumptions | None = None,
) -> BudgetAdvice:
    """The whole projects ``budget_usd`` staffs by the setup's rules (module docstring)."""
    budget = check_budget(budget_usd)
    a = assumptions or Assumptions.defaults()
    kept = list(scenario.projects)
    plan = recommend(scenario, setup, a)
    while plan.annual_cost_usd > budget and kept:
        kept.remove(_least_worth(scenario, kept, setup, a))
        plan = recommend(scenario.model_copy(update={"projects": kept}), setup, a)
    names = {p.name for p in kept}
    unstaffed = tuple(p.name for p in scenario.projects if p.name not in names)
    if plan.annual_cost_usd > budget:
        return BudgetAdvice(plan=None, quality=0.0, funded=(), unstaffed=unstaffed)
    quality = evaluate(scenario, plan.allocation, setup, a).quality
    funded = tuple(p.name for p in kept)
    return BudgetAdvice(plan=plan, quality=quality, funded=funded, unstaffed=unstaffed)


def _least_worth(
    scenario: Scenario, kept: list[Project], setup: str | None, a: Assumptions
) -> Project:
    """The kept project whose removal gives up the least priority x FTE per dollar saved."""
    now = recommend(scenario.model_copy(update={"projects": kept}), setup, a).annual_cost_usd

    def worth(project: Project) -> float:
        rest = [p for p in kept if p is not project]
        cheaper = scenario.model_copy(update={"projects": rest})
        saved = now - recommend(cheaper, setup, a).annual_cost_usd
        alone = scenario.model_copy(update={"projects": [project]})
        fte = compute_demand(alone, a).fte[0].sum()
        return project.priority * float(fte) / max(saved, 1)

    return min(kept, key=worth)


def describe(advice: BudgetAdvice) -> str:
    """The advice in one line: cost, quality, and what is left out."""
    if advice.plan is None:
        return advice.message
    cost = format_usd(advice.plan.annual_cost_usd)
    return f"{cost} a year, quality {advice.quality:.1f}. {advice.message}"
