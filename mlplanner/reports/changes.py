"""What changes between two plans, in plain words.

"One ML Engineer fewer: deployment coverage drops to 60%." For each role whose headcount
differs, the phase (among those the role works in) whose coverage moves most, or else the
quality component that moves most; for leads, how many teams have one; then the money and
the score.
"""

from __future__ import annotations

import numpy as np

from mlplanner.model.plan import Evaluation
from mlplanner.model.quality import COVERABLE
from mlplanner.model.roles import (
    GENERALIST,
    HEAD,
    LEAD,
    MANAGERS,
    PHASE_LABELS,
    PHASES,
    ROLES,
)
from mlplanner.model.staffing import individual_contributors, required_leads
from mlplanner.model.wording import format_usd, people

_VISIBLE = 0.5  # percentage points: smaller moves are not worth a sentence


def describe_changes(before: Evaluation, after: Evaluation) -> list[str]:
    """One sentence per role whose headcount changes, then one for cost and quality.

    An empty list when the two allocations are the same.
    """
    sentences: list[str] = []
    for role in ROLES:
        delta = after.allocation[role] - before.allocation[role]
        if delta == 0:
            continue
        what = f"{people(abs(delta), role, in_words=True)} {'more' if delta > 0 else 'fewer'}"
        effect = _effect(before, after, role)
        sentences.append(f"{what}: {effect}." if effect else f"{what}.")
    if not sentences:
        return []
    return [line[0].upper() + line[1:] for line in [*sentences, _totals(before, after)]]


def _phases_of(before: Evaluation, role: str) -> list[str]:
    """Phases whose coverage the role's people can change."""
    by_phase = before.demand.by_phase_role
    if role == GENERALIST:
        columns = [ROLES.index(r) for r in COVERABLE]
        worked = by_phase[:, columns].sum(axis=1) > 0
    elif role in MANAGERS:
        return []
    else:
        worked = by_phase[:, ROLES.index(role)] > 0
    return [PHASES[i] for i in np.flatnonzero(worked)]


def _effect(before: Evaluation, after: Evaluation, role: str) -> str:
    if role == LEAD:
        return _leads(after)
    if role == HEAD:
        heads = (
            people(after.allocation[HEAD], HEAD, in_words=True)
            if after.allocation[HEAD]
            else "nobody"
        )
        return f"{heads} above {after.allocation[LEAD]} team leads"
    old = before.quality_detail.coverage_by_phase
    new = after.quality_detail.coverage_by_phase
    moves = {phase: new[phase] - old[phase] for phase in _phases_of(before, role)}
    if moves:
        phase = max(moves, key=lambda p: abs(moves[p]))
        if abs(moves[phase]) >= _VISIBLE:
            verb = "rises" if moves[phase] > 0 else "drops"
            return f"{PHASE_LABELS[phase].lower()} coverage {verb} to {new[phase]:.0f}%"
    old_c, new_c = before.quality_components, after.quality_components
    component = max(old_c, key=lambda c: abs(new_c[c] - old_c[c]))
    change = new_c[component] - old_c[component]
    if abs(change) < _VISIBLE:
        return ""
    verb = "rises" if change > 0 else "drops"
    return f"{component} {verb} to {new_c[component]:.0f}%"


def _leads(after: Evaluation) -> str:
    """What the leads of a plan cover: teams needing a lead (span of control) against leads."""
    teams = required_leads(individual_contributors(after.allocation), after.assumptions.lead_span)
    leads = after.allocation[LEAD]
    if teams == 0:
        return "the team is small enough to need no lead"
    if leads >= teams:
        return f"each of the {teams} teams has a lead"
    return f"{min(leads, teams)} of {teams} teams have a lead"


def _totals(before: Evaluation, after: Evaluation) -> str:
    saving = before.annual_cost_usd - after.annual_cost_usd
    if saving > 0:
        money = f"Saves {format_usd(saving)} a year"
    elif saving < 0:
        money = f"Costs {format_usd(-saving)} more a year"
    else:
        money = "Costs the same"
    return f"{money}; quality {before.quality:.1f} → {after.quality:.1f}."
