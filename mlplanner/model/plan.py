"""Recommend and evaluate: scenario (validated) -> demand -> staffing -> shaping -> cost and
quality.

``evaluate`` scores any whole-number allocation; ``recommend`` sizes the team by the setup's
rules, gives it its best shape for the rules' cost, adds anyone who buys quality at least as
cheaply as the plan does within the budget (:mod:`mlplanner.model.shaping`) and scores it
with ``evaluate``'s rules, so the two always agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.checks import (
    hiring_beside_surplus_message,
    hiring_pace_message,
    scaled_rates_message,
    shared_name_messages,
    staffing_surplus_messages,
    surplus_messages,
    team_share_message,
    uncovered_message,
)
from mlplanner.model.cost import CostLine, VendorLine, role_cost, vendor_lines
from mlplanner.model.demand import WORK_KINDS, Demand, compute_demand
from mlplanner.model.quality import COMPONENTS, Quality, assess, portfolio
from mlplanner.model.roles import (
    GENERALIST,
    HEAD,
    LEAD,
    PHASES,
    ROLES,
    SPECIALIST_ROLES,
    role_label,
)
from mlplanner.model.scenario import Scenario, Setup, live_at_start
from mlplanner.model.scoring import scoring_context
from mlplanner.model.setup_space import SearchSpace, setup_space
from mlplanner.model.shaping import Move, Shaping, shape
from mlplanner.model.staffing import SetupChoice, Staffing, choose_setup, staff
from mlplanner.model.wording import SHOWN_FTE, format_usd, joined, people, tenths_adding_up

MAX_PEOPLE_PER_ROLE = 100_000
REMEMBERED = 32  # recommended plans kept (see recommend)
_EPS = 1e-9  # FTE below this is rounding noise
NO_QUALITY = (
    "No quality score: quality is the share of the projects' planned work the team can "
    "deliver, and this scenario has no projects yet, or every project is on hold. Add a "
    "project, or take one off hold, to see one."
)


@dataclass(frozen=True)
class RoleLine:
    """One role of a plan or evaluation."""

    role: str
    fte_demand: float
    headcount: int
    existing: int
    hires: int
    rate_usd: int
    loaded_rate_usd: int
    annual_cost_usd: int
    coverage: float | None
    fte_carried: float = 0.0

    @property
    def label(self) -> str:
        return role_label(self.role)

    @property
    def fte_work(self) -> float:
        """The demand this role's people are planned for: its own, or for full-stack data
        scientists the other roles' demand they carry (``fte_carried``)."""
        return self.fte_demand + self.fte_carried


