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

quality = sum of weight x component, weights in ``data/parameters.csv``, kept in [0, 100].

This module is the formula's one home. It is written once, with arithmetic, ``sum`` and three
element-wise helpers (:func:`_minimum`, :func:`_maximum`, :func:`_where`), so the same lines
run on numbers for one plan (:func:`assess`, in plain Python) and on numpy arrays for
many plans (:func:`score_allocations`, which :mod:`mlplanner.model.scoring` uses for the
frontier): both give the same floating-point numbers by construction. The component functions
(:func:`coverage`, :func:`depth`, :func:`resilience`, :func:`lead_gap`, :func:`handoffs`,
:func:`coordination`, :func:`weighted`) take the sums the components are made of, so the
search's estimate and bound use them too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

import numpy as np

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.roles import GENERALIST, LEAD, MANAGERS, PHASES, ROLES, SPECIALIST_ROLES
from mlplanner.model.staffing import required_leads

# One plan's figure (a number) or one figure per plan (a numpy array).
Values: TypeAlias = Any

COMPONENTS = ("coverage", "depth", "resilience", "coordination")
COVERABLE = tuple(role for role in SPECIALIST_ROLES if role != "annotator")

# The allocation matrix: one column per role in ROLES order, the specialists first.
SPECIALISTS = len(SPECIALIST_ROLES)
G_COLUMN = ROLES.index(GENERALIST)
L_COLUMN = ROLES.index(LEAD)
A_COLUMN = ROLES.index("annotator")
COVERABLE_COLUMNS = tuple(ROLES.index(role) for role in COVERABLE)
IC_COLUMNS = tuple(i for i, role in enumerate(ROLES) if role not in (*MANAGERS, "annotator"))
KIND_COLUMNS = (*range(SPECIALISTS), G_COLUMN)
KINDS = len(KIND_COLUMNS)  # kinds of individual contributor, as coordination counts them


@dataclass(frozen=True)
class Quality:
    """The score, its components and coverage per role and phase (all 0-100)."""

    score: float
    components: dict[str, float]
    coverage_by_role: dict[str, float]
    coverage_by_phase: dict[str, float]
    covered_fte: dict[str, float]
    generalist_fte: dict[str, float]


@dataclass(frozen=True)
class Scored:
    """Score and components (0-100) of one plan or of many (then arrays, one entry per plan),
    and per specialist role the FTE covered and the part of it generalists cover."""

    score: Values
    components: dict[str, Values]
    covered: list[Values]
    general: list[Values]


def score_heads(demand: Sequence[Values], heads: Sequence[Values], a: Assumptions) -> Scored:
    """Score ``heads`` (per role in ``ROLES`` order: a whole number, or an array of them, one
    per plan) against the ``demand`` per specialist role (a number, or an array of them when the
    demand differs per plan), by the module docstring."""
    generalists = heads[G_COLUMN]
    specialist = [_minimum(demand[i], heads[i]) for i in range(SPECIALISTS)]
    uncovered = {i: demand[i] - specialist[i] for i in COVERABLE_COLUMNS}
    total_uncovered = sum(uncovered.values())
    capacity = generalists * a.generalist_capacity_fte
    positive = total_uncovered > 0
    ratio = capacity / _where(positive, total_uncovered, 1.0)
    share = _where(positive, _minimum(1.0, ratio), 0.0)
    general = [uncovered[i] * share if i in uncovered else 0.0 * share for i in range(SPECIALISTS)]
    covered = [_minimum(demand[i], specialist[i] + general[i]) for i in range(SPECIALISTS)]
    total, total_covered = sum(demand), sum(covered)
    gamma = [a.generalist_depth.get(role, 0.0) for role in SPECIALIST_ROLES]
    depth_fte = sum(specialist[i] + gamma[i] * general[i] for i in range(SPECIALISTS))
    able = [heads[i] + (generalists if i in uncovered else 0) for i in range(SPECIALISTS)]
    resilient = sum(demand[i] * (able[i] >= 2) for i in range(SPECIALISTS))
    contributors = sum(heads[i] for i in IC_COLUMNS)
    gap = lead_gap(required_leads(contributors, a.lead_span), heads[L_COLUMN])
    kinds = sum(heads[i] > 0 for i in KIND_COLUMNS)
    components = {
        "coverage": 100 * coverage(total_covered, total),
        "depth": 100 * depth(depth_fte, total_covered, total),
        "resilience": 100 * resilience(resilient, total),
        "coordination": 100 * coordination(contributors, gap, kinds, a),
    }
    return Scored(weighted(components, a), components, covered, general)


def score_allocations(demand: Sequence[float], allocations: np.ndarray, a: Assumptions) -> Scored:
    """:func:`score_heads` of each row of ``allocations`` (one column per role, ``ROLES``
    order)."""
    heads = allocations.astype(np.int64)
    return score_heads(demand, [heads[:, i] for i in range(len(ROLES))], a)


