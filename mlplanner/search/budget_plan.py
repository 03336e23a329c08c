"""Budget advice that can ship: whole projects staffed the setup's own way, within a budget.

The exact best plan under a budget (:func:`mlplanner.search.frontier.best_under_budget`)
maximises the score over headcounts with everyone on every project; a manager may rather fund
some projects whole and leave the rest waiting. :func:`fund_projects` weighs both:

1. staffs the whole portfolio with the recommended plan (the setup's rules' plan reshaped for
   the rules' cost, and changed beyond it where worth its cost within the scenario's budget:
   :mod:`mlplanner.model.shaping`) or, where that does not fit, the plan recommended for the
   budget given (grown only within it), when one of them fits (a plan recommended for a
   budget it spreads thin gives way to the best plan within the budget where that scores
   visibly more);
2. otherwise funds whole projects (:func:`by_whole_projects`, steps 3 to 5) and compares them
   with the best plan of the setup's space within the budget, everyone on every project, and
   with the whole projects' own team put on every project: the advice is whichever scores
   highest for the whole portfolio (on a tie, whole projects first, then the space's best).
   Whole projects are scored with their team on the work they staff and the rest of the
   portfolio delivering nothing (:meth:`_Pricing.staffed_quality`), so a project the advice
   calls unstaffed counts for nothing in its figure, and the team's coordination is judged
   by the teams that work needs. Their team, spread, is weighed where it can deploy every
   production model; it is not always a plan of the setup's space, which also keeps an
   annotator wherever there is in-house annotation: the work it keeps may need none;
3. by whole projects, leaves out projects in one fixed order, the lowest priority first and
   among equal priorities the dearest first (its own work: its FTE per role at the roles'
   loaded rates), as few as make the rest's rules' team fit (found by bisection: the rules
   never staff fewer projects with a dearer team; a few pricings, so 200 projects take
   milliseconds), then takes back each project left out that costs nothing more to keep (the
   existing team staffs it: leaving it out would save nothing, since nobody is let go); one
   removal more is tried too and kept where it scores higher (its projects left out may be
   ones the existing team then staffs at no cost, with more money left for the part);
4. spends what is left on the project left out last, in part: the kept projects and that
   project planned for the largest whole percentage of its work whose rules' team still fits
   (:func:`~mlplanner.model.scenario.in_part`: its own work, labelling and place on the
   shared platform curve scaled), or the smallest the same rules' team staffs where that
   scores more; a share that staffs nobody more, or whose people raise no quality (an
   annotator alone, with nobody to build the model), is none;
5. weighs too the projects that fit taken highest priority first, each kept where its rules'
   team with those before it fits the budget and skipped where not, with the highest-priority
   project skipped staffed in part as in step 4; kept where it scores visibly more (by
   :data:`~mlplanner.model.quality.SHOWN_POINTS`) and its rules' team is someone. Leaving
   out in order alone, a project that does not fit drops every project of lower priority
   with it.

Projects on hold (``Project.on_hold``) are not weighed: the advice is about the others. A
team prices as the Plan page prices any allocation: its people, plus the outsourced
annotation of the work it staffs (a project in part, that share of its labelling). Until
December 2026 it priced the whole portfolio's labelling whatever it left out, so that an
adopted advice cost what it said: a review's $3.35M budget, above a $3.31M payroll, was
refused for $70k of labelling of a project the advice would drop. Adopting the advice now puts
the projects it leaves unstaffed on hold and plans the project in part for its share
(``work_percent``), so the Plan page prices and scores what it did (adopted whole, a
hospital's part had scored 64.0 where the advice said 88.3: its team was judged against the
whole project). Every plan has someone able to deploy each production model it staffs (the
setup's space requires one; the staffing rules add the setup's deployer). The projects kept
(and the part) are staffed by the setup's rules' team for their work reshaped within the
setup's space for that work, for no more than that team costs, then changed beyond that cost
where a change is worth it within the budget, as the recommended plan is shaped
(:meth:`_Pricing.shaped`): never scoring lower than the rules' team on that work.

*Choice* (December 2026). Until then whole projects were the advice unless the best plan
within the budget scored at least as high as the setup's rules' plan, and they were scored,
like any plan, with everyone on every project. A review as a head of ML found the labels
false against that score: a French retailer at 90% of its plan was told to leave three live
models unstaffed, with the same team as the best plan within the budget, whose score had them
delivering 95% while a "staffed" project delivered 86%; a Canadian insurer's advice, at $250k
more, switched off three live models and left $342k unspent; and small budget teams were
scored against the leads the whole portfolio needs (a five-person team "gained" 13 points
from a lead). On 664 budgets of 22 companies (40 to 104% of their plans) the advice now keeps
every project at 418 (151 before), never scores lower with more money, and leaves a mean of
$67k unspent (against $104k). That last does not hold everywhere: a review's 300 random
scenarios (December 2026) found 20 where more money scores lower, the project in part grown
and its team thinner (21% of a project for 70.9, 54% of it for 67.4), since the share taken
was the largest whose team fits, not the best-scoring one. Weighing also the smallest share
that same team staffs, a later review's 3,400 random budgets found 10 such falls (the
largest 3.8 points), where 18 (8.3) had been found just before. Step 5 (December 2026) scores
higher at 20 of 640 budgets of eight companies (a gaming studio's $1.2M from 3.4 to 8.3 points:
its churn model whole instead of its employed team spread over four projects) and lower at
none; on those budgets more money scores lower 4 times (the largest 1.7 points) against 3
(1.6) before: the first fit of a larger budget can keep a dearer high-priority project.

The order of removals does not depend on the budget, only where it stops does. A larger
budget never funds fewer of the projects in that order's kept end, but a project taken back
in step 3 (one the existing team staffs) can be left out with more money, where the projects
the larger budget keeps take that team's time first; it drops out only for a project of at
least its priority. (Keeping, after the part, each smaller project whose whole team still
fits what is left was tried and undone: a review found an insurer's quality falling from
61.0 to 54.3 when its budget rose by $74k, as the part grew into the money that had kept a
project whole.) The advice's ``plan`` is its allocation evaluated for the scenario with the
projects it leaves unstaffed on hold (:meth:`_Pricing.holding`), everyone on every other
project: exactly what the Plan page shows once it is adopted.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

import numpy as np

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.cost import role_cost, vendor_lines
from mlplanner.model.demand import Demand, compute_demand
from mlplanner.model.plan import Evaluation, evaluate, recommend, rules_and_space
from mlplanner.model.quality import SHOWN_POINTS, work_weight
from mlplanner.model.roles import ROLES, SPECIALIST_ROLES
from mlplanner.model.scenario import Scenario, in_part
from mlplanner.model.scoring import ScoringContext, score, scoring_context
from mlplanner.model.shaping import shape
from mlplanner.model.staffing import choose_setup, staff
from mlplanner.model.wording import format_usd, joined, projects
from mlplanner.search.frontier import best_within, cheapest_scoring, check_budget, frontier
from mlplanner.search.pareto import QUALITY_TOLERANCE
from mlplanner.search.problem import SearchProblem, search_problem

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
    scenario with the projects it leaves unstaffed on hold, everyone on every other project,
    as the Plan page scores it once adopted; ``None`` when not even the team staffing no
    project fits), the projects it staffs whole, the one it staffs in ``part`` (if any) and
    those it leaves unstaffed (scenario order; projects already on hold are in none of these),
    ``smallest_cost_usd``, the cost of the team staffing no project (the existing team and the
    analytics baseline; without a plan, the cheapest team any advice buys, which the setup's
    cheapest plan can undercut), and ``quality``: the portfolio's score with the team on the
    work it staffs, the work left out delivering nothing (:meth:`_Pricing.staffed_quality`;
    the plan's own quality when every project is staffed; 0 without a plan); ``thin`` when it
    staffs every project with a team for less than the recommended plan (the best plan within
    the budget, or the whole projects' team spread)."""

    plan: Evaluation | None
    funded: tuple[str, ...]
    part: Part | None
    unstaffed: tuple[str, ...]
    smallest_cost_usd: int
    quality: float = 0.0
    thin: bool = False  # every project, with a team below the recommended plan's

    @property
    def leaves_work_out(self) -> bool:
        """Whether the plan has people and leaves some of the work out (its ``quality`` then
        differs from its plan's, which scores only the projects it staffs)."""
        plan = self.plan
        some = plan is not None and plan.total_headcount > 0
        return some and (bool(self.unstaffed) or self.part is not None)

    @property
    def message(self) -> str:
        """One sentence on what the budget staffs and what it leaves out."""
        if self.plan is not None and not (self.funded or self.unstaffed or self.part):
            return "No projects to plan: none yet, or every one on hold."
        return f"The budget {self.what_it_staffs}."

    @property
    def what_it_staffs(self) -> str:
        """``staffs 2 of 4 projects (Pricing and Reporting), Churn in part (40% of its work),
        and leaves unstaffed: …``, to follow a name for the budget (the projects staffed
        whole named when there are at most :data:`NAMED_FUNDED`)."""
        if self.plan is None:
            text = (
                "does not cover even the cheapest team it can advise: "
                f"{format_usd(self.smallest_cost_usd)} a year"
            )
            if self.funded:
                text += (
                    f"; the people already employed staff {joined(self.funded)} at no more "
                    "cost, and nobody is hired"
                )
            return text
        if not self.unstaffed and self.part is None:
            if self.thin:
                return "spreads a cheaper team than the recommended plan over every project"
            return "staffs every project"
        total = len(self.funded) + len(self.unstaffed) + (self.part is not None)
        clauses = []
        if self.funded or self.part is None:  # "staffs no project, Churn in part" read oddly
            whole = f"{len(self.funded)} of {projects(total)}" if self.funded else "no project"
            if 0 < len(self.funded) <= NAMED_FUNDED:
                whole += f" ({joined(self.funded)})"
            clauses.append(whole)
        if self.part is not None:
            clauses.append(f"{self.part.project} in part ({self.part.percent}% of its work)")
        text = "staffs " + ", ".join(clauses)
        if self.unstaffed:
            comma = "," if self.part is not None else ""
            text += f"{comma} and leaves unstaffed: {joined(self.unstaffed)}"
        return text

    @property
    def once_adopted(self) -> str:
        """How the Plan page scores the plan once adopted, for a parenthesis: "61.2 once
        adopted: adopting puts the projects it leaves unstaffed on hold and plans Churn for 40%
        of its work, and the Plan page scores that work" ("" without a plan)."""
        plan = self.plan
        if plan is None:
            return ""
        if not plan.scored:
            return "no score once adopted: adopting puts every project on hold"
        actions = ["puts the projects it leaves unstaffed on hold"] if self.unstaffed else []
        if self.part is not None:
            actions.append(f"plans {self.part.project} for {self.part.percent}% of its work")
        done = f": adopting {' and '.join(actions)}, and the Plan page scores that work"
        return f"{plan.quality:.1f} once adopted{done if actions else ''}"

    def to_dict(self) -> dict[str, Any]:
        """The advice as JSON: ``funded`` and ``unstaffed`` project names, ``part`` (``project``
        and ``percent``, or null), the plan's ``annual_cost_usd``, ``quality`` and
        ``quality_once_adopted`` (its people scored on the projects it staffs, those it leaves
        unstaffed on hold, as the Plan page scores it once adopted) and ``allocation`` (null
        without a plan), ``message``."""
        plan = self.plan
        part = self.part
        return {
            "funded": list(self.funded),
            "part": None if part is None else {"project": part.project, "percent": part.percent},
            "unstaffed": list(self.unstaffed),
            "annual_cost_usd": None if plan is None else plan.annual_cost_usd,
            "quality": (
                None
                if plan is None or not (plan.scored or self.leaves_work_out)
                else round(self.quality, 2)
            ),
            "quality_once_adopted": (
                None if plan is None or not plan.scored else round(plan.quality, 2)
            ),
            "allocation": None if plan is None else plan.allocation,
            "message": self.message,
        }


