"""One scenario staffed as a startup, a scaleup and a mature company, and why they differ.

Every sentence is worked out from the three plans' figures: the work full-stack data scientists
cover (:attr:`mlplanner.model.quality.Quality.generalist_fte`), the quality components and
coverage per phase, and the cost per role (:mod:`mlplanner.reports.deltas`). Nothing is canned: a
scenario where the mature setup scores lower than the startup one says exactly that.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Final, Literal

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import Evaluation, Plan, recommend
from mlplanner.model.quality import COVERABLE, SHOWN_POINTS, portfolio, shown_difference
from mlplanner.model.roles import (
    GENERALIST,
    LEAD,
    PHASE_LABELS,
    PHASES,
    SPECIALIST_ROLES,
    role_label,
)
from mlplanner.model.scenario import DEPTH_WORK, DEPTH_WORK_NAMES, SETUPS, Scenario
from mlplanner.model.staffing import choose_setup
from mlplanner.model.wording import (
    agreeing,
    format_usd,
    joined,
    people,
    signed_people,
    signed_usd,
)
from mlplanner.reports.deltas import EvaluationDelta, delta

Topic = Literal["summary", "generalists", "quality", "cost"]

TOPIC_TITLES: Final[dict[str, str]] = {
    "summary": "In short",
    "generalists": "What the generalists absorb",
    "quality": "Where quality is lost",
    "cost": "What the specialists cost",
}

# The work of each demand role, as a founder would name it.
WORK_NAMES: Final[dict[str, str]] = {
    "data_analyst": "analysis and reporting",
    "data_engineer": "data engineering",
    "data_scientist": "data science",
    "research_scientist": "research",
    "ml_engineer": "deployment and serving",
    "developer": "backend integration",
    "annotator": "annotation",
}

# Differences smaller than these read as "the same" (figures are shown to one decimal).
_COMPONENT_STEP = 0.5
_FTE_STEP = 0.05
_EPS = 1e-9


@dataclass(frozen=True)
class Finding:
    """One plain-language statement about the setups, under a topic."""

    topic: Topic
    text: str


@dataclass(frozen=True)
class SetupComparison:
    """The three setups' plans for one scenario and assumption set, in setup order."""

    plans: dict[str, Plan]
    chosen: str
    chosen_reason: str

    @property
    def setups(self) -> tuple[str, ...]:
        return tuple(self.plans)

    @property
    def cheapest(self) -> str:
        """The setup with the lowest yearly cost (ties: the one with higher quality)."""
        return min(self.setups, key=lambda s: (self.plans[s].annual_cost_usd, -self._q(s)))

    @property
    def best(self) -> str:
        """The setup with the highest quality (ties within 0.05 points: the cheaper one)."""
        top = max(self.plans[s].quality for s in self.setups)
        level = [s for s in self.setups if self.plans[s].quality >= top - SHOWN_POINTS]
        return min(level, key=lambda s: self.plans[s].annual_cost_usd)

    def _q(self, setup: str) -> float:
        return self.plans[setup].quality

    @property
    def teams(self) -> tuple[tuple[str, ...], ...]:
        """Setups grouped by identical allocation (the same team), in setup order."""
        groups: list[list[str]] = []
        for setup in self.setups:
            for group in groups:
                if self.plans[group[0]].allocation == self.plans[setup].allocation:
                    group.append(setup)
                    break
            else:
                groups.append([setup])
        return tuple(tuple(group) for group in groups)

    def team_of(self, setup: str) -> tuple[str, ...]:
        """The setups giving the same team as ``setup`` (itself included)."""
        return next(group for group in self.teams if setup in group)

    def name(self, setup: str) -> str:
        """``Startup``, or ``Startup and Scaleup`` when both give the same team."""
        return joined([setup_name(s) for s in self.team_of(setup)])

    def against(self, baseline: str) -> dict[str, EvaluationDelta]:
        """Every other setup's plan against ``baseline``'s."""
        base = self.plans[baseline]
        return {s: delta(base, self.plans[s], s) for s in self.setups if s != baseline}

    @cached_property
    def findings(self) -> tuple[Finding, ...]:
        """What a founder should know, by topic: summary, generalists, quality, cost."""
        return (
            *_summary(self),
            *_generalists(self),
            *_quality(self),
            *_cost(self),
        )


