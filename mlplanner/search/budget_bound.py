"""The budget search's bound: an upper bound on the quality of every completion of a partial
allocation that fits the budget (:func:`partial_bound`), used by
:func:`mlplanner.search.frontier.best_under_budget` to drop partial allocations that cannot reach a
plan already known to fit.

The score is split into what a partial allocation has for sure and what money can add, each
upper-bounded by a value per unit of something money buys; the most the money buys is a
linear programme, solved exactly by buying the best value per dollar first
(:func:`_most_value`). ``tests/search/test_frontier_bound.py`` checks the bound against every
completion of small generated scenarios.

It is a relaxation of :mod:`mlplanner.model.quality`, the formula's one home, and uses its
pieces where it can: the weights; :func:`~mlplanner.model.quality.resilience`,
:func:`~mlplanner.model.quality.handoffs`, :func:`~mlplanner.model.quality.lead_gap` and
:func:`~mlplanner.model.quality.coordination_left` as they are. Where it reasons about how
the score changes with what money buys, it relies on these properties of the definition, and
must be revisited when one of them changes:

- coverage and resilience are shares of the total demand (weight / total demand per FTE);
- depth is the specialist-depth share of the covered work, a generalist's work in a role
  counting ``generalist_depth[role]`` (:func:`_coverage_and_depth`, :func:`_generalist_goods`);
- coordination is linear in the lead gap, the teams needing a lead being
  :func:`~mlplanner.model.staffing.required_leads` of the individual contributors (each lead
  closes ``lead_gap_penalty / teams``), and only falls with the kinds in use;
- the score is the weighted sum of the components, each 0-100.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from mlplanner.model.quality import (
    A_COLUMN,
    COVERABLE_COLUMNS,
    G_COLUMN,
    L_COLUMN,
    coordination_left,
    handoffs,
    lead_gap,
    resilience,
)
from mlplanner.model.roles import GENERALIST, LEAD, ROLES
from mlplanner.model.staffing import required_leads
from mlplanner.search.search_space import Partials, SearchProblem, fewest_generalists

# Safety margin of the budget search's bound against its floor (both are computed in another
# order of additions than the exact score): far above rounding noise and the sweep's tolerance.
BOUND_MARGIN = 1e-6


def partial_bound(
    problem: SearchProblem,
    case: int,
    state: Partials,
    done: tuple[int, ...],
    slack: np.ndarray,
    floor: float = -math.inf,
) -> np.ndarray:
    """Upper bound on the quality of any completion of each partial allocation that fits the
    budget (``slack`` dollars above its cheapest completion); ``done`` are the coverable roles
    chosen (columns). Where the bound is below ``floor`` anyway, a weaker one may stand.

    The score is split into what the partial allocation has for sure and what money can add,
    each upper-bounded by a value per unit of something money buys: FTE of a later role's
    specialists, of annotators or of generalists' work, and leads (:func:`_offer`,
    :func:`_last_offer`). The most the money buys is then a linear programme solved exactly
    (:func:`_most_value`); leads are made whole afterwards (:func:`_best_offers`).

    - Later roles are resilient. Teams count the chosen people, the fewest generalists and
      later roles' existing staff; each later role with staff is a kind in use. Later roles
      with nobody employed are either all left to generalists (no specialist coverage, no
      resilience without two generalists) or at least one is in use, adding a kind.
    - Annotators: with none employed, either none (no annotation covered or resilient) or
      at least the fewest the space allows, paid for, adding a kind; then (or with some
      employed) they are resilient as much as the space allows.
    - These cases are worked out together (:class:`_Cases`); the bound is the best of them.
    """
    context, space = problem.context, problem.space
    if context.demand_total <= 0:
        return np.full(len(state.cost), 100.0)
    demand, lowest = context.demand[A_COLUMN], space.lower["annotator"]
    most = _Annotation(
        base=min(demand, float(lowest)),
        covered=min(demand, float(space.upper["annotator"])),
        resilient=demand if space.upper["annotator"] >= 2 else 0.0,
        kind=int(lowest > 0),
        cost=0,
    )
    annotations = [most]
    if lowest == 0 and most.covered > 0:
        first = space.at_least("annotator", 1)
        cost = first * int(context.loaded_rates[A_COLUMN])
        some = replace(most, base=min(demand, float(first)), kind=1, cost=cost)
        annotations = [_Annotation(base=0.0, covered=0.0, resilient=0.0, kind=0, cost=0), some]
    later = [i for i in COVERABLE_COLUMNS if i not in done]
    unstaffed = [i for i in later if space.lower[ROLES[i]] == 0 and context.demand[i] > 0]
    choices = [_Later(roles=tuple(later), left_out=(), kind=0)]
    if unstaffed:
        staffed = tuple(i for i in later if i not in unstaffed)
        choices = [
            _Later(roles=tuple(later), left_out=(), kind=1),
            _Later(roles=staffed, left_out=tuple(unstaffed), kind=0),
        ]
    variants = [(annotation, choice) for annotation in annotations for choice in choices]
    rows = len(state.cost)
    cases = _Cases.of(problem, variants, rows)
    tiled = state.take(np.tile(np.arange(rows), len(variants)))
    money = np.tile(slack, len(variants)) - cases.cost
    if sum(context.demand[i] for i in later) > 0 or fewest_generalists(space, case) == 0:
        offer = _offer(problem, case, tiled, done, money, cases)
    else:
        offer = _last_offer(problem, case, tiled, money, cases)
    best = _best_offers(problem, offer, (floor - BOUND_MARGIN) / 100)
    return 100 * best.reshape(len(variants), rows).max(axis=0)


@dataclass(frozen=True)
class _Later:
    """Which coverable roles after the chosen ones :func:`partial_bound` lets specialists
    cover (``roles``) and leaves to generalists (``left_out``), and the kinds this adds."""

    roles: tuple[int, ...]
    left_out: tuple[int, ...]
    kind: int


@dataclass(frozen=True)
class _Annotation:
    """What annotators can add at most in :func:`partial_bound`: annotation covered by those
    paid for (``base``) and at most (``covered``), resilient (FTE), a kind in use (0 or 1),
    and the cost of those paid for beyond the existing ones."""

    base: float
    covered: float
    resilient: float
    kind: int
    cost: int


@dataclass(frozen=True)
class _Cases:
    """The cases of :func:`partial_bound` (annotators as an :class:`_Annotation`, later roles
    as a :class:`_Later`), one entry per row: every partial allocation under each case."""

    base: np.ndarray  # annotation FTE covered by annotators paid for
    covered: np.ndarray  # annotation FTE covered at most
    resilient: np.ndarray  # annotation FTE resilient at most
    cost: np.ndarray  # of the annotators paid for beyond the existing ones
    kind: np.ndarray  # kinds the annotators and later roles add
    left_out: np.ndarray  # demand of later roles left to generalists
    floor_cover: np.ndarray  # demand later roles' existing staff cover
    unit: np.ndarray  # least price per FTE of a later role's specialist (1 if none: no room)

    @staticmethod
    def of(problem: SearchProblem, variants: list[tuple[_Annotation, _Later]], rows: int) -> _Cases:
        context, lower = problem.context, problem.space.lower

        def each(value: Callable[[_Annotation, _Later], float]) -> np.ndarray:
            return np.repeat(np.array([value(a, c) for a, c in variants], dtype=float), rows)

        return _Cases(
            base=each(lambda a, c: a.base),
            covered=each(lambda a, c: a.covered),
            resilient=each(lambda a, c: a.resilient),
            cost=each(lambda a, c: a.cost),
            kind=each(lambda a, c: a.kind + c.kind),
            left_out=each(lambda a, c: sum(context.demand[i] for i in c.left_out)),
            floor_cover=each(
                lambda a, c: sum(min(context.demand[i], lower[ROLES[i]]) for i in c.roles)
            ),
            unit=each(
                lambda a, c: min((float(context.loaded_rates[i]) for i in c.roles), default=1.0)
            ),
        )


def _sure(
    problem: SearchProblem, case: int, state: Partials, done: tuple[int, ...], cases: _Cases
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Weighted resilience at most, hand-offs at least and teams needing a lead at least, of
    any completion under each case (:func:`partial_bound`)."""
    context, space, a = problem.context, problem.space, problem.context.assumptions
    remaining = sum(context.demand[i] for i in COVERABLE_COLUMNS if i not in done)
    able = state.resilient + remaining - cases.left_out if case < 2 else problem.coverable_demand
    most_resilient = resilience(able + cases.resilient, context.demand_total)
    # Later roles' existing staff stay: they are a kind in use each, and people in teams.
    staff = [space.lower[ROLES[i]] for i in COVERABLE_COLUMNS if i not in done]
    kinds = state.kinds + (case > 0) + cases.kind + sum(n > 0 for n in staff)
    teams = required_leads(state.people + fewest_generalists(space, case) + sum(staff), a.lead_span)
    return a.quality_weights["resilience"] * most_resilient, handoffs(kinds), teams