def fund_projects(
    scenario: Scenario,
    budget_usd: float,
    setup: str | None = None,
    assumptions: Assumptions | None = None,
) -> BudgetAdvice:
    """What ``budget_usd`` buys (module docstring): the recommended plan or the plan
    recommended for the budget where one fits; otherwise whole projects
    (:func:`by_whole_projects`), unless a team on every project scores higher: the best plan
    within the budget, or the whole projects' own team where it can deploy every production
    model (its advice is then ``thin``)."""
    budget = check_budget(budget_usd)
    pricing = _Pricing(scenario, setup, assumptions or Assumptions.defaults())
    return _settled(pricing, _advised(pricing, budget))


def _advised(pricing: _Pricing, budget: float) -> BudgetAdvice:
    """:func:`fund_projects`' choice, before :func:`_settled`."""
    whole = pricing.recommended_within(budget)
    if whole is not None:
        # the plan recommended for a budget below the scenario's own plan is a cheaper team
        # (a fintech's 71.1 against 89.2 read "staffs every project"); where the best plan
        # within the budget scores visibly more, that one (a change the budget stops by $1,
        # the plan recommended for it scored 73.9 where $625k bought 76.5)
        thin = pricing.cost(whole) < pricing.recommended_cost
        advice = pricing.everyone(whole, thin=thin)
        best = pricing.best_within(budget) if thin else None
        if best is not None and pricing.spread_quality(best) > advice.quality + SHOWN_POINTS:
            advice = pricing.everyone(best, thin=True)
        return advice
    focused = _by_whole_projects(pricing, budget)
    advice = focused
    spread = pricing.best_within(budget)
    if spread is not None and pricing.spread_quality(spread) > advice.quality + QUALITY_TOLERANCE:
        advice = pricing.everyone(spread, thin=True)
    # The whole projects' team on every project: within the budget too, and not always a plan
    # of the setup's space (the work it keeps may need no annotator the rest needs), so the
    # best plan within the budget can miss it. An insurer's focused team scored 10.0 on the
    # work it kept and 15.1 spread, against 7.8 for that best plan. Spread, it staffs every
    # production model, so it must be able to deploy them.
    plan = focused.plan
    if focused.leaves_work_out and plan is not None and pricing.deploys_all(plan.allocation):
        team = pricing.everyone(plan.allocation, thin=True)
        fits = pricing.cost(plan.allocation) <= budget  # with every project's labelling
        if fits and team.quality > advice.quality + QUALITY_TOLERANCE:
            advice = team
    return advice