def compare_setups(scenario: Scenario, assumptions: Assumptions) -> SetupComparison:
    """The scenario's recommended plan under each setup, and which one it would use itself."""
    choice = choose_setup(scenario.company, assumptions, None)
    plans: dict[str, Plan] = {setup: recommend(scenario, setup, assumptions) for setup in SETUPS}
    return SetupComparison(plans=plans, chosen=choice.setup, chosen_reason=choice.reason)


def setup_name(setup: str) -> str:
    """``Startup``, ``Scaleup``, ``Mature``."""
    return setup.capitalize()


def _figures(plan: Plan) -> str:
    return (
        f"{people(plan.total_headcount)}, {format_usd(plan.annual_cost_usd)} a year, "
        f"quality {plan.quality:.1f}"
    )


def _summary(c: SetupComparison) -> list[Finding]:
    findings: list[Finding] = []
    for group in c.teams:
        if len(group) > 1:
            findings.append(
                Finding(
                    "summary",
                    f"{c.name(group[0])} give the same team here ({_figures(c.plans[group[0]])}).",
                )
            )
    cheapest, best = c.cheapest, c.best
    low, high = c.plans[cheapest], c.plans[best]
    if cheapest == best:
        findings.append(
            Finding(
                "summary",
                f"{c.name(cheapest)}: both the cheapest and the best team here "
                f"({_figures(low)}). No other setup's team costs less or scores higher.",
            )
        )
    else:
        findings.append(
            Finding(
                "summary",
                f"Cheapest: {c.name(cheapest)}, {_figures(low)}. Highest quality: "
                f"{c.name(best)}, {_figures(high)}. The better team costs "
                f"{format_usd(high.annual_cost_usd - low.annual_cost_usd)} more a year for "
                f"{shown_difference(high.quality, low.quality):.1f} more quality points.",
            )
        )
    for group in c.teams:
        better = dominating(c, group[0])
        if better is not None:
            findings.append(Finding("summary", dominated_sentence(c, group[0], better)))
    findings.append(
        Finding(
            "summary",
            f"Your scenario is planned as {c.chosen} ({c.chosen_reason}); change the setup on the "
            "Scenario page.",
        )
    )
    return findings


def dominating(c: SetupComparison, setup: str) -> str | None:
    """The setup whose team beats ``setup``'s for this portfolio: it costs no more and scores
    no lower, and is cheaper or better (the best such team, then the cheapest); None if none."""
    plan = c.plans[setup]
    beating = []
    for other in c.setups:
        if other in c.team_of(setup):
            continue
        cost_other, q_other = c.plans[other].annual_cost_usd, c.plans[other].quality
        no_dearer = cost_other <= plan.annual_cost_usd
        no_worse = q_other >= plan.quality - SHOWN_POINTS
        cheaper = cost_other < plan.annual_cost_usd
        better = q_other > plan.quality + SHOWN_POINTS
        if no_dearer and no_worse and (cheaper or better):
            beating.append(other)
    return min(beating, key=lambda s: (-c._q(s), c.plans[s].annual_cost_usd), default=None)


