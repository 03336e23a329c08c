"""Shaping: the setup's rules size the team; the recommended plan is its best shape for that
money, changed beyond it where a change is worth its cost.

The staffing rules (:mod:`mlplanner.model.staffing`) turn each role's demand into people on
its own: they set how big the team is and what it costs, monotone in the work and calibrated
on public ratios (``data/SOURCES.md``). Rounding role by role, though, does not give the team
that delivers most for that cost: under the quality score a data engineer can do more for a
portfolio than a third full-stack data scientist at the same price. So the recommended plan
is the rules' plan **reshaped one move at a time** within the setup's space of plans
(:mod:`mlplanner.model.setup_space`) and never costing more than the rules' plan:

- a move adds one step of a role, takes one away, or moves one step from one role to
  another (a step is one person, more for very large teams); where none of those helps, the
  wider moves are tried too: any two of them at once (a senior hire for two juniors, say, or
  the reverse, two people moved from one role to two others, two moved at once), since a
  single move can lose quality that the second one more than wins back;
- where no move of one or two helps, moves of three: each of the six best single moves (by
  quality within the rules' cost, even one that lowers it) followed by any two at once (three
  full-stack data scientists for a data engineer and a backend developer, say);
- of the moves costing no more than the rules' plan, the one raising quality most is taken
  (ties: the cheaper plan); when none raises it, a move keeping quality and costing less is
  taken (the cheapest);
- it stops when no move does either. Every move raises quality or lowers cost without
  lowering quality, so it ends.

A space of up to :data:`EXACT_SPACE` plans (the examples' and most small companies') is
instead scored whole: the plan is then exactly the space's best plan within the rules' cost
(ties: the cheaper), and the shaping is one move from the rules' plan to it. The moves above
are for larger spaces, where scoring every plan would take seconds; on 309 generated cases
they reach a plan no point of the setup's frontier beats (``bench/recommend_family.py``), on
1,200 more all but one (``docs/model.md``).

**Then changes worth their cost are made.** The rules' cost can stop just short of a change
that would lift quality far more than it costs (a production model deployed by a generalist
at 60% of a specialist's depth, an ML engineer in place of a backend developer away from
delivering in full). So, where a budget allows it:

- of the moves of one person (a step) that raise the plan's cost within the space (a
  person more, or one moved to a dearer role), the one buying the most quality points per
  dollar is taken (ties: the cheaper) if it buys at least as many points per dollar as the
  team shaped for the rules' cost does on average (its quality over its cost, fixed before
  any change beyond that cost) and the plan with it, or once reshaped for its cost as
  below, costs no more than the scenario's budget (without a budget, no limit but the
  space's bounds; where the change worth most does not fit even reshaped, the one worth
  most of those that fit with it alone); where none of one person is worth it, the moves
  of two the same way;
- the plan is then reshaped as above for its new cost, and the next change considered;
- every change raises quality and the space is finite, so it ends.

Only that rule decides the size beyond the rules'; it adds no number of its own. With a
person more the only change, against the plan's own average as it grew (until December
2026), harder work could leave a plan smaller, and a $35k swap worth 13 points was never
considered; against the unshaped rules' team's average, tried in December 2026, a poor
rules' team set so low a bar that a 12-person company's mature plan for 0.8 FTE of work
grew to five people (``docs/model.md``). A shaped team scoring nothing (a rules' team of
nobody) sets no bar, since every change beats it: the first change sets it. On the examples
and the 100 generated scenarios of ``bench/recommend_family.py`` the rule changes 24 of 309
plans from the oldest one (the fashion retailer takes three changes, 68.6 -> 93.8 points for
$231k more).

The plan is never worse than the rules' plan and costs no more than the rules' plan unless
changes were made beyond its cost; the moves and changes are listed with what each one bought
(:attr:`Shaping.summary`). Heads of data & ML are never moved themselves: every plan has
those its leads call for (:meth:`~mlplanner.model.setup_space.SearchSpace.with_heads`), so a
move that leaves too few leads to need a head takes the head too, and says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import cache, reduce

import numpy as np

from mlplanner.model.quality import SHOWN_POINTS, shown_difference
from mlplanner.model.roles import HEAD, ROLES
from mlplanner.model.scoring import Scores, ScoringContext, cost, score
from mlplanner.model.setup_space import SearchSpace
from mlplanner.model.wording import format_usd, joined, people

# Quality gains below this (points) are rounding noise, not a better plan.
_GAIN = 1e-6
# Spaces of up to this many plans are scored whole (a few to 20 ms): the plan is then the
# space's best within the rules' cost, exactly. Larger ones are reshaped by moves.
EXACT_SPACE = 20_000
# Moves of three people or steps (the widest): the best single moves each followed by any two.
_WIDEST = 3
_FIRST_STEPS = 6
_HEAD = ROLES.index(HEAD)
# Up to this many moves are said one by one; more are said by what they change in all.
LISTED_MOVES = 3


@dataclass(frozen=True)
class Move:
    """One move of the shaping: people ``added`` to and ``removed`` from roles (in steps of
    ``step`` people each), the ``heads`` of data & ML that follow the leads (people, not
    steps: positive for more), with the plan's cost and quality before and after."""

    added: dict[str, int]
    removed: dict[str, int]
    step: int
    cost_before: int
    cost_after: int
    quality_before: float
    quality_after: float
    heads: int = 0

    @property
    def text(self) -> str:
        """``one Data Engineer instead of one Full-Stack Data Scientist``, ``one Data
        Engineer more``, ``two Data Annotators instead of one Data Scientist``, ``one ML
        Engineer instead of one ML Team Lead and one Head of Data & ML``."""
        added, removed = self._listed(self.added, 1), self._listed(self.removed, -1)
        if added and removed:
            return f"{added} instead of {removed}"
        return f"{added} more" if added else f"{removed} fewer"

    def _listed(self, roles: dict[str, int], sign: int) -> str:
        """People per role in words, with the heads that follow the leads on that side."""
        listed = [people(n * self.step, role, in_words=True) for role, n in roles.items()]
        if self.heads * sign > 0:
            listed.append(people(abs(self.heads), HEAD, in_words=True))
        return joined(listed)

    def applied_to(self, plan: dict[str, int]) -> dict[str, int]:
        """``plan`` (people per role) after this move."""
        after = dict(plan)
        for role, n in self.added.items():
            after[role] += n * self.step
        for role, n in self.removed.items():
            after[role] -= n * self.step
        after[HEAD] += self.heads
        return after

    @property
    def effect(self) -> str:
        """``+2.9 points, $9k a year less``; ``+0.01 points, $34k a year more`` (a gain too
        small for one decimal is not called "same quality")."""
        gain = self.quality_after - self.quality_before
        shown = shown_difference(self.quality_after, self.quality_before)
        if shown >= SHOWN_POINTS:  # as the two figures read
            points = f"{shown:+.1f} points"
        elif gain >= 0.005:
            points = f"{gain:+.2f} points"
        else:
            points = "under +0.01 points" if gain > _GAIN else "same quality"
        saving = self.cost_before - self.cost_after
        if saving > 0:
            return f"{points}, {format_usd(saving)} a year less"
        if saving < 0:
            return f"{points}, {format_usd(-saving)} a year more"
        return points


