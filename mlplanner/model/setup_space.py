"""A setup's space of plans: the allocations the search may choose from under that setup.

Existing staff are kept, so every role ``r`` ranges from its existing headcount ``e_r`` up
to a bound, in steps of ``s`` people. The bounds follow demand (``D`` the demand of the six roles
full-stack data scientists can cover) and the setup's staffing
style (``data/setups.csv``), so that each setup's plans are chosen among plans staffed its way:

- each of the seven demand roles: none when its demand ``d_r`` is below the setup's
  ``round_up_from`` (the setup plans no specialist for less work: full-stack data scientists
  carry it), else ``ceil(d_r)``, and at least two from one person's work on; under the
  **mature** setup, which has no full-stack data scientists to carry such work, one at most
  below the cut (its rules plan nobody for so little work, the shaping may find one worth
  their cost: without anyone, a small production model's 0.15 FTE of data pipelines was
  nobody's, and the model delivered nothing); under the **startup** setup, where full-stack data
  scientists do all data science and carry up to ``absorb_below_fte`` of every other role,
  no data scientists and, for the other roles but annotation, ``ceil(d_r -
  absorb_below_fte)``: specialists only for the work the generalists leave;
- full-stack data scientists: the same on ``D / capacity``; none under the **mature**
  setup, which plans a specialist for every role;
- leads: the leads :func:`~mlplanner.model.staffing.managers` gives the most individual
  contributors of the space;
- heads of data & ML: not chosen but set by the plan's own leads, as the rules set them
  (:func:`~mlplanner.model.staffing.managers` from ``head_from_leads`` leads on), at least
  those already employed and at most as many as the setup's rules plan
  (:meth:`SearchSpace.with_heads`): a plan that keeps fewer leads than it takes to need a
  head has none (two people and a Head of Data & ML are not a team), and the quality score,
  which does not count heads, cannot drop one that its leads need;

the roles the work cannot be done without one person of
(:attr:`~mlplanner.model.staffing.Staffing.must_have`: the deployer the rules add where
rounding left nobody, the annotators wherever there is in-house annotation) have at least one;
each bound raised to ``e_r`` and to the rules' own plan (:func:`~mlplanner.model.staffing.staff`),
so that plan is always in the space, and then to a whole number of steps above ``e_r``.
Where a production project has deployment work, a plan must have someone able to deploy it
(an ML engineer, a backend developer or a full-stack data scientist,
:data:`~mlplanner.model.staffing.DEPLOYERS`): allocations with none of them are not plans of
the space (:meth:`SearchSpace.holds`), whoever the bounds would allow (the rules' plan always
has one); without this the shaping could trade a production model's only deployer for work
elsewhere, and recommend a plan that ships nothing of it. Past
these bounds only the quality score's headroom grows (a role staffed past its demand delivers
a little more of its planned work, with diminishing returns).

The step ``s`` (:func:`search_step`) is one person for teams with up to :data:`STEP_FTE` of
demand ``D``; larger teams would take the search seconds to minutes, so their headcounts move
in steps of ``ceil(D / STEPS)`` people: a team of 2,000 FTE in steps of 50. "One more
specialist" means one step more. The rules' plan need not lie on the steps; it is in the
space all the same (a plan may move from it by whole steps).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import reduce

import numpy as np

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.quality import COVERABLE
from mlplanner.model.roles import GENERALIST, HEAD, LEAD, ROLES, SPECIALIST_ROLES
from mlplanner.model.scenario import Setup
from mlplanner.model.staffing import DEPLOYERS, managers

# The search's work grows steeply with the number of headcounts per role (bench/frontier.py):
# about 0.1 s at 60 FTE of coverable demand in steps of one person, 2 s at 140. Teams with up to
# STEP_FTE of coverable demand are searched person by person; larger ones in steps that cut
# their demand into at most STEPS (search_step).
STEP_FTE = 60.0
STEPS = 40
_DEPLOYER_COLUMNS = [ROLES.index(role) for role in DEPLOYERS]
_HEAD = ROLES.index(HEAD)
_LEAD = ROLES.index(LEAD)


@dataclass(frozen=True)
class Heads:
    """Heads of data & ML a plan has for its leads: as the staffing rules plan them
    (``first`` leads on, one per ``span``), at least the ``existing`` ones and at most the
    ``most`` the setup's rules plan for the whole team."""

    existing: int
    most: int
    first: int
    span: int

    def for_leads(self, leads: np.ndarray) -> np.ndarray:
        """The heads for each plan's number of ``leads``."""
        needed = np.maximum(self.existing, managers(leads, self.first, self.span))
        return np.minimum(self.most, needed)