def _settled(pricing: _Pricing, advice: BudgetAdvice) -> BudgetAdvice:
    """The advice as said: nobody (no one employed, no one hired) is no advice, whatever it
    would call staffed (a company employing nobody read a table of zeros and "what would
    raise quality" at $0, where one employing people read that the budget buys no plan; a
    mature company's live model below the rules' cut read "staffs 1 of 2 projects" with
    nobody); without a plan, the floor said is :attr:`_Pricing.floor`."""
    if not pricing.every:  # no projects, or every one on hold: nothing to advise on
        return advice
    if advice.plan is not None and advice.plan.total_headcount == 0:
        advice = BudgetAdvice(None, (), None, pricing.planned, advice.smallest_cost_usd)
    if advice.plan is None:
        advice = replace(advice, smallest_cost_usd=pricing.floor)
    return advice


def by_whole_projects(
    scenario: Scenario,
    budget_usd: float,
    setup: str | None = None,
    assumptions: Assumptions | None = None,
) -> BudgetAdvice:
    """What ``budget_usd`` buys by whole projects alone (module docstring, steps 3 to 5),
    where the recommended plan does not fit: the projects kept, the one in part and their
    team, scored with the team on that work."""
    budget = check_budget(budget_usd)
    return _by_whole_projects(
        _Pricing(scenario, setup, assumptions or Assumptions.defaults()), budget
    )