@dataclass(frozen=True)
class Shaping:
    """How the recommended plan came from the rules' plan: the setup's space, the rules' plan
    with its cost (the plan's ceiling) and quality, and the moves taken, in order."""

    context: ScoringContext
    space: SearchSpace
    rules_plan: dict[str, int]
    rules_cost_usd: int
    rules_quality: float
    moves: tuple[Move, ...]
    exact: bool = False  # the space was scored whole: one move, to its best plan
    additions: tuple[Addition, ...] = ()  # people beyond the rules' size, in order
    held_back: Addition | None = None  # the next change worth its cost, past the budget

    @property
    def allocation(self) -> dict[str, int]:
        """The recommended plan: the rules' plan after every move and every addition."""
        moves = [*self.moves]
        for addition in self.additions:
            moves += [addition.person, *addition.moves]
        plan = dict(self.rules_plan)
        for move in moves:
            plan = move.applied_to(plan)
        return plan

    @property
    def ceiling_usd(self) -> int:
        """What the plan's last reshaping could spend: the rules' cost, or the cost of the
        plan with the last person added."""
        return self.additions[-1].person.cost_after if self.additions else self.rules_cost_usd

    def change(self, role: str) -> int:
        """People the moves added to (positive) or took from (negative) ``role``."""
        return self.allocation[role] - self.rules_plan[role]

    @property
    def summary(self) -> str:
        """The moves in one paragraph, or that the rules' plan was already the best shape;
        then each change beyond the rules' cost and the reshaping that followed (past
        :data:`LISTED_MOVES` changes, what they change in all)."""
        size = people(sum(self.rules_plan.values()))
        start = (
            f"The setup's rules size this team at {size} for "
            f"{format_usd(self.rules_cost_usd)} a year (quality {self.rules_quality:.1f})."
        )
        sentences = [start, _within(self.moves, self.exact, self.rules_quality)]
        if len(self.additions) > LISTED_MOVES:
            sentences.append(_beyond(self.additions))
        else:
            for addition in self.additions:
                sentences.append(addition.sentence)
                if addition.moves:
                    sentences.append(
                        _within(addition.moves, addition.exact, addition.person.quality_after)
                    )
        if self.held_back is not None:
            sentences.append(self.held_back.held_back_sentence)
        return " ".join(sentences)