@dataclass(frozen=True)
class Evaluation:
    """Cost and quality of one whole-number allocation for a scenario."""

    scenario: Scenario
    setup: Setup
    setup_reason: str
    demand: Demand
    roles: tuple[RoleLine, ...]
    vendor_lines: tuple[VendorLine, ...]
    quality_detail: Quality
    assumptions: Assumptions = field(repr=False)

    @property
    def allocation(self) -> dict[str, int]:
        """Headcount per role, every role, lifecycle order."""
        return {line.role: line.headcount for line in self.roles}

    @property
    def total_headcount(self) -> int:
        return sum(line.headcount for line in self.roles)

    @property
    def total_hires(self) -> int:
        return sum(line.hires for line in self.roles)

    @property
    def staff_cost_usd(self) -> int:
        return sum(line.annual_cost_usd for line in self.roles)

    @property
    def vendor_cost_usd(self) -> int:
        return sum(line.annual_cost_usd for line in self.vendor_lines)

    @property
    def annual_cost_usd(self) -> int:
        """Total yearly cost: exactly the sum of the role and vendor lines."""
        return self.staff_cost_usd + self.vendor_cost_usd

    @property
    def hires_cost_usd(self) -> int:
        """Yearly cost of the people still to hire."""
        return sum(line.hires * line.loaded_rate_usd for line in self.roles)

    @property
    def quality(self) -> float:
        return self.quality_detail.score

    @property
    def scored(self) -> bool:
        """Whether the plan has a quality score: quality weighs the projects' work, so a
        scenario without projects, or with every project on hold, has none
        (:data:`NO_QUALITY` says so)."""
        return bool(self.scenario.planned)

    @property
    def quality_components(self) -> dict[str, float]:
        return dict(self.quality_detail.components)

    @property
    def budget_usd(self) -> float | None:
        return self.scenario.company.annual_budget_usd

    @cached_property
    def messages(self) -> list[str]:
        """Plain-language notes the user should see with the figures."""
        notes: list[str] = []
        if not self.scenario.projects:
            notes.append(
                "No projects yet: the plan covers only the company analytics baseline. "
                "Add a project to see a full plan."
            )
        held = [project.name for project in self.scenario.projects if project.on_hold]
        if held:
            notes.append(
                f"On hold, so not planned: {joined(held)} (no people, no outsourced "
                "labelling, no weight in the quality score)."
            )
        part = [
            f"{project.name} ({project.work_percent}% of its work)"
            for project in self.scenario.planned
            if project.work_percent < 100
        ]
        if part:
            notes.append(
                f"Planned in part: {joined(part)}: its people, labelling and weight in the "
                "quality score are that share of the project's."
            )
        live = [
            f"{project.name} (live from {project.live_from})"
            for project in self.scenario.planned
            if live_at_start(project, self.scenario.company.plan_start)
        ]
        if live:
            notes.append(
                "Already live when the plan's work on them starts, so planned with their run "
                f"effort, not a build: {joined(live)}."
            )
        notes.extend(shared_name_messages([project.name for project in self.scenario.projects]))
        budget = self.budget_usd
        if budget is not None and self.annual_cost_usd > budget:
            over = self.annual_cost_usd - budget
            notes.append(
                f"This plan costs {format_usd(self.annual_cost_usd)} a year, "
                f"{format_usd(over)} over the budget of {format_usd(budget)}."
            )
        surplus = [line for line in self.roles if line.existing > line.headcount]
        for line in surplus:
            notes.append(
                f"{line.existing} {line.label} already employed, {line.headcount} in this plan."
            )
        company = self.scenario.company
        existing = company.existing_team
        setup = self.setup
        rules = rules_staffing(self.demand, existing, setup, self.assumptions)
        notes.extend(surplus_messages(existing, self.demand.by_role))
        hires = {line.role: line.hires for line in self.roles}
        notes.extend(hiring_beside_surplus_message(existing, self.demand.by_role, hires))
        notes.extend(staffing_surplus_messages(existing, rules.needed))
        covered = self.quality_detail.covered_fte
        uncovered = {role: fte - covered[role] for role, fte in self.demand.by_role.items()}
        cut = self.assumptions.setups[setup].round_up_from
        by_rounding = self.allocation == rules.allocation
        notes.extend(uncovered_message(uncovered, setup, cut, by_rounding))
        notes.extend(team_share_message(self.total_headcount, company.employees, self.assumptions))
        notes.extend(hiring_pace_message(self.total_hires, existing, self.assumptions))
        notes.extend(scaled_rates_message(company.region, self.allocation, self.assumptions))
        return notes

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of the CLI and exports (money in whole dollars)."""
        return {
            "scenario": self.scenario.name,
            "setup": self.setup,
            "setup_reason": self.setup_reason,
            "region": self.scenario.company.region,
            "roles": [
                {
                    "role": line.role,
                    "fte_demand": round(line.fte_demand, 2),
                    "headcount": line.headcount,
                    "existing": line.existing,
                    "hires": line.hires,
                    "rate_usd": line.rate_usd,
                    "loaded_rate_usd": line.loaded_rate_usd,
                    "annual_cost_usd": line.annual_cost_usd,
                    "coverage": None if line.coverage is None else round(line.coverage, 1),
                    "fte_carried": round(line.fte_carried, 2),
                }
                for line in self.roles
            ],
            "vendor_costs": [
                {
                    "project": v.source,
                    "fte_equivalent": round(v.fte_equivalent, 2),
                    "annual_cost_usd": v.annual_cost_usd,
                }
                for v in self.vendor_lines
            ],
            "total_headcount": self.total_headcount,
            "total_hires": self.total_hires,
            "annual_cost_usd": self.annual_cost_usd,
            # whole dollars, as every other sum of money (a budget is read as a float)
            "budget_usd": None if self.budget_usd is None else round(self.budget_usd),
            "quality": round(self.quality, 2) if self.scored else None,
            "quality_note": None if self.scored else NO_QUALITY,
            "quality_components": (
                {c: round(v, 2) for c, v in self.quality_components.items()}
                if self.scored
                else None
            ),
            "coverage_by_phase": {
                p: round(v, 1) for p, v in self.quality_detail.coverage_by_phase.items()
            },
            "messages": self.messages,
        }


@dataclass(frozen=True)
class Explanation:
    """Why a role has its headcount: the demand behind it and the rule that rounded it."""

    role: str
    headcount: int
    rule: str
    demand: tuple[tuple[str, str, float], ...]
    work: dict[str, float] = field(default_factory=dict)
    coverage: str = ""

    @property
    def work_summary(self) -> str:
        """``building 2.1 FTE, running live models 0.4 FTE, shared platform 0.6 FTE``, the parts
        adding up to the total shown to a tenth (a part that shows as 0.0 is left out, unless
        all do)."""
        total = sum(fte for _, _, fte in self.demand)  # as the role's title adds it up
        shown = tenths_adding_up(list(self.work.values()), total)
        parts = list(zip(self.work, shown, strict=True))
        kept = [(kind, fte) for kind, fte in parts if fte > 0] or parts
        return ", ".join(f"{WORK_KINDS[kind]} {fte:.1f} FTE" for kind, fte in kept)

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "headcount": self.headcount,
            "rule": self.rule,
            "coverage": self.coverage,
            "work": {kind: round(fte, 2) for kind, fte in self.work.items()},
            "demand": [
                {"project": source, "phase": phase, "fte": round(fte, 2)}
                for source, phase, fte in self.demand
            ],
        }


@dataclass(frozen=True)
class Plan(Evaluation):
    """The recommended allocation, with an explanation for every role and how it was shaped
    from the rules' plan."""

    staffing: Staffing | None = field(default=None, repr=False)
    shaping: Shaping | None = field(default=None, repr=False)

    @cached_property
    def explanations(self) -> dict[str, Explanation]:
        assert self.staffing is not None and self.shaping is not None
        result: dict[str, Explanation] = {}
        for role in ROLES:
            work: dict[str, float] = {}
            if role in SPECIALIST_ROLES:
                lines = tuple(self.demand.lines(role))
                work = self.demand.work(role)
            elif role == GENERALIST:
                lines = carried_lines(self)
                work = self._generalist_work()
            else:
                lines = ()
            result[role] = Explanation(
                role=role,
                headcount=self.allocation[role],
                rule=self.staffing.rules[role] + _shaped(self.shaping, role) + self._carrier(role),
                demand=lines,
                work=work,
                coverage=coverage_note(self, role),
            )
        return result

    def _carrier(self, role: str) -> str:
        """Where the rules have full-stack data scientists carry some of a role and the plan has
        none, says so and who does the work instead: the rule alone named carriers the plan
        does not have, and "the plan has no full-stack data scientists to carry it" after
        "full-stack data scientists carry all 0.1 FTE" read as contradicting itself."""
        assert self.staffing is not None
        if self.staffing.carried.get(role, 0.0) <= _EPS or self.allocation[GENERALIST] > 0:
            return ""
        own = self.allocation[role]
        does = "does" if own == 1 else "do"
        who = f"its {people(own, role)} {does} it" if own else "nobody does that work"
        return f"; reshaped, the plan has no full-stack data scientists, so {who}"

    def _generalist_work(self) -> dict[str, float]:
        """The generalists' work by kind: each role's kinds in the share they carry."""
        work = dict.fromkeys(WORK_KINDS, 0.0)
        covered = self.quality_detail.generalist_fte
        for role in SPECIALIST_ROLES:
            total = self.demand.by_role[role]
            if covered[role] <= 0 or total <= 0:
                continue
            for kind, fte in self.demand.work(role).items():
                work[kind] += fte * covered[role] / total
        return {kind: fte for kind, fte in work.items() if fte > _EPS}

    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        data["explanations"] = {role: e.to_dict() for role, e in self.explanations.items()}
        assert self.shaping is not None
        data["shaping"] = {
            "rules_plan": dict(self.shaping.rules_plan),
            "rules_annual_cost_usd": self.shaping.rules_cost_usd,
            "rules_quality": round(self.shaping.rules_quality, 2),
            "moves": [_move_dict(move) for move in self.shaping.moves],
            "additions": [
                {
                    "added": _people(a.person)[0],
                    "removed": _people(a.person)[1],
                    "added_annual_cost_usd": a.person.cost_after - a.person.cost_before,
                    "annual_cost_usd": a.person.cost_after,
                    "quality": round(a.person.quality_after, 2),
                    "moves": [_move_dict(move) for move in a.moves],
                }
                for a in self.shaping.additions
            ],
            "summary": self.shaping.summary,
        }
        return data


