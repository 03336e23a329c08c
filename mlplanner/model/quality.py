"""Quality: the share of the portfolio's planned work this team can deliver, weighted by how
deep and how safe that work is (0-100).

Projects are the unit (``docs/quality.md`` explains the choices). With demand ``d_r`` and
``h_r`` people per specialist role, ``F`` full-stack data scientists (each ``capacity`` FTE of
specialist work) and ``L`` leads:

1. **Capacity per role.** Specialists give ``h_r`` FTE. Generalists spread ``F x capacity``
   over the demand specialists leave uncovered in every role but annotation, in proportion to
   it; their work in a role counts ``generalist_depth[role]`` (how deep it is) of a
   specialist's, where a project's kind of work feels the whole gap (``depth_need`` = 1, as
   edge production, online production at medium or large scale and research do); a
   prototype, a production model scored in batch at small or medium scale or one served
   online at small scale feels ``depth_need`` of it (its pipelines and serving are small or
   standard: :func:`~mlplanner.model.scenario.depth_work`): depth
   ``1 - need x (1 - generalist_depth)``. Shared platform work feels what the most demanding
   of the portfolio's projects feels, the analytics baseline all of it.
2. **Coverage curve.** A role's staffing ratio ``rho = capacity / d_r`` becomes delivered
   work ``f(rho)``: ``(1 - m) rho`` up to demand, then ``1 - m / (1 + (1 - m)(rho - 1) / m)``
   past it (``m`` = ``delivery_headroom``): staffing exactly to plan delivers ``1 - m`` of it
   (estimates are uncertain, people are ill or pulled away), more people add less and less.
3. **Projects.** Every source of demand gets each role's capacity in proportion to its
   demand for that role, so a phase's coverage is its roles' ``f`` weighted by its demand.
   A project delivers the smaller of its phases' average and its weakest link: for each
   phase, ``1 - k (1 - phase coverage)`` with ``k`` the phase's ``weakest_link`` strength for
   the project's stage (a production project nobody can deploy delivers nothing). The
   analytics baseline and each phase's shared platform work are units of their own (their
   average; they have no stage).
4. **Delivery** is the units' delivery weighted by FTE x priority / 3 (``Project.priority``,
   3 by default; the baseline and shared work weigh by FTE).
5. **Resilience**: share of demand carried by at least two people who can do it (a role's
   specialists, plus generalists for every role but annotation); the score keeps
   ``1 - resilience_weight x (1 - resilience)`` of the delivery.
6. **Coordination**: ``1 - lead_gap_penalty x`` the share of the teams the portfolio's work
   needs that have no lead (the individual contributors' demand, rounded up to whole FTE,
   counted in teams as the plan's own leads are: :func:`~mlplanner.model.staffing.managers`,
   from ``lead_from_contributors`` on); the score keeps that share.

quality = 100 x delivery x resilience factor x coordination. Every step only rises with
people, so adding a person never lowers the score. **Depth** (of the covered work, the share
done at specialist depth) is shown as a component; it acts through the capacities.

This module is the formula's one home. It is written once, with arithmetic, ``sum`` and the
element-wise helpers of :mod:`mlplanner.model.elementwise` (``minimum``, ``maximum``,
``where``), so the same lines run on numbers for one plan (:func:`assess`, in plain Python)
and on numpy arrays for many plans (:func:`score_allocations`, which
:mod:`mlplanner.model.scoring` uses for the frontier): both give the same floating-point
numbers by construction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.demand import Demand
from mlplanner.model.elementwise import Values, maximum, minimum, where
from mlplanner.model.roles import GENERALIST, LEAD, MANAGERS, PHASES, ROLES, SPECIALIST_ROLES
from mlplanner.model.scenario import DEFAULT_PRIORITY
from mlplanner.model.staffing import managers

# The definition in one sentence, as the app and docs/quality.md say it.
DEFINITION = (
    "Quality is the share of the portfolio's planned work this team can deliver, weighted by "
    "how deep and how safe that work is: each project delivers no more than its weakest "
    "critical phase, and the portfolio weighs its projects by size and priority."
)
COMPONENTS = ("delivery", "depth", "resilience", "coordination")
COVERABLE = tuple(role for role in SPECIALIST_ROLES if role != "annotator")

# The allocation matrix: one column per role in ROLES order, the specialists first.
SPECIALISTS = len(SPECIALIST_ROLES)
G_COLUMN = ROLES.index(GENERALIST)
L_COLUMN = ROLES.index(LEAD)
A_COLUMN = ROLES.index("annotator")
COVERABLE_COLUMNS = tuple(ROLES.index(role) for role in COVERABLE)
IC_COLUMNS = tuple(i for i, role in enumerate(ROLES) if role not in (*MANAGERS, "annotator"))
# People able to do a role's work for it to count as resilient (step 5): one can be away.
RESILIENT_PEOPLE = 2
# Below this much FTE a source or phase counts as having no demand (rounding noise).
_NOTHING = 1e-9
# Quality differences below this many points do not show: the app gives quality to one
# decimal. A person gaining less is not suggested; a budget advice does not change for less.
SHOWN_POINTS = 0.05


def shown_difference(quality: float, baseline: float) -> float:
    """``quality - baseline`` as the two read when shown to one decimal: 85.64 and 82.86 show
    as 85.6 and 82.9, so 2.7 apart (their difference, 2.78, showed as "+2.8" beside them)."""
    return round(quality, 1) - round(baseline, 1)


@dataclass(frozen=True)
class Portfolio:
    """What the score needs from a scenario's demand: FTE per specialist role, the units of
    delivery (a project, the analytics baseline or one phase's shared platform work) and the
    teams its individual contributors' work needs leads for.

    Per unit ``u`` (``names`` order): ``weight[u]`` its share of the portfolio (they sum to
    1), ``average[u, r]`` its demand share per specialist role, and per phase ``p``
    ``strength[u, p]`` the weakest-link strength ``k`` (0: no link) and ``mix[u, p, r]`` the
    phase's demand share per role. For many portfolios at once (:func:`portfolio_rows`) every
    figure has one more, last, axis: one entry per row. ``depth_work[u]`` is the unit's kind
    of work (:data:`~mlplanner.model.scenario.DEPTH_WORK`; "" for the baseline and shared
    work) and ``need[u]`` how much of the generalists' depth gap its work feels (its
    ``depth_need``; :func:`_needs`), the same in every row."""

    demand: tuple[Values, ...]
    names: tuple[str, ...]
    depth_work: tuple[str, ...]
    weight: np.ndarray
    average: np.ndarray
    strength: np.ndarray
    mix: np.ndarray
    teams: Values
    need: np.ndarray

    @property
    def total(self) -> Values:
        return sum(self.demand)

    @cached_property
    def needs(self) -> tuple[float, ...]:
        """The units' distinct depth needs, the largest first: the roles' delivered shares
        are worked out once per need (:func:`score_heads`)."""
        return tuple(sorted({float(n) for n in self.need}, reverse=True)) or (1.0,)

    @cached_property
    def depth_class(self) -> np.ndarray:
        """Each unit's position in :attr:`needs`."""
        return np.array([self.needs.index(float(n)) for n in self.need], dtype=np.int64)

    @cached_property
    def links(self) -> Links:
        """The portfolio's weakest links, each distinct one once (worked out on first use)."""
        return _links(self.strength, self.mix, self.depth_class)

    @cached_property
    def average_mixing(self) -> Mixing:
        """:attr:`average` split by depth class, for :func:`unit_delivery`."""
        return _mixing(self.average, self.depth_class, len(self.needs))

    @cached_property
    def link_mixing(self) -> Mixing:
        """The distinct links' phase mix split by depth class, for :func:`unit_delivery`."""
        return _mixing(self.links.mix, self.links.depth_class, len(self.needs))