@dataclass(frozen=True)
class Addition:
    """A change beyond the rules' cost worth it (a person more, or one moved to a dearer
    role; a step of people, two at most: module docstring): it buys quality at least as
    cheaply as the team shaped for the rules' cost does on average (``bar``: that team's
    quality and cost), within the budget; then the ``moves`` reshaping the plan for its new
    cost (one, to the best plan of a space scored whole, where ``exact``)."""

    person: Move
    moves: tuple[Move, ...]
    exact: bool
    budget_usd: float | None
    bar: tuple[float, int]

    @property
    def sentence(self) -> str:
        """``One ML Engineer more buys 23.2 points for $260k a year (89 points per $1M,
        against the shaped team's 46), within the $2.50M budget: quality 91.9 at $1.76M a
        year.``; ``One Backend Developer instead of one Data Scientist buys …``."""
        person = self.person
        extra = person.cost_after - person.cost_before
        gain = person.quality_after - person.quality_before
        shown = shown_difference(person.quality_after, person.quality_before)
        # "three Data Engineers more buy", "one Data Engineer and one ML Engineer more buy"
        verb = "buys" if sum(person.added.values()) * person.step == 1 else "buy"
        said = (
            f"{person.text[0].upper()}{person.text[1:]} {verb} {shown:.1f} points for "
            f"{format_usd(extra)} a year ({_per_million(gain, extra)} points per $1M, against "
            f"the shaped team's {_per_million(*self.bar)})"
        )
        cost = format_usd(person.cost_after)
        if self.budget_usd is None:
            return f"{said}: quality {person.quality_after:.1f} at {cost} a year."
        budget = format_usd(self.budget_usd)
        if cost == budget:  # "$636k a year, past the $636k budget": in dollars, told apart
            cost, budget = f"${person.cost_after:,}", f"${self.budget_usd:,.0f}"
        after = f"quality {person.quality_after:.1f} at {cost} a year"
        if person.cost_after > self.budget_usd:
            return f"{said}: {after}, past the {budget} budget until reshaped within it."
        return f"{said}, within the {budget} budget: {after}."

    @property
    def held_back_sentence(self) -> str:
        """``The $4.00M budget holds back one change worth its cost: one Full-Stack Data
        Scientist instead of one Data Analyst would buy 2.9 points for $89k a year (32 points
        per $1M, against the shaped team's 12).``; where the plan already costs more than the
        budget, ``The plan already costs more than the $150k budget, so it makes no change
        beyond the rules' cost; the first worth its cost: …`` (a plan $3M over its budget was
        said to be held back from a $54k annotator by it)."""
        person = self.person
        extra = person.cost_after - person.cost_before
        gain = person.quality_after - person.quality_before
        shown = shown_difference(person.quality_after, person.quality_before)
        budget = (
            "the budget" if self.budget_usd is None else f"the {format_usd(self.budget_usd)} budget"
        )
        change = (
            f"{person.text} would buy {shown:.1f} points for {format_usd(extra)} a year "
            f"({_per_million(gain, extra)} points per $1M, against the shaped team's "
            f"{_per_million(*self.bar)})."
        )
        if self.budget_usd is not None and person.cost_before > self.budget_usd:
            return (
                f"The plan already costs more than {budget}, so it makes no change beyond the "
                f"rules' cost; the first worth its cost: {change}"
            )
        return f"{budget[0].upper()}{budget[1:]} holds back one change worth its cost: {change}"


