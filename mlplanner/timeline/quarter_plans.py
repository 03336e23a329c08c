"""The scenario as it stands in each quarter of the timeline, and the model's plan for it.

In a quarter, a project counts once it has started (``start``, default the plan start); a
project being built counts with its run effort (``lifecycle`` ``run``) once its ``live_from``
has come. Projects are listed in hiring priority: earlier start first, then higher
``priority``, then scenario order.
The plan of each distinct quarter scenario is the model's :func:`recommend`, computed once.
Where the scenario's budget does not pay for the whole scenario's recommended plan, the budget
advice (:func:`~mlplanner.search.budget_plan.fund_projects`: whole projects by priority, each
with someone able to deploy it, in the setup's staffing style) decides once which projects the
timeline staffs, and each quarter's plan follows it (:class:`QuarterPlans`). (Hiring the
recommended plan in priority order until the money runs out would fill the first project's
largest roles, data scientists or annotators, and leave nobody to build pipelines or deploy.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

import numpy as np

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import Evaluation, evaluate, recommend, rules_staffing
from mlplanner.model.quarters import next_quarter, quarter_index
from mlplanner.model.scenario import Project, Scenario, as_live, in_part
from mlplanner.search.budget_plan import BudgetAdvice, advised_team, fund_projects


@dataclass(frozen=True)
class Schedule:
    """When each project starts and goes live, as quarter indices, in priority order."""

    start: int
    projects: tuple[Project, ...]
    starts: tuple[int, ...]
    live: tuple[int | None, ...]


def plan_start(scenario: Scenario, today: date | None = None) -> str:
    """The scenario's plan start, or the quarter after ``today`` when it sets none."""
    return scenario.company.plan_start or next_quarter(today)


def schedule(scenario: Scenario, today: date | None = None, part: str | None = None) -> Schedule:
    """The projects in hiring priority (those on hold left out) with their start and go-live
    quarters: by start, then ``priority`` (higher first), then the project the budget staffs
    only in part (``part``) after those it staffs whole, then scenario order. (By scenario
    order alone, a review's bank staffed its fraud model, funded at 31%, three quarters
    before the credit model the budget funds whole.)"""
    start = quarter_index(plan_start(scenario, today))
    dated = [
        (
            quarter_index(p.start) if p.start else start,
            i,
            p,
            None if p.live_from is None else quarter_index(p.live_from),
        )
        for i, p in enumerate(scenario.projects)
        if not p.on_hold  # not planned: never staffed
    ]
    dated.sort(key=lambda item: (item[0], -item[2].priority, item[2].name == part, item[1]))
    return Schedule(
        start=start,
        projects=tuple(item[2] for item in dated),
        starts=tuple(item[0] for item in dated),
        live=tuple(item[3] for item in dated),
    )


@dataclass(frozen=True)
class StaffedPlan:
    """The team a timeline staffs for a scenario: the recommended plan, or where the scenario's
    budget does not pay for it, the budget's plan by whole projects (``advice``; the existing
    team when not even the team staffing no project fits)."""

    plan: Evaluation
    advice: BudgetAdvice | None = None

    @property
    def left_out(self) -> frozenset[str]:
        """The projects the budget leaves unstaffed (one staffed in part is staffed; one on
        hold is not planned at all)."""
        return frozenset() if self.advice is None else frozenset(self.advice.unstaffed)


def staffed_plan(scenario: Scenario, setup: str | None, assumptions: Assumptions) -> StaffedPlan:
    """The recommended plan, or the budget's plan where the budget does not pay for it."""
    plan = recommend(scenario, setup=setup, assumptions=assumptions)
    budget = scenario.company.annual_budget_usd
    if budget is None or plan.annual_cost_usd <= budget:
        return StaffedPlan(plan)
    advice = fund_projects(scenario, budget, setup, assumptions)
    if advice.plan is not None:
        return StaffedPlan(advice.plan, advice)
    existing = evaluate(scenario, scenario.company.existing_team, setup, assumptions)
    return StaffedPlan(existing, advice)


@dataclass(frozen=True)
class QuarterPlan:
    """The plan a timeline staffs for the scenario of one quarter, with each staffed project's
    demand per demand role, its share of the shared platform work included
    (``project_fte[p, r]``, roles as ``plan.demand.by_role``; :func:`with_platform_share`);
    ``projects`` are the staffed active projects' positions in the schedule (priority order),
    ``left_out`` the active ones the budget leaves unstaffed, ``part`` the one it staffs in
    part with the percentage of its work."""

    plan: Evaluation
    projects: tuple[int, ...]
    project_fte: np.ndarray
    left_out: frozenset[int] = frozenset()
    part: tuple[int, int] | None = None

    @cached_property
    def target(self) -> dict[str, int]:
        """The people per role the timeline hires towards: the plan's, less the existing staff
        it keeps beyond what the work needs (the staffing rules' ``needed``), so that a
        leaver among those is not replaced. A bank with 25 people for 3.2 FTE of work
        replaced six leavers in two years."""
        plan = self.plan
        existing = plan.scenario.company.existing_team
        needed = rules_staffing(plan.demand, existing, plan.setup, plan.assumptions).needed
        return {
            role: n - max(0, min(existing.get(role, 0), n) - needed[role])
            for role, n in plan.allocation.items()
        }