@dataclass(frozen=True)
class _Good:
    """Something :func:`_most_value` can buy, per partial allocation: price per unit, value
    per unit and room (units), and which shared rooms it draws on too."""

    price: np.ndarray
    value: np.ndarray
    room: np.ndarray
    shares: tuple[int, ...] = ()

    def take(self, rows: np.ndarray) -> _Good:
        return _Good(self.price[rows], self.value[rows], self.room[rows], self.shares)


@dataclass(frozen=True)
class _Offer:
    """What a partial allocation has for sure under a case of :func:`partial_bound`
    (``fixed``: weighted coverage, depth and resilience) and can buy with ``money``: ``goods``
    within ``shared`` rooms, and leads, which close ``per_lead`` of the coordination lost
    (from ``start``) for each of ``open_leads``. One entry per row (:class:`_Cases`)."""

    money: np.ndarray
    fixed: np.ndarray
    goods: list[_Good]
    shared: list[np.ndarray]
    start: np.ndarray
    per_lead: np.ndarray
    open_leads: np.ndarray

    def take(self, rows: np.ndarray) -> _Offer:
        return _Offer(
            money=self.money[rows],
            fixed=self.fixed[rows],
            goods=[g.take(rows) for g in self.goods],
            shared=[r[rows] for r in self.shared],
            start=self.start[rows],
            per_lead=self.per_lead[rows],
            open_leads=self.open_leads[rows],
        )