def _by_whole_projects(pricing: _Pricing, budget: float) -> BudgetAdvice:
    order = pricing.removal_order()
    out = pricing.fewest_removals(order, budget)
    advice = _leaving_out(pricing, budget, order, out)
    if advice.plan is None:
        return advice
    if out < len(order):
        # One removal more can score higher: the projects it leaves out may be ones the
        # existing team then staffs at no cost (taken back), with more left for the part (an
        # insurer's advice kept its new build whole and left three live models unstaffed; one
        # removal more keeps the four live models and 58% of the build, 49.2 against 48.1).
        # Two to four more never scored higher than these two, on 633 budgets of 22
        # companies. It must score visibly more: a media group's recommender was otherwise
        # staffed "in part (99% of its work)" instead of whole, for a gain the app shows as
        # none.
        more = _leaving_out(pricing, budget, order, out + 1)
        if more.quality > advice.quality + SHOWN_POINTS:
            advice = more
    # Step 5: the projects that fit, highest priority first, skipping those that do not.
    # Where a high-priority project alone costs more than the budget, leaving out in order
    # drops every project below it too: a review's gaming studio, whose priority-5 anti-cheat
    # model did not fit $1.2M, spread its employed team and an annotator over every project
    # (3.4 points), where one generalist more shipped its churn model (8.3).
    kept = pricing.first_fit(order, budget, out)
    staffs = any(pricing.team(kept).values())  # a rules' team of nobody staffs nothing
    if staffs and tuple(pricing.names[i] for i in kept) != advice.funded:
        fit = _keeping(pricing, budget, order, kept)
        if fit.quality > advice.quality + SHOWN_POINTS:
            advice = fit
    return advice


def _leaving_out(pricing: _Pricing, budget: float, order: list[int], out: int) -> BudgetAdvice:
    """Whole projects with the first ``out`` of ``order`` left out (steps 3 and 4 of the
    module docstring)."""
    names = pricing.names
    kept = pricing.taken_back(order, out)
    if pricing.priced(kept) > budget:
        # No plan, but the people already employed still staff what costs nothing more (a
        # retailer's eight analysts ran its live dashboards, which read "left out by the
        # budget")
        employed = any(pricing.scenario.company.existing_team.values())
        free = tuple(names[i] for i in kept) if out >= len(order) and employed else ()
        rest = tuple(name for name in pricing.planned if name not in free)
        return BudgetAdvice(None, free, None, rest, pricing.smallest)
    return _keeping(pricing, budget, order, kept)


