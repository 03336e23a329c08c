"""The quarter-by-quarter hiring simulation (expected values, whole people).

Each quarter, in this order:

1. **Leavers.** Each role loses its yearly attrition, compounded to a quarter, of the people
   it had; expected leavers accumulate and leave as whole people once they add up to one
   (deterministic), the longest-serving first. They leave at the start of the quarter.
2. **Hires.** The model's plan for the scenario as it stands that quarter
   (:mod:`.quarter_plans`; where the scenario's budget does not pay for it, the team the budget
   buys by whole projects) sets the target headcount per role; where a project has gone live
   and people the timeline hired are beyond it, the work as it then stands is planned once
   with the people on board as its employed staff, since nobody is let go (not under such a
   budget). Hires arrive when the work
   starts: a position is opened a time to hire (notice period included, whole quarters)
   ahead, so nobody arrives before the plan start plus that lead time. Gaps are filled in
   priority order: each project's critical roles (the one carrying most of its work, in
   dollars, first; annotators right after the data engineers who build what they label),
   projects by start, then ``priority`` (higher first), then the one the budget staffs in
   part after those it staffs whole, then scenario order, with the plan's Head of Data & ML
   first and the leads as the people so far call for them (the staffing rule's leads), then
   the rest of the team (the analytics baseline). Hires per quarter
   never exceed the hiring capacity, nor what the team absorbs
   (:func:`~mlplanner.model.hiring.absorbable_hires` of the team at the start of each
   timeline year, the figure the plan warns past; a quarter of it accrues each quarter),
   and, when the scenario has a budget, never raise the yearly run rate (people at loaded
   cost plus vendors) above it.
   Nobody is let go when the target falls. Hires that replace leavers are backfills; the
   target leaves out the existing staff the plan keeps beyond what the work needs
   (:attr:`~.quarter_plans.QuarterPlan.target`), so their leavers are not replaced.
3. **Productivity.** Existing staff are productive from day one; a hire's productivity rises
   linearly to full over the role's ramp-up.
4. **Cost.** People present at their loaded rate for a quarter, plus each hire's one-off
   hiring cost (a share of salary), plus the quarter's vendor annotation of the projects
   staffed by then (labels are bought for work under way: a review's insurer paid $142.5k a
   quarter for two years for three projects that were never staffed in the horizon). The
   budget's room for hires still keeps the labelling of every project started.

A project's **critical roles** are the roles its demand lands on in that quarter's plan (the
generalists where they absorb it). A project is staffed in the first quarter, from its start,
in which each critical role has the project's share of the role's headcount, counted in
priority order; a project the budget leaves out is not staffed. The plan is fully staffed in
the first quarter in which every project has started and is staffed and every role is at its
target.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

import numpy as np

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.hiring import (
    absorbable_hires,
    hiring_capacity,
    lead_quarters,
    quarterly_attrition,
    ramp_share,
)
from mlplanner.model.quarters import quarter_name
from mlplanner.model.roles import GENERALIST, HEAD, LEAD, MANAGERS, ROLES, role_sort_key
from mlplanner.model.scenario import Scenario
from mlplanner.model.staffing import leads_called
from mlplanner.model.wording import format_usd, people
from mlplanner.search.budget_plan import BudgetAdvice
from mlplanner.timeline.quarter_plans import (
    QuarterPlan,
    QuarterPlans,
    Schedule,
    schedule,
    staffed_plan,
)

QUARTERS_PER_YEAR: Final = 4
_EPS: Final = 1e-9
_ROLE_INDEX: Final[dict[str, int]] = {role: i for i, role in enumerate(ROLES)}
_ANNOTATOR: Final = _ROLE_INDEX["annotator"]
_DATA_ENGINEER: Final = _ROLE_INDEX["data_engineer"]
_PositionKey = tuple[str, int, int, int | None, bool]  # role, opened, starts, project, backfill

# Why a plan is not fully staffed within the horizon.
HORIZON: Final = "horizon"
TIME_TO_HIRE: Final = "time_to_hire"
CAPACITY: Final = "capacity"
ABSORPTION: Final = "absorption"
BUDGET: Final = "budget"


@dataclass(frozen=True)
class RoleQuarter:
    """One role in one quarter."""

    role: str
    headcount: int
    hires: int
    leavers: int
    effective_fte: float
    demand_fte: float
    target: int
    salary_cost_usd: int
    hiring_cost_usd: int

    @property
    def cost_usd(self) -> int:
        return self.salary_cost_usd + self.hiring_cost_usd


@dataclass(frozen=True)
class QuarterResult:
    """One quarter: every role (lifecycle order), vendor cost, running totals, budget line."""

    quarter: str
    roles: tuple[RoleQuarter, ...]
    vendor_cost_usd: int
    cumulative_cost_usd: int
    cumulative_budget_usd: int | None

    @property
    def cost_usd(self) -> int:
        return sum(line.cost_usd for line in self.roles) + self.vendor_cost_usd

    @property
    def headcount(self) -> int:
        return sum(line.headcount for line in self.roles)

    @property
    def hires(self) -> int:
        return sum(line.hires for line in self.roles)

    @property
    def leavers(self) -> int:
        return sum(line.leavers for line in self.roles)

    def by_role(self, attribute: str) -> dict[str, float]:
        """One attribute of every role: ``by_role("headcount")``."""
        return {line.role: getattr(line, attribute) for line in self.roles}

    @property
    def capacity_fte(self) -> float:
        """The effective FTE of the roles that carry the work's demand (leads and heads of
        data & ML carry none: summed in, a team's managers read as capacity against it)."""
        return sum(line.effective_fte for line in self.roles if line.role not in MANAGERS)

    @property
    def demand_fte(self) -> float:
        return sum(line.demand_fte for line in self.roles)