def better_setup(plan: Plan) -> str | None:
    """Where another setup's recommended plan is the better buy for ``plan``'s portfolio, a
    sentence saying so, for the Plan page and the command line; ``None`` otherwise.

    The better buy beats ``plan`` (it costs no more and scores no lower, and is cheaper or
    better: :func:`dominating`; the Compare page's sentence), or else costs more but buys its
    extra points at least as cheaply as ``plan``'s own people buy theirs (:func:`worth_more`:
    the bar the shaping holds a change beyond the rules' cost to), said only where the setup
    was chosen by the company's size (``auto``), not by the user. A review's 12-person vision
    startup, planned as a startup by its size, was never told that the scaleup plan cost
    $283k less and scored 4.4 more; a robotics startup's generalists scored 63.5 on RL
    research where the scaleup plan's specialists scored 85.7 for 2% more."""
    if not plan.scored:
        return None
    c = compare_setups(plan.scenario, plan.assumptions)
    better = dominating(c, plan.setup)
    if better is not None:
        return dominated_sentence(c, plan.setup, better)
    # a setup the user chose keeps its dearer alternatives to the Compare page: a style
    # chosen knowingly is not second-guessed on every plan
    chosen = plan.scenario.company.setup == "auto" and plan.setup_reason == c.chosen_reason
    dearer = worth_more(c, plan.setup) if chosen else None
    return None if dearer is None else worth_more_sentence(c, plan.setup, dearer)


def worth_more(c: SetupComparison, setup: str) -> str | None:
    """The setup whose dearer team scores visibly more than ``setup``'s and buys those points
    at least as cheaply per dollar as ``setup``'s team buys all of its own (of several, the
    one buying them most cheaply), within the budget if there is one; ``None`` if none."""
    plan = c.plans[setup]
    own_rate = plan.quality / plan.annual_cost_usd
    budget = plan.budget_usd
    worth = []
    for other in c.setups:
        if other in c.team_of(setup):
            continue
        cost = c.plans[other].annual_cost_usd
        extra = cost - plan.annual_cost_usd
        gain = c.plans[other].quality - plan.quality
        visible = shown_difference(c.plans[other].quality, plan.quality) > SHOWN_POINTS
        # not a team past the budget (where the plan is past it too, a dearer team was
        # suggested beside "the plan already costs more than the budget")
        affordable = budget is None or cost <= budget
        if extra > 0 and visible and affordable and gain / extra >= own_rate:
            worth.append(other)

    def rate(other: str) -> float:  # points per dollar of the extra
        extra = c.plans[other].annual_cost_usd - plan.annual_cost_usd
        return (c.plans[other].quality - plan.quality) / extra

    return max(worth, key=rate, default=None)


def worth_more_sentence(c: SetupComparison, setup: str, dearer: str) -> str:
    """``The scaleup setup's plan scores 22.2 more for $35k more a year: 628 points per $1M,
    against 37 for this plan's own people, so the extra buys quality more cheaply than the
    plan does.``"""
    plan, other = c.plans[setup], c.plans[dearer]
    extra = other.annual_cost_usd - plan.annual_cost_usd
    gap = shown_difference(other.quality, plan.quality)
    rate = (other.quality - plan.quality) / extra * 1_000_000
    own = plan.quality / plan.annual_cost_usd * 1_000_000
    team = c.team_of(dearer)
    whose = "setup's" if len(team) == 1 else "setups'"
    return (
        f"The {joined(team)} {whose} plan scores {gap:.1f} more for "
        f"{format_usd(extra)} more a year: {rate:.0f} points per $1M, against {own:.0f} for this "
        "plan's own people, so the extra buys quality more cheaply than the plan does."
    )


