"""Budget advice that can ship: whole projects staffed by the setup's own rules, within a budget.

The exact best plan under a budget (:func:`mlplanner.search.frontier.best_under_budget`)
maximises the score over headcounts; every project then gets the same share of each role,
so a tight budget spreads thin. A manager funds projects instead. :func:`fund_projects`:

1. staffs a set of projects by the setup's rules (:func:`~mlplanner.model.staffing.staff` on
   their demand: generalists for a startup), plus one person able to deploy when a production
   project among them has deployment work and the rules staffed nobody who can (a full-stack
   data scientist where the setup uses them, else an ML engineer);
2. prices that team as the Plan page prices any allocation: its people, plus the outsourced
   annotation of the whole portfolio (bought whatever the team);
3. keeps every project while that fits the budget, and otherwise leaves out, one at a time, the
   project that gives up the least priority x FTE (its own demand) per dollar its removal
   saves, until the rest fits (a removal that saves nothing counts as saving one dollar).

The order of removals does not depend on the budget, only where it stops does: a larger budget
funds the same projects or more. The advice's plan is its allocation evaluated for the whole
portfolio, exactly what the Plan page shows once it is adopted; the score spreads each role over
every project, so it does not know which projects the advice meant for whom.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.cost import role_cost
from mlplanner.model.demand import compute_demand
from mlplanner.model.plan import Evaluation, evaluate
from mlplanner.model.roles import GENERALIST, PHASES
from mlplanner.model.scenario import Scenario
from mlplanner.model.staffing import choose_setup, staff
from mlplanner.model.wording import format_usd, joined, projects
from mlplanner.search.frontier import check_budget

# People able to deploy a model: ML engineers, backend developers and full-stack data scientists.
DEPLOYERS = ("ml_engineer", "developer", GENERALIST)
_DEPLOYMENT = PHASES.index("deployment")


@dataclass(frozen=True)
class BudgetAdvice:
    """What a budget buys by whole projects: the ``plan`` (its allocation evaluated for the
    whole portfolio; ``None`` when not even the team staffing no project fits), the projects it
    staffs and those it leaves unstaffed (scenario order), and ``smallest_cost_usd``, the cost
    of the team staffing no project (the existing team, the analytics baseline, outsourced
    annotation)."""

    plan: Evaluation | None
    funded: tuple[str, ...]
    unstaffed: tuple[str, ...]
    smallest_cost_usd: int

    @property
    def quality(self) -> float:
        """The plan's quality for the whole portfolio (0 without a plan)."""
        return 0.0 if self.plan is None else self.plan.quality

    @property
    def message(self) -> str:
        """One sentence on what the budget staffs and what it leaves out."""
        if self.plan is None:
            return (
                "The budget does not cover even the team that staffs no project: "
                f"{format_usd(self.smallest_cost_usd)} a year."
            )
        if not self.unstaffed:
            return "The budget staffs every project."
        if not self.funded:
            return "The budget staffs no project."
        total = projects(len(self.funded) + len(self.unstaffed))
        return (
            f"The budget staffs {len(self.funded)} of {total} and leaves unstaffed: "
            f"{joined(self.unstaffed)}."
        )

    def to_dict(self) -> dict[str, Any]:
        """The advice as JSON: ``funded`` and ``unstaffed`` project names, the plan's
        ``annual_cost_usd``, ``quality`` and ``allocation`` (null without a plan), ``message``."""
        plan = self.plan
        return {
            "funded": list(self.funded),
            "unstaffed": list(self.unstaffed),
            "annual_cost_usd": None if plan is None else plan.annual_cost_usd,
            "quality": None if plan is None else round(plan.quality, 2),
            "allocation": None if plan is None else plan.allocation,
            "message": self.message,
        }


