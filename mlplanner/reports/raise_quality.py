"""What would raise quality most: the next few people to add to a plan.

A greedy walk from the plan: each step tries one more person of every role the plan's setup
hires (:func:`~mlplanner.model.setup_space.hires`: a mature company is not told to hire a
full-stack data scientist, nor a startup whose generalists do all data science a data
scientist), and a lead only where the plan's individual contributors call for one more than
it has (the staffing rule's span of control: a team of five is not told to hire a manager),
scored by ``evaluate``'s rules, the same score as everywhere; it keeps the one
that gains the most points (ties: the cheaper), and says which project's delivery rises most.
A lead added brings the heads of data & ML the plan's leads then call for
(:func:`~mlplanner.model.staffing.managers` from ``head_from_leads`` on, as the staffing rules
and the search set them): a third lead's cost includes the head it needs. It stops early
when no single person gains anything (a project short of two roles at once gains only from
both).

Two people one after the other where the second gains more than the first are one
suggestion, a pair: the first was worth little alone, and read alone it misled. A review's
SaaS assistant was told "One more ML Engineer: +2.4 points" above "One more Data Engineer:
+22.7 points"; together they buy 25.1, and neither alone more than 2.4.

A person the setup's own space of plans would not hold (:mod:`mlplanner.model.setup_space`:
a startup plans a specialist only for the work its generalists leave, past
``absorb_below_fte`` of the role) is still suggested, since it can be what buys most, but
named as beyond the setup's staffing style: a health-tech startup's plan was told "one more
ML Engineer: +24.4 points" that its recommended plan could never contain.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from mlplanner.model.plan import Evaluation, evaluate, rules_and_space
from mlplanner.model.quality import COVERABLE, SHOWN_POINTS
from mlplanner.model.roles import HEAD, LEAD, ROLES, role_label
from mlplanner.model.scoring import score, scoring_context
from mlplanner.model.setup_space import hires
from mlplanner.model.staffing import leads_called, managers
from mlplanner.model.wording import format_usd, people

# The roles a person more of is tried: the score does not count heads of data & ML.
_CANDIDATES = tuple(role for role in ROLES if role != HEAD)
_HEAD = ROLES.index(HEAD)
_LEAD = ROLES.index(LEAD)


@dataclass(frozen=True)
class Suggestion:
    """One more person of ``role`` (and the ``heads`` of data & ML a lead more calls for), or
    with a ``partner`` one more of that role too (a pair: module docstring; ``alone`` is then
    the most either of the two buys alone): their yearly cost, the quality points gained, the
    score after, and the project (or shared work) whose delivery rises most."""

    role: str
    annual_cost_usd: int
    points: float
    quality_after: float
    project: str | None
    heads: int = 0
    beyond_setup: bool = False
    partner: str | None = None
    alone: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "partner": self.partner,
            "alone": None if self.partner is None else round(self.alone, 2),
            "annual_cost_usd": self.annual_cost_usd,
            "points": round(self.points, 2),
            "quality_after": round(self.quality_after, 2),
            "project": self.project,
            "heads_added": self.heads,
            "beyond_setup": self.beyond_setup,
        }

    def sentence(self) -> str:
        """``One more ML Engineer ($183k a year): +6.1 points, mostly Fraud model.``; a lead
        that calls for a head: ``One more ML Team Lead, with one Head of Data & ML the
        leads then call for ($596k a year): …``; a pair: ``One more ML Engineer and one more
        Data Engineer ($230k a year): +25.1 points, mostly Ticket triage; neither alone buys
        more than 2.4.``"""
        who = f"One more {role_label(self.role)}"
        if self.partner is not None:
            who += f" and one more {role_label(self.partner)}"
        where = f", mostly {self.project}" if self.project else ""
        cost = format_usd(self.annual_cost_usd)
        head = ""
        if self.heads:
            head = f", with {people(self.heads, HEAD, in_words=True)} the leads then call for"
        beyond = ", beyond a startup's staffing style" if self.beyond_setup else ""
        alone = (
            f"; neither alone buys more than {self.alone:.1f}" if self.partner is not None else ""
        )
        return f"{who}{head} ({cost} a year): +{self.points:.1f} points{where}{beyond}{alone}."


def raise_quality(plan: Evaluation, count: int = 3) -> list[Suggestion]:
    """Up to ``count`` people to add to ``plan``, one after the other, two that complement
    each other as one pair (module docstring); none for a plan without a quality score (no
    projects)."""
    walk, plans = _walk(plan, count)
    paired: list[Suggestion] = []
    i = 0
    while i < len(walk):
        first = walk[i]
        if i + 1 < len(walk) and walk[i + 1].points > first.points:
            second = walk[i + 1]
            paired.append(
                Suggestion(
                    first.role,
                    first.annual_cost_usd + second.annual_cost_usd,
                    second.quality_after - plans[i].quality,
                    second.quality_after,
                    _gains_most(plans[i], plans[i + 2]),
                    first.heads + second.heads,
                    first.beyond_setup or second.beyond_setup,
                    partner=second.role,
                    alone=first.points,
                )
            )
            i += 2
        else:
            paired.append(first)
            i += 1
    return paired


def _walk(plan: Evaluation, count: int) -> tuple[list[Suggestion], list[Evaluation]]:
    """The greedy walk (module docstring): up to ``count`` people, one per step, and the plans
    it passes through (``plan`` first, then the plan after each person).

    Each step scores the plan with one more person of every role at once
    (:func:`~mlplanner.model.scoring.score`, ``evaluate``'s figures to the bit) and evaluates
    only the person kept.
    """
    suggestions: list[Suggestion] = []
    plans = [plan]
    if not plan.scored:
        return suggestions, plans
    context = scoring_context(plan.demand, plan.scenario.company.region, plan.assumptions)
    upper = _space_upper(plan)
    hired = [role for role in _CANDIDATES if hires(plan.setup, role, plan.assumptions)]
    current = plan
    for _ in range(count):
        candidates = [role for role in hired if role != LEAD or _leads_called(current)]
        rows = np.array([[current.allocation[r] for r in ROLES] for _ in candidates])
        rows[np.arange(len(candidates)), [ROLES.index(r) for r in candidates]] += 1
        rows[:, _HEAD] = [_heads(current, row[_LEAD]) for row in rows]
        scores = score(context, rows)
        best: tuple[float, int, str] | None = None  # gain, cost, role
        for i, role in enumerate(candidates):
            gain = float(scores.quality[i]) - current.quality
            paid = int(scores.cost[i]) - current.annual_cost_usd
            if gain >= SHOWN_POINTS and (best is None or (gain, -paid) > (best[0], -best[1])):
                best = (gain, paid, role)
        if best is None:
            break
        gain, paid, chosen = best
        added = current.allocation | {chosen: current.allocation[chosen] + 1}
        heads = _heads(current, added[LEAD])
        after = evaluate(
            current.scenario, added | {HEAD: heads}, current.setup, current.assumptions
        )
        gains_most = _gains_most(current, after)
        more_heads = heads - current.allocation[HEAD]
        beyond = _beyond(plan, upper, chosen, added[chosen])
        suggestions.append(
            Suggestion(chosen, paid, gain, after.quality, gains_most, more_heads, beyond)
        )
        plans.append(after)
        current = after
    return suggestions, plans


def _leads_called(plan: Evaluation) -> bool:
    """Whether the plan's individual contributors call for a lead more than it has (the
    staffing rule: none below ``lead_from_contributors``, then one per team of up to
    ``lead_span``). A five-person budget team was told "One more ML Team Lead: +13 points",
    which the score gives for the teams the whole portfolio's work needs."""
    return bool(plan.allocation[LEAD] < leads_called(plan.allocation, plan.assumptions))