def _per_million(points: float, usd: float) -> str:
    return f"{points / usd * 1_000_000:.0f}"


def _within(moves: tuple[Move, ...], exact: bool, quality: float) -> str:
    """What reshaping a plan of ``quality`` for its cost did, in one sentence."""
    if exact:
        if not moves:
            return "No other plan staffed this setup's way scores higher within that cost."
        (jump,) = moves
        return (
            f"Within that cost, the best plan staffed this setup's way has {jump.text}: "
            f"quality {jump.quality_after:.1f} at {format_usd(jump.cost_after)} a year "
            f"({jump.effect})."
        )
    if not moves:
        return "No move of people between roles scores higher within that cost."
    end, one = moves[-1], len(moves) == 1
    # Moves that only save money keep the quality rather than raise it.
    raised = end.quality_after > quality + _GAIN
    verb, to, at = ("raise", "to", "at") if raised else ("keep", "at", "for")
    said = (
        f"Within that cost, {len(moves)} {'move' if one else 'moves'} "
        f"{verb}{'s' if one else ''} quality {to} {end.quality_after:.1f} {at} "
        f"{format_usd(end.cost_after)} a year"
    )
    if len(moves) > LISTED_MOVES:
        return f"{said}; in all, {_net(moves)}."
    steps = "; ".join(f"{move.text} ({move.effect})" for move in moves)
    return f"{said}: {steps}."


def _beyond(additions: tuple[Addition, ...]) -> str:
    """More than :data:`LISTED_MOVES` changes beyond the rules' cost, by what they change in
    all (one by one, a person taken out for one role and put back for another reads as
    contradicting itself): ``Beyond that cost, 5 changes worth their cost (each buying at
    least the shaped team's 46 points per $1M) raise quality to 93.1 at $846k a year, within
    the $1.00M budget; in all, they add …``."""
    moves = tuple(move for a in additions for move in (a.person, *a.moves))
    end, first = moves[-1], additions[0]
    budget = (
        "" if first.budget_usd is None else f", within the {format_usd(first.budget_usd)} budget"
    )
    return (
        f"Beyond that cost, {len(additions)} changes worth their cost (each buying at least "
        f"the shaped team's {_per_million(*first.bar)} points per $1M) raise quality to "
        f"{end.quality_after:.1f} at {format_usd(end.cost_after)} a year{budget}; in all, "
        f"{_net(moves)}."
    )


def _net(moves: tuple[Move, ...]) -> str:
    """What ``moves`` change in all: ``they add two Backend Developers and one ML Engineer,
    and take out six Full-Stack Data Scientists`` (a local search can take a person out and
    put one back; listed move by move, ten moves read as contradicting themselves)."""
    start: dict[str, int] = dict.fromkeys(ROLES, 0)
    change = reduce(lambda plan, move: move.applied_to(plan), moves, start)
    more = [people(n, role, in_words=True) for role, n in change.items() if n > 0]
    fewer = [people(-n, role, in_words=True) for role, n in change.items() if n < 0]
    parts = [f"add {joined(more)}"] if more else []
    parts += [f"take out {joined(fewer)}"] if fewer else []
    return "they " + ", and ".join(parts) if parts else "they change nobody"