def dominated_sentence(c: SetupComparison, setup: str, better: str) -> str:
    """``The startup setup costs $28k more and scores 0.1 lower than scaleup for this
    portfolio: scaleup is the better buy.`` (``better`` beats ``setup``: see
    :func:`dominating`)."""
    plan, other = c.plans[setup], c.plans[better]
    beaten, winners = c.team_of(setup), c.team_of(better)
    n = len(beaten)
    extra = plan.annual_cost_usd - other.annual_cost_usd
    gap = shown_difference(other.quality, plan.quality)
    costs, scores, than = agreeing("costs", n), agreeing("scores", n), joined(winners)
    if extra > 0 and gap > SHOWN_POINTS:
        what = f"{costs} {format_usd(extra)} more and {scores} {gap:.1f} lower than {than}"
    elif extra > 0:
        what = f"{costs} {format_usd(extra)} more than {than} and {scores} the same"
    else:
        what = f"{scores} {gap:.1f} lower than {than} at the same cost"
    return (
        f"The {joined(beaten)} {'setup' if n == 1 else 'setups'} {what} for this portfolio: "
        f"{than} {agreeing('is', len(winners))} the better buy."
    )


def absorbed_work(plan: Evaluation) -> dict[str, float]:
    """FTE of each demand role's work that full-stack data scientists cover, lifecycle order."""
    general = plan.quality_detail.generalist_fte
    return {role: general[role] for role in SPECIALIST_ROLES if general[role] >= _FTE_STEP}


def _generalists(c: SetupComparison) -> list[Finding]:
    findings: list[Finding] = []
    for group in c.teams:
        setup = group[0]
        plan = c.plans[setup]
        count = plan.allocation[GENERALIST]
        work = absorbed_work(plan)
        if count == 0 or not work:
            continue
        text = f"{c.name(setup)}: {_absorbed(plan, work)}"
        depth = plan.assumptions.generalist_depth
        depths = [
            f"{depth.get(role, 0.0):.0%} in {WORK_NAMES[role]}"
            for role in work
            if depth.get(role, 0.0) < 1
        ]
        if depths:
            text += (
                f" Against a specialist's depth they reach {joined(depths)} (editable assumptions)"
                + _lighter(plan)
                + "."
            )
        if "mature" not in group:
            text += _mature_specialists(plan, c.plans["mature"], work)
        findings.append(Finding("generalists", text))
    if not findings:
        findings.append(
            Finding(
                "generalists",
                "No setup's team has full-stack data scientists doing other roles' work here.",
            )
        )
    return findings


def _lighter(plan: Plan) -> str:
    """``; prototype and batch-scored production work feel 50% of that gap``: the portfolio's
    kinds of work that feel less of the generalists' depth gap than online production
    (``depth_need``), those feeling the same share named together."""
    need = plan.assumptions.depth_need
    kinds = [kind for kind in DEPTH_WORK if kind in plan.demand.depth_work and need[kind] < 1]
    shares = sorted({need[kind] for kind in kinds})
    parts = []
    for share in shares:
        named = [DEPTH_WORK_NAMES[kind] for kind in kinds if need[kind] == share]
        verb = "feels" if len(named) == 1 else "feel"
        parts.append(f"{joined(named)} work {verb} {share:.0%} of that gap")
    return f"; {joined(parts)}" if parts else ""


def _absorbed(plan: Plan, work: dict[str, float]) -> str:
    """``2 Full-Stack Data Scientists cover 0.3 FTE of data engineering and 0.6 FTE of data
    science beside 2 Data Scientists; no specialist does data engineering.``: the work they
    carry, and beside which of the plan's own specialists (the score gives generalists the
    demand the specialists leave uncovered)."""
    count = plan.allocation[GENERALIST]
    parts = [
        f"{fte:.1f} FTE of {WORK_NAMES[role]}"
        + (f" beside {people(plan.allocation[role], role)}" if plan.allocation[role] else "")
        for role, fte in work.items()
    ]
    alone = [WORK_NAMES[role] for role in work if not plan.allocation[role]]
    text = f"{people(count, GENERALIST)} {agreeing('covers', count)} {joined(parts)}"
    if len(alone) == len(work):
        return text + ", with no specialist for that work."
    if alone:
        return text + f"; no specialist does {joined(alone)}."
    return text + "."