def _space_upper(plan: Evaluation) -> dict[str, int]:
    """The most people of each role the plan's setup plans for its work (its space of plans'
    upper bounds)."""
    existing = plan.scenario.company.existing_team
    _, space = rules_and_space(plan.demand, existing, plan.setup, plan.assumptions)
    return space.upper


def _beyond(plan: Evaluation, upper: dict[str, int], role: str, count: int) -> bool:
    """Whether ``count`` people of ``role`` are beyond the startup setup's staffing style: a
    startup plans a specialist only for the work its generalists leave (:func:`style_note`)."""
    return plan.setup == "startup" and role in COVERABLE and count > upper[role]


def style_note(suggestions: list[Suggestion], plan: Evaluation) -> str | None:
    """The note under suggestions beyond the startup setup's staffing style, or ``None``."""
    if not any(s.beyond_setup for s in suggestions):
        return None
    carried = plan.assumptions.setups["startup"].absorb_below_fte
    return (
        "A startup's plan has a specialist only for the work its full-stack data scientists "
        f"leave (past {carried:g} FTE of a role), so the people marked beyond its staffing "
        "style are not in its plans; the scaleup setup (Scenario page) can plan such specialists."
    )


def _heads(plan: Evaluation, leads: int) -> int:
    """Heads of data & ML with ``leads`` leads: the plan's, and the head a lead more calls for
    where that lead makes the difference (a plan kept at three leads without a head is not
    given one by a data engineer more)."""
    first, span = plan.assumptions.head_from_leads, plan.assumptions.lead_span
    heads = plan.allocation[HEAD]
    called = managers(leads, first, span)
    if called > managers(plan.allocation[LEAD], first, span):
        return max(heads, called)
    return heads


def _gains_most(before: Evaluation, after: Evaluation) -> str | None:
    """The project whose delivery rises most; the baseline or a phase's shared platform work
    when no project's does."""
    was = before.quality_detail.delivery_by_unit
    now = after.quality_detail.delivery_by_unit
    rises = {name: now[name] - was.get(name, 0.0) for name in now if now[name] > was.get(name, 0.0)}
    projects = {p.name for p in after.scenario.projects}
    among = [name for name in rises if name in projects] or list(rises)
    return max(among, key=lambda n: rises[n], default=None)