def _keeping(
    pricing: _Pricing, budget: float, order: list[int], kept: tuple[int, ...]
) -> BudgetAdvice:
    """Whole projects ``kept`` (their rules' team fits the budget) and, in part, the last of
    ``order`` left out (step 4 of the module docstring)."""
    names = pricing.names
    left = [i for i in order if i not in kept]
    last_out = left[-1] if left else None
    rules = pricing.team(kept)
    team = pricing.shaped(kept, budget=budget)
    quality = pricing.staffed_quality(team, kept)
    part = None  # a share staffing nobody more, or nobody who adds quality, is no part at all
    if last_out is not None:
        largest = pricing.largest_share(kept, last_out, budget)
        if largest > 0 and pricing.team(kept, last_out, largest) != rules:
            # The largest share that fits, or the smallest the same rules' team staffs: more
            # work for the same people can score less (a review saw $10k more buy the same
            # team a larger share and its labelling, 46.9 falling to 40.8).
            least = pricing.same_team_from(kept, last_out, largest)
            for percent in dict.fromkeys((largest, least)):
                more = pricing.shaped(kept, last_out, percent, budget)
                with_part = pricing.staffed_quality(more, kept, last_out, percent)
                if with_part > quality + QUALITY_TOLERANCE:
                    team, quality, part = more, with_part, Part(names[last_out], percent)
    staffed = set(kept)
    share = None
    if part is not None and last_out is not None:
        staffed.add(last_out)
        share = (last_out, part.percent)
    held = pricing.holding(staffed, share)
    plan = evaluate(held, team, pricing.setup, pricing.assumptions)
    funded = tuple(names[i] for i in kept)
    unstaffed = tuple(names[i] for i in pricing.every if i not in staffed)
    return BudgetAdvice(plan, funded, part, unstaffed, pricing.smallest, quality)


def advised_team(
    scenario: Scenario, part: Part | None, setup: str | None, assumptions: Assumptions
) -> dict[str, int]:
    """The team for the scenario's projects as :func:`fund_projects` staffs the projects it
    keeps, the project ``part`` names (if any) for its percentage of the work only, changed
    beyond the rules' cost within the scenario's budget. The hiring timeline staffs each
    quarter's funded projects with it."""
    pricing = _Pricing(scenario, setup, assumptions)
    names, budget = pricing.names, scenario.company.annual_budget_usd
    if part is None or part.project not in names:
        return pricing.shaped(pricing.every, budget=budget)
    at = names.index(part.project)
    kept = tuple(i for i in pricing.every if i != at)
    return pricing.shaped(kept, at, part.percent, budget)


