"""The recommended plan's headcount, cost and quality under many rows of multipliers at once.

Each row of multipliers (one column per group, ``UNCERTAINTY_GROUPS`` order) moves the
assumption groups as :func:`mlplanner.ranges.perturb.perturbed` does. A row's plan is **the
setup's rules' plan under the moved assumptions** (:func:`~mlplanner.model.staffing.staff`)
**reshaped as the central plan was**: ``recommend`` under the unmoved assumptions moves people
between roles (:mod:`mlplanner.model.shaping`); each role's change (``plan.allocation[r] -
plan.shaping.rules_plan[r]``) is added to the row's rules' plan, no role falling below its
existing staff. A row of ones is therefore exactly ``recommend``'s plan.

Why not ``recommend`` per row: it takes about 10 ms on the fashion example and 30 ms on a
200-project portfolio (measured on the 2-core development machine; the shaping scores every
candidate move at every step), so 1,000 draws would take 10 to 30 s against targets of
0.3 and 3 s, where the staffing rules take well under 0.1 ms a row. What the figures
mean, then: how the team's size and cost move with the assumptions, with the central plan's
shape kept; not each draw's own best shape (which could trade one role for another at no
more than that draw's rules' cost). ``tests/ranges/test_engine.py`` checks every row against
``staff`` under :func:`~mlplanner.ranges.perturb.perturbed` assumptions plus the central
change, and its cost and quality against ``evaluate``.

Everything runs on arrays, over all rows at once: the demand (the scenario's effort taken
apart by :func:`~mlplanner.model.demand.effort_parts` once, then combined with every row's
effort, adjustment, run and shared-work multipliers; the shared platform curve by
:func:`~mlplanner.model.shared_work.shared_fte` on the stacked rows), **staffing**
(:func:`~mlplanner.model.staffing.staff_counts`, the rules ``staff`` applies, written once for
a number or an array of them, on each role's demand of every row), salaries and cost, and
quality (:func:`~mlplanner.model.quality.score_heads` on arrays, each row's portfolio of work
by :func:`~mlplanner.model.quality.portfolio_rows`), the central plan's change per role. Rows
are processed in chunks so that a 200-project portfolio's arrays stay small (its demand per
source would take gigabytes at the most draws): each chunk's demand is worked out once, then
staffed and scored. The demand and portfolios of the rows (:func:`drawn_work`) do not depend on
the setup; a caller asking for several setups' outcomes can work them out once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlplanner.model.assumptions import UNCERTAINTY_GROUPS, Assumptions
from mlplanner.model.demand import Demand, EffortParts, effort_parts
from mlplanner.model.plan import Plan, recommend
from mlplanner.model.quality import Portfolio, portfolio_rows, score_heads
from mlplanner.model.roles import PHASES, ROLES, SPECIALIST_ROLES
from mlplanner.model.scenario import Scenario, Setup
from mlplanner.model.shared_work import shared_fte
from mlplanner.model.staffing import choose_setup, staff_counts

_COLUMN = {group: i for i, group in enumerate(UNCERTAINTY_GROUPS)}
_ANNOTATOR = SPECIALIST_ROLES.index("annotator")
_ANALYST = SPECIALIST_ROLES.index("data_analyst")
_MEASUREMENT = PHASES.index("measurement")
_CHUNK_CELLS = 2_000_000  # rows x projects x phases x roles per chunk (16 MB a float array)


@dataclass(frozen=True)
class Outcomes:
    """Per row of multipliers: ``headcount[row, role]`` (``ROLES`` order), the yearly
    ``cost`` in whole dollars, the ``quality`` (0-100) and the ``demand[row, role]`` (FTE,
    ``SPECIALIST_ROLES`` order)."""

    headcount: np.ndarray
    cost: np.ndarray
    quality: np.ndarray
    demand: np.ndarray

    @property
    def total_headcount(self) -> np.ndarray:
        return self.headcount.sum(axis=1)


@dataclass(frozen=True)
class DrawnChunk:
    """Rows ``rows`` of the multipliers: each row's ``demand[row, role]`` (FTE,
    ``SPECIALIST_ROLES`` order) and its portfolio of work (``work``,
    :func:`~mlplanner.model.quality.portfolio_rows`)."""

    rows: slice
    demand: np.ndarray
    work: Portfolio


@dataclass(frozen=True)
class DrawnWork:
    """What rows of multipliers make of a scenario's work, whatever the setup: its chunks of
    rows (:class:`DrawnChunk`) and the vendor FTE per row and project. Most of a setup's
    outcomes' time goes into it (on the examples, two thirds to nine tenths), so the setups
    compared on the Compare page share one."""

    multipliers: np.ndarray
    chunks: tuple[DrawnChunk, ...]
    vendor_fte: np.ndarray


def drawn_work(
    scenario: Scenario, multipliers: np.ndarray, assumptions: Assumptions, layout: Demand
) -> DrawnWork:
    """The scenario's work under each row of ``multipliers``; ``layout`` is the scenario's
    demand under the unmoved assumptions (its sources, stages, priorities)."""
    parts = effort_parts(scenario, assumptions)
    vendor_fte = np.zeros((len(multipliers), len(parts.counts)))
    chunks = []
    for rows in _chunks(len(multipliers), len(parts.counts)):
        fte, vendor_fte[rows] = _fte(scenario, parts, multipliers[rows], assumptions)
        work = portfolio_rows(layout, fte, assumptions)
        chunks.append(DrawnChunk(rows, fte.sum(axis=(1, 2)), work))
    return DrawnWork(multipliers, tuple(chunks), vendor_fte)


def outcomes(
    scenario: Scenario,
    multipliers: np.ndarray,
    assumptions: Assumptions,
    setup: str | None = None,
    *,
    drawn: DrawnWork | None = None,
) -> Outcomes:
    """The plan's figures under each row of ``multipliers``: the rules' plan of the row,
    reshaped as the central plan (module docstring). ``drawn``: the scenario's
    :func:`drawn_work` under these multipliers, if already worked out."""
    choice = choose_setup(scenario.company, assumptions, setup)
    existing = scenario.company.existing_team
    central = recommend(scenario, choice.setup, assumptions)
    layout = central.demand  # the unmoved demand: sources, stages, priorities, deploys
    if drawn is None:
        drawn = drawn_work(scenario, multipliers, assumptions, layout)
    elif not np.array_equal(drawn.multipliers, multipliers):
        raise ValueError("drawn: worked out under other multipliers")
    change = _central_change(central)
    kept = np.array([existing.get(role, 0) for role in ROLES], dtype=np.int64)
    region = scenario.company.region
    rates = np.array([assumptions.rate(region, role) for role in ROLES])
    headcount = np.zeros((len(multipliers), len(ROLES)), dtype=np.int64)
    quality = np.zeros(len(multipliers))
    for chunk in drawn.chunks:
        rules = staff_rows(
            chunk.demand, existing, choice.setup, assumptions, deploys=layout.deploys
        )
        headcount[chunk.rows] = np.maximum(rules + change, kept)
        heads = [headcount[chunk.rows, j] for j in range(len(ROLES))]
        quality[chunk.rows] = score_heads(chunk.work, heads, assumptions).score
    salaries = multipliers[:, _COLUMN["salaries"]]
    loaded = np.round(rates[None, :] * salaries[:, None] * assumptions.loaded_cost_multiplier)
    vendor = np.round(drawn.vendor_fte * assumptions.vendor_price(region)).sum(axis=1)
    cost = (headcount * loaded.astype(np.int64)).sum(axis=1) + vendor.astype(np.int64)
    demand = np.concatenate([chunk.demand for chunk in drawn.chunks])
    return Outcomes(headcount=headcount, cost=cost, quality=quality, demand=demand)


def _central_change(central: Plan) -> np.ndarray:
    """People the shaping moved into (positive) or out of (negative) each role of the
    ``central`` plan (``ROLES`` order)."""
    shaping = central.shaping
    assert shaping is not None  # recommend always shapes
    return np.array([shaping.change(role) for role in ROLES], dtype=np.int64)


def staff_rows(
    demand: np.ndarray,
    existing: dict[str, int],
    setup: Setup,
    assumptions: Assumptions,
    *,
    deploys: bool,
) -> np.ndarray:
    """People per row of ``demand`` (FTE per specialist role) and role (``ROLES`` order): the
    staffing rules on every row at once (``deploys``: whether a production project has
    deployment work, the same in every row)."""
    by_role = dict(zip(SPECIALIST_ROLES, demand.T, strict=True))
    allocation = staff_counts(by_role, existing, setup, assumptions, deploys=deploys).allocation
    return np.stack(
        [np.broadcast_to(allocation[role], len(demand)) for role in ROLES], axis=1
    ).astype(np.int64)


def _chunks(rows: int, projects: int) -> list[slice]:
    """Slices of rows small enough that a chunk's arrays stay within ``_CHUNK_CELLS``."""
    cells = max(1, (projects + 1 + len(PHASES)) * len(PHASES) * len(SPECIALIST_ROLES))
    size = max(1, _CHUNK_CELLS // cells)
    return [slice(start, min(rows, start + size)) for start in range(0, rows, size)]


def _fte(
    scenario: Scenario, parts: EffortParts, m: np.ndarray, assumptions: Assumptions
) -> tuple[np.ndarray, np.ndarray]:
    """FTE ``[row, source, phase, role]`` laid out as :class:`Demand`'s ``fte`` (projects,
    the analytics baseline, each phase's shared platform work), and vendor FTE per row and
    project, under each row of multipliers ``m``."""
    domains = [_COLUMN[f"effort.{project.domain}"] for project in scenario.projects]
    listed = np.array([phase in assumptions.run_share for phase in PHASES])
    effort = m[:, domains][:, :, None, None]
    adjust = m[:, _COLUMN["adjustments"]][:, None, None, None]
    unit = (effort * parts.base + adjust * parts.add) * parts.mul**adjust
    run = np.where(
        listed, np.minimum(1.0, parts.run_share[None, :] * m[:, [_COLUMN["run_effort"]]]), 1.0
    )
    unit = np.where(parts.live[None, :, None, None], unit * run[:, None, :, None], unit)
    shared_share = m[:, _COLUMN["shared_work"]][:, None, None]
    platform_share = np.minimum(1.0, parts.platform_share[None] * shared_share)
    platform = unit * platform_share[:, None]
    own = (unit - platform) * parts.counts[None, :, None, None]
    vendor = np.where(parts.outsourced[None, :], own[..., _ANNOTATOR].sum(axis=2), 0.0)
    own[:, parts.outsourced, :, _ANNOTATOR] = 0.0
    shared = shared_fte(platform, parts.counts, parts.exponents)
    projects = len(parts.counts)
    fte = np.zeros((len(m), projects + 1 + len(PHASES), len(PHASES), len(SPECIALIST_ROLES)))
    fte[:, :projects] = own
    fte[:, projects, _MEASUREMENT, _ANALYST] = parts.baseline
    for p in range(len(PHASES)):
        fte[:, projects + 1 + p, p] = shared[:, p]
    return fte, vendor