@dataclass(frozen=True)
class Position:
    """``count`` positions of a role opened and filled in the same quarters for one purpose.

    ``project`` is the project the hires are for, ``None`` for the team as a whole (leads,
    the analytics baseline); ``backfill`` marks hires replacing leavers.
    """

    role: str
    open_quarter: str
    start_quarter: str
    project: str | None
    backfill: bool
    count: int


@dataclass(frozen=True)
class ProjectDates:
    """When a project starts, goes live and is staffed (``None``: not within the horizon);
    ``left_out``: the budget leaves it unstaffed in the horizon's last quarter;
    ``part_percent``: the budget then staffs that much of its work; ``build_percent``: for
    a project going live within the horizon after quarters of building, the share of its
    work in those quarters the team's capacity covered (:func:`_covered`; ``None`` for
    others)."""

    name: str
    start: str
    live_from: str | None
    staffed: str | None
    left_out: bool = False
    part_percent: int | None = None
    build_percent: int | None = None


@dataclass(frozen=True)
class Timeline:
    """The simulation's result; ``target`` and ``plan_cost_usd`` are the plan's (all projects
    as the scenario gives them; where the budget does not pay for the recommended plan, the
    budget's plan, which ``budget_advice`` describes, and ``budget_team_from`` the first quarter
    its team is in place), ``capacity`` the hires a quarter it ran with."""

    scenario: Scenario
    setup: str
    start: str
    capacity: int
    capacity_derived: bool
    quarters: tuple[QuarterResult, ...]
    target: dict[str, int]
    plan_cost_usd: int
    fully_staffed: str | None
    budget_team_from: str | None
    shortfall: tuple[str, ...]
    why_not_staffed: str | None
    projects: tuple[ProjectDates, ...]
    positions: tuple[Position, ...]
    budget_advice: BudgetAdvice | None = None

    @property
    def first_year_cost_usd(self) -> int:
        """What the first four quarters cost (fewer if the horizon is shorter)."""
        return sum(q.cost_usd for q in self.quarters[:QUARTERS_PER_YEAR])

    @property
    def first_year_quarters(self) -> int:
        return min(QUARTERS_PER_YEAR, len(self.quarters))

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of the CLI: FTE to 2 decimals, money in whole dollars."""
        return {
            "start": self.start,
            "quarters": [
                {
                    "quarter": q.quarter,
                    "headcount": q.by_role("headcount"),
                    "hires": q.by_role("hires"),
                    "leavers": q.by_role("leavers"),
                    "effective_fte": {
                        r: round(v, 2) for r, v in q.by_role("effective_fte").items()
                    },
                    "demand_fte": {r: round(v, 2) for r, v in q.by_role("demand_fte").items()},
                    "cost_usd": q.cost_usd,
                    "cumulative_cost_usd": q.cumulative_cost_usd,
                }
                for q in self.quarters
            ],
            "target": dict(self.target),
            "fully_staffed": self.fully_staffed,
            "projects": [
                {
                    "name": p.name,
                    "staffed": p.staffed,
                    "left_out": p.left_out,
                    "part_percent": p.part_percent,
                    "build_percent": p.build_percent,
                }
                for p in self.projects
            ],
            "budget_plan": None if self.budget_advice is None else self.budget_advice.message,
        }


@dataclass
class _Cohort:
    """People of a role who joined in the same quarter (``None``: the existing staff)."""

    first: int | None
    count: int


class _Team:
    """The people of every role as cohorts, oldest first, with the expected leavers not yet
    whole people and the leavers not yet replaced."""

    def __init__(self, existing: dict[str, int]) -> None:
        self.cohorts: dict[str, list[_Cohort]] = {
            role: [_Cohort(None, existing[role])] if existing.get(role) else [] for role in ROLES
        }
        self.owed: dict[str, float] = dict.fromkeys(ROLES, 0.0)
        self.unreplaced: dict[str, int] = dict.fromkeys(ROLES, 0)

    def headcount(self, role: str) -> int:
        return sum(cohort.count for cohort in self.cohorts[role])

    def hired(self, role: str) -> int:
        """The people of ``role`` the timeline hired (the existing staff aside)."""
        return sum(cohort.count for cohort in self.cohorts[role] if cohort.first is not None)

    def leave(self, rates: dict[str, float]) -> dict[str, int]:
        """Expected leavers of one quarter, as whole people: each role's people times its
        quarterly rate accrue, and whenever the team's accrued total makes a whole person, one
        leaves the role owing most (ties: lifecycle order), the longest-serving first.

        Pooled over the team, not per role: a role of one or two people would not accrue a
        whole leaver within a horizon, so a small team lost nobody (a review's 8-person team
        lost nobody in three years against 1.1 expected a year) and its backfills went
        uncosted. What a role whose people are all gone had accrued goes with them; a leaver
        taken ahead of the role's accrual stays counted (the role owes less)."""
        for role in ROLES:
            self.owed[role] += self.headcount(role) * rates[role]
        leavers: dict[str, int] = dict.fromkeys(ROLES, 0)
        while sum(self.owed.values()) >= 1 - _EPS:
            owing = max(ROLES, key=lambda r: self.owed[r])  # has people: only they accrue
            self.owed[owing] -= 1
            leavers[owing] += 1
            self._remove_longest_serving(owing)
            if not self.headcount(owing):
                self.owed[owing] = min(self.owed[owing], 0.0)
        for left, count in leavers.items():
            self.unreplaced[left] += count
        return leavers

    def _remove_longest_serving(self, role: str) -> None:
        cohorts = self.cohorts[role]
        cohorts[0].count -= 1
        if cohorts[0].count == 0:
            cohorts.pop(0)

    def join(self, role: str, quarter: int, count: int) -> int:
        """Add hires; returns how many of them are backfills."""
        self.cohorts[role].append(_Cohort(quarter, count))
        backfills = min(count, self.unreplaced[role])
        self.unreplaced[role] -= backfills
        return backfills

    def effective_fte(self, role: str, quarter: int, assumptions: Assumptions) -> float:
        """The role's people as they ramp up, each full-stack data scientist counting the
        specialist work one gets done (``generalist_capacity_fte``): counted a head each, a
        seed's two generalists read 2.0 FTE against 1.9 of demand their 1.7 did not cover."""
        people = sum(
            cohort.count
            * (
                1.0
                if cohort.first is None
                else ramp_share(role, quarter - cohort.first, assumptions)
            )
            for cohort in self.cohorts[role]
        )
        return people * assumptions.generalist_capacity_fte if role == GENERALIST else people