def _mature_specialists(plan: Plan, mature: Plan, work: dict[str, float]) -> str:
    """`` The mature setup staffs more specialists in those roles: 1 Data Engineer instead of
    none, 9 Data Analysts instead of 8.`` (empty when it staffs none more)."""
    more = [
        f"{people(mature.allocation[role], role)} instead of {plan.allocation[role] or 'none'}"
        for role in work
        if mature.allocation[role] > plan.allocation[role]
    ]
    if not more:
        return ""
    return f" The mature setup staffs more specialists in those roles: {joined(more)}."


def single_points(plan: Evaluation) -> list[str]:
    """Demand roles carried by exactly one person who can do the work (quality's resilience)."""
    generalists = plan.allocation[GENERALIST]
    points: list[str] = []
    for role in SPECIALIST_ROLES:
        if plan.demand.by_role[role] <= _EPS:
            continue
        able = plan.allocation[role] + (generalists if role in COVERABLE else 0)
        if able == 1:
            points.append(role)
    return points


def _component_reason(plan: Plan, top: Plan, component: str) -> str:
    """Why ``plan`` scores lower than ``top`` on one quality component, with both figures."""
    now, then = plan.quality_components[component], top.quality_components[component]
    figures = f"{component.capitalize()} {now:.0f} vs {then:.0f}"
    if component == "delivery":
        gap = plan.demand.total - sum(plan.quality_detail.covered_fte.values())
        phases = _phase_drops(plan, top)
        text = f"{figures}: nobody is staffed for {gap:.1f} FTE of the work"
        if gap <= 0.05:
            text = f"{figures}: less of the planned work gets delivered"
        return text + (f", mostly {joined(phases)}" if phases else "")
    if component == "depth":
        work = absorbed_work(plan)
        if not work:
            return f"{figures}: less of the work is done at specialist depth"
        names = joined([WORK_NAMES[r] for r in work])
        return (
            f"{figures}: generalists do {sum(work.values()):.1f} FTE of {names} "
            "at less than specialist depth"
        )
    if component == "resilience":
        points = [role_label(r) for r in single_points(plan)]
        if not points:
            return f"{figures}: more of the work rests on a single person"
        verb = "rests" if len(points) == 1 else "each rest"
        return f"{figures}: {joined(points)} {verb} on one person; a leave stops the work"
    # Coordination counts the teams the portfolio's work needs (quality's step 6).
    teams = portfolio(plan.demand, plan.assumptions).teams
    missing = max(0, teams - plan.allocation[LEAD])
    verb = "has" if missing == 1 else "have"
    return f"{figures}: {missing} of the {teams} teams the work needs {verb} no lead"


def _phase_drops(plan: Plan, top: Plan, limit: int = 3) -> list[str]:
    """Phases whose coverage is lower than in ``top``, largest drop first."""
    now = plan.quality_detail.coverage_by_phase
    then = top.quality_detail.coverage_by_phase
    drops = [(then[p] - now[p], p) for p in PHASES if then[p] - now[p] >= _COMPONENT_STEP]
    drops.sort(key=lambda item: -item[0])
    return [
        f"{PHASE_LABELS[p].lower()} ({now[p]:.0f}% covered vs {then[p]:.0f}%)"
        for _, p in drops[:limit]
    ]


def _quality(c: SetupComparison) -> list[Finding]:
    best = c.best
    top = c.plans[best]
    findings: list[Finding] = []
    for group in c.teams:
        setup = group[0]
        plan = c.plans[setup]
        if best in group or plan.quality >= top.quality - SHOWN_POINTS:
            continue
        deltas = {
            name: plan.quality_components[name] - top.quality_components[name]
            for name in plan.quality_components
        }
        losses = [
            _component_reason(plan, top, name) + "."
            for name, d in sorted(deltas.items(), key=lambda item: item[1])
            if d <= -_COMPONENT_STEP
        ]
        gains = [
            f"{name} ({plan.quality_components[name]:.0f} vs {top.quality_components[name]:.0f})"
            for name, d in deltas.items()
            if d >= _COMPONENT_STEP
        ]
        text = " ".join(
            [
                f"The {c.name(setup)} team scores {plan.quality:.1f}, "
                f"{shown_difference(top.quality, plan.quality):.1f} below the {c.name(best)} team.",
                *losses,
            ]
        )
        if gains:
            text += f" It does better on {joined(gains)}."
        findings.append(Finding("quality", text))
    if not findings:
        findings.append(
            Finding(
                "quality",
                f"No setup scores lower than {c.name(best)} ({top.quality:.1f}): on this "
                "project mix the cheaper teams give nothing up.",
            )
        )
    return findings