def _move_dict(move: Move) -> dict[str, Any]:
    """A move as JSON: people added and removed per role, the plan's cost and quality after."""
    added, removed = _people(move)
    return {
        "added": added,
        "removed": removed,
        "annual_cost_usd": move.cost_after,
        "quality": round(move.quality_after, 2),
    }


def _people(move: Move) -> tuple[dict[str, int], dict[str, int]]:
    """People a move adds and removes per role, heads of data & ML following the leads."""
    added = {role: n * move.step for role, n in move.added.items()}
    removed = {role: n * move.step for role, n in move.removed.items()}
    if move.heads:
        (added if move.heads > 0 else removed)[HEAD] = abs(move.heads)
    return added, removed


def _shaped(shaping: Shaping, role: str) -> str:
    """What the shaping changed in a role, after the rule that sized it."""
    change = shaping.change(role)
    if not change:
        return ""
    if role == HEAD:
        leads = shaping.allocation[LEAD]
        heads = people(shaping.allocation[HEAD], HEAD, in_words=True)
        why = f"its {people(leads, LEAD)} call for {heads}"
    elif any(role in addition.person.added for addition in shaping.additions):
        why = "a person more of it buys quality at least as cheaply as the shaped team does"
    elif any(role in addition.person.removed for addition in shaping.additions):
        why = (
            "a person of it moved to a dearer role buys quality at least as cheaply as the "
            "shaped team does"
        )
    elif shaping.additions:
        why = "moving people between roles scores higher for no more than the plan's cost"
    else:
        why = "moving people between roles scores higher for no more than the rules' cost"
    return (
        f"; the plan has {people(abs(change), in_words=True)} "
        f"{'more' if change > 0 else 'fewer'} ({shaping.allocation[role]}): {why}"
    )