class _Pricing:
    """Team, cost and score of each set of the scenario's projects (by index), each set's
    demand computed once."""

    def __init__(self, scenario: Scenario, setup: str | None, assumptions: Assumptions) -> None:
        self.scenario = scenario
        self.setup = setup
        self.assumptions = assumptions
        self.chosen = choose_setup(scenario.company, assumptions, setup).setup
        self._demand: dict[tuple[tuple[int, ...], tuple[int, int] | None], Demand] = {}
        self._contexts: dict[tuple[tuple[int, ...], int | None, int], ScoringContext] = {}

    @cached_property
    def names(self) -> tuple[str, ...]:
        """Every project's name, by index (those on hold too)."""
        return tuple(project.name for project in self.scenario.projects)

    @cached_property
    def planned(self) -> tuple[str, ...]:
        """The names of the projects the advice weighs: those not on hold."""
        return tuple(self.names[i] for i in self.every)

    @cached_property
    def smallest(self) -> int:
        """The cost of the team staffing no project (no outsourced labelling bought)."""
        return self.priced(())

    def holding(self, staffed: set[int], part: tuple[int, int] | None = None) -> Scenario:
        """The scenario with each planned project outside ``staffed`` on hold and project
        ``part[0]`` planned for ``part[1]`` percent of its work (:func:`in_part`): what
        adopting the advice makes of it, so that the Plan page then prices and scores what the
        advice did (the labelling of the work it leaves out is not bought)."""
        projects = [
            p.model_copy(update={"on_hold": True}) if i in self.every and i not in staffed else p
            for i, p in enumerate(self.scenario.projects)
        ]
        if part is not None:
            projects[part[0]] = in_part(projects[part[0]], part[1])
        return self.scenario.model_copy(update={"projects": projects})

    @cached_property
    def floor(self) -> int:
        """The cheapest team any advice buys: the team staffing no project, or the setup's
        cheapest plan that scores anything where it costs less (a team of six employed read
        "$1.52M", the rules hiring for the analytics baseline, where $1.29M bought them) or
        where that team is nobody, which is no advice (a portfolio's outsourced labelling
        alone read "$257k", and $257k then "$447k"), or the smallest part of a project the
        advice staffs where that costs less (it buys the labelling of that project alone), or
        the cheapest project staffed whole on its own (step 5 keeps it)."""
        cheapest = min(self.cheapest_plan_cost, self.smallest_part_cost, self.smallest_whole_cost)
        if math.isinf(cheapest):
            return self.smallest
        if not any(self.team(()).values()):
            return int(cheapest)
        return int(min(self.smallest, cheapest))

    @cached_property
    def smallest_whole_cost(self) -> float:
        """What the cheapest project whose rules' team has someone costs whole on its own,
        with its labelling (``inf`` where none has)."""
        alone = [(i,) for i in self.every if any(self.team((i,)).values())]
        return min((self.priced(kept) for kept in alone), default=math.inf)

    @cached_property
    def smallest_part_cost(self) -> float:
        """What the least work the advice staffs in part costs where every project is left
        out (:func:`_leaving_out`: the last project of the removal order, at the smallest
        percentage whose team raises quality, an annotator alone not), with its outsourced
        labelling and the kept projects'; ``inf`` if no percentage raises it. Bisection: more
        of the project is never staffed with fewer people."""
        order = self.removal_order()
        kept = self.taken_back(order, len(order))
        left = [i for i in order if i not in kept]
        if not left:
            return math.inf
        last = left[-1]
        floor = self.staffed_quality(self.shaped(kept), kept) + QUALITY_TOLERANCE

        def raises(percent: int) -> bool:
            team = self.shaped(kept, last, percent)
            return self.staffed_quality(team, kept, last, percent) > floor

        top = self.scenario.projects[last].work_percent - 1  # below the share it plans
        if top < 1 or not raises(top):
            return math.inf
        return self.priced(kept, last, _first(0, top, raises))

    def everyone(self, team: Mapping[str, int], thin: bool = False) -> BudgetAdvice:
        """``team`` on every project: the advice's plan staffs every project (``thin``: with
        a team below the recommended plan's)."""
        plan = evaluate(self.scenario, team, self.setup, self.assumptions)
        return BudgetAdvice(plan, self.planned, None, (), self.smallest, plan.quality, thin)

    def context(
        self, kept: tuple[int, ...], part: int | None = None, percent: int = 0
    ) -> ScoringContext:
        """The scoring context of the work :meth:`staffed` gives (worked out once each: the
        team is shaped for it and scored on it)."""
        key = (kept, part, percent)
        found = self._contexts.get(key)
        if found is None:
            demand = self.staffed(kept, part, percent)
            found = scoring_context(demand, self.scenario.company.region, self.assumptions)
            self._contexts[key] = found
        return found

    @cached_property
    def every(self) -> tuple[int, ...]:
        """Every project not on hold, by index."""
        return tuple(i for i, project in enumerate(self.scenario.projects) if not project.on_hold)

    @cached_property
    def whole(self) -> Demand:
        """The demand of every project."""
        return self.demand(self.every)

    def staffed_quality(
        self,
        team: Mapping[str, int],
        kept: tuple[int, ...],
        part: int | None = None,
        percent: int = 0,
    ) -> float:
        """The portfolio's quality with ``team`` on the kept projects and ``percent`` of
        project ``part`` (:meth:`staffed`), the rest delivering nothing: the team's score for
        that work times the share of the portfolio's weight it has (units weigh FTE x
        priority / 3: :func:`~mlplanner.model.quality.work_weight`)."""
        whole = work_weight(self.whole)
        share = work_weight(self.staffed(kept, part, percent)) / whole if whole > 0 else 0.0
        return share * _quality(self.context(kept, part, percent), team)

    def spread_quality(self, team: Mapping[str, int]) -> float:
        """The team's quality with everyone on every project (what ``evaluate`` gives)."""
        return _quality(self.context(self.every), team)

    @cached_property
    def own(self) -> np.ndarray:
        """[project, role]: each project's own FTE per role."""
        own = compute_demand(self.scenario, self.assumptions).fte[: len(self.scenario.projects)]
        return np.asarray(own.sum(axis=1))

    def demand(self, kept: tuple[int, ...], part: tuple[int, int] | None = None) -> Demand:
        """The demand of the kept projects (project ``part[0]`` among them planned for
        ``part[1]`` percent of its work: :func:`in_part`), the baseline and their shared
        platform work."""
        key = (kept, part)
        found = self._demand.get(key)
        if found is None:
            projects = self.scenario.projects
            chosen = [
                in_part(projects[i], part[1]) if part is not None and i == part[0] else projects[i]
                for i in kept
            ]
            subset = self.scenario.model_copy(update={"projects": chosen})
            found = compute_demand(subset, self.assumptions)
            self._demand[key] = found
        return found

    @cached_property
    def cheapest_plan_cost(self) -> float:
        """What the cheapest plan of the setup's space that scores anything costs (everyone
        on every project; a plan of nobody on research work scores nothing); ``inf`` if
        none does."""
        points = frontier(self.scenario, self.setup, self.assumptions)
        cheapest = cheapest_scoring(points)
        return math.inf if cheapest is None else cheapest.annual_cost_usd

    @cached_property
    def recommended_cost(self) -> int:
        """What the scenario's recommended plan costs (its own budget, if any, applied)."""
        return self.cost(recommend(self.scenario, self.setup, self.assumptions).allocation)

    def recommended_within(self, budget: float) -> dict[str, int] | None:
        """The plan recommended for ``budget`` (the people worth their cost it adds beyond the
        rules' cost must fit it) if it fits, else ``None``. Recommended for this budget, not
        the scenario's own: asked what $5.44M buys, a startup whose file says $1.50M was
        answered with the plan the $1.50M held an annotator back from (79.7 against 82.2)."""
        company = self.scenario.company.model_copy(update={"annual_budget_usd": budget})
        budgeted = recommend(
            self.scenario.model_copy(update={"company": company}), self.setup, self.assumptions
        )
        if self.cost(budgeted.allocation) <= budget:
            return dict(budgeted.allocation)
        return None

    def best_within(self, budget: float) -> dict[str, int] | None:
        """The best plan of the setup's space within ``budget``, everyone on every project
        (:func:`~mlplanner.search.frontier.best_under_budget`); ``None`` without projects or
        when none fits. Like any plan of that space, it has someone able to deploy each
        production model."""
        if not self.every:
            return None
        best = best_within(self.problem, budget)
        return None if best is None else dict(best.allocation)

    @cached_property
    def problem(self) -> SearchProblem:
        """The whole portfolio's search problem under the setup."""
        return search_problem(self.scenario, self.assumptions, self.setup)

    def deploys_all(self, team: Mapping[str, int]) -> bool:
        """Whether ``team`` has someone able to deploy each of the portfolio's production
        models, as every plan of the setup's space does."""
        return bool(self.problem.space.deployable(_row(team))[0])

    def staffed(self, kept: tuple[int, ...], part: int | None = None, percent: int = 0) -> Demand:
        """The demand of the kept projects and of project ``part`` planned for ``percent`` of
        its work (:func:`in_part`: its own work, its labelling and its place on the shared
        platform curve scaled by the share), as the scenario the advice adopts has it."""
        if part is None or percent <= 0:
            return self.demand(kept)
        return self.demand(tuple(sorted((*kept, part))), (part, percent))

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
        self,
        kept: tuple[int, ...],
        part: int | None = None,
        percent: int = 0,
        budget: float | None = None,
    ) -> dict[str, int]:
        """The team the advice staffs that work with: the rules' team for it (:meth:`team`)
        reshaped within the setup's space of plans for that work for no more than it costs
        (:func:`~mlplanner.model.shaping.shape`), scored on that work: never below the rules'
        team's score; then, given a ``budget``, changed beyond that cost where a change is
        worth its cost and the team with that work's labelling still fits the budget, as the
        recommended plan is (a SaaS's advice had left $288k unspent where one more data
        scientist bought 9.5 points for $212k). The rules' team itself where there is no
        project."""
        demand = self.staffed(kept, part, percent)
        existing = self.scenario.company.existing_team
        staffing, space = rules_and_space(demand, existing, self.chosen, self.assumptions)
        reshape = bool(kept) or percent > 0
        context = self.context(kept, part, percent)
        beyond = budget is not None
        shaping = shape(context, space, staffing.allocation, reshape, budget, beyond=beyond)
        return shaping.allocation

    def cost(self, team: Mapping[str, int], work: Demand | None = None) -> int:
        """What a team costs a year with the outsourced labelling ``work`` buys (default:
        every planned project's), as the Plan page counts it once the advice is adopted."""
        region = self.scenario.company.region
        people = sum(
            role_cost(role, n, region, self.assumptions).annual_cost_usd for role, n in team.items()
        )
        lines = vendor_lines(self.whole if work is None else work, region, self.assumptions)
        return people + sum(line.annual_cost_usd for line in lines)

    def priced(self, kept: tuple[int, ...], part: int | None = None, percent: int = 0) -> int:
        """What the rules' team for that work (:meth:`team`) costs with its labelling."""
        return self.cost(self.team(kept, part, percent), self.staffed(kept, part, percent))

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
        return sorted(self.every, key=lambda i: (priority[i], -dollars[i], i))

    def fewest_removals(self, order: list[int], budget: float) -> int:
        """How many projects, from the start of ``order``, must be left out for the rest's team
        to fit ``budget`` (all of them if not even none fits). Bisection: fewer projects never
        make a dearer team."""

        def fits(out: int) -> bool:
            return self.priced(tuple(sorted(order[out:]))) <= budget

        if fits(0):
            return 0
        return _first(0, len(order), fits)  # all of them where not even one removal fits

    def taken_back(self, order: list[int], out: int) -> tuple[int, ...]:
        """The projects kept: those after the first ``out`` of ``order``, and each of the
        first ``out`` that costs nothing more to keep (the team staffing the kept projects
        staffs it too: the existing team's people, say), the most valuable first. Leaving
        such a project out saves nothing: nobody is let go."""
        kept = set(order[out:])
        now = self.priced(tuple(sorted(kept)))
        for i in reversed(order[:out]):
            if self.priced(tuple(sorted(kept | {i}))) <= now:
                kept.add(i)  # the same cost or less: never more than the budget's fit
        return tuple(sorted(kept))

    def first_fit(self, order: list[int], budget: float, out: int) -> tuple[int, ...]:
        """The projects taken highest priority first (``order`` reversed), each whose rules'
        team with those taken before it fits ``budget`` (module docstring, step 5): all but
        the first ``out`` (:meth:`fewest_removals`: together they fit, and fewer projects
        never make a dearer team), then those of the first ``out`` that still fit."""
        kept = set(order[out:])
        for i in reversed(order[:out]):
            if self.priced(tuple(sorted(kept | {i}))) <= budget:
                kept.add(i)
        return tuple(sorted(kept))

    def same_team_from(self, kept: tuple[int, ...], part: int, percent: int) -> int:
        """The smallest percentage of project ``part`` whose rules' team is the one at
        ``percent`` (a team other than the kept projects' own; bisection: the team only grows
        with the share)."""
        at = self.team(kept, part, percent)
        return _first(0, percent, lambda share: self.team(kept, part, share) == at)

    def largest_share(self, kept: tuple[int, ...], part: int, budget: float) -> int:
        """The largest whole percentage of project ``part`` (0 to one below the share it
        plans, ``work_percent``: that share is what was left out) whose team with the kept
        projects fits ``budget``, with their labelling (bisection: more work never means a
        cheaper team)."""
        planned = self.scenario.projects[part].work_percent  # the share it plans: left out
        return _first(0, planned, lambda percent: self.priced(kept, part, percent) > budget) - 1


