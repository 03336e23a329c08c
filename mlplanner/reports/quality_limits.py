"""What holds a plan's quality back, in words: where the most delivery is lost, and why.

A plan can cover every phase's FTE and still score well under 100: covered work is not
delivered work. Of the score's steps (:mod:`mlplanner.model.quality`), three take delivery
away from work that is covered:

- a role **short** of its demand delivers its share of what it covers;
- work **full-stack data scientists** carry counts at their depth in that role
  (``generalist_depth``, less of its gap in a prototype or a batch-scored production model:
  ``depth_need``);
- a role staffed **exactly to plan** delivers ``1 - delivery_headroom`` of it (estimates
  slip, people are away); more people add less and less.

A project then delivers no more than its weakest critical phase. :func:`quality_limits`
finds the unit of delivery (a project, the analytics baseline, a phase's shared platform
work) that loses the portfolio the most delivery (its weight times what it does not
deliver), what caps it (the phase whose weakest link binds, or the average of its phases),
the role in that phase whose work falls shortest (its share of the phase times what it does
not deliver) and how much of what that work does not deliver each of the three reasons
accounts for (the curve of :func:`~mlplanner.model.quality.delivered_share` taken at the
staffing with the generalists' work at full depth, and then with the work staffed to plan);
and the work that rests on one person (resilience).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from mlplanner.model.plan import Evaluation
from mlplanner.model.quality import (
    RESILIENT_PEOPLE,
    Portfolio,
    Scored,
    delivered_share,
    felt_depth,
    phase_caps,
    portfolio,
    score_heads,
)
from mlplanner.model.roles import (
    GENERALIST,
    PHASE_LABELS,
    PHASES,
    ROLES,
    SPECIALIST_ROLES,
    role_label,
)
from mlplanner.model.scenario import DEPTH_WORK_NAMES
from mlplanner.model.wording import joined

Reason = Literal["short", "depth", "to plan"]
# A unit delivering at least this share (0-1) loses nothing worth a sentence (the app shows
# delivery to whole percent).
_DELIVERED = 0.995
# A reason costing a role's work less than this share (0-1) is not worth a clause.
_PART = 0.005
# FTE below this is rounding noise.
_FTE = 1e-6
# Staffing less than this (FTE) past plan reads "staffed to plan".
_PAST = 0.05


@dataclass(frozen=True)
class DeliveryLimit:
    """Where a plan loses the most delivery: ``unit`` delivers ``delivery`` (0-100) and costs
    the portfolio ``points`` of delivery (0-100 scale); ``phase`` caps it (``None``: the
    average of its phases does), through ``role``'s work, for ``reason``. ``covered_fte``
    and ``demand_fte`` are the role's over the whole portfolio, ``generalist_fte`` the part
    full-stack data scientists carry and ``depth`` (0-1) what their work there counts (more
    than their depth where the unit's kind of work, ``lighter_work``, feels less of the gap);
    ``parts`` splits what the role's work does not deliver (0-1) by reason, and ``planned``
    (0-1) is what it would deliver at a specialist's depth and at least to plan (``past_fte``
    past it)."""

    unit: str
    delivery: float
    points: float
    phase: str | None
    role: str
    parts: dict[Reason, float]
    covered_fte: float
    demand_fte: float
    generalist_fte: float
    depth: float
    planned: float
    past_fte: float
    lighter_work: str | None = None

    @property
    def reason(self) -> Reason:
        """The largest of the ``parts``."""
        return max(self.parts, key=lambda reason: self.parts[reason])

    @property
    def sentence(self) -> str:
        """``The most delivery is lost on Size recommendation, which delivers 54% of its work.
        Its deployment phase needs ML Engineer work: full-stack data scientists do 0.6 FTE of
        it, at 60% of a specialist's depth; staffed to plan, such work delivers 90%.`` Each
        reason costing the work something, the costliest first (when nobody does the work,
        only that)."""
        clauses: dict[Reason, str] = {
            "short": _covered(self.covered_fte, self.demand_fte),
            "depth": (
                f"{role_label(GENERALIST).lower()}s do {self.generalist_fte:.1f} FTE of it, "
                f"at {self.depth:.0%} of a specialist's depth"
                + (f" in {self.lighter_work} work" if self.lighter_work else "")
            ),
            "to plan": (
                f"staffed {self.past_fte:.1f} FTE past plan, it delivers {self.planned:.0%}"
                if self.past_fte >= _PAST
                else f"staffed to plan, such work delivers {self.planned:.0%}"
            ),
        }
        if self.reason == "to plan":
            clauses["to plan"] += " (estimates slip, people are away)"
        kept = [r for r in self.parts if self.parts[r] >= _PART]
        kept.sort(key=lambda reason: -self.parts[reason])
        if self.covered_fte < _FTE:
            kept = ["short"]
        needs = f"Its {PHASE_LABELS[self.phase].lower()} phase" if self.phase else "It"
        return (
            f"The most delivery is lost on {self.unit}, which delivers {self.delivery:.0f}% "
            f"of its work. {needs} needs {role_label(self.role)} work: "
            + "; ".join(clauses[reason] for reason in kept)
            + "."
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "delivery": round(self.delivery, 1),
            "points": round(self.points, 1),
            "phase": self.phase,
            "role": self.role,
            "reason": self.reason,
            "parts": {reason: round(part, 3) for reason, part in self.parts.items()},
            "sentence": self.sentence,
        }


@dataclass(frozen=True)
class SinglePersonWork:
    """The specialist ``roles`` with demand that fewer than two people can do (a role's
    specialists, plus full-stack data scientists for every role but annotation), those of them
    ``nobody`` can do, and their demand: ``fte`` and its ``share`` (0-1) of the portfolio's.
    This work counts against resilience."""

    roles: tuple[str, ...]
    nobody: tuple[str, ...]
    fte: float
    share: float

    @property
    def sentence(self) -> str:
        """``Data Annotator and ML Engineer work (1.2 FTE, 36% of the demand) has no second
        person able to do it.``; work nobody can do is said so: ``Data Engineer work has no
        second person able to do it, and Research / Applied Scientist work nobody (0.6 FTE,
        4% of the demand in all).``"""
        figures = f"{self.fte:.1f} FTE, {self.share:.0%} of the demand"
        alone = _names([role for role in self.roles if role not in self.nobody])
        if not self.nobody:
            return f"{alone} work ({figures}) has no second person able to do it."
        nobody = _names(self.nobody)
        if not alone:
            return f"{nobody} work ({figures}) has nobody able to do it."
        return (
            f"{alone} work has no second person able to do it, and {nobody} work nobody "
            f"({figures} in all)."
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "roles": list(self.roles),
            "nobody": list(self.nobody),
            "fte": round(self.fte, 2),
            "share": round(self.share, 3),
            "sentence": self.sentence,
        }


def _names(roles: Iterable[str]) -> str:
    return joined([role_label(role) for role in roles])


@dataclass(frozen=True)
class QualityLimits:
    """What holds a plan's quality back: where it loses the most ``delivery`` and the work
    resting on one person (each ``None`` when there is none)."""

    delivery: DeliveryLimit | None
    single_person: SinglePersonWork | None

    @property
    def sentences(self) -> list[str]:
        return [
            limit.sentence for limit in (self.delivery, self.single_person) if limit is not None
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "delivery": None if self.delivery is None else self.delivery.to_dict(),
            "single_person": None if self.single_person is None else self.single_person.to_dict(),
        }


def quality_limits(plan: Evaluation) -> QualityLimits:
    """What holds ``plan``'s quality back (module docstring); nothing for a plan without a
    quality score."""
    if not plan.scored:
        return QualityLimits(None, None)
    work = portfolio(plan.demand, plan.assumptions)
    scored = score_heads(work, [plan.allocation[role] for role in ROLES], plan.assumptions)
    return QualityLimits(_delivery_limit(plan, work, scored), _single_person(work, scored))


def _delivery_limit(plan: Evaluation, work: Portfolio, scored: Scored) -> DeliveryLimit | None:
    """Where the plan loses the most delivery, and why; ``None`` when every unit delivers
    (to the whole percent)."""
    a = plan.assumptions
    delivered = np.array([[float(d) for d in roles] for roles in scored.delivered])
    units = np.asarray(scored.units, dtype=float)
    lost = np.asarray(work.weight, dtype=float) * (1 - units)
    unit = int(np.argmax(lost))
    if units[unit] >= _DELIVERED:
        return None
    caps = phase_caps(work, delivered)[unit]
    own = delivered[work.depth_class[unit]]  # the roles' delivery in this unit's work
    average = float(work.average[unit] @ own)
    binding = int(np.argmin(caps))
    phase = PHASES[binding] if caps[binding] < average else None
    shares = work.mix[unit, binding] if phase else work.average[unit]
    i = int(np.argmax(shares * (1 - own)))
    role = SPECIALIST_ROLES[i]
    demand, covered = float(work.demand[i]), float(scored.covered[i])
    general = float(scored.general[i])
    need = float(work.need[unit])
    depth = felt_depth(a.generalist_depth.get(role, 0.0), need)
    parts = _parts(plan.allocation[role], general, depth, demand, a.delivery_headroom)
    return DeliveryLimit(
        unit=work.names[unit],
        delivery=100 * float(units[unit]),
        points=100 * float(lost[unit]),
        phase=phase,
        role=role,
        parts=parts,
        covered_fte=covered,
        demand_fte=demand,
        generalist_fte=general,
        depth=depth,
        planned=1 - parts["to plan"],
        past_fte=max(0.0, plan.allocation[role] + general - demand),
        lighter_work=_kinds_of_work(work, unit) if need < 1 else None,
    )


def _kinds_of_work(work: Portfolio, unit: int) -> str:
    """``prototype``: the kind of the unit's work (:data:`DEPTH_WORK_NAMES`); for shared
    platform work (which feels what the portfolio's projects feel), the projects' kinds."""
    if work.depth_work[unit]:
        return DEPTH_WORK_NAMES[work.depth_work[unit]]
    return joined(sorted({DEPTH_WORK_NAMES[kind] for kind in work.depth_work if kind}))


def _covered(covered: float, demand: float) -> str:
    """``the plan covers 6.3 of the 7.4 FTE the portfolio needs`` (two decimals where one
    would read the same), or ``nobody in the plan does it (0.11 FTE)``."""
    if covered < _FTE:
        return f"nobody in the plan does it ({demand:.{2 if demand < 1 else 1}f} FTE)"
    places = 1 if f"{covered:.1f}" != f"{demand:.1f}" else 2
    shares = f"{covered:.{places}f} of the {demand:.{places}f} FTE"
    return f"the plan covers {shares} the portfolio needs"


def _parts(
    heads: int, general: float, depth: float, demand: float, headroom: float
) -> dict[Reason, float]:
    """What a role's work does not deliver (``heads`` specialists and ``general`` FTE carried
    by full-stack data scientists at ``depth``; :func:`~mlplanner.model.quality.delivered_share`)
    split by reason: the generalists' depth (what their work would add at a specialist's),
    the shortfall (what staffing the work to plan would add) and what work staffed to plan
    does not deliver. The parts add up to it."""

    def share(fte: float) -> float:
        return float(delivered_share(fte, demand, headroom))

    deep = share(heads + general)
    planned = share(max(heads + general, demand))
    return {
        "short": planned - deep,
        "depth": deep - share(heads + depth * general),
        "to plan": 1 - planned,
    }


def _single_person(work: Portfolio, scored: Scored) -> SinglePersonWork | None:
    """The work fewer than :data:`~mlplanner.model.quality.RESILIENT_PEOPLE` people can do."""
    total = float(work.total)
    single = [
        i
        for i in range(len(SPECIALIST_ROLES))
        if work.demand[i] > 0 and scored.able[i] < RESILIENT_PEOPLE
    ]
    if not single or total <= 0:
        return None
    fte = sum(float(work.demand[i]) for i in single)
    return SinglePersonWork(
        roles=tuple(SPECIALIST_ROLES[i] for i in single),
        nobody=tuple(SPECIALIST_ROLES[i] for i in single if scored.able[i] <= 0),
        fte=fte,
        share=fte / total,
    )