def shape(
    context: ScoringContext,
    space: SearchSpace,
    rules_plan: dict[str, int],
    reshape: bool = True,
    budget_usd: float | None = None,
    beyond: bool = True,
) -> Shaping:
    """The rules' plan reshaped within ``space``, then (with ``beyond``) changed beyond its cost
    where a change buys quality at least as cheaply as the team shaped for the rules' cost
    does, within ``budget_usd`` (module docstring); with ``reshape`` false, the rules' plan as
    it is."""
    current = np.array([[rules_plan[role] for role in ROLES]], dtype=np.int64)
    cap = int(cost(context, current)[0])
    small = reshape and space.size <= EXACT_SPACE
    whole = _ScoredSpace(context, space, cap) if small else None
    quality = float(_scored(context, current, whole).quality[0])
    shaping = Shaping(
        context=context,
        space=space,
        rules_plan=dict(rules_plan),
        rules_cost_usd=cap,
        rules_quality=quality,
        moves=(),
    )
    if not reshape:
        return shaping
    moves, exact, current, at = _reshape(context, space, current, (cap, quality), whole)
    additions: list[Addition] = []
    bar = (at[1], at[0])  # the shaped team's quality and cost: the value a change must beat
    while beyond and (
        addition := _next_addition(context, space, current, at, budget_usd, whole, bar)
    ):
        additions.append(addition[0])
        current, at = addition[1:]
        if bar[0] <= 0:
            # A team scoring nothing sets no bar (every change beats it): the first change
            # sets it. A mature company's 0.07 FTE of research analytics, its rules' team
            # nobody, had grown to five people; its first person bought 51 points.
            bar = (at[1], at[0])
    held_back = None
    if beyond and budget_usd is not None:  # what the budget alone stops (a review asked)
        held = _worth_adding(context, space, current, at, None, whole, bar)
        if held is not None:
            held_back = Addition(held, (), False, budget_usd, bar)
    return replace(
        shaping, moves=moves, exact=exact, additions=tuple(additions), held_back=held_back
    )


class _ScoredSpace:
    """A space small enough to score whole (:data:`EXACT_SPACE`), scored for one shaping, each
    plan at most once and in as few calls as it can (a call of :func:`score` takes 0.4 ms or
    more however few plans it scores; the fashion retailer's shaping took five, 2 of its 4.5
    ms): from a cap, the shaping looks at the space's plans costing up to it and at one step
    more of a role from the best of them, so the plans costing up to the cap plus one step of
    the dearest role are scored together, in one call; a person added raises the cap, and
    those up to the new reach not scored yet are scored then. Scoring the whole space at once
    would score up to three times as many plans (``bench/recommend_family.py``'s Generated
    scenario 81 as a scale-up: 18,432, 24 ms, for 7,421); scoring the people considered in a
    call of their own saves the step's plans, up to 1 ms on the largest spaces, and costs a
    call on every one.

    A plan scores the same alone or among others (:func:`~mlplanner.model.quality.unit_delivery`),
    so a plan looked up here has the very numbers scoring it would give."""

    def __init__(self, context: ScoringContext, space: SearchSpace, cap: int) -> None:
        self._context = context
        self._space = space
        self._plans = space.with_heads(_every_plan(space))
        self._cost = cost(context, self._plans)
        self._held = space.holds(self._plans)
        self._quality = np.full(len(self._plans), np.nan)
        self._components: dict[str, np.ndarray] = {}
        self._lower = np.array([space.lower[role] for role in ROLES])
        self._counts = tuple(space.count(role) for role in ROLES)
        self._step = space.step
        self._person = int((_one_more(space.step) @ context.loaded_rates).max())
        self._reach = -1  # the plans of the space costing up to this are scored
        self._score_for(cap)

    def within(self, cap: int) -> tuple[np.ndarray, Scores]:
        """The plans of the space costing at most ``cap`` (in :func:`_every_plan`'s order)
        and their scores."""
        self._score_for(cap)
        rows = self._held & (self._cost <= cap)
        return self._plans[rows], self._scores(rows)

    def look_up(self, plans: np.ndarray) -> Scores | None:
        """The scores of ``plans`` (rows) where each is a plan of the space (those not scored
        yet, past the reach, are scored now: the moves of two people a change worth its cost
        may take), else ``None``."""
        if (plans != self._space.with_heads(plans)).any():
            return None  # heads its leads do not call for: not a plan of the space
        offset = plans - self._lower
        offset[:, _HEAD] = 0  # heads follow the leads: every plan of the space has its own
        index = offset // self._step
        if (offset % self._step).any() or (index < 0).any() or (index >= self._counts).any():
            return None
        rows = np.ravel_multi_index(tuple(index.T), self._counts)
        self._score(np.unique(rows[np.isnan(self._quality[rows])]))
        return self._scores(rows)

    def _score_for(self, cap: int) -> None:
        """Score the plans a reshaping for ``cap`` and the person considered after it look at
        (those costing up to ``cap`` plus one step of the dearest role) not scored yet."""
        reach = cap + self._person
        if reach <= self._reach:
            return
        new = self._held & (self._cost > self._reach) & (self._cost <= reach)
        self._reach = reach
        self._score(np.flatnonzero(new & np.isnan(self._quality)))

    def _score(self, rows: np.ndarray) -> None:
        """Score the plans of ``rows`` (indices, none scored yet), in one call."""
        if not len(rows):
            return
        scores = score(self._context, self._plans[rows])
        self._quality[rows] = scores.quality
        for name, values in scores.components.items():
            self._components.setdefault(name, np.full(len(self._plans), np.nan))[rows] = values

    def _scores(self, rows: np.ndarray) -> Scores:
        """The scores of the plans of ``rows`` (indices or a mask), all scored."""
        return Scores(
            cost=self._cost[rows],
            quality=self._quality[rows],
            components={name: values[rows] for name, values in self._components.items()},
        )


