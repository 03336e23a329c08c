"""Budget advice that can ship: whole projects staffed the setup's own way, within a budget.

The exact best plan under a budget (:func:`mlplanner.search.frontier.best_under_budget`)
maximises the score over headcounts; every project then gets the same share of each role,
so a tight budget spreads thin. A manager funds projects instead. :func:`fund_projects`:

1. staffs the whole portfolio with the recommended plan (the setup's rules' plan reshaped for
   the rules' cost, and changed beyond it where worth its cost within the scenario's budget:
   :mod:`mlplanner.model.shaping`), or where that does not fit the plan recommended for the
   budget given (grown only within it), or else the best plan of the setup's space within
   the budget where it scores at least as high as the setup's rules' plan for every project
   (the team sized on the whole portfolio's demand: a plan as good as that one staffs every
   project as well as the setup's own sizing does); all of them have someone able to deploy
   a production model, like any plan of the setup's space
   (:mod:`mlplanner.model.setup_space`);
2. prices a team as the Plan page prices any allocation: its people, plus the outsourced
   annotation of the whole portfolio (bought whatever the team);
3. keeps every project when step 1 finds a team within the budget, and otherwise leaves
   out projects in one fixed order, the lowest priority first and among equal priorities the
   dearest first (its own work: its FTE per role at the roles' loaded rates), so that the
   budget ships as many whole projects as it can, as few as make the rest's rules' team fit
   (found by bisection: the rules never staff fewer projects with a dearer team; a few
   pricings, so 200 projects take milliseconds), then takes back each project left out that
   costs nothing more to keep (the existing team staffs it: leaving it out would save
   nothing, since nobody is let go);
4. spends what is left on the project left out last, in part: the kept projects' demand plus
   the largest whole percentage of what that project adds whose rules' team still fits; a
   share that staffs nobody more, or whose people raise no quality (an annotator alone,
   with nobody to build the model), is none.

The projects kept (and the part) are staffed by the setup's rules' team for their work
reshaped within the setup's space for that work, for no more than that team costs, as the
recommended plan is shaped, and scored for the whole portfolio as the advice's plan is
(:meth:`_Pricing.shaped`): with someone able to deploy their production models, never
dearer and never scoring lower than the rules' team, so it fits wherever that team does.
(Until December 2026 the rules' team itself was the advice: a 400-person e-commerce
company's search model and two thirds of its recommender at 80% of its plan's cost got four
full-stack data scientists among 21 people, 54.5 for $4.78M, where the reshaped team scores
72.9 for less; and a fintech at 98% of its recommended plan's cost was told to leave its
credit model out in part, scoring 58.4, where the best plan within the budget staffed both at
91.5. Shaped for the kept work's own score instead, and grown within the budget, the teams
were better for that work, but the advice's figure, scored for the whole portfolio, fell as
the budget rose at 8 of 715 budgets of 23 companies, from 40 to 104% of their plans; now it
never does there, with a mean quality of 49.2 against 46.8 with the rules' teams. A
reshaped team can cost less than the rules' team, and that money is not spent elsewhere: a
mean of $96k a budget is left unspent, against $86k.)

The order of removals does not depend on the budget, only where it stops does; step 1's
plan within the budget only rises in quality with the budget, so once it staffs every
project a larger budget does too. A larger
budget never funds fewer of the projects in that order's kept end, but a project taken back
in step 3 (one the existing team staffs) can be left out with more money, where the projects
the larger budget keeps take that team's time first; it drops out only for a project of at
least its priority. (Keeping, after the part, each smaller project whose whole team still
fits what is left was tried and undone: a review found an insurer's quality falling from
61.0 to 54.3 when its budget rose by $74k, as the part grew into the money that had kept a
project whole.) The advice's plan is its allocation evaluated for the whole portfolio, exactly
what the Plan page shows once it is adopted; the score spreads each role over every project,
so it does not know which projects the advice meant for whom.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

import numpy as np

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.cost import role_cost
from mlplanner.model.demand import Demand, compute_demand
from mlplanner.model.plan import Evaluation, evaluate, recommend, rules_and_space
from mlplanner.model.roles import SPECIALIST_ROLES
from mlplanner.model.scenario import Scenario
from mlplanner.model.scoring import ScoringContext, scoring_context
from mlplanner.model.shaping import shape
from mlplanner.model.staffing import choose_setup, staff
from mlplanner.model.wording import format_usd, joined, projects
from mlplanner.search.frontier import best_within, check_budget
from mlplanner.search.pareto import QUALITY_TOLERANCE
from mlplanner.search.problem import search_problem

# Up to this many projects staffed whole are named in the advice's sentence, which always
# names the projects left out (and the one in part): "staffs 1 of 7 projects, Fraud in part"
# left a reader guessing which project was whole.
NAMED_FUNDED = 5


@dataclass(frozen=True)
class Part:
    """A project staffed in part: for ``percent`` of the work it adds to the portfolio."""

    project: str
    percent: int


@dataclass(frozen=True)
class BudgetAdvice:
    """What a budget buys by whole projects: the ``plan`` (its allocation evaluated for the
    whole portfolio; ``None`` when not even the team staffing no project fits), the projects it
    staffs whole, the one it staffs in ``part`` (if any) and those it leaves unstaffed
    (scenario order), and ``smallest_cost_usd``, the cost of the team staffing no project (the
    existing team, the analytics baseline, outsourced annotation)."""

    plan: Evaluation | None
    funded: tuple[str, ...]
    part: Part | None
    unstaffed: tuple[str, ...]
    smallest_cost_usd: int

    @property
    def quality(self) -> float:
        """The plan's quality for the whole portfolio (0 without a plan)."""
        return 0.0 if self.plan is None else self.plan.quality

    @property
    def message(self) -> str:
        """One sentence on what the budget staffs and what it leaves out."""
        if self.plan is not None and not (self.funded or self.unstaffed or self.part):
            return "No projects yet."
        return f"The budget {self.what_it_staffs}."

    @property
    def what_it_staffs(self) -> str:
        """``staffs 2 of 4 projects (Pricing and Reporting), Churn in part (40% of its work),
        and leaves unstaffed: …``, to follow a name for the budget (the projects staffed
        whole named when there are at most :data:`NAMED_FUNDED`)."""
        if self.plan is None:
            return (
                "does not cover even the team that staffs no project: "
                f"{format_usd(self.smallest_cost_usd)} a year"
            )
        if not self.unstaffed and self.part is None:
            return "staffs every project"
        total = len(self.funded) + len(self.unstaffed) + (self.part is not None)
        whole = f"{len(self.funded)} of {projects(total)}" if self.funded else "no project"
        if 0 < len(self.funded) <= NAMED_FUNDED:
            whole += f" ({joined(self.funded)})"
        clauses = [f"staffs {whole}"]
        if self.part is not None:
            clauses.append(f"{self.part.project} in part ({self.part.percent}% of its work)")
        text = ", ".join(clauses)
        if self.unstaffed:
            comma = "," if self.part is not None else ""
            text += f"{comma} and leaves unstaffed: {joined(self.unstaffed)}"
        return text

    def to_dict(self) -> dict[str, Any]:
        """The advice as JSON: ``funded`` and ``unstaffed`` project names, ``part`` (``project``
        and ``percent``, or null), the plan's ``annual_cost_usd``, ``quality`` and
        ``allocation`` (null without a plan), ``message``."""
        plan = self.plan
        part = self.part
        return {
            "funded": list(self.funded),
            "part": None if part is None else {"project": part.project, "percent": part.percent},
            "unstaffed": list(self.unstaffed),
            "annual_cost_usd": None if plan is None else plan.annual_cost_usd,
            "quality": None if plan is None or not plan.scored else round(plan.quality, 2),
            "allocation": None if plan is None else plan.allocation,
            "message": self.message,
        }