@dataclass(frozen=True)
class _Need:
    """Headcount a role must reach for one project (``None``: the team as a whole)."""

    role: str
    level: int
    project: int | None


def _routing(quarter_plan: QuarterPlan) -> np.ndarray:
    """[demand role, role]: where each demand role's work lands: on the role itself when the
    plan staffs it, else on the generalists when they absorb it (else nowhere)."""
    plan = quarter_plan.plan
    target = quarter_plan.target
    cover = plan.quality_detail.generalist_fte
    demand_roles = list(plan.demand.by_role)
    routing = np.zeros((len(demand_roles), len(ROLES)))
    for j, role in enumerate(demand_roles):
        if target[role] > 0:
            routing[j, _ROLE_INDEX[role]] = 1.0
        elif cover.get(role, 0.0) > _EPS and target[GENERALIST] > 0:
            routing[j, _ROLE_INDEX[GENERALIST]] = 1.0
    return routing


def _needs(quarter_plan: QuarterPlan, loaded: dict[str, float]) -> list[_Need]:
    """The plan's Head of Data & ML first, then every project's share of its critical roles
    one person at a time (priority order; within a project, each role's first person in
    order of the cost of its work for the project, at the roles' loaded rates, then the role
    furthest behind its share: :func:`_one_by_one`) and the leads the people so far call
    for, then every role's target.

    A demand role's work lands on the role itself when the plan staffs it, else on the
    generalists when they absorb it. A project's share of a role is the role's target times
    the role's demand of this and every earlier project over its whole demand (the analytics
    baseline counts last), rounded up. Leads follow the staffing rule (:func:`managers` of
    the individual contributors of this and every earlier project's shares), up to the
    plan's: where hires are held back, a team is led as it forms instead of every lead
    arriving after everyone else."""
    plan = quarter_plan.plan
    target = quarter_plan.target
    demand_roles = list(plan.demand.by_role)
    routing = _routing(quarter_plan)
    totals = np.array([plan.demand.by_role[role] for role in demand_roles]) @ routing
    loads = quarter_plan.project_fte @ routing
    targets = np.array([target[role] for role in ROLES], dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(totals > _EPS, np.minimum(1.0, np.cumsum(loads, axis=0) / totals), 0.0)
    levels = np.minimum(targets, np.ceil(targets * share - _EPS)).astype(int)
    # Projects in priority order; within one, the role carrying most of its work in dollars
    # first (a pricing model's data scientists before its analyst), its annotators right
    # after the data engineers who build what they label (a speech model's six annotators,
    # cheap and quick to hire, were its first six hires, and its data engineers came 18
    # months later; hired after every other role, a vision model's labellers came a year
    # late), ties in lifecycle order.
    a = plan.assumptions
    work_usd = loads * np.array([loaded[role] for role in ROLES])  # each role's work's cost
    needs = [_Need(HEAD, target[HEAD], None)]
    counts = np.zeros(len(ROLES), dtype=int)  # each role's people so far
    led = 0  # the leads they call for
    for row in range(len(loads)):
        order = _hiring_order(work_usd[row], loads[row] > _EPS)
        # the roles earlier projects' shares already staff to this one's: it needs them too
        needs.extend(
            _Need(ROLES[c], int(levels[row, c]), quarter_plan.projects[row])
            for c in order
            if levels[row, c] <= counts[c]
        )
        for column in _one_by_one(counts, levels[row], order):
            counts[column] += 1
            needs.append(_Need(ROLES[column], int(counts[column]), quarter_plan.projects[row]))
            so_far = dict(zip(ROLES, counts.tolist(), strict=True))
            leads = min(target[LEAD], int(leads_called(so_far, a)))
            if leads > led:
                led = leads
                needs.append(_Need(LEAD, led, None))
        counts = np.maximum(counts, levels[row])
    needs.extend(_Need(role, target[role], None) for role in ROLES)
    return needs


def _one_by_one(counts: np.ndarray, levels: np.ndarray, order: list[int]) -> list[int]:
    """The roles of ``order`` raised one person at a time from ``counts`` to ``levels``: each
    time the one furthest behind (the smallest share of its rise done), ties in ``order``, so
    a project's team grows in proportion rather than role after role (a manufacturer's four
    vision models hired eight data scientists, one after the other, before their first data
    engineer, and their first ML engineer two and a half years in)."""
    rise = {c: int(levels[c] - counts[c]) for c in order if levels[c] > counts[c]}
    done = dict.fromkeys(rise, 0)
    steps: list[int] = []
    for _ in range(sum(rise.values())):
        column = min(done, key=lambda c: (done[c] / rise[c], order.index(c)))
        done[column] += 1
        steps.append(column)
        if done[column] == rise[column]:
            del done[column]
    return steps


def _hiring_order(work_usd: np.ndarray, needed: np.ndarray) -> list[int]:
    """A project's roles (``ROLES`` columns with ``needed`` work) in the order they are hired:
    the one whose work costs most first, annotators right after the data engineers who build
    what they label (where the project has data engineering work; by their work's cost where
    it has none)."""
    order = sorted(np.flatnonzero(needed).tolist(), key=lambda c: -work_usd[c])
    if _ANNOTATOR in order and _DATA_ENGINEER in order:
        order.remove(_ANNOTATOR)
        order.insert(order.index(_DATA_ENGINEER) + 1, _ANNOTATOR)
    return order


@dataclass
class _Hiring:
    """One quarter's hiring: hires per role, whom they serve, and what held hiring back."""

    hires: Counter[str]
    served: list[tuple[str, int | None, int]]
    blocked: set[str]

    @property
    def total(self) -> int:
        return sum(self.hires.values())


def _hire(
    needs: list[_Need],
    people: dict[str, int],
    quarter: int,
    limits: tuple[int, int],
    room_usd: float | None,
    leads: dict[str, int],
    loaded: dict[str, float],
) -> _Hiring:
    """Fill ``needs`` in order (``people`` is raised in place) within the hiring capacity, the
    hires the team can still absorb this year (``limits``) and the budget."""
    result = _Hiring(Counter(), [], set())
    capacity, absorbable = limits
    left = min(capacity, absorbable)
    limit = CAPACITY if capacity <= absorbable else ABSORPTION
    for need in needs:
        want = need.level - people[need.role]
        if want <= 0:
            continue
        if quarter < leads[need.role]:
            result.blocked.add(TIME_TO_HIRE)
            continue
        affordable = want
        if room_usd is not None:
            affordable = max(0, math.floor((room_usd + _EPS) / loaded[need.role]))
        take = min(want, left, affordable)
        # Only the tighter of the limits held the hires back (both, where they tie).
        if take < want and left == take:
            result.blocked.add(limit)
        if take < want and affordable == take:
            result.blocked.add(BUDGET)
        if take <= 0:
            continue
        people[need.role] += take
        left -= take
        if room_usd is not None:
            room_usd -= take * loaded[need.role]
        result.hires[need.role] += take
        result.served.append((need.role, need.project, take))
    return result


def simulate(
    scenario: Scenario,
    assumptions: Assumptions | None = None,
    setup: str | None = None,
    quarters: int | None = None,
    today: date | None = None,
) -> Timeline:
    """The scenario's hiring timeline over ``quarters`` (default: the scenario's horizon).

    ``today`` fixes the default plan start (the quarter after it) for a scenario without one.
    """
    assumptions = assumptions or Assumptions.defaults()
    whole = staffed_plan(scenario, setup, assumptions)
    part = whole.advice.part if whole.advice is not None else None
    sched = schedule(scenario, today, None if part is None else part.project)
    horizon = quarters or scenario.company.horizon_quarters
    plans = QuarterPlans(scenario, sched, setup, assumptions, whole)
    capacity = hiring_capacity(scenario.company, assumptions)
    budget = scenario.company.annual_budget_usd
    leads: dict[str, int] = {role: lead_quarters(role, assumptions) for role in ROLES}
    attrition: dict[str, float] = {role: quarterly_attrition(role, assumptions) for role in ROLES}
    team = _Team(scenario.company.existing_team)
    staffed: dict[int, int] = {}
    fully_staffed: int | None = None
    budget_team: int | None = None  # where the budget does not pay for the plan: its team in place
    bound = whole.advice is not None  # the budget does not pay for the recommended plan
    buys = whole.advice is not None and whole.advice.plan is not None  # a team, if not the plan
    blocked: set[str] = set()
    replanned: dict[tuple[tuple[int, bool], ...], dict[str, int]] = {}  # state: its people
    last_plan: QuarterPlan | None = None
    last_start = max(sched.starts, default=sched.start)
    results: list[QuarterResult] = []
    positions: Counter[_PositionKey] = Counter()
    building: dict[int, tuple[float, float]] = {}  # position: work covered, work before live
    cumulative = 0
    # What the team absorbs: each year (from the plan start) the figure its size at the year's
    # start gives, a quarter of it accruing each quarter, so that capacity to spare does not
    # spend a year's absorption on the first quarter's plan, whose shape later plans may not
    # need (a yearly pool made more capacity staff later: tests/timeline/test_simulation.py).
    year_team, rate, absorbable = 0, 0.0, 0.0
    end = sched.start + horizon - 1  # the horizon's last quarter
    for i in range(horizon):
        if i % QUARTERS_PER_YEAR == 0:
            year_team = sum(team.headcount(r) for r in ROLES)
            rate = absorbable_hires(year_team, assumptions) / QUARTERS_PER_YEAR
            absorbable = 0.0
        absorbable += rate
        quarter = sched.start + i
        leavers = team.leave(attrition)
        people: dict[str, int] = {role: team.headcount(role) for role in ROLES}
        quarter_plan = plans.at(quarter)
        state = plans.state(quarter)
        if (
            not bound
            and any(live for _, live in state)
            and state not in replanned
            and any(team.hired(r) and people[r] > quarter_plan.target[r] for r in ROLES)
        ):
            # The work changed shape (a project went live, its build done): people hired
            # for the build are beyond this plan, and nobody is let go, so the work is
            # planned for the people on board, as a manager re-plans (planned as if nobody
            # were employed, an agritech hired two generalists and a data engineer for 1.6
            # FTE of live models beside the data scientist and ML engineer who built them).
            # Once per shape of the work: re-planned every quarter, a developer's leaving
            # brought the first plan back, and three people were hired in their place. Not
            # under a budget that does not pay for the plan: there each quarter's team is
            # the budget's, capped at its plan (re-planned, a large company's ran at 24 FTE
            # of capacity where it had run at 30); nor as projects start, whose quarters
            # build towards the plan itself: the team ends with at least the plan's people.
            replanned[state] = dict(people)
        if state in replanned:
            quarter_plan = plans.at(quarter, replanned[state])
        plan = quarter_plan.plan
        target = quarter_plan.target
        lines = {line.role: line for line in plan.roles}
        loaded: dict[str, float] = {role: lines[role].loaded_rate_usd for role in ROLES}
        room = None
        if budget is not None:
            run_rate = plan.vendor_cost_usd + sum(people[r] * loaded[r] for r in ROLES)
            room = budget - run_rate
        needs = _needs(quarter_plan, loaded)
        limits = (capacity, math.floor(absorbable + _EPS))
        hiring = _hire(needs, people, i, limits, room, leads, loaded)
        absorbable -= hiring.total
        blocked = hiring.blocked
        backfills = {role: team.join(role, i, hiring.hires[role]) for role in hiring.hires}
        _count_positions(positions, hiring.served, backfills, quarter, leads)
        unmet = {n.project for n in needs if people[n.role] < n.level} | quarter_plan.left_out
        for position in quarter_plan.projects:
            if position not in staffed and position not in unmet:
                staffed[position] = quarter
        in_place = quarter >= last_start and not unmet - quarter_plan.left_out
        if fully_staffed is None and in_place and not bound:
            fully_staffed = quarter
        if budget_team is None and in_place and buys:
            budget_team = quarter
        last_plan = quarter_plan
        effective: dict[str, float] = {r: team.effective_fte(r, i, assumptions) for r in ROLES}
        if any(quarter < live <= end for live in sched.live if live is not None):
            for position, (covered, work) in _covered(quarter_plan, effective).items():
                live = sched.live[position]
                if live is not None and quarter < live <= end:
                    done, needed = building.get(position, (0.0, 0.0))
                    building[position] = (done + covered, needed + work)
        roles = tuple(
            RoleQuarter(
                role=role,
                headcount=people[role],
                hires=hiring.hires[role],
                leavers=leavers[role],
                effective_fte=effective[role],
                demand_fte=lines[role].fte_demand,
                target=target[role],
                salary_cost_usd=round(people[role] * loaded[role] / QUARTERS_PER_YEAR),
                hiring_cost_usd=round(
                    hiring.hires[role]
                    * lines[role].rate_usd
                    * assumptions.hiring.roles[role].hiring_cost_share
                ),
            )
            for role in ROLES
        )
        labelled = {sched.projects[position].name for position in staffed}
        bought = (line.annual_cost_usd for line in plan.vendor_lines if line.source in labelled)
        vendor = round(sum(bought) / QUARTERS_PER_YEAR)
        cumulative += sum(line.cost_usd for line in roles) + vendor
        results.append(
            QuarterResult(
                quarter=quarter_name(quarter),
                roles=roles,
                vendor_cost_usd=vendor,
                cumulative_cost_usd=cumulative,
                cumulative_budget_usd=None
                if budget is None
                else round(budget * (i + 1) / QUARTERS_PER_YEAR),
            )
        )
    whole_plan = whole.plan
    if bound:
        blocked = blocked | {BUDGET}
    shortfall = () if fully_staffed is not None else _shortfall(sched, end, blocked)
    return Timeline(
        scenario=scenario,
        setup=whole_plan.setup,
        start=quarter_name(sched.start),
        capacity=capacity,
        capacity_derived=scenario.company.hiring_capacity_per_quarter is None,
        quarters=tuple(results),
        target=whole_plan.allocation,
        plan_cost_usd=whole_plan.annual_cost_usd,
        fully_staffed=None if fully_staffed is None else quarter_name(fully_staffed),
        budget_team_from=None if budget_team is None else quarter_name(budget_team),
        shortfall=shortfall,
        why_not_staffed=_why(
            shortfall, sched, end, capacity, budget, whole.advice, year_team, assumptions
        )
        if shortfall
        else None,
        projects=_project_dates(sched, staffed, last_plan, building),
        positions=_positions(positions, sched),
        budget_advice=whole.advice,
    )


def _count_positions(
    positions: Counter[_PositionKey],
    served: list[tuple[str, int | None, int]],
    backfills: dict[str, int],
    quarter: int,
    leads: dict[str, int],
) -> None:
    """Add one quarter's hires to ``positions``; a role's first hires replace its leavers."""
    for role, project, count in served:
        as_backfill = min(count, backfills[role])
        backfills[role] -= as_backfill
        opened = quarter - leads[role]
        if as_backfill:
            positions[(role, opened, quarter, project, True)] += as_backfill
        if count > as_backfill:
            positions[(role, opened, quarter, project, False)] += count - as_backfill


def _positions(positions: Counter[_PositionKey], sched: Schedule) -> tuple[Position, ...]:
    """The positions by start quarter, then opening quarter and role (lifecycle order)."""
    ordered = sorted(positions.items(), key=lambda i: (i[0][2], i[0][1], role_sort_key(i[0][0])))
    return tuple(
        Position(
            role=role,
            open_quarter=quarter_name(opened),
            start_quarter=quarter_name(start),
            project=None if project is None else sched.projects[project].name,
            backfill=backfill,
            count=count,
        )
        for (role, opened, start, project, backfill), count in ordered
    )


def _project_dates(
    sched: Schedule,
    staffed: dict[int, int],
    last: QuarterPlan | None,
    building: dict[int, tuple[float, float]],
) -> tuple[ProjectDates, ...]:
    """Each project's dates; what the budget of the ``last`` quarter leaves out or staffs in
    part; how much of its work before going live the team covered (``building``: work
    covered and work, summed over those quarters)."""
    left_out = frozenset() if last is None else last.left_out
    part = None if last is None else last.part
    built = {i: math.floor(100 * done / work + _EPS) for i, (done, work) in building.items()}
    return tuple(
        ProjectDates(
            name=project.name,
            start=quarter_name(start),
            live_from=None if live is None else quarter_name(live),
            staffed=None if i not in staffed else quarter_name(staffed[i]),
            left_out=i in left_out and i not in staffed,
            part_percent=part[1] if part is not None and part[0] == i else None,
            build_percent=built.get(i),
        )
        for i, (project, start, live) in enumerate(
            zip(sched.projects, sched.starts, sched.live, strict=True)
        )
    )


def _covered(
    quarter_plan: QuarterPlan, effective: dict[str, float]
) -> dict[int, tuple[float, float]]:
    """Per staffed project of a quarter (its position in the schedule): the FTE of its work
    the team's capacity covers, and its work. Its work in each role lands where
    :func:`_needs` routes it (the role, or the generalists who absorb it); a role covers
    the share of all work landing on it that its effective FTE (new hires as they ramp up)
    reaches, at most all. A telco's anomaly model went live "fully staffed" with ML
    engineering at 0 to 1.0 of the 1.2 to 2.4 FTE its build needed, and nothing said so."""
    routing = _routing(quarter_plan)
    plan = quarter_plan.plan
    totals = np.array([plan.demand.by_role[role] for role in plan.demand.by_role]) @ routing
    capacity = np.array([effective[role] for role in ROLES])
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(totals > _EPS, np.minimum(1.0, capacity / totals), 1.0)
    loads = quarter_plan.project_fte @ routing
    return {
        position: (float(loads[row] @ share), float(loads[row].sum()))
        for row, position in enumerate(quarter_plan.projects)
        if loads[row].sum() > _EPS
    }


def _shortfall(sched: Schedule, end: int, blocked: set[str]) -> tuple[str, ...]:
    """Why the plan is not fully staffed by ``end``: a project starts later, or what held
    back hiring in the last quarter (every unmet need is held back by one of them)."""
    if any(start > end for start in sched.starts):
        return (HORIZON,)
    reasons = (TIME_TO_HIRE, CAPACITY, ABSORPTION, BUDGET)
    return tuple(reason for reason in reasons if reason in blocked)


def _why(
    shortfall: tuple[str, ...],
    sched: Schedule,
    end: int,
    capacity: int,
    budget: float | None,
    advice: BudgetAdvice | None,
    year_team: int,
    assumptions: Assumptions,
) -> str:
    """The shortfall in words; a budget that does not pay for the recommended plan says what
    it staffs and what it leaves out, a team that absorbs no more hires this year its size."""
    paid = f"the annual budget ({format_usd(budget or 0)})"
    absorbs = absorbable_hires(year_team, assumptions)
    late = [p.name for p, start in zip(sched.projects, sched.starts, strict=True) if start > end]
    words = {
        HORIZON: f"{late[0] if late else 'a project'} starts after the horizon ends "
        f"({quarter_name(end)})",
        TIME_TO_HIRE: "positions take longer to fill than the horizon leaves (time to hire)",
        CAPACITY: f"the hiring capacity ({capacity} a quarter) is used up",
        ABSORPTION: f"a team of {people(year_team)} absorbs about {absorbs} hires a year "
        f"(one per person in it, at least {assumptions.warn_min_hires}: new people take months "
        "to ramp up and take the team's time)",
        BUDGET: f"{paid} pays for no more people"
        if advice is None
        else f"{paid} {advice.what_it_staffs}",
    }
    return f"Not fully staffed by {quarter_name(end)}: " + "; ".join(
        words[reason] for reason in shortfall
    )