def coverage(covered: Values, total: Values) -> Values:
    """Share of the ``total`` demand covered (1 when there is none). ``total`` is one number,
    or an array of them when the demand differs per plan (the ranges' draws)."""
    return _where(total > 0, _share(covered, _where(total > 0, total, 1.0)), 1.0)


def resilience(resilient: Values, total: Values) -> Values:
    """Share of the ``total`` demand carried by two or more people (1 when there is none)."""
    return _where(total > 0, _share(resilient, _where(total > 0, total, 1.0)), 1.0)


def depth(depth_fte: Values, covered: Values, total: Values) -> Values:
    """Of the ``covered`` demand, the share done at specialist depth (``depth_fte``): 1 with
    no demand at all, 0 with demand and nothing covered."""
    some = covered > 0
    return _where(some, _share(depth_fte, _where(some, covered, 1.0)), _where(total <= 0, 1.0, 0.0))


def lead_gap(teams: Values, leads: Values) -> Values:
    """Share of the ``teams`` needing a lead that have none (0 when no team needs one)."""
    some = teams > 0
    return _where(some, _maximum(0, teams - leads) / _where(some, teams, 1), 0.0)


def handoffs(kinds: Values) -> Values:
    """Hand-offs of a team with ``kinds`` kinds of individual contributor in use, 0 to 1."""
    return _where(kinds > 1, (kinds - 1) / (KINDS - 1), 0.0)


def coordination_left(gap: Values, handoff: Values, a: Assumptions) -> Values:
    """Coordination before it is kept in [0, 1]: ``1 - lead_gap_penalty x gap -
    handoff_penalty x handoff`` (:func:`lead_gap`, :func:`handoffs`), linear in both."""
    return 1 - a.lead_gap_penalty * gap - a.handoff_penalty * handoff


def coordination(contributors: Values, gap: Values, kinds: Values, a: Assumptions) -> Values:
    """Coordination of teams of ``contributors`` with a ``gap`` in leads (:func:`lead_gap`)
    and ``kinds`` kinds in use: 0 for an empty team, else :func:`coordination_left` in [0, 1]."""
    value = _minimum(1.0, _maximum(0.0, coordination_left(gap, handoffs(kinds), a)))
    return _where(contributors == 0, 0.0, value)


def weighted(components: Mapping[str, Values], a: Assumptions) -> Values:
    """The score: weight x component (each 0-100) summed in ``COMPONENTS`` order, in [0, 100]."""
    w = a.quality_weights
    return _minimum(100.0, _maximum(0.0, sum(w[c] * components[c] for c in COMPONENTS)))


def assess(
    demand: dict[str, float],
    by_phase_role: np.ndarray,
    allocation: dict[str, int],
    assumptions: Assumptions,
) -> Quality:
    """Score one allocation (:func:`score_heads` on numbers), with coverage per role (100
    where a role has no demand) and per phase."""
    need = [demand[role] for role in SPECIALIST_ROLES]
    scored = score_heads(need, [allocation.get(role, 0) for role in ROLES], assumptions)
    covered = dict(zip(SPECIALIST_ROLES, scored.covered, strict=True))
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
        score=scored.score,
        components=scored.components,
        coverage_by_role=role_cov,
        coverage_by_phase=phase_cov,
        covered_fte=covered,
        generalist_fte=dict(zip(SPECIALIST_ROLES, scored.general, strict=True)),
    )


def _share(part: Values, whole: Values) -> Values:
    """``part / whole`` kept in [0, 1]: sums of the same numbers in another order can differ
    in the last bit, which must not show as 100.00000000000001%."""
    share = part / whole
    if isinstance(share, np.ndarray):
        return np.minimum(1.0, np.maximum(0.0, share))
    return min(1.0, max(0.0, share))


def _minimum(a: Values, b: Values) -> Values:
    """Element-wise minimum of numbers or arrays (``min`` on numbers: plain Python is faster)."""
    return np.minimum(a, b) if isinstance(a, np.ndarray) or isinstance(b, np.ndarray) else min(a, b)


def _maximum(a: Values, b: Values) -> Values:
    """Element-wise maximum of numbers or arrays."""
    return np.maximum(a, b) if isinstance(a, np.ndarray) or isinstance(b, np.ndarray) else max(a, b)


def _where(condition: Values, yes: Values, no: Values) -> Values:
    """``yes`` where ``condition`` holds, else ``no``, element-wise; both are worked out first,
    so a division in either must be safe on its own."""
    if (
        isinstance(condition, np.ndarray)
        or isinstance(yes, np.ndarray)
        or isinstance(no, np.ndarray)
    ):
        return np.where(condition, yes, no)
    return yes if condition else no