def _scored(context: ScoringContext, plans: np.ndarray, whole: _ScoredSpace | None) -> Scores:
    """The scores of ``plans``: looked up in the space scored ``whole`` where all are plans of
    it, else scored (a large team's rules' plan may lie off the space's steps, and so then do
    the plans a move away from it)."""
    known = None if whole is None else whole.look_up(plans)
    return score(context, plans) if known is None else known


def _reshape(
    context: ScoringContext,
    space: SearchSpace,
    current: np.ndarray,
    start: tuple[int, float],
    whole: _ScoredSpace | None,
) -> tuple[tuple[Move, ...], bool, np.ndarray, tuple[int, float]]:
    """The moves reshaping ``current`` (one row, costing and scoring ``start``) for no more
    than its cost (module docstring), whether the space was scored whole (``whole``: the
    space's scores, where it is small enough) and the plan they end at with its cost and
    quality."""
    cap, quality = start
    spend = cap
    moves: list[Move] = []
    if whole is not None:
        candidates, scores = whole.within(cap)
        row = _pick(scores, quality, spend)
        if row is None:
            return (), True, current, start
        move = _move(current[0], candidates, scores, row, space.step, start)
        return (move,), True, candidates[row : row + 1], (move.cost_after, move.quality_after)
    width = 1  # single moves first; wider ones only where no narrower move helps
    singles: tuple[np.ndarray, Scores] | None = None  # the last single moves, scored
    while True:
        if width < _WIDEST:
            near = current + _deltas(space.step, wide=width == 2)
            candidates = _affordable(context, near, cap, space)
        else:
            assert singles is not None  # width 1 came first from this plan
            candidates = _after_best_singles(context, space, singles, cap)
        scores = score(context, candidates)
        if width == 1:
            singles = candidates, scores
        row = _pick(scores, quality, spend)
        if row is None:
            if width == _WIDEST:
                break
            width += 1
            continue
        move = _move(current[0], candidates, scores, row, space.step, (spend, quality))
        moves.append(move)
        current = candidates[row : row + 1]
        quality, spend = move.quality_after, move.cost_after
        width = 1
    return tuple(moves), False, current, (spend, quality)