def fund_projects(
    scenario: Scenario,
    budget_usd: float,
    setup: str | None = None,
    assumptions: Assumptions | None = None,
) -> BudgetAdvice:
    """The whole projects ``budget_usd`` staffs (every one, when step 1 of the module
    docstring finds a plan for them all within it), and the rest spent on the next project in
    line (module docstring)."""
    budget = check_budget(budget_usd)
    pricing = _Pricing(scenario, setup, assumptions or Assumptions.defaults())
    names = tuple(project.name for project in scenario.projects)
    smallest = pricing.cost(pricing.team(()))
    whole = pricing.whole_team(budget)
    if whole is not None:
        plan = evaluate(scenario, whole, setup, pricing.assumptions)
        return BudgetAdvice(plan, names, None, (), smallest)
    order = pricing.removal_order()
    out = pricing.fewest_removals(order, budget)
    kept = pricing.taken_back(order, out)
    left = [i for i in order[:out] if i not in kept]
    last_out = left[-1] if left else None
    rules = pricing.team(kept)
    if pricing.cost(rules) > budget:
        return BudgetAdvice(None, (), None, names, smallest)
    plan = evaluate(scenario, pricing.shaped(kept), setup, pricing.assumptions)
    part = None  # a share staffing nobody more, or nobody who adds quality, is no part at all
    if last_out is not None:
        percent = pricing.largest_share(kept, last_out, budget)
        if pricing.team(kept, last_out, percent) != rules:
            more = pricing.shaped(kept, last_out, percent)
            with_part = evaluate(scenario, more, setup, pricing.assumptions)
            if with_part.quality > plan.quality + QUALITY_TOLERANCE:
                plan, part = with_part, Part(names[last_out], percent)
    funded = tuple(names[i] for i in kept)
    staffed = set(kept) | ({last_out} if part is not None else set())
    unstaffed = tuple(name for i, name in enumerate(names) if i not in staffed)
    return BudgetAdvice(plan, funded, part, unstaffed, smallest)


