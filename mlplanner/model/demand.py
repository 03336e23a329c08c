"""Demand: FTE per source x lifecycle phase x role.

One project's effort per phase and role is ``(base effort + additions) x multipliers``, from its
domain's base effort and its attributes (see :class:`~mlplanner.model.assumptions.Adjustment`);
a live model (``lifecycle`` ``run``) needs the phase's ``run_share`` of it. Of that, the
phase's shared ``share`` is platform work the portfolio shares (:mod:`shared_work`): it is
its own source per phase ("Shared platform (Deployment)"); the rest is the project's own,
``count`` times its ``work_percent`` (none while it is on hold: a project of count 2 at 50%
weighs as one whole project, on the shared curve too). The company adds an analytics
baseline. Annotator demand of projects with outsourced annotation is bought from a vendor
instead of staffed.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from mlplanner.model.assumptions import ADJUSTABLE_ATTRIBUTES, Assumptions
from mlplanner.model.roles import PHASE_LABELS, PHASES, SPECIALIST_ROLES
from mlplanner.model.scenario import DEFAULT_PRIORITY, DOMAINS, Project, Scenario, depth_work
from mlplanner.model.shared_work import shared_fte

BASELINE_SOURCE = "Company analytics baseline"
# What a source's demand is: building a project, running a live one, the company analytics
# baseline, or shared platform work.
WORK_KINDS = {
    "build": "building",
    "run": "running live models",
    "shared": "shared platform",
    "baseline": "company analytics baseline",
}
SHARED_SOURCES = {phase: f"Shared platform ({PHASE_LABELS[phase].lower()})" for phase in PHASES}
_PHASE_INDEX: dict[str, int] = {phase: i for i, phase in enumerate(PHASES)}
_ROLE_INDEX: dict[str, int] = {role: i for i, role in enumerate(SPECIALIST_ROLES)}
_ANNOTATOR = _ROLE_INDEX["annotator"]
_SHAPE = (len(PHASES), len(SPECIALIST_ROLES))
Profile = tuple[str, str, str, str, str, str, str]


@dataclass(frozen=True)
class Demand:
    """Demand of a scenario. ``fte[s, p, r]``: source ``s``, phase ``p``, role ``r``.

    Sources are the scenario's projects in order (their own work), then the company analytics
    baseline, then the shared platform work of each phase (:data:`SHARED_SOURCES`, every
    phase, zero where nothing is shared). ``run_fte[s]``: the part of a project's demand that
    ``kinds[s]``: what kind of work source ``s`` is (:data:`WORK_KINDS`).
    """

    sources: tuple[str, ...]
    fte: np.ndarray
    vendor_fte: np.ndarray
    kinds: tuple[str, ...] = ()
    # Per source: the project's stage ("" for the baseline and shared platform work), its
    # priority (1-5; 3 for the baseline and shared work), which the quality score weighs by,
    # and the kind of work whose share of the generalists' depth gap it feels
    # (:func:`~mlplanner.model.scenario.depth_work`; "" for the baseline and shared work).
    stages: tuple[str, ...] = ()
    priorities: tuple[int, ...] = ()
    depth_work: tuple[str, ...] = ()

    def work(self, role: str) -> dict[str, float]:
        """A role's demand by kind of work (:data:`WORK_KINDS` order), kinds with none left out."""
        per_source = self.fte[:, :, _ROLE_INDEX[role]].sum(axis=1)
        totals = dict.fromkeys(WORK_KINDS, 0.0)
        for kind, fte in zip(self.kinds, per_source, strict=True):
            totals[kind] += float(fte)
        return {kind: fte for kind, fte in totals.items() if fte > 1e-9}

    @cached_property
    def by_role(self) -> dict[str, float]:
        """Total FTE per demand role, in lifecycle order."""
        totals = self.fte.sum(axis=(0, 1))
        return {role: float(totals[i]) for i, role in enumerate(SPECIALIST_ROLES)}

    @cached_property
    def by_phase_role(self) -> np.ndarray:
        """FTE per phase x role, summed over sources."""
        return self.fte.sum(axis=0)

    @property
    def total(self) -> float:
        return float(self.fte.sum())

    @cached_property
    def deploys(self) -> bool:
        """Whether a production project has deployment work: then a plan needs someone able to
        deploy it (:func:`mlplanner.model.staffing.staff`)."""
        deployment = self.fte[:, _PHASE_INDEX["deployment"]].sum(axis=1)
        return any(
            stage == "production" and float(deployment[s]) > 1e-9
            for s, stage in enumerate(self.stages)
        )

    @property
    def total_vendor_fte(self) -> float:
        return float(self.vendor_fte.sum())

    def lines(self, role: str, threshold: float = 1e-9) -> list[tuple[str, str, float]]:
        """``(source, phase, fte)`` behind one role's demand, largest first."""
        r = _ROLE_INDEX[role]
        block = self.fte[:, :, r]
        found = [
            (self.sources[s], PHASES[p], float(block[s, p]))
            for s, p in zip(*np.nonzero(block > threshold), strict=True)
        ]
        return sorted(found, key=lambda line: -line[2])