def _first(low: int, high: int, holds: Callable[[int], bool]) -> int:
    """The smallest integer above ``low`` and up to ``high`` for which ``holds``, by bisection:
    ``holds`` is false at ``low``, true at ``high`` (taken as such, not asked) and never false
    again once true."""
    while high - low > 1:
        middle = (low + high) // 2
        if holds(middle):
            high = middle
        else:
            low = middle
    return high


def _quality(context: ScoringContext, team: Mapping[str, int]) -> float:
    """The quality of ``team`` on the work of ``context``."""
    return float(score(context, _row(team)).quality[0])


def _row(team: Mapping[str, int]) -> np.ndarray:
    """``team`` as a one-row allocation matrix (``ROLES`` order)."""
    return np.array([[team.get(role, 0) for role in ROLES]])


def describe(advice: BudgetAdvice) -> str:
    """The advice in one line: cost, quality (and, where it leaves work out, the quality once
    adopted, the projects it leaves unstaffed on hold), what it staffs and what it leaves
    out."""
    plan = advice.plan
    if plan is None:
        return advice.message
    cost = format_usd(plan.annual_cost_usd)
    if advice.leaves_work_out:
        quality = (
            f"quality {advice.quality:.1f} with its people on the work it staffs, the rest "
            f"delivering nothing ({advice.once_adopted})"
        )
    elif plan.scored:
        quality = f"quality {advice.quality:.1f}"
    else:
        quality = "no quality score"
    return f"{cost} a year, {quality}. {advice.message}"