def advised_team(
    scenario: Scenario,
    part: Part | None,
    setup: str | None,
    assumptions: Assumptions,
    portfolio: Scenario | None = None,
) -> dict[str, int]:
    """The team for the scenario's projects as :func:`fund_projects` staffs the projects it
    keeps, the project ``part`` names (if any) for its percentage of the work only, shaped for
    the score of ``portfolio``'s work (the scenario's unless given: the advice's whole
    scenario). The hiring timeline staffs each quarter's funded projects with it."""
    pricing = _Pricing(scenario, setup, assumptions, portfolio)
    names = [project.name for project in scenario.projects]
    if part is None or part.project not in names:
        return pricing.shaped(tuple(range(len(names))))
    at = names.index(part.project)
    kept = tuple(i for i in range(len(names)) if i != at)
    return pricing.shaped(kept, at, part.percent)


class _Pricing:
    """Team and cost of each set of the scenario's projects (by index), each set's demand
    computed once; teams are shaped for the score of ``portfolio``'s work (the scenario's
    unless given: the whole scenario the advice was given for, where a timeline staffs a
    quarter's projects)."""

    def __init__(
        self,
        scenario: Scenario,
        setup: str | None,
        assumptions: Assumptions,
        portfolio: Scenario | None = None,
    ) -> None:
        self.scenario = scenario
        self.setup = setup
        self.assumptions = assumptions
        self.chosen = choose_setup(scenario.company, assumptions, setup).setup
        self._demand: dict[tuple[int, ...], Demand] = {}
        self._portfolio = portfolio or scenario

    @cached_property
    def context(self) -> ScoringContext:
        """The scoring context of the whole portfolio's work: what the advice's plan is scored
        for, and so what a set's team is shaped for."""
        demand = compute_demand(self._portfolio, self.assumptions)
        return scoring_context(demand, self._portfolio.company.region, self.assumptions)

    @cached_property
    def own(self) -> np.ndarray:
        """[project, role]: each project's own FTE per role."""
        own = compute_demand(self.scenario, self.assumptions).fte[: len(self.scenario.projects)]
        return np.asarray(own.sum(axis=1))

    @cached_property
    def vendor_usd(self) -> int:
        """Outsourced annotation: the whole portfolio's, whoever is staffed (0 people cost 0).
        Worked out when a cost is first asked for (:func:`advised_team` prices nothing)."""
        return evaluate(self.scenario, {}, self.setup, self.assumptions).annual_cost_usd

    def demand(self, kept: tuple[int, ...]) -> Demand:
        """The demand of the kept projects, the baseline and their shared platform work."""
        found = self._demand.get(kept)
        if found is None:
            chosen = [self.scenario.projects[i] for i in kept]
            subset = self.scenario.model_copy(update={"projects": chosen})
            found = compute_demand(subset, self.assumptions)
            self._demand[kept] = found
        return found

    def whole_team(self, budget: float) -> dict[str, int] | None:
        """The team for every project within ``budget``, if there is one: the recommended plan
        if it fits, else the plan recommended for ``budget`` (the people worth their cost it
        adds must fit it), else the best plan of the setup's space within the budget
        (:func:`~mlplanner.search.frontier.best_under_budget`) where it scores at least as
        high as the setup's rules' plan for every project (the team sized on every project's
        demand), so it staffs every project as well as that team; else ``None``. Like any plan
        of the setup's space, each has someone able to deploy a production model."""
        plan = recommend(self.scenario, self.setup, self.assumptions)
        if self.cost(plan.allocation) <= budget:
            return dict(plan.allocation)
        company = self.scenario.company.model_copy(update={"annual_budget_usd": budget})
        budgeted = recommend(
            self.scenario.model_copy(update={"company": company}), self.setup, self.assumptions
        )
        if self.cost(budgeted.allocation) <= budget:
            return dict(budgeted.allocation)
        shaping = plan.shaping
        if shaping is None or not self.scenario.projects:
            return None
        best = best_within(search_problem(self.scenario, self.assumptions, self.setup), budget)
        if best is None or best.quality < shaping.rules_quality - QUALITY_TOLERANCE:
            return None
        return dict(best.allocation)

    def staffed(self, kept: tuple[int, ...], part: int | None = None, percent: int = 0) -> Demand:
        """The demand of the kept projects and ``percent`` of the work project ``part`` adds to
        them: that project's own work scaled by the share, and each other source's (the
        baseline, the shared platform work) taken that share of the way from its demand
        without the project to its demand with it."""
        demand = self.demand(kept)
        if part is None or percent <= 0:
            return demand
        both = tuple(sorted((*kept, part)))
        more, share = self.demand(both), percent / 100
        rows = [i for i in range(len(more.sources)) if i != both.index(part)]
        fte, vendor = more.fte * share, more.vendor_fte * share
        fte[rows] += (1 - share) * demand.fte
        vendor[rows] += (1 - share) * demand.vendor_fte
        return replace(more, fte=fte, vendor_fte=vendor)

    def team(
        self, kept: tuple[int, ...], part: int | None = None, percent: int = 0
    ) -> dict[str, int]:
        """The setup's rules' team for the kept projects and ``percent`` of the work project
        ``part`` adds to them: what the budget's fit is judged by, since the rules never
        staff less work with a dearer team."""
        demand = self.staffed(kept, part, percent)
        existing = self.scenario.company.existing_team
        return staff(
            demand.by_role, existing, self.chosen, self.assumptions, deploys=demand.deploys
        ).allocation

    def shaped(
        self, kept: tuple[int, ...], part: int | None = None, percent: int = 0
    ) -> dict[str, int]:
        """The team the advice staffs that work with: the rules' team for it (:meth:`team`)
        reshaped within the setup's space of plans for that work for no more than it costs
        (:func:`~mlplanner.model.shaping.shape`, no change beyond it), scored as the advice's
        plan is, for the whole portfolio (:attr:`context`): never dearer and never below the
        rules' team's score; the rules' team itself where there is no project."""
        demand = self.staffed(kept, part, percent)
        existing = self.scenario.company.existing_team
        staffing, space = rules_and_space(demand, existing, self.chosen, self.assumptions)
        reshape = bool(kept) or percent > 0
        shaping = shape(self.context, space, staffing.allocation, reshape, beyond=False)
        return shaping.allocation

    def cost(self, team: Mapping[str, int]) -> int:
        """What a team costs a year, as the Plan page counts it."""
        region = self.scenario.company.region
        people = sum(
            role_cost(role, n, region, self.assumptions).annual_cost_usd for role, n in team.items()
        )
        return people + self.vendor_usd

    def removal_order(self) -> list[int]:
        """Projects in the order they are left out: lowest priority first, and among equal
        priorities the dearest first (its own work: its FTE per role at the roles' loaded
        rates; the first of equals), so that the budget ships as many whole projects as it
        can. A manager's priority is not traded for size: a priority-5 churn model is not
        left out to fund a priority-3 vision prototype. Ranked by FTE per dollar instead,
        cheap in-house annotation made a labelling-heavy project look worth more per dollar:
        an insurer's $4M funded 61% of a priority-5 fraud model with annotators and left out
        its priority-5 pricing model."""
        region = self.scenario.company.region
        rates = np.array(
            [role_cost(r, 1, region, self.assumptions).annual_cost_usd for r in SPECIALIST_ROLES]
        )
        dollars = (self.own @ rates).tolist()
        priority = [p.priority for p in self.scenario.projects]
        return sorted(range(len(dollars)), key=lambda i: (priority[i], -dollars[i], i))

    def fewest_removals(self, order: list[int], budget: float) -> int:
        """How many projects, from the start of ``order``, must be left out for the rest's team
        to fit ``budget``, when the whole portfolio's team does not (at least one; all of them
        if not even none fits). Bisection: fewer projects never make a dearer team."""

        def fits(out: int) -> bool:
            return self.cost(self.team(tuple(sorted(order[out:])))) <= budget

        low, high = 0, len(order)  # ``low`` removals do not fit, ``high`` do (or are all)
        while high - low > 1:
            middle = (low + high) // 2
            if fits(middle):
                high = middle
            else:
                low = middle
        return high

    def taken_back(self, order: list[int], out: int) -> tuple[int, ...]:
        """The projects kept: those after the first ``out`` of ``order``, and each of the
        first ``out`` that costs nothing more to keep (the team staffing the kept projects
        staffs it too: the existing team's people, say), the most valuable first. Leaving
        such a project out saves nothing: nobody is let go."""
        kept = set(order[out:])
        now = self.cost(self.team(tuple(sorted(kept))))
        for i in reversed(order[:out]):
            if self.cost(self.team(tuple(sorted(kept | {i})))) <= now:
                kept.add(i)  # the same cost or less: never more than the budget's fit
        return tuple(sorted(kept))

    def largest_share(self, kept: tuple[int, ...], part: int, budget: float) -> int:
        """The largest whole percentage (0-99) of project ``part`` whose team with the kept
        projects fits ``budget`` (bisection: more work never means a cheaper team)."""
        low, high = 0, 100  # the team at ``low`` fits, at ``high`` (the whole project) not
        while high - low > 1:
            middle = (low + high) // 2
            if self.cost(self.team(kept, part, middle)) <= budget:
                low = middle
            else:
                high = middle
        return low


def describe(advice: BudgetAdvice) -> str:
    """The advice in one line: cost, quality, what it staffs and what it leaves out."""
    if advice.plan is None:
        return advice.message
    cost = format_usd(advice.plan.annual_cost_usd)
    quality = f"quality {advice.quality:.1f}" if advice.plan.scored else "no quality score"
    return f"{cost} a year, {quality}. {advice.message}"