class QuarterPlans:
    """Plans per quarter; quarters with the same projects in the same state share one.

    ``funding`` is the whole scenario's :func:`staffed_plan`. Where it is the budget's, its
    projects are the timeline's in every quarter: those it leaves out are in none of the
    quarters' scenarios, and each quarter's team is staffed as the budget's plan is (the setup's
    rules' team for their work reshaped for its cost, the project staffed in part for its share:
    :func:`~mlplanner.search.budget_plan.advised_team`; the recommendation where the budget
    keeps every project whole; where it spreads a smaller team over every project, what the
    budget buys for the quarter's work, which for the whole scenario's work is that team),
    capped role by role at the budget's plan: no quarter hires anyone that plan does not
    have, and every command gives the one answer for one budget. (Capping the quarter's
    recommendation instead, a seed startup's budget plan of two annotators never got its
    second: the recommendation has one, and the timeline called the budget's team in place.)
    """

    def __init__(
        self,
        scenario: Scenario,
        sched: Schedule,
        setup: str | None,
        assumptions: Assumptions,
        funding: StaffedPlan,
    ) -> None:
        self._scenario = scenario
        self._schedule = sched
        self._setup = setup
        self._assumptions = assumptions
        self._funding = funding
        self._plans: dict[_Key, QuarterPlan] = {}

    def state(self, quarter: int) -> tuple[tuple[int, bool], ...]:
        """(position, live) of every project active in ``quarter`` (an absolute index)."""
        sched = self._schedule
        return tuple(
            (i, live is not None and live <= quarter)
            for i, (start, live) in enumerate(zip(sched.starts, sched.live, strict=True))
            if start <= quarter
        )

    def at(self, quarter: int, on_board: dict[str, int] | None = None) -> QuarterPlan:
        """The plan for ``quarter``'s scenario; with ``on_board``, planned for the people the
        timeline then has as its employed staff (:func:`~.simulation.simulate` asks for it
        where people it hired are beyond the quarter's plan: the work changed shape)."""
        state = self.state(quarter)
        key = (state, None if on_board is None else tuple(sorted(on_board.items())))
        found = self._plans.get(key)
        if found is None:
            found = self._plan(state, on_board)
            self._plans[key] = found
        return found

    def _plan(
        self, key: tuple[tuple[int, bool], ...], on_board: dict[str, int] | None
    ) -> QuarterPlan:
        sched, funding = self._schedule, self._funding
        left_out = frozenset(i for i, _ in key if sched.projects[i].name in funding.left_out)
        kept = [(i, live) for i, live in key if i not in left_out]
        projects = [as_live(sched.projects[i]) if live else sched.projects[i] for i, live in kept]
        update: dict[str, object] = {"projects": projects}
        if on_board is not None:
            employed = {role: n for role, n in on_board.items() if n}
            company = self._scenario.company.model_copy(update={"existing_team": employed})
            update["company"] = company
        scenario = self._scenario.model_copy(update=update)
        setup, assumptions = self._setup, self._assumptions
        advice = funding.advice
        part = None
        if advice is None:
            plan: Evaluation = recommend(scenario, setup=setup, assumptions=assumptions)
        else:
            if funding.left_out or advice.part is not None:  # staffed as advised
                team = advised_team(scenario, advice.part, setup, assumptions)
            elif advice.thin:  # a cheaper team on every project: what the budget buys here
                budget = float(scenario.company.annual_budget_usd or 0)
                bought = fund_projects(scenario, budget, setup, assumptions).plan
                team = dict(scenario.company.existing_team) if bought is None else bought.allocation
            else:
                team = recommend(scenario, setup=setup, assumptions=assumptions).allocation
            cap = funding.plan.allocation
            capped = {role: min(n, cap[role]) for role, n in team.items()}
            if advice.part is not None:
                name = advice.part.project
                found = [row for row, (i, _) in enumerate(kept) if sched.projects[i].name == name]
                if found:
                    # planned for the share the advice staffs, as the adopted plan has it
                    row, percent = found[0], advice.part.percent
                    part = (kept[row][0], percent)
                    planned = list(scenario.projects)
                    planned[row] = in_part(planned[row], percent)
                    scenario = scenario.model_copy(update={"projects": planned})
            plan = evaluate(scenario, capped, setup, assumptions)
        by_project = with_platform_share(plan.demand.fte, plan.demand.kinds, len(projects))
        positions = tuple(i for i, _ in kept)
        return QuarterPlan(plan, positions, by_project, left_out, part)


_Key = tuple[tuple[tuple[int, bool], ...], tuple[tuple[str, int], ...] | None]


def with_platform_share(fte: np.ndarray, kinds: tuple[str, ...], projects: int) -> np.ndarray:
    """Each of the first ``projects`` sources' demand per role (``fte[source, phase, role]``)
    with its share of the shared platform work: in each phase and role, in proportion to its
    own work there (what its platform share is: :mod:`mlplanner.model.shared_work`). The
    first project needing a warehouse needs the data engineers who build it: counted apart,
    a speech startup's data engineers, most of whose work is the shared pipelines, were hired
    after every project's other roles."""
    own = fte[:projects]
    shared = fte[[i for i, kind in enumerate(kinds) if kind == "shared"]].sum(axis=0)
    total = own.sum(axis=0)
    share = np.divide(own, total, out=np.zeros_like(own), where=total > 0)
    return (own + share * shared).sum(axis=1)