def _next_addition(
    context: ScoringContext,
    space: SearchSpace,
    current: np.ndarray,
    at: tuple[int, float],
    budget_usd: float | None,
    whole: _ScoredSpace | None,
    bar: tuple[float, int],
) -> tuple[Addition, np.ndarray, tuple[int, float]] | None:
    """The next change worth its cost within ``budget_usd`` and the plan reshaped after it,
    with its cost and quality; ``None`` when none is (module docstring). The change worth
    most is taken where the plan, reshaped for its cost, fits the budget, even if the plan
    with the change alone does not: a budget of exactly the cost of a plan recommended with
    more money had been refused it (a change to $636k reshaped to $629k, 79.7 points, where
    the $629k budget left the plan at 73.9)."""

    def made(move: Move) -> tuple[tuple[Move, ...], bool, np.ndarray, tuple[int, float]]:
        """``current`` with ``move`` made (and the heads its leads call for), reshaped."""
        change = [move.added.get(role, 0) - move.removed.get(role, 0) for role in ROLES]
        plan = space.with_heads(current + np.array([change]) * space.step)
        return _reshape(context, space, plan, (move.cost_after, move.quality_after), whole)

    best = _worth_adding(context, space, current, at, None, whole, bar)
    if best is None:
        return None
    moves, exact, plan, end = made(best)
    if budget_usd is not None and end[0] > budget_usd:
        best = _worth_adding(context, space, current, at, budget_usd, whole, bar)
        if best is None:
            return None
        moves, exact, plan, end = made(best)
    return Addition(best, moves, exact, budget_usd, bar), plan, end


def _worth_adding(
    context: ScoringContext,
    space: SearchSpace,
    current: np.ndarray,
    at: tuple[int, float],
    budget_usd: float | None,
    whole: _ScoredSpace | None,
    bar: tuple[float, int],
) -> Move | None:
    """The move raising the plan's cost that buys the most quality per dollar (ties: the
    cheaper), if it buys at least as much per dollar as the team shaped for the rules' cost
    does on average (``bar``: its quality and cost) and the plan with it fits ``budget_usd``;
    else ``None``. Moves of one person (or step) first, of two where none of one does (module
    docstring). ``whole``: the space's scores, where it is small enough."""
    spend, quality = at
    bar_quality, bar_cost = bar
    if bar_cost <= 0:  # a team costing nothing has no points per dollar to beat
        return None
    for moves in (_deltas(space.step, False), _two_only(space.step)):
        candidates = _affordable(context, current + moves, 10**15, space)
        candidates = candidates[cost(context, candidates) > spend]
        if not len(candidates):
            continue
        scores = _scored(context, candidates, whole)
        gain = scores.quality - quality
        extra = (scores.cost - spend).astype(float)
        # gain / extra >= bar_quality / bar_cost, multiplied out (every move here costs more).
        keep = (gain > _GAIN) & (gain * bar_cost >= bar_quality * extra)
        if budget_usd is not None:
            keep &= scores.cost <= budget_usd
        if keep.any():
            rows = np.flatnonzero(keep)
            best = rows[np.lexsort((extra[rows], -gain[rows] / extra[rows]))[0]]
            return _move(current[0], candidates, scores, int(best), space.step, at)
    return None


@cache
def _one_more(step: int) -> np.ndarray:
    """One step more of each role but heads (who do not count in the score), one per row."""
    return np.eye(len(ROLES), dtype=np.int64)[[i for i, r in enumerate(ROLES) if r != HEAD]] * step


def _affordable(
    context: ScoringContext, plans: np.ndarray, cap: int, space: SearchSpace | None = None
) -> np.ndarray:
    """The rows of ``plans`` costing at most ``cap`` (and, given a ``space``, inside it, with
    the heads their leads call for)."""
    if space is not None:
        plans = space.with_heads(plans)
    keep = cost(context, plans) <= cap
    if space is not None:
        keep &= space.holds(plans)
    return plans[keep]