def carried_lines(evaluation: Evaluation) -> tuple[tuple[str, str, float], ...]:
    """Demand full-stack data scientists carry: each role's share they cover, by source and
    phase, largest first (they sum to the generalists' ``fte_carried``)."""
    lines: list[tuple[str, str, float]] = []
    covered = evaluation.quality_detail.generalist_fte
    for role in SPECIALIST_ROLES:
        total = evaluation.demand.by_role[role]
        if covered[role] <= 0 or total <= 0:
            continue
        share = covered[role] / total
        lines.extend((s, p, fte * share) for s, p, fte in evaluation.demand.lines(role))
    return tuple(sorted(lines, key=lambda line: -line[2]))


def coverage_note(evaluation: Evaluation, role: str) -> str:
    """Who covers a role's demand in this plan, with the role table's coverage figure:
    ``Covered 96% (1.4 of 1.5 FTE): 1.0 FTE by its own people, 0.4 FTE by full-stack data
    scientists.`` Full-stack data scientists: the demand they carry. Empty for a role with no
    demand (and for leads and heads)."""
    line = next(line for line in evaluation.roles if line.role == role)
    if role == GENERALIST:
        if line.fte_carried <= SHOWN_FTE:
            return ""
        return f"They carry {line.fte_carried:,.1f} FTE of other roles' demand."
    if line.coverage is None:
        return ""
    covered = evaluation.quality_detail.covered_fte[role]
    by_generalists = evaluation.quality_detail.generalist_fte[role]
    own = covered - by_generalists
    parts = []
    if own > _EPS:
        parts.append(f"{_fte(own)} FTE by its own people")
    if by_generalists > _EPS:
        parts.append(f"{_fte(by_generalists)} FTE by full-stack data scientists")
    who = ", ".join(parts) if parts else "nobody is staffed for it"
    pair = _fte_pair(covered, line.fte_demand)
    return f"Covered {line.coverage:.0f}% ({pair} FTE): {who}."