class _Tables:
    """Assumptions turned into arrays: base effort per domain, adjustments per attribute value."""

    def __init__(self, assumptions: Assumptions) -> None:
        self.base = {domain: np.zeros(_SHAPE) for domain in DOMAINS}
        for domain, by_phase in assumptions.effort.items():
            for phase, by_role in by_phase.items():
                for role, fte in by_role.items():
                    self.base[domain][_PHASE_INDEX[phase], _ROLE_INDEX[role]] = fte
        self.add: dict[tuple[str, str, str], np.ndarray] = {}
        self.mul: dict[tuple[str, str, str], np.ndarray] = {}
        for adj in assumptions.adjustments:
            phases = [i for p, i in _PHASE_INDEX.items() if adj.phase in ("*", p)]
            roles = [i for r, i in _ROLE_INDEX.items() if adj.role in ("*", r)]
            domains = DOMAINS if adj.domain == "*" else (adj.domain,)
            for domain in domains:
                key = (adj.attribute, adj.value, domain)
                add = self.add.setdefault(key, np.zeros(_SHAPE))
                mul = self.mul.setdefault(key, np.ones(_SHAPE))
                add[np.ix_(phases, roles)] += adj.add_fte
                mul[np.ix_(phases, roles)] *= adj.multiplier
        self.run = np.array([assumptions.run_share.get(p, 1.0) for p in PHASES])[:, None]
        curves = assumptions.shared_work
        self.platform = np.zeros(_SHAPE)
        for phase, curve in curves.items():
            self.platform[_PHASE_INDEX[phase], :] = curve.share
        self.platform[:, _ANNOTATOR] = 0.0
        self.exponents = np.array([curves[p].exponent if p in curves else 1.0 for p in PHASES])
        self._unit: dict[Profile, np.ndarray] = {}

    def parts(self, project: Project) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """One project's base effort, its adjustments' added FTE and the product of their
        multipliers, phase x role: its effort is ``(base + add) x mul`` (the run share
        applied to a live project)."""
        add = np.zeros(_SHAPE)
        mul = np.ones(_SHAPE)
        for attribute in ADJUSTABLE_ATTRIBUTES:
            key = (attribute, getattr(project, attribute), project.domain)
            if key in self.add:
                add += self.add[key]
                mul *= self.mul[key]
        return self.base[project.domain], add, mul

    def unit(self, project: Project) -> np.ndarray:
        """FTE of one project of this profile (``count`` 1), phase x role."""
        profile: Profile = (
            project.domain,
            project.scale,
            project.stage,
            project.data_readiness,
            project.annotation,
            project.deployment,
            project.lifecycle,
        )
        cached = self._unit.get(profile)
        if cached is None:
            base, add, mul = self.parts(project)
            cached = (base + add) * mul
            if project.lifecycle == "run":
                cached = cached * self.run
            self._unit[profile] = cached
        return cached


_TABLES: OrderedDict[int, tuple[Assumptions, _Tables]] = OrderedDict()


def _tables(assumptions: Assumptions) -> _Tables:
    """Arrays for an assumption set, kept for the few most recent sets (they are immutable)."""
    key = id(assumptions)
    entry = _TABLES.get(key)
    if entry is None or entry[0] is not assumptions:
        entry = (assumptions, _Tables(assumptions))
        _TABLES[key] = entry
        while len(_TABLES) > 8:
            _TABLES.popitem(last=False)
    _TABLES.move_to_end(key)
    return entry[1]