def _most_value(
    money: np.ndarray, goods: list[_Good], shared: list[np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """The most value ``money`` buys, per row, and the units of the last good bought: the
    goods the most value per dollar first, each as far as money, its room and the ``shared``
    rooms it draws on allow.

    This is the optimum of the linear programme (fractional purchases) as long as the goods
    that draw on one shared room all have the same value per unit, and shared rooms nest: then
    within a shared room the cheaper unit is always the better buy, and across goods the
    value each dollar buys only falls.
    """
    rows = len(money)
    worth = np.column_stack([g.value for g in goods])
    room = np.column_stack([g.room for g in goods])
    price = np.column_stack([g.price for g in goods])
    order = np.argsort(-worth / price, axis=1, kind="stable")
    free = [r.copy() for r in shared]
    members = [np.array([j in g.shares for g in goods]) for j in range(len(shared))]
    every = np.arange(rows)
    value = np.zeros(rows)
    last = np.zeros(rows)
    for rank in range(len(goods)):
        index = order[:, rank]
        available = room[every, index]
        for member, left in zip(members, free, strict=True):
            available = np.where(member[index], np.minimum(available, left), available)
        unit_price, unit_worth = price[every, index], worth[every, index]
        bought = np.where(unit_worth > 0, np.minimum(available, money / unit_price), 0.0)
        money = money - bought * unit_price
        value = value + bought * unit_worth
        for j, member in enumerate(members):
            free[j] = np.where(member[index], free[j] - bought, free[j])
        last = np.where(index == len(goods) - 1, bought, last)
    return value, last


def _best_offers(problem: SearchProblem, offer: _Offer, floor: float) -> np.ndarray:
    """The most the offer's money buys on top of what it has (:func:`_offer`), per row (-inf
    where the money is short); where that is below ``floor`` anyway, an upper bound on it.

    Three upper bounds, each closer and dearer than the one before, each worked out only
    where the one before reaches the floor:

    1. every dollar buys at the best value per dollar any good offers, and no more than all
       the goods' rooms hold;
    2. the linear programme (:func:`_most_value`), leads a good like the others (fractions of
       a step of leads allowed);
    3. leads made whole: the value is concave in the number of steps of leads, so the best
       whole number is the one below or above the fraction the programme bought.
    """
    space, context = problem.space, problem.context
    weight = context.assumptions.quality_weights["coordination"]
    step = space.step
    step_rate = float(context.loaded_rates[L_COLUMN]) * step
    goods = [
        *offer.goods,
        _Good(
            price=np.full(len(offer.money), step_rate),
            value=weight * offer.per_lead * step,
            room=offer.open_leads / step,
        ),
    ]
    held = offer.fixed + weight * offer.start
    rate = np.maximum.reduce([g.value / g.price for g in goods])
    most = sum(np.maximum(0.0, g.value) * g.room for g in goods)
    value = held + np.minimum(most, np.maximum(0.0, offer.money) * rate)
    value = np.where(offer.money >= 0, value, -np.inf)
    rows = np.flatnonzero(value >= floor)
    if not len(rows):
        return value
    bought, steps = _most_value(
        offer.money[rows], [g.take(rows) for g in goods], [r[rows] for r in offer.shared]
    )
    value[rows] = held[rows] + bought
    close = value[rows] >= floor
    rows, steps = rows[close], steps[close]
    if not len(rows):
        return value
    wholes = np.concatenate([np.floor(steps), np.ceil(steps)])
    pick = np.tile(rows, 2)
    money = offer.money[pick] - wholes * step_rate
    bought = _most_value(
        np.maximum(0.0, money),
        [g.take(pick) for g in offer.goods],
        [r[pick] for r in offer.shared],
    )[0]
    added = offer.per_lead[pick] * np.minimum(wholes * step, offer.open_leads[pick])
    coordination = weight * np.minimum(1.0, offer.start[pick] + added)
    whole = np.where(money >= 0, offer.fixed[pick] + coordination + bought, -np.inf)
    value[rows] = whole.reshape(2, len(rows)).max(axis=0)
    return value


def _offer(
    problem: SearchProblem,
    case: int,
    state: Partials,
    done: tuple[int, ...],
    money: np.ndarray,
    cases: _Cases,
) -> _Offer:
    """Before the last coverable role (or with no generalists at all): what a partial
    allocation has for sure under each case, and what the ``money`` left can buy
    (:func:`_best_offers`):

    - coverage: a later role's specialist, annotation, and (two or more generalists)
      generalists' work, at their prices per FTE, never more than the demand left to cover;
    - depth lost to generalists' work past the fewest generalists' (a cost per FTE: the loss
      rises with their share of the uncovered work, and a chord below it is linear);
    - coordination: leads up to the teams the people certain to be there form (:func:`_sure`),
      each closing an equal part of the lead gap (never below zero at the start).

    Leads and generalists in fractions of a person only raise the bound.
    """
    context, space, a = problem.context, problem.space, problem.context.assumptions
    total, w = context.demand_total, a.quality_weights
    rows = len(state.cost)
    most_resilient, handoff, teams = _sure(problem, case, state, done, cases)
    fewest = fewest_generalists(space, case)
    remaining = sum(context.demand[i] for i in COVERABLE_COLUMNS if i not in done)
    base = state.covered + cases.floor_cover + fewest * problem.capacity
    have = np.minimum(problem.coverable_demand, base) + cases.base
    per_fte = np.full(rows, w["coverage"] / total)
    coverable_room = np.maximum(0.0, problem.coverable_demand - base)
    cover_room = np.maximum(0.0, total - have)
    specialist_room = remaining - cases.left_out - cases.floor_cover
    goods = [
        _Good(
            price=cases.unit,
            value=per_fte,
            room=np.maximum(0.0, np.minimum(specialist_room, coverable_room)),
            shares=(0, 1),
        ),
        _Good(
            price=np.full(rows, float(context.loaded_rates[A_COLUMN])),
            value=per_fte,
            room=np.maximum(0.0, cases.covered - cases.base),
            shares=(1,),
        ),
    ]
    depth = np.ones(rows)
    if remaining > 0 and fewest > 0:  # the chosen roles' uncovered work goes shallower
        gamma = a.generalist_depth
        uncovered = sum(context.demand[i] for i in done) - state.covered
        deep = sum(gamma.get(ROLES[i], 0.0) * context.demand[i] for i in done) - state.weighted
        shallow = np.maximum(0.0, uncovered - deep)
        reach = np.minimum(
            problem.coverable_demand, state.covered + remaining + fewest * problem.capacity
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.minimum(1.0, fewest * problem.capacity / (uncovered + remaining))
            loss = share * shallow / (reach + cases.covered)
        depth = np.where(reach + cases.covered > 0, 1.0 - loss, 1.0)
        if case == 2:
            goods += _generalist_goods(
                problem, uncovered + remaining, shallow, loss, cases.covered, coverable_room
            )
    return _with_leads_to_buy(
        problem,
        teams,
        handoff,
        money=money,
        fixed=w["coverage"] * np.minimum(1.0, have / total) + w["depth"] * depth + most_resilient,
        goods=goods,
        shared=[coverable_room, cover_room],
    )


def _with_leads_to_buy(
    problem: SearchProblem,
    teams: np.ndarray,
    handoff: np.ndarray,
    money: np.ndarray,
    fixed: np.ndarray,
    goods: list[_Good],
    shared: list[np.ndarray],
) -> _Offer:
    """An offer whose leads, up to the ``teams`` needing one, each close an equal part of the
    lead gap (coordination at least zero to start with, an upper envelope that is linear)."""
    space, a = problem.space, problem.context.assumptions
    lowest = space.lower[LEAD]
    with np.errstate(divide="ignore", invalid="ignore"):
        per_lead = np.where(teams > 0, a.lead_gap_penalty / teams, 0.0)
    return _Offer(
        money=money,
        fixed=fixed,
        goods=goods,
        shared=shared,
        start=np.maximum(0.0, coordination_left(lead_gap(teams, lowest), handoff, a)),
        per_lead=per_lead,
        open_leads=np.maximum(0, np.minimum(teams, space.upper[LEAD]) - lowest).astype(float),
    )


def _last_offer(
    problem: SearchProblem,
    case: int,
    state: Partials,
    money: np.ndarray,
    cases: _Cases,
) -> _Offer:
    """Once every coverable role is chosen (one or more generalists): what a complete
    specialist allocation has for sure with the fewest generalists and the annotators there
    are, and what money can add (:func:`_best_offers`).

    Weighted coverage plus depth is convex in generalists' work ``W`` (linear plus
    ``-W (1 - rho) / (S + W)``) and concave in annotators' work ``S``, so it is at most the
    chord in ``W`` from the fewest generalists to the most the money buys, plus the slope in
    ``S`` at the start (steepest where ``W = S``): generalists' and annotators' work become
    goods with a value per FTE.
    """
    context, space, a = problem.context, problem.space, problem.context.assumptions
    w = a.quality_weights
    rows = len(state.cost)
    most_resilient, handoff, teams = _sure(problem, case, state, COVERABLE_COLUMNS, cases)
    fewest = fewest_generalists(space, case)
    g_rate = float(context.loaded_rates[G_COLUMN])
    most = np.full(rows, fewest)
    if case == 2:
        most = np.minimum(space.upper[GENERALIST], fewest + np.maximum(0.0, money) // g_rate)
    annotated = cases.base[:, None]
    least = _coverage_and_depth(problem, state, annotated, np.full((rows, 1), fewest))[:, 0]
    top = _coverage_and_depth(problem, state, annotated, most[:, None])[:, 0]
    uncovered = np.maximum(0.0, problem.coverable_demand - state.covered)
    start = np.minimum(uncovered, fewest * problem.capacity)
    extra = np.minimum(uncovered, most * problem.capacity) - start
    gamma = a.generalist_depth
    weighted_demand = sum(gamma.get(ROLES[i], 0.0) * context.demand[i] for i in COVERABLE_COLUMNS)
    deep = np.maximum(0.0, weighted_demand - state.weighted)
    specialist = state.covered + cases.base
    peak = np.clip(specialist, start, start + extra)  # where W / (S + W)^2 is largest
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = np.where(extra > 0, (top - least) / extra, 0.0)
        rho = np.where(uncovered > 0, deep / uncovered, 1.0)
        steep = np.where(specialist + peak > 0, peak / (specialist + peak) ** 2, 0.0)
    per_annotation = w["coverage"] / context.demand_total + w["depth"] * (1 - rho) * steep
    goods = [
        _Good(price=np.full(rows, g_rate / problem.capacity), value=slope, room=extra),
        _Good(
            price=np.full(rows, float(context.loaded_rates[A_COLUMN])),
            value=per_annotation,
            room=np.maximum(0.0, cases.covered - cases.base),
        ),
    ]
    return _with_leads_to_buy(
        problem, teams, handoff, money=money, fixed=least + most_resilient, goods=goods, shared=[]
    )


def _generalist_goods(
    problem: SearchProblem,
    open_work: np.ndarray,
    shallow: np.ndarray,
    loss: np.ndarray,
    annotated: np.ndarray,
    coverable_room: np.ndarray,
) -> list[_Good]:
    """Generalists' work past the fewest generalists' capacity, as goods for
    :func:`_most_value` (two or more generalists, before the last role).

    With ``g`` FTE more of it, generalists do at least a share ``min(1, (K + g) / open_work)``
    of the uncovered work (``K`` the fewest's capacity, ``open_work`` the chosen roles'
    uncovered demand plus the later roles'), so the depth lost is at least that share of the
    chosen roles' ``shallow`` work over at most all coverage (``annotated`` the annotation
    covered at most), and at least ``loss`` (what the fewest cost). The share is concave in
    ``g``, so a chord below it bounds the loss: free up to where the chord passes ``loss``,
    then linear. The first part counts as coverage; the second costs depth per FTE and is
    left out of the shared rooms (a relaxation that only raises the bound).
    """
    context, space, a = problem.context, problem.space, problem.context.assumptions
    w = a.quality_weights
    per_fte = w["coverage"] / context.demand_total
    fewest = fewest_generalists(space, 2)
    most = np.minimum(coverable_room, (space.upper[GENERALIST] - fewest) * problem.capacity)
    scale = problem.coverable_demand + annotated
    capacity = fewest * problem.capacity
    with np.errstate(divide="ignore", invalid="ignore"):
        start = np.minimum(1.0, capacity / open_work) * shallow / scale
        end = np.minimum(1.0, (capacity + most) / open_work) * shallow / scale
        slope = np.where(most > 0, (end - start) / most, 0.0)
        free = np.where(slope > 0, np.minimum(most, (loss - start) / slope), most)
    free = np.maximum(0.0, free)
    price = np.full(len(free), float(context.loaded_rates[G_COLUMN]) / problem.capacity)
    return [
        _Good(price=price, value=np.full(len(free), per_fte), room=free, shares=(0, 1)),
        _Good(price=price, value=per_fte - w["depth"] * slope, room=most - free),
    ]


def _coverage_and_depth(
    problem: SearchProblem, state: Partials, annotators: np.ndarray, generalists: np.ndarray
) -> np.ndarray:
    """Weighted coverage plus weighted depth of complete specialist allocations with
    ``annotators`` FTE of annotation and ``generalists`` generalists (rows x choices),
    unclipped (:func:`partial_bound`)."""
    context, w = problem.context, problem.context.assumptions.quality_weights
    gamma = context.assumptions.generalist_depth
    weighted_demand = sum(gamma.get(ROLES[i], 0.0) * context.demand[i] for i in COVERABLE_COLUMNS)
    uncovered = np.maximum(0.0, problem.coverable_demand - state.covered)[:, None]
    general_depth = np.maximum(0.0, weighted_demand - state.weighted)[:, None]
    specialist = state.covered[:, None] + annotators
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(
            uncovered > 0, np.minimum(1.0, generalists * problem.capacity / uncovered), 0.0
        )
        work = specialist + uncovered * share
        depth = np.where(work > 0, (specialist + general_depth * share) / work, 1.0)
    return w["coverage"] * work / context.demand_total + w["depth"] * depth