def _fte(fte: float) -> str:
    """FTE to one decimal, or two where one would show it as none (``0.04``): "0.0 FTE by
    full-stack data scientists" read as nobody beside a coverage of 44%."""
    return f"{fte:,.1f}" if fte >= SHOWN_FTE else f"{fte:,.2f}"


def _fte_pair(covered: float, demand: float) -> str:
    """``1.4 of 1.5``; with more decimals (up to three) where fewer would show a shortfall as
    ``2.0 of 2.0``."""
    for digits in (1, 2, 3):
        pair = f"{covered:,.{digits}f} of {demand:,.{digits}f}"
        if not covered < demand or f"{covered:,.{digits}f}" != f"{demand:,.{digits}f}":
            break
    return pair


def _check_allocation(allocation: Mapping[str, int]) -> dict[str, int]:
    problems: list[str] = []
    for role, count in allocation.items():
        if role not in ROLES:
            problems.append(f"allocation.{role}: unknown role; roles are {', '.join(ROLES)}")
        elif isinstance(count, bool) or not isinstance(count, int):
            problems.append(f"allocation.{role}: must be a whole number (got {count!r})")
        elif not 0 <= count <= MAX_PEOPLE_PER_ROLE:
            problems.append(f"allocation.{role}: must be between 0 and {MAX_PEOPLE_PER_ROLE:,}")
    if problems:
        raise ValueError("; ".join(problems))
    return {role: int(allocation.get(role, 0)) for role in ROLES}


def _score(
    scenario: Scenario,
    demand: Demand,
    allocation: dict[str, int],
    choice: SetupChoice,
    assumptions: Assumptions,
    staffing: Staffing | None = None,
    shaping: Shaping | None = None,
) -> Plan:
    existing = scenario.company.existing_team
    region = scenario.company.region
    quality = assess(portfolio(demand, assumptions), demand.by_phase_role, allocation, assumptions)
    carried = sum(quality.generalist_fte.values())
    lines = []
    for role in ROLES:
        cost: CostLine = role_cost(role, allocation[role], region, assumptions)
        have = existing.get(role, 0)
        lines.append(
            RoleLine(
                role=role,
                fte_demand=demand.by_role.get(role, 0.0),
                headcount=allocation[role],
                existing=have,
                hires=max(0, allocation[role] - have),
                rate_usd=cost.rate_usd,
                loaded_rate_usd=cost.loaded_rate_usd,
                annual_cost_usd=cost.annual_cost_usd,
                # A role with no demand has nothing to cover: no figure (not 100%).
                coverage=quality.coverage_by_role[role]
                if demand.by_role.get(role, 0) > 0
                else None,
                fte_carried=carried if role == GENERALIST else 0.0,
            )
        )
    vendors = vendor_lines(demand, region, assumptions)
    return Plan(
        scenario=scenario,
        setup=choice.setup,
        setup_reason=choice.reason,
        demand=demand,
        roles=tuple(lines),
        vendor_lines=vendors,
        quality_detail=quality,
        assumptions=assumptions,
        staffing=staffing,
        shaping=shaping,
    )


