"""Headcount by project: each role's people shared out over the demand behind them.

People are whole, projects share them: a Data Scientist working on two projects counts half
for each. Per role the shares add up to its headcount:

- a specialist role is shared in proportion to each project's demand for that role;
- full-stack data scientists in proportion to the demand they cover (what the quality model
  assigns them, the same demand :attr:`mlplanner.model.plan.Plan.explanations` lists for them);
- team leads and heads of data & ML in proportion to everyone else's shares, since they lead
  those people;
- people with no demand behind them at all (kept existing staff in a role nobody needs, an
  adopted allocation beyond demand) go to ``UNATTRIBUTED``.

Sources are the scenario's projects, then the company analytics baseline (see
:mod:`mlplanner.model.demand`).
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from mlplanner.model.plan import Evaluation
from mlplanner.model.roles import GENERALIST, MANAGERS, ROLES, SPECIALIST_ROLES, role_label

UNATTRIBUTED: Final = "Not tied to a project"
ATTRIBUTION_COLUMNS: Final = ("source", "role", "role_label", "people")


def headcount_by_source(evaluation: Evaluation) -> dict[str, dict[str, float]]:
    """Per role (lifecycle order): people per source, sources in scenario order.

    Sources with no share are left out; a role with nobody in it maps to an empty dict.
    Projects that share a name are one source here.
    """
    sources = list(evaluation.demand.sources)
    fte = evaluation.demand.fte
    weights: dict[str, np.ndarray] = {}
    for i, role in enumerate(SPECIALIST_ROLES):
        weights[role] = fte[:, :, i].sum(axis=1)
    weights[GENERALIST] = _generalist_weights(evaluation)

    result: dict[str, dict[str, float]] = {}
    for role in ROLES:
        if role in MANAGERS:
            continue
        result[role] = _share(evaluation.allocation[role], weights[role], sources)
    others: dict[str, float] = {}
    for shares in result.values():
        for source, people in shares.items():
            others[source] = others.get(source, 0.0) + people
    lead_sources = list(dict.fromkeys([*sources, UNATTRIBUTED]))
    lead_weights = np.array([others.get(source, 0.0) for source in lead_sources])
    for role in MANAGERS:
        result[role] = _share(evaluation.allocation[role], lead_weights, lead_sources)
    return {role: result[role] for role in ROLES}


def attribution_frame(evaluation: Evaluation) -> pd.DataFrame:
    """Long table of :func:`headcount_by_source`: one row per (source, role) with people > 0.

    Rows are ordered by source (scenario order, then ``UNATTRIBUTED``) and, within a source, by
    role in lifecycle order.
    """
    shares = headcount_by_source(evaluation)
    order = dict.fromkeys([*evaluation.demand.sources, UNATTRIBUTED])
    rows = [
        {"source": source, "role": role, "role_label": role_label(role), "people": people}
        for source in order
        for role in ROLES
        if (people := shares[role].get(source, 0.0)) > 0
    ]
    return pd.DataFrame(rows, columns=list(ATTRIBUTION_COLUMNS))


def _generalist_weights(evaluation: Evaluation) -> np.ndarray:
    """Per source: the demand full-stack data scientists cover there, summed over roles."""
    fte = evaluation.demand.fte
    covered = evaluation.quality_detail.generalist_fte
    weights = np.zeros(fte.shape[0])
    for i, role in enumerate(SPECIALIST_ROLES):
        role_fte = fte[:, :, i].sum(axis=1)
        total = float(role_fte.sum())
        if covered.get(role, 0.0) > 0 and total > 0:
            weights += role_fte * (covered[role] / total)
    return weights


def _share(people: int, weights: np.ndarray, sources: list[str]) -> dict[str, float]:
    """``people`` split over ``sources`` in proportion to ``weights``.

    Projects that share a name share one entry.
    """
    if people == 0:
        return {}
    total = float(weights.sum())
    if total <= 0:
        return {UNATTRIBUTED: float(people)}
    shares: dict[str, float] = {}
    for source, weight in zip(sources, weights, strict=True):
        if weight > 0:
            shares[source] = shares.get(source, 0.0) + people * float(weight) / total
    return shares