@dataclass(frozen=True)
class EffortParts:
    """A scenario's demand taken apart, for recomputing it under changed assumption groups
    (:mod:`mlplanner.ranges`): per project ``base``, ``add`` and ``mul`` (``[s, p, r]``, see
    :meth:`_Tables.parts`), the project's ``live`` flag and ``count``, whether its annotation
    is ``outsourced``; the ``run_share`` per phase, the shared ``platform_share`` per phase x
    role (annotators none) and the curves' ``exponents``; the ``baseline`` analyst FTE."""

    base: np.ndarray
    add: np.ndarray
    mul: np.ndarray
    live: np.ndarray
    counts: np.ndarray
    outsourced: np.ndarray
    run_share: np.ndarray
    platform_share: np.ndarray
    exponents: np.ndarray
    baseline: float


def effort_parts(scenario: Scenario, assumptions: Assumptions) -> EffortParts:
    """The parts :func:`compute_demand` combines, for the scenario's projects."""
    tables = _tables(assumptions)
    projects = scenario.as_built
    parts = [tables.parts(project) for project in projects]
    n = len(projects)
    stacked = [np.array([p[i] for p in parts]).reshape((n, *_SHAPE)) for i in range(3)]
    return EffortParts(
        base=stacked[0],
        add=stacked[1],
        mul=stacked[2],
        live=np.array([project.lifecycle == "run" for project in projects], dtype=bool),
        counts=_counts(projects),
        outsourced=np.array(
            [project.annotation == "outsourced" for project in projects], dtype=bool
        ),
        run_share=tables.run[:, 0],
        platform_share=tables.platform,
        exponents=tables.exponents,
        baseline=baseline_analysts(scenario.company.employees, assumptions),
    )


def _counts(projects: list[Project]) -> np.ndarray:
    """How many projects each row stands for: its ``count`` times the share of its work
    planned (``work_percent``), none while it is on hold (its row stays, with no work)."""
    return np.array(
        [0.0 if p.on_hold else p.count * p.work_percent / 100 for p in projects], dtype=float
    )


def baseline_analysts(employees: int, assumptions: Assumptions) -> float:
    """Analytics baseline FTE for a company of this size."""
    fte = employees / assumptions.baseline_employees_per_analyst
    return min(fte, assumptions.baseline_max_analysts)


def compute_demand(scenario: Scenario, assumptions: Assumptions) -> Demand:
    """Demand of every project, the company baseline and the shared platform work."""
    tables = _tables(assumptions)
    projects = scenario.as_built
    n = len(projects)
    units = np.array([tables.unit(project) for project in projects]).reshape((n, *_SHAPE))
    counts = _counts(projects)
    platform = units * tables.platform
    fte = np.zeros((n + 1 + len(PHASES), *_SHAPE))
    fte[:n] = (units - platform) * counts[:, None, None]
    fte[n, _PHASE_INDEX["measurement"], _ROLE_INDEX["data_analyst"]] = baseline_analysts(
        scenario.company.employees, assumptions
    )
    shared = shared_fte(platform, counts, tables.exponents)
    for p in range(len(PHASES)):
        fte[n + 1 + p, p] = shared[p]
    vendor = np.zeros(len(fte))
    for s, project in enumerate(projects):
        if project.annotation == "outsourced":
            vendor[s] = fte[s, :, _ANNOTATOR].sum()
            fte[s, :, _ANNOTATOR] = 0.0
    sources = (*(p.name for p in projects), BASELINE_SOURCE, *SHARED_SOURCES.values())
    kinds = (*(p.lifecycle for p in projects), "baseline", *("shared" for _ in PHASES))
    others = 1 + len(PHASES)
    return Demand(
        sources=sources,
        fte=fte,
        vendor_fte=vendor,
        kinds=kinds,
        stages=(*(p.stage for p in projects), *("" for _ in range(others))),
        priorities=(*(p.priority for p in projects), *(DEFAULT_PRIORITY for _ in range(others))),
        depth_work=(*(depth_work(p) for p in projects), *("" for _ in range(others))),
    )