@dataclass(frozen=True)
class Links:
    """A portfolio's weakest links, each distinct ``(depth class, strength, mix)`` row once:
    many projects share a phase's shape, and a link's figure depends on nothing else (200
    projects have 779 links but about 70 distinct ones). Units with the same links share one
    cap, the smallest of them: ``caps[c]`` lists cap ``c``'s rows of ``strength``, ``mix``
    and ``depth_class`` (``len(strength)`` where it has none for a phase) and ``unit[u]`` is
    unit ``u``'s cap."""

    strength: np.ndarray
    mix: np.ndarray
    depth_class: np.ndarray
    caps: np.ndarray
    unit: np.ndarray


def _links(strength: np.ndarray, mix: np.ndarray, depth_class: np.ndarray) -> Links:
    units, phases = strength.shape[:2]
    strength = strength.reshape((units * phases, *strength.shape[2:]))
    mix = mix.reshape((units * phases, SPECIALISTS, *mix.shape[3:]))
    depth_class = np.repeat(depth_class, phases)
    linked = np.flatnonzero(strength.reshape((units * phases, -1)).any(axis=1))
    if not len(linked):
        return Links(  # one cap of no links, every unit's
            strength[linked],
            mix[linked],
            depth_class[linked],
            caps=np.zeros((1, 0), dtype=np.int64),
            unit=np.zeros(units, dtype=np.int64),
        )
    rows = np.column_stack(
        [
            depth_class[linked],
            strength[linked].reshape((len(linked), -1)),
            mix[linked].reshape((len(linked), -1)),
        ]
    )
    first, used = _distinct(rows)
    row = np.full(units * phases, len(first))
    row[linked] = used
    row = row.reshape((units, phases))[:, np.isin(np.arange(phases), linked % phases)]
    cap, unit = _distinct(row)
    kept = linked[first]
    return Links(strength[kept], mix[kept], depth_class[kept], caps=row[cap], unit=unit)