def _cost(c: SetupComparison) -> list[Finding]:
    cheapest = c.cheapest
    findings: list[Finding] = []
    others = c.against(cheapest)
    groups = [g for g in c.teams if cheapest not in g]
    for group in sorted(groups, key=lambda g: c.plans[g[0]].annual_cost_usd):
        item = others[group[0]]
        changes = [
            f"{signed_people(line.headcount_delta, line.role)} ({signed_usd(line.cost_delta_usd)})"
            for line in item.changed_roles
            if line.headcount_delta != 0
        ]
        if item.vendor_cost_delta_usd:
            changes.append(f"vendor annotation {signed_usd(item.vendor_cost_delta_usd)}")
        pct = item.cost_delta_pct
        share = f" ({pct:+.0f}%)" if pct is not None else ""
        name, base = c.name(group[0]), c.name(cheapest)
        if item.cost_delta_usd == 0:
            text = f"The {name} team costs the same as the {base} team"
        else:
            more = "more" if item.cost_delta_usd > 0 else "less"
            text = (
                f"The {name} team costs {format_usd(abs(item.cost_delta_usd))} {more} a year "
                f"than the {base} team{share}"
            )
        text += ": " + joined(changes) + "."
        if item.quality_delta > SHOWN_POINTS and item.cost_delta_usd > 0:
            per_point = item.cost_delta_usd / item.quality_delta
            text += (
                f" That buys {item.quality_delta:.1f} quality points, "
                f"{format_usd(per_point)} a year per point."
            )
        elif item.quality_delta < -SHOWN_POINTS:
            text += f" It scores {-item.quality_delta:.1f} points lower all the same."
        findings.append(Finding("cost", text))
    if not findings:
        findings.append(
            Finding("cost", "All three setups give the same team, so they cost the same.")
        )
    return findings


def headcount_headline(c: SetupComparison) -> str:
    """Title of the headcount chart: ``Mature staffs 73 people, startup 70``."""
    totals = {s: c.plans[s].total_headcount for s in c.setups}
    if len(set(totals.values())) == 1:
        n = next(iter(totals.values()))
        if len(c.teams) == 1:
            return f"All three setups staff the same {people(n)}"
        return f"All three setups staff {people(n)}; they differ in which roles"
    most = max(c.setups, key=lambda s: totals[s])
    least = min(c.setups, key=lambda s: totals[s])
    return (
        f"{setup_name(most)} staffs {people(totals[most])}, "
        f"{setup_name(least).lower()} {totals[least]}"
    )


def tradeoff_headline(c: SetupComparison) -> str:
    """Title of the cost-versus-quality chart: what the best setup adds over the cheapest."""
    cheapest, best = c.cheapest, c.best
    if cheapest == best:
        plan = c.plans[best]
        return (
            f"{setup_name(best)} is cheapest and best: {format_usd(plan.annual_cost_usd)}, "
            f"quality {plan.quality:.1f}"
        )
    low, high = c.plans[cheapest], c.plans[best]
    extra = format_usd(high.annual_cost_usd - low.annual_cost_usd)
    gain = shown_difference(high.quality, low.quality)
    return f"{setup_name(best)}: +{gain:.1f} quality for {extra} more a year"