def fund_projects(
    scenario: Scenario,
    budget_usd: float,
    setup: str | None = None,
    assumptions: Assumptions | None = None,
) -> BudgetAdvice:
    """The whole projects ``budget_usd`` staffs by the setup's rules (module docstring)."""
    budget = check_budget(budget_usd)
    pricing = _Pricing(scenario, setup, assumptions or Assumptions.defaults())
    kept = tuple(range(len(scenario.projects)))
    while kept and pricing.cost(kept) > budget:
        kept = pricing.without_least_worth(kept)
    names = tuple(project.name for project in scenario.projects)
    unstaffed = tuple(name for i, name in enumerate(names) if i not in kept)
    if pricing.cost(kept) > budget:
        return BudgetAdvice(None, (), unstaffed, pricing.cost(()))
    plan = evaluate(scenario, pricing.allocation(kept), setup, pricing.assumptions)
    funded = tuple(names[i] for i in kept)
    return BudgetAdvice(plan, funded, unstaffed, pricing.cost(()))


class _Pricing:
    """Team and cost of each set of the scenario's projects (by index), each set computed once:
    the removal loop asks for every kept project's removal at every step."""

    def __init__(self, scenario: Scenario, setup: str | None, assumptions: Assumptions) -> None:
        self.scenario = scenario
        self.setup = setup
        self.assumptions = assumptions
        self.chosen = choose_setup(scenario.company, assumptions, setup).setup
        uses_generalists = assumptions.setups[self.chosen].absorb_below_fte > 0
        self.deployer = GENERALIST if uses_generalists else "ml_engineer"
        own = compute_demand(scenario, assumptions).fte[: len(scenario.projects)]
        # Per project (its own work, [project, phase, role]): priority x FTE, and whether it is
        # a production model with deployment work.
        self.worth = [p.priority * float(own[i].sum()) for i, p in enumerate(scenario.projects)]
        self.deploys = [
            p.stage == "production" and float(own[i, _DEPLOYMENT].sum()) > 0
            for i, p in enumerate(scenario.projects)
        ]
        # Outsourced annotation: the whole portfolio's, whoever is staffed (0 people cost 0).
        self.vendor_usd = evaluate(scenario, {}, setup, assumptions).annual_cost_usd
        self._teams: dict[tuple[int, ...], dict[str, int]] = {}

    def allocation(self, kept: tuple[int, ...]) -> dict[str, int]:
        """The setup's team for the kept projects, with someone able to deploy if they need one."""
        team = self._teams.get(kept)
        if team is None:
            a = self.assumptions
            projects_kept = [self.scenario.projects[i] for i in kept]
            demand = compute_demand(self.scenario.model_copy(update={"projects": projects_kept}), a)
            existing = self.scenario.company.existing_team
            team = dict(staff(demand.by_role, existing, self.chosen, a).allocation)
            if any(self.deploys[i] for i in kept) and not any(team[r] for r in DEPLOYERS):
                team[self.deployer] += 1
            self._teams[kept] = team
        return team

    def cost(self, kept: tuple[int, ...]) -> int:
        """What the team for the kept projects costs a year, as the Plan page counts it."""
        region = self.scenario.company.region
        people = sum(
            role_cost(role, n, region, self.assumptions).annual_cost_usd
            for role, n in self.allocation(kept).items()
        )
        return people + self.vendor_usd

    def without_least_worth(self, kept: tuple[int, ...]) -> tuple[int, ...]:
        """``kept`` without the project that gives up the least priority x FTE per dollar its
        removal saves (the first of equals)."""
        now = self.cost(kept)

        def rest(i: int) -> tuple[int, ...]:
            return tuple(j for j in kept if j != i)

        def worth(i: int) -> float:
            return self.worth[i] / max(now - self.cost(rest(i)), 1)

        return rest(min(kept, key=worth))


def describe(advice: BudgetAdvice) -> str:
    """The advice in one line: cost, quality, what it staffs and what it leaves out."""
    if advice.plan is None:
        return advice.message
    cost = format_usd(advice.plan.annual_cost_usd)
    return f"{cost} a year, quality {advice.quality:.1f}. {advice.message}"