@dataclass(frozen=True)
class Mixing:
    """Demand shares per role (``shares[row, role]``, or ``[row, role, portfolio]``) split by
    the rows' depth class, ready to be mixed with each class's delivered shares: per class its
    rows (``where``), the shape of its mix and, for each role with a share in some row of it,
    the role and that column. Worked out once per portfolio: on the small batches of the
    greedy walk and the shaping, telling which roles have a share cost more than the
    arithmetic."""

    rows: int
    where: tuple[np.ndarray, ...]
    shape: tuple[tuple[int, ...], ...]
    columns: tuple[tuple[tuple[int, np.ndarray], ...], ...]


def _mixing(shares: np.ndarray, depth_class: np.ndarray, classes: int) -> Mixing:
    where_c = tuple(np.flatnonzero(depth_class == c) for c in range(classes))
    parts = [shares[rows] for rows in where_c]
    return Mixing(
        rows=len(shares),
        where=where_c,
        shape=tuple(part[:, 0].shape for part in parts),
        columns=tuple(
            tuple((i, part[:, i]) for i in range(SPECIALISTS) if part[:, i].any()) for part in parts
        ),
    )


def _distinct(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The first of each distinct row of ``rows``, and which of them each row is (rows compared
    by their bytes: hashing, where ``np.unique`` sorts long rows slowly)."""
    index: dict[bytes, int] = {}
    which = [index.setdefault(row.tobytes(), len(index)) for row in rows]
    first: dict[int, int] = {}
    for position, number in enumerate(which):
        first.setdefault(number, position)
    return np.array(list(first.values()), dtype=np.int64), np.array(which, dtype=np.int64)


def portfolio(demand: Demand, assumptions: Assumptions) -> Portfolio:
    """The :class:`Portfolio` of a scenario's demand (module docstring, steps 3, 4 and 6)."""
    per_role = tuple(demand.by_role[role] for role in SPECIALIST_ROLES)
    return _portfolio(per_role, demand, demand.fte[..., None], assumptions)


def portfolio_rows(demand: Demand, fte: np.ndarray, assumptions: Assumptions) -> Portfolio:
    """Many portfolios at once: ``fte[row, source, phase, role]`` laid out as ``demand.fte``
    (same sources, stages and priorities), one portfolio per row; every figure an array."""
    per_role = tuple(fte[:, :, :, i].sum(axis=(1, 2)) for i in range(SPECIALISTS))
    return _portfolio(per_role, demand, np.moveaxis(fte, 0, -1), assumptions)


def _portfolio(
    per_role: tuple[Values, ...], demand: Demand, fte: np.ndarray, a: Assumptions
) -> Portfolio:
    """The portfolio of ``fte[source, phase, role, row]`` (one row: one portfolio, whose
    figures lose the row axis). A source is a unit where it has work in some row; in a row
    where it has none it weighs nothing, and a phase's link binds only where it has work."""
    size = fte.sum(axis=(1, 2))  # [source, row]
    kept = np.flatnonzero((size > _NOTHING).any(axis=1))
    fte, size = fte[kept], size[kept]
    present = size > _NOTHING
    stages = [demand.stages[s] if demand.stages else "" for s in kept]
    weight = _unit_weight(size, _priorities(demand, kept)[:, None])
    weight = weight / weight.sum(axis=0)
    average = fte.sum(axis=1) / np.where(present, size, 1.0)[:, None, :]
    phase_fte = fte.sum(axis=2)  # [unit, phase, row]
    there = phase_fte > _NOTHING
    links = np.array(
        [
            [a.weakest_link.get(f"{stage}.{phase}", 0.0) if stage else 0.0 for phase in PHASES]
            for stage in stages
        ]
    ).reshape((len(kept), len(PHASES)))
    strength = np.where(there, links[:, :, None], 0.0)
    mix = fte / np.where(there, phase_fte, 1.0)[:, :, None, :]
    contributors = sum(per_role[i] for i in range(SPECIALISTS) if i != A_COLUMN)
    whole = np.ceil(np.asarray(contributors) - 1e-6).astype(np.int64)
    one = fte.shape[-1] == 1 and np.ndim(per_role[0]) == 0
    depth_work = [demand.depth_work[s] if demand.depth_work else "" for s in kept]
    need = _needs(depth_work, [demand.kinds[s] for s in kept], a)
    return Portfolio(
        demand=per_role,
        names=tuple(demand.sources[s] for s in kept),
        depth_work=tuple(depth_work),
        weight=weight[..., 0] if one else weight,
        average=average[..., 0] if one else average,
        strength=strength[..., 0] if one else strength,
        mix=mix[..., 0] if one else mix,
        teams=managers(whole.item() if one else whole, a.lead_from_contributors, a.lead_span),
        need=need,
    )


def _unit_weight(size: np.ndarray, priority: np.ndarray) -> np.ndarray:
    """Each unit's weight in the portfolio before it is made a share (step 4): its FTE x
    priority / 3; a unit without work weighs nothing."""
    return np.where(size > _NOTHING, size, 0.0) * (priority / DEFAULT_PRIORITY)


def work_weight(demand: Demand) -> float:
    """The weight of all of a demand's units (step 4, before shares are taken): what a part of
    a portfolio's work weighs within it, as the budget advice scores the projects it staffs."""
    size = demand.fte.sum(axis=(1, 2))
    return float(_unit_weight(size, _priorities(demand, range(len(size)))).sum())


def _priorities(demand: Demand, sources: Iterable[int]) -> np.ndarray:
    """The priority of each of the ``sources`` (the default where the demand has none)."""
    given = demand.priorities
    return np.array([given[s] if given else DEFAULT_PRIORITY for s in sources], float)


def _needs(depth_work: list[str], kinds: list[str], a: Assumptions) -> np.ndarray:
    """How much of the generalists' depth gap each unit's work feels (step 1), from its kind
    of depth work ("" for none) and kind of work: a project its ``depth_need``; shared
    platform work the most any of the projects feels (the platform serves them all); the
    analytics baseline all of it."""
    own = [a.depth_need[work] if work else 1.0 for work in depth_work]
    platform = max((n for n, work in zip(own, depth_work, strict=True) if work), default=1.0)
    return np.array(
        [platform if kind == "shared" else n for n, kind in zip(own, kinds, strict=True)]
    )


@dataclass(frozen=True)
class Quality:
    """The score, its components, coverage per role and phase (all 0-100) and delivery per
    unit of delivery (0-100, by unit name)."""

    score: float
    components: dict[str, float]
    coverage_by_role: dict[str, float]
    coverage_by_phase: dict[str, float]
    covered_fte: dict[str, float]
    generalist_fte: dict[str, float]
    delivery_by_unit: dict[str, float]


@dataclass(frozen=True)
class Scored:
    """Score and components (0-100) of one plan or of many (then arrays, one entry per plan);
    per specialist role the FTE covered, the part of it generalists cover, the delivered
    share ``f`` (0-1) for each of the portfolio's depth needs (``delivered[c][r]`` for
    ``Portfolio.needs[c]``) and the people able to do its work (step 5); per unit its
    delivery (0-1)."""

    score: Values
    components: dict[str, Values]
    covered: list[Values]
    general: list[Values]
    delivered: list[list[Values]]
    able: list[Values]
    units: np.ndarray


def score_heads(work: Portfolio, heads: Sequence[Values], a: Assumptions) -> Scored:
    """Score ``heads`` (per role in ``ROLES`` order: a whole number, or an array of them, one
    per plan) against the portfolio's ``work``, by the module docstring."""
    demand = work.demand
    generalists = heads[G_COLUMN]
    specialist = [minimum(demand[i], heads[i]) for i in range(SPECIALISTS)]
    uncovered = {i: demand[i] - specialist[i] for i in COVERABLE_COLUMNS}
    total_uncovered = sum(uncovered.values())
    capacity = generalists * a.generalist_capacity_fte
    positive = total_uncovered > 0
    ratio = capacity / where(positive, total_uncovered, 1.0)
    share = where(positive, minimum(1.0, ratio), 0.0)
    general = [uncovered[i] * share if i in uncovered else 0.0 * share for i in range(SPECIALISTS)]
    covered = [minimum(demand[i], specialist[i] + general[i]) for i in range(SPECIALISTS)]
    gamma = [a.generalist_depth.get(role, 0.0) for role in SPECIALIST_ROLES]
    delivered = _delivered(work, heads, general, gamma, a.delivery_headroom)
    units = unit_delivery(work, delivered)
    delivery = _weighted(work, units)
    total, total_covered = work.total, sum(covered)
    depth_fte = sum(specialist[i] + gamma[i] * general[i] for i in range(SPECIALISTS))
    able = [heads[i] + (generalists if i in uncovered else 0) for i in range(SPECIALISTS)]
    resilient = sum(demand[i] * (able[i] >= RESILIENT_PEOPLE) for i in range(SPECIALISTS))
    components = {
        "delivery": 100 * _share(delivery, 1.0) if work.names else 0.0 * share,
        "depth": 100 * depth(depth_fte, total_covered, total),
        "resilience": 100 * resilience(resilient, total),
        "coordination": 100 * coordination(work.teams, heads[L_COLUMN], a),
    }
    return Scored(combined(components, a), components, covered, general, delivered, able, units)


def score_allocations(work: Portfolio, allocations: np.ndarray, a: Assumptions) -> Scored:
    """:func:`score_heads` of each row of ``allocations`` (one column per role, ``ROLES``
    order)."""
    heads = allocations.astype(np.int64)
    return score_heads(work, [heads[:, i] for i in range(len(ROLES))], a)


def _delivered(
    work: Portfolio,
    heads: Sequence[Values],
    general: list[Values],
    gamma: list[float],
    headroom: float,
) -> list[list[Values]]:
    """Each role's delivered share (step 2) for each of the portfolio's depth needs
    (:attr:`Scored.delivered`): one :func:`delivered_share` of every need and role at once,
    since a call costs more than its arithmetic; element-wise, so the numbers are those of
    one role at a time."""
    capacity = np.array(
        [
            [heads[i] + felt_depth(gamma[i], need) * general[i] for i in range(SPECIALISTS)]
            for need in work.needs
        ],
        dtype=float,
    )  # [need, role] or [need, role, plan]
    demand = np.array(work.demand, dtype=float)  # [role], or [role, plan] for portfolio rows
    demand = demand.reshape(demand.shape + (1,) * (capacity.ndim - 1 - demand.ndim))
    return [list(by_role) for by_role in delivered_share(capacity, demand, headroom)]


def delivered_share(capacity: Values, demand: Values, headroom: float) -> Values:
    """Share of a role's planned work ``capacity`` FTE deliver against ``demand`` (step 2 of
    the module docstring): rises with capacity, linear to demand, concave past it, below 1.
    1 where the role has no demand (nothing to deliver is all delivered)."""
    some = demand > 0
    rho = capacity / where(some, demand, 1.0)
    past = 1 - headroom / (1 + (1 - headroom) * maximum(0.0, rho - 1) / headroom)
    return where(some, where(rho <= 1, (1 - headroom) * rho, past), 1.0 + 0.0 * capacity)


def felt_depth(depth: float, need: float) -> float:
    """What a generalist's work at ``depth`` (0-1) of a specialist's counts in work feeling
    ``need`` (0-1) of the gap (step 1): ``depth`` itself where the work feels all of it."""
    return depth + (1 - need) * (1 - depth)


def unit_delivery(work: Portfolio, delivered: Sequence[Sequence[Values]]) -> np.ndarray:
    """Each unit's delivery (``[unit]``, or ``[unit, plan]``): the smaller of its average and
    its weakest link (step 3), from the roles' ``delivered`` shares of each depth need
    (:attr:`Scored.delivered`). Summed role by role in a fixed order, so that one plan and
    many give the same floating-point numbers; roles and links that are zero for every unit
    are left out (adding their exact zeros changes nothing). Each distinct link is worked out
    once (:class:`Links`): the same numbers, row by row."""
    many = np.ndim(delivered[0][0]) > 0
    one_portfolio = work.weight.ndim == 1

    def per_plan(x: np.ndarray) -> np.ndarray:  # a portfolio figure beside plans' figures
        return x[..., None] if many and one_portfolio else x

    def mixed(mixing: Mixing) -> np.ndarray:
        """Each row's shares x the delivered shares of its depth need."""
        parts = []
        for shape, columns, roles in zip(mixing.shape, mixing.columns, delivered, strict=True):
            total = per_plan(np.zeros(shape)) + 0.0 * roles[0]
            for i, column in columns:
                total += per_plan(column) * roles[i]
            parts.append(total)
        if len(parts) == 1:
            return parts[0]
        whole = np.empty((mixing.rows, *parts[0].shape[1:]))
        for rows, part in zip(mixing.where, parts, strict=True):
            whole[rows] = part
        return whole

    result = mixed(work.average_mixing)
    links = work.links
    if not len(links.strength):
        return result
    value = link_cap(per_plan(links.strength), mixed(work.link_mixing))
    value = np.concatenate([value, np.full((1, *value.shape[1:]), np.inf)])  # no link: no cap
    caps = value[links.caps[:, 0]]
    for phase in range(1, links.caps.shape[1]):
        np.minimum(caps, value[links.caps[:, phase]], out=caps)
    return np.minimum(result, caps[links.unit])


def link_cap(strength: Values, coverage: Values) -> Values:
    """What a phase's weakest link caps its unit's delivery at (step 3): ``1 - k (1 - c)``
    for link strength ``k`` and phase coverage ``c`` (both 0-1)."""
    return 1 - strength * (1 - coverage)


def phase_caps(work: Portfolio, delivered: np.ndarray) -> np.ndarray:
    """One plan's caps on each unit's delivery, ``[unit, phase]``, from the roles' delivered
    shares of each depth need (``delivered[c, r]``): :func:`link_cap` of each phase with a
    link, ``inf`` where none binds (no link, or no work in the phase); for telling which phase
    holds a unit back (:func:`unit_delivery` gives its delivery)."""
    coverage = np.einsum("upr,ur->up", work.mix, delivered[work.depth_class])
    return np.where(work.strength > 0, link_cap(work.strength, coverage), np.inf)


def _weighted(work: Portfolio, units: np.ndarray) -> Values:
    """The portfolio's delivery: its units' delivery weighted, added unit by unit (a running
    sum, ``accumulate``: in this order, whatever the number of plans)."""
    weight = work.weight[:, None] if units.ndim > work.weight.ndim else work.weight
    return np.add.accumulate(weight * units, axis=0)[-1]


def resilience(resilient: Values, total: Values) -> Values:
    """Share of the ``total`` demand carried by two or more people (1 when there is none)."""
    return where(total > 0, _share(resilient, where(total > 0, total, 1.0)), 1.0)


def depth(depth_fte: Values, covered: Values, total: Values) -> Values:
    """Of the ``covered`` demand, the share done at specialist depth (``depth_fte``): 1 with
    no demand at all, 0 with demand and nothing covered."""
    some = covered > 0
    return where(some, _share(depth_fte, where(some, covered, 1.0)), where(total <= 0, 1.0, 0.0))


def lead_gap(teams: Values, leads: Values) -> Values:
    """Share of the ``teams`` needing a lead that have none (0 when no team needs one)."""
    some = teams > 0
    return where(some, maximum(0, teams - leads) / where(some, teams, 1), 0.0)


def coordination(teams: int, leads: Values, a: Assumptions) -> Values:
    """Share of its work a portfolio needing ``teams`` led teams keeps with ``leads`` leads
    (step 6): ``1 - lead_gap_penalty x`` :func:`lead_gap`."""
    return 1 - a.lead_gap_penalty * lead_gap(teams, leads)


def combined(components: dict[str, Values], a: Assumptions) -> Values:
    """The score from the components (each 0-100): delivery x resilience factor x
    coordination, in [0, 100]."""
    kept = 1 - a.resilience_weight * (1 - components["resilience"] / 100)
    value = components["delivery"] * kept * (components["coordination"] / 100)
    return minimum(100.0, maximum(0.0, value))


def assess(
    work: Portfolio, by_phase_role: np.ndarray, allocation: dict[str, int], assumptions: Assumptions
) -> Quality:
    """Score one allocation (:func:`score_heads` on numbers), with coverage per role (100
    where a role has no demand), per phase and delivery per unit."""
    demand = dict(zip(SPECIALIST_ROLES, work.demand, strict=True))
    scored = score_heads(work, [allocation.get(role, 0) for role in ROLES], assumptions)
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
        score=float(scored.score),
        components={c: float(v) for c, v in scored.components.items()},
        coverage_by_role=role_cov,
        coverage_by_phase=phase_cov,
        covered_fte=covered,
        generalist_fte=dict(zip(SPECIALIST_ROLES, scored.general, strict=True)),
        delivery_by_unit={
            name: 100 * float(value) for name, value in zip(work.names, scored.units, strict=True)
        },
    )


def _share(part: Values, whole: Values) -> Values:
    """``part / whole`` kept in [0, 1]: sums of the same numbers in another order can differ
    in the last bit, which must not show as 100.00000000000001%."""
    return minimum(1.0, maximum(0.0, part / whole))
