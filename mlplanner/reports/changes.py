"""What changes between two plans, in plain words, without naming a cause.

"One Data Engineer more, two Full-Stack Data Scientists fewer." then "Costs $12k more a year
and scores 1.3 points more (quality 80.1 → 81.4); delivery +2.0, depth -0.6." and the phases
whose coverage moves. The score and its components are compared plan against plan: when
several roles change at once no single role's change is said to cause a move (adding a person
never lowers quality, so "one data engineer more: coverage drops" could only be false).
Leads and heads say how the teams are led in the new plan, a fact of that plan alone.
"""

from __future__ import annotations

from mlplanner.model.plan import Evaluation
from mlplanner.model.quality import COMPONENTS, SHOWN_POINTS, shown_difference
from mlplanner.model.roles import HEAD, LEAD, MANAGERS, PHASE_LABELS, PHASES, ROLES
from mlplanner.model.staffing import leads_called
from mlplanner.model.wording import format_usd, joined, people, sentence_start

_VISIBLE = 0.5  # percentage points of a phase's coverage: smaller moves are not worth a word
_PHASES_NAMED = 3  # the largest moves of coverage; the Plan page's chart shows every phase


def describe_changes(before: Evaluation, after: Evaluation) -> list[str]:
    """The team's changes, the leads' and heads' situation if they change, then cost, score
    and components, then coverage by phase. An empty list when the allocations are the same."""
    changed = [role for role in ROLES if after.allocation[role] != before.allocation[role]]
    if not changed:
        return []
    team = [_headcount_change(before, after, role) for role in changed]
    lines = [sentence_start(joined(team)) + "."]
    lines.extend(
        sentence_start(_managers(after, role)) + "." for role in changed if role in MANAGERS
    )
    lines.append(_totals(before, after))
    coverage = _coverage(before, after)
    if coverage:
        lines.append(coverage)
    return lines


def _headcount_change(before: Evaluation, after: Evaluation, role: str) -> str:
    delta = after.allocation[role] - before.allocation[role]
    return f"{people(abs(delta), role, in_words=True)} {'more' if delta > 0 else 'fewer'}"


def _managers(after: Evaluation, role: str) -> str:
    """How the new plan's teams are led: leads against the teams needing one, or the heads
    above the leads."""
    leads = after.allocation[LEAD]
    if role == HEAD:
        heads = (
            people(after.allocation[HEAD], HEAD, in_words=True)
            if after.allocation[HEAD]
            else "nobody"
        )
        return f"{heads} above {leads} team leads"
    teams = leads_called(after.allocation, after.assumptions)
    if teams == 0:
        return "the team is small enough to need no lead"
    if leads >= teams:
        return f"each of the {teams} teams has a lead"
    return f"{leads} of {teams} teams {'has' if leads == 1 else 'have'} a lead"


def _totals(before: Evaluation, after: Evaluation) -> str:
    """Cost, score and the components that differ, plan against plan."""
    saving = before.annual_cost_usd - after.annual_cost_usd
    if saving > 0:
        money = f"Saves {format_usd(saving)} a year"
    elif saving < 0:
        money = f"Costs {format_usd(-saving)} more a year"
    else:
        money = "Costs the same"
    gain = shown_difference(after.quality, before.quality)  # as the two figures read
    figures = f"quality {before.quality:.1f} → {after.quality:.1f}"
    if abs(gain) < SHOWN_POINTS:
        score = f"scores the same ({figures})"
    else:
        score = f"scores {abs(gain):.1f} points {'more' if gain > 0 else 'less'} ({figures})"
    now, then = after.quality_components, before.quality_components
    moved = [
        f"{name} {now[name] - then[name]:+.1f}"
        for name in COMPONENTS
        if abs(now[name] - then[name]) >= SHOWN_POINTS
    ]
    return f"{money} and {score}" + (f"; {', '.join(moved)}." if moved else ".")


def _coverage(before: Evaluation, after: Evaluation) -> str:
    """``Coverage by phase: deployment 60% → 80%, data quality 100% → 98%.`` (the three
    largest moves, largest first), or empty when no phase moves visibly."""
    old = before.quality_detail.coverage_by_phase
    new = after.quality_detail.coverage_by_phase
    moved = [phase for phase in PHASES if abs(new[phase] - old[phase]) >= _VISIBLE]
    moved.sort(key=lambda phase: -abs(new[phase] - old[phase]))
    if not moved:
        return ""
    parts = [
        f"{PHASE_LABELS[p].lower()} {old[p]:.0f}% → {new[p]:.0f}%" for p in moved[:_PHASES_NAMED]
    ]
    return f"Coverage by phase: {', '.join(parts)}."