@dataclass(frozen=True)
class SearchSpace:
    """Headcounts per role, every role in lifecycle order: from ``lower`` to ``upper``
    (inclusive) in steps of ``step`` people (``upper - lower`` is a multiple of ``step``),
    except heads of data & ML, whom each plan has for its leads (``heads``; ``lower`` and
    ``upper`` hold the most it can have, what the box the search walks holds)."""

    lower: dict[str, int]
    upper: dict[str, int]
    heads: Heads
    step: int = 1
    deploys: bool = False  # a production model needs deploying: every plan has a deployer

    def with_heads(self, allocations: np.ndarray) -> np.ndarray:
        """``allocations`` (rows in ``ROLES`` order) with the heads their leads call for."""
        staffed = allocations.copy()
        staffed[:, _HEAD] = self.heads.for_leads(allocations[:, _LEAD])
        return staffed

    def values(self, role: str) -> np.ndarray:
        """The headcounts the space allows for ``role``, ascending."""
        return np.arange(self.lower[role], self.upper[role] + 1, self.step)

    def count(self, role: str) -> int:
        """How many headcounts the space allows for ``role``."""
        return (self.upper[role] - self.lower[role]) // self.step + 1

    @property
    def size(self) -> int:
        """Number of allocations in the space."""
        return reduce(lambda n, role: n * self.count(role), ROLES, 1)

    def holds(self, allocations: np.ndarray) -> np.ndarray:
        """Which rows of ``allocations`` (``ROLES`` order) are plans of the space: within the
        bounds, with the heads their leads call for and, where a production model needs
        deploying, with someone to deploy it."""
        lower = np.array([self.lower[role] for role in ROLES])
        upper = np.array([self.upper[role] for role in ROLES])
        inside = (allocations >= lower) & (allocations <= upper)
        inside[:, _HEAD] = allocations[:, _HEAD] == self.heads.for_leads(allocations[:, _LEAD])
        return np.asarray(inside.all(axis=1)) & self.deployable(allocations)

    def deployable(self, allocations: np.ndarray) -> np.ndarray:
        """Which rows of ``allocations`` can deploy what the space's plans must: all of them
        unless a production model needs deploying, else those with someone of
        :data:`~mlplanner.model.staffing.DEPLOYERS`."""
        if not self.deploys:
            return np.ones(len(allocations), dtype=bool)
        return np.asarray(allocations[:, _DEPLOYER_COLUMNS].any(axis=1))


def hires(setup: str, role: str, assumptions: Assumptions) -> bool:
    """Whether the setup's staffing style hires anyone new of ``role`` (module docstring): a
    mature company plans no full-stack data scientists, a startup whose full-stack data
    scientists do all data science no data scientists; it keeps those it employs."""
    if role == GENERALIST:
        return setup != "mature"
    if role == "data_scientist" and setup == "startup":
        return not assumptions.setups["startup"].generalists_absorb_data_science
    return True


def search_step(coverable_demand: float) -> int:
    """People per step of the search space: one up to :data:`STEP_FTE` of coverable demand,
    beyond it as many as cut the demand into at most :data:`STEPS` steps."""
    if coverable_demand <= STEP_FTE:
        return 1
    return math.ceil(coverable_demand / STEPS)


def setup_space(
    demand: Mapping[str, float],
    existing: Mapping[str, int],
    setup: Setup,
    rules_plan: Mapping[str, int],
    assumptions: Assumptions,
    *,
    must_have: Collection[str],
    deploys: bool,
) -> SearchSpace:
    """The space of plans of ``setup`` (module docstring) for a demand, an existing team and
    the plan the setup's rules give (``rules_plan``, every role); ``must_have``: the roles the
    work cannot be done without one person of (``Staffing.must_have``: the deployer the rules
    added, the annotators), kept at one at least; ``deploys``:
    whether a production project has deployment work (every plan then has someone able to
    deploy it)."""
    lower: dict[str, int] = {role: int(existing.get(role, 0)) for role in ROLES}
    for role in must_have:  # the rules' one person the work cannot do without
        lower[role] = max(lower[role], 1)
    coverable = sum(demand[role] for role in COVERABLE)
    step = search_step(coverable)

    def on_step(role: str, bound: int) -> int:  # the bound, raised, on a whole step
        bound = max(bound, rules_plan[role])
        return lower[role] + step * -(-max(0, bound - lower[role]) // step)

    rule = assumptions.setups[setup]

    def needed(fte: float) -> int:  # the bound for ``fte`` of a role (module docstring)
        if fte < rule.round_up_from - 1e-9:  # below the cut: one where no generalist carries it
            return 1 if fte > 1e-9 and not hires(setup, GENERALIST, assumptions) else 0
        return max(math.ceil(fte - 1e-9), 2 if fte >= 1 - 1e-9 else 1)  # two from one FTE on

    upper: dict[str, int] = {}
    for role in SPECIALIST_ROLES:
        fte = demand[role]
        if setup == "startup" and role != "annotator":
            left = fte if hires(setup, role, assumptions) else 0.0
            fte = max(0.0, left - rule.absorb_below_fte)
            upper[role] = on_step(role, math.ceil(fte - 1e-9))
        else:
            upper[role] = on_step(role, needed(fte))
    generalists = (
        needed(coverable / assumptions.generalist_capacity_fte)
        if hires(setup, GENERALIST, assumptions)
        else 0
    )
    upper[GENERALIST] = on_step(GENERALIST, generalists)
    contributors = sum(upper[role] for role in (*COVERABLE, GENERALIST))
    first, span = assumptions.lead_from_contributors, assumptions.lead_span
    upper[LEAD] = on_step(LEAD, managers(contributors, first, span))
    lower[HEAD] = upper[HEAD] = rules_plan[HEAD]
    upper_of: dict[str, int] = {role: upper[role] for role in ROLES}
    heads = Heads(int(existing.get(HEAD, 0)), rules_plan[HEAD], assumptions.head_from_leads, span)
    return SearchSpace(lower=lower, upper=upper_of, heads=heads, step=step, deploys=deploys)