def _after_best_singles(
    context: ScoringContext, space: SearchSpace, singles: tuple[np.ndarray, Scores], cap: int
) -> np.ndarray:
    """Moves of three (module docstring): each of the :data:`_FIRST_STEPS` best of the plans
    one single move away (``singles``, scored; by quality, then cost) followed by any two
    moves at once, within the space and ``cap``, each plan once."""
    plans, scores = singles
    first = plans[np.lexsort((scores.cost, -scores.quality))[:_FIRST_STEPS]]
    deeper = (first[:, None, :] + _deltas(space.step, True)[None, :, :]).reshape(-1, len(ROLES))
    # Many of them coincide, and a large portfolio's plan takes tens of microseconds to score.
    return _distinct_rows(_affordable(context, deeper, cap, space))


def _distinct_rows(plans: np.ndarray) -> np.ndarray:
    """Each row of ``plans`` once, in ascending order of their columns: ``np.unique(plans,
    axis=0)``, by one whole number per row where they fit in 62 bits (several times faster)."""
    if not len(plans):
        return plans
    low = plans.min(axis=0)
    sizes = plans.max(axis=0) - low + 1
    if math.prod(sizes.tolist()) >= 2**62:
        return np.unique(plans, axis=0)
    radix = np.cumprod(np.concatenate(([1], sizes[:0:-1])))[::-1]
    _, first = np.unique((plans - low) @ radix, return_index=True)
    return plans[first]


def _pick(scores: Scores, quality: float, spend: int) -> int | None:
    """The candidate to move to from a plan of ``quality`` costing ``spend``: the highest
    quality above it (ties: the cheapest), else the cheapest keeping it for less; ``None``
    when no candidate does either."""
    better = scores.quality > quality + _GAIN
    if better.any():
        pick = better & (scores.quality >= scores.quality[better].max() - _GAIN)
    else:
        pick = (scores.quality >= quality) & (scores.cost < spend)
    if not pick.any():
        return None
    return int(np.flatnonzero(pick)[np.argmin(scores.cost[pick])])


def _every_plan(space: SearchSpace) -> np.ndarray:
    """Every allocation of a space (``ROLES`` order)."""
    values = [space.values(role) for role in ROLES]
    grid = np.meshgrid(*values, indexing="ij")
    return np.stack(grid, axis=-1).reshape(-1, len(ROLES)).astype(np.int64)


def _move(
    before: np.ndarray,
    candidates: np.ndarray,
    scores: Scores,
    row: int,
    step: int,
    was: tuple[int, float],
) -> Move:
    """The move from ``before`` to the scored ``candidates``' ``row``, from a plan costing and
    scoring ``was``."""
    difference = candidates[row] - before
    heads = int(difference[_HEAD])  # heads follow the leads, not in steps
    difference[_HEAD] = 0
    change = difference // step
    return Move(
        added={ROLES[i]: int(n) for i, n in enumerate(change) if n > 0},
        removed={ROLES[i]: int(-n) for i, n in enumerate(change) if n < 0},
        step=step,
        cost_before=was[0],
        cost_after=int(scores.cost[row]),
        quality_before=was[1],
        quality_after=float(scores.quality[row]),
        heads=heads,
    )


@cache
def _deltas(step: int, wide: bool) -> np.ndarray:
    """The moves (module docstring) as changes of the allocation, in steps: one step added
    to a role, taken from one, or moved from one role to another; with ``wide``, also any two
    of those at once (those cancelling out left out). Heads never move."""
    movable = [i for i, role in enumerate(ROLES) if role != HEAD]
    unit = np.eye(len(ROLES), dtype=np.int64) * step
    rows = [unit[i] for i in movable] + [-unit[i] for i in movable]
    rows += [unit[b] - unit[a] for a in movable for b in movable if a != b]
    if wide:
        twos = {tuple(int(n) for n in a + b) for i, a in enumerate(rows) for b in rows[i:]}
        rows = [np.array(two) for two in sorted(twos) if any(two)]
    return np.array(rows)


@cache
def _two_only(step: int) -> np.ndarray:
    """The moves of two (:func:`_deltas` ``wide``) that no single move makes (a person added
    and one taken away is a single move, one moved), so none is scored twice."""
    single = {tuple(row) for row in _deltas(step, False).tolist()}
    return np.array([row for row in _deltas(step, True).tolist() if tuple(row) not in single])
