"""Quality: a 0-100 score from four named components, each 0-100.

With demand ``d_r`` and ``h_r`` people per role, ``F`` full-stack data scientists (each
``capacity`` FTE of specialist work) and ``L`` leads:

- **coverage**: share of demand someone is staffed for. Specialists cover ``min(d_r, h_r)``;
  generalists spread ``F x capacity`` over the uncovered demand of every role but annotation,
  in proportion to it.
- **depth**: of the covered work, the share done at specialist depth; a generalist's work in a
  role counts ``generalist_depth[role]``.
- **resilience**: share of demand carried by at least two people who can do it (a role's
  specialists, plus generalists for every role but annotation): one-person roles are single
  points of failure.
- **coordination**: 100 for one team of one kind of person; loses ``lead_gap_penalty`` x the
  share of needed leads that are missing (one per team of up to ``lead_span`` once the
  individual contributors outgrow one team), and ``handoff_penalty`` x (kinds in use - 1) / 7
  for hand-offs, the eight kinds being the seven specialist roles and the generalist. 0 for
  an empty team.

quality = sum of weight x component, weights in ``data/parameters.csv``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.roles import GENERALIST, LEAD, PHASES, SPECIALIST_ROLES, RoleId
from mlplanner.model.staffing import individual_contributors, required_leads

COMPONENTS = ("coverage", "depth", "resilience", "coordination")
COVERABLE: Final[tuple[RoleId, ...]] = tuple(r for r in SPECIALIST_ROLES if r != "annotator")
_KINDS = len(SPECIALIST_ROLES) + 1


@dataclass(frozen=True)
class Quality:
    """The score, its components and coverage per role and phase (all 0-100)."""

    score: float
    components: dict[str, float]
    coverage_by_role: dict[str, float]
    coverage_by_phase: dict[str, float]
    covered_fte: dict[str, float]
    generalist_fte: dict[str, float]


def assess(
    demand: dict[str, float],
    by_phase_role: np.ndarray,
    allocation: dict[str, int],
    assumptions: Assumptions,
) -> Quality:
    """Score an allocation against a demand by the rules in the module docstring."""
    heads = {role: allocation.get(role, 0) for role in SPECIALIST_ROLES}
    generalists = allocation.get(GENERALIST, 0)
    specialist = {role: min(demand[role], heads[role]) for role in SPECIALIST_ROLES}
    uncovered = {role: demand[role] - specialist[role] for role in COVERABLE}
    total_uncovered = sum(uncovered.values())
    capacity = generalists * assumptions.generalist_capacity_fte
    share = min(1.0, capacity / total_uncovered) if total_uncovered > 0 else 0.0
    general: dict[str, float] = {r: uncovered.get(r, 0.0) * share for r in SPECIALIST_ROLES}
    covered: dict[str, float] = {
        role: min(demand[role], specialist[role] + general[role]) for role in SPECIALIST_ROLES
    }
    total = sum(demand.values())
    total_covered = sum(covered.values())

    if total > 0:
        coverage = _share(total_covered, total)
        able = {
            role: heads[role] + (generalists if role in COVERABLE else 0)
            for role in SPECIALIST_ROLES
        }
        resilience = _share(sum(demand[r] for r in SPECIALIST_ROLES if able[r] >= 2), total)
    else:
        coverage = resilience = 1.0
    if total_covered > 0:
        depth_fte = sum(
            specialist[r] + assumptions.generalist_depth.get(r, 0.0) * general[r]
            for r in SPECIALIST_ROLES
        )
        depth = _share(depth_fte, total_covered)
    else:
        depth = 1.0 if total <= 0 else 0.0
    coordination = _coordination(allocation, assumptions)

    components = {
        "coverage": 100 * coverage,
        "depth": 100 * depth,
        "resilience": 100 * resilience,
        "coordination": 100 * coordination,
    }
    score = sum(assumptions.quality_weights[c] * components[c] for c in COMPONENTS)
    role_cov: dict[str, float] = {
        r: (100 * _share(covered[r], demand[r]) if demand[r] > 0 else 100.0)
        for r in SPECIALIST_ROLES
    }
    fraction = np.array([role_cov[r] / 100 for r in SPECIALIST_ROLES])
    phase_demand = by_phase_role.sum(axis=1)
    phase_covered = by_phase_role @ fraction
    phase_cov: dict[str, float] = {
        phase: (
            100 * _share(float(phase_covered[i]), float(phase_demand[i]))
            if phase_demand[i] > 0
            else 100.0
        )
        for i, phase in enumerate(PHASES)
    }
    return Quality(
        score=min(100.0, max(0.0, score)),
        components=components,
        coverage_by_role=role_cov,
        coverage_by_phase=phase_cov,
        covered_fte=covered,
        generalist_fte=general,
    )


def _share(part: float, whole: float) -> float:
    """``part / whole`` kept in [0, 1]: sums of the same numbers in another order can differ
    in the last bit, which must not show as 100.00000000000001%."""
    return min(1.0, max(0.0, part / whole))


def _coordination(allocation: dict[str, int], assumptions: Assumptions) -> float:
    contributors = individual_contributors(allocation)
    if contributors == 0:
        return 0.0
    teams = required_leads(contributors, assumptions.lead_span)
    lead_gap = max(0, teams - allocation.get(LEAD, 0)) / teams if teams else 0.0
    kinds = sum(1 for r in (*SPECIALIST_ROLES, GENERALIST) if allocation.get(r, 0) > 0)
    handoffs = (kinds - 1) / (_KINDS - 1) if kinds > 1 else 0.0
    value = 1 - assumptions.lead_gap_penalty * lead_gap - assumptions.handoff_penalty * handoffs
    return min(1.0, max(0.0, value))