def recommend(
    scenario: Scenario, setup: str | None = None, assumptions: Assumptions | None = None
) -> Plan:
    """The recommended staffing plan for a scenario under a setup (default: the scenario's):
    the setup's rules' plan, reshaped for the rules' cost and changed beyond it where a change
    is worth its cost within the budget (module docstring).

    The last :data:`REMEMBERED` plans are remembered, keyed by the scenario's and the
    assumptions' JSON and the setup asked for (a plan is frozen, so callers share it): one run
    of the Plan page asks for the same plan some seven times (the page, the sidebar, the
    ranges, the tornado, the timeline, the budget advice), each 5 to 30 ms.
    """
    assumptions = assumptions or Assumptions.defaults()
    key = (scenario.to_json(), setup, assumptions.model_dump_json())
    return _recommended(_Inputs(key, scenario, assumptions))


@dataclass(frozen=True)
class _Inputs:
    """What a plan is recommended from, compared and hashed by ``key`` (the JSON texts and the
    setup) alone."""

    key: tuple[str, str | None, str]
    scenario: Scenario = field(compare=False)
    assumptions: Assumptions = field(compare=False)


def forget_plans() -> None:
    """Forget the remembered plans: the benchmarks time ``recommend``'s own work, and a test
    that patches a model constant (which the plans' key leaves out) must not share plans."""
    _recommended.cache_clear()


def rules_staffing(
    demand: Demand, existing: dict[str, int], setup: Setup, assumptions: Assumptions
) -> Staffing:
    """The setup's staffing rules on a scenario's demand (:func:`staff`, told whether a
    production model needs deploying)."""
    return staff(demand.by_role, existing, setup, assumptions, deploys=demand.deploys)


def rules_and_space(
    demand: Demand, existing: dict[str, int], setup: Setup, assumptions: Assumptions
) -> tuple[Staffing, SearchSpace]:
    """The setup's rules' staffing of a demand and the setup's space of plans around it."""
    staffing = rules_staffing(demand, existing, setup, assumptions)
    space = setup_space(
        demand.by_role,
        existing,
        setup,
        staffing.allocation,
        assumptions,
        must_have=staffing.must_have,
        deploys=demand.deploys,
    )
    return staffing, space


@lru_cache(maxsize=REMEMBERED)
def _recommended(inputs: _Inputs) -> Plan:
    scenario, setup, assumptions = inputs.scenario, inputs.key[1], inputs.assumptions
    choice = choose_setup(scenario.company, assumptions, setup)
    demand = compute_demand(scenario, assumptions)
    existing = scenario.company.existing_team
    staffing, space = rules_and_space(demand, existing, choice.setup, assumptions)
    context = scoring_context(demand, scenario.company.region, assumptions)
    # Without projects there is no quality to raise: the rules' plan stands.
    shaping = shape(
        context,
        space,
        staffing.allocation,
        reshape=bool(scenario.planned),
        budget_usd=scenario.company.annual_budget_usd,
    )
    return _score(scenario, demand, shaping.allocation, choice, assumptions, staffing, shaping)


def evaluate(
    scenario: Scenario,
    allocation: Mapping[str, int],
    setup: str | None = None,
    assumptions: Assumptions | None = None,
) -> Evaluation:
    """Cost, quality and components of any whole-number allocation (missing roles count 0).

    Raises ``ValueError`` naming the role for an unknown role or a count that is not a whole
    number from 0 to 100,000.
    """
    assumptions = assumptions or Assumptions.defaults()
    checked = _check_allocation(allocation)
    choice = choose_setup(scenario.company, assumptions, setup)
    demand = compute_demand(scenario, assumptions)
    plan = _score(scenario, demand, checked, choice, assumptions)
    return Evaluation(
        scenario=plan.scenario,
        setup=plan.setup,
        setup_reason=plan.setup_reason,
        demand=plan.demand,
        roles=plan.roles,
        vendor_lines=plan.vendor_lines,
        quality_detail=plan.quality_detail,
        assumptions=assumptions,
    )


__all__ = [
    "COMPONENTS",
    "LEAD",
    "NO_QUALITY",
    "PHASES",
    "Evaluation",
    "Explanation",
    "Plan",
    "RoleLine",
    "carried_lines",
    "coverage_note",
    "evaluate",
    "recommend",
]
