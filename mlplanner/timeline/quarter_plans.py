"""The scenario as it stands in each quarter of the timeline, and the model's plan for it.

In a quarter, a project counts once it has started (``start``, default the plan start); a
project being built counts with its run effort (``lifecycle`` ``run``) once its ``live_from``
has come. Projects are listed in hiring priority: earlier start first, then scenario order.
The plan of each distinct quarter scenario is the model's :func:`recommend`, computed once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import Plan, recommend
from mlplanner.model.quarters import next_quarter, quarter_index
from mlplanner.model.scenario import Project, Scenario


@dataclass(frozen=True)
class Schedule:
    """When each project starts and goes live, as quarter indices, in priority order."""

    start: int
    projects: tuple[Project, ...]
    starts: tuple[int, ...]
    live: tuple[int | None, ...]


def plan_start(scenario: Scenario, today: date | None = None) -> str:
    """The scenario's plan start, or the quarter after ``today`` when it sets none."""
    return scenario.company.plan_start or next_quarter(today)


def schedule(scenario: Scenario, today: date | None = None) -> Schedule:
    """The projects in hiring priority with their start and go-live quarters."""
    start = quarter_index(plan_start(scenario, today))
    dated = [
        (
            quarter_index(p.start) if p.start else start,
            i,
            p,
            None if p.live_from is None else quarter_index(p.live_from),
        )
        for i, p in enumerate(scenario.projects)
    ]
    dated.sort(key=lambda item: (item[0], item[1]))
    return Schedule(
        start=start,
        projects=tuple(item[2] for item in dated),
        starts=tuple(item[0] for item in dated),
        live=tuple(item[3] for item in dated),
    )


@dataclass(frozen=True)
class QuarterPlan:
    """The model's plan for the scenario of one quarter, with each active project's demand
    per demand role (``project_fte[p, r]``, roles as ``plan.demand.by_role``); ``projects``
    are the active projects' positions in the schedule (priority order)."""

    plan: Plan
    projects: tuple[int, ...]
    project_fte: np.ndarray


class QuarterPlans:
    """Plans per quarter; quarters with the same projects in the same state share one."""

    def __init__(
        self,
        scenario: Scenario,
        sched: Schedule,
        setup: str | None,
        assumptions: Assumptions,
    ) -> None:
        self._scenario = scenario
        self._schedule = sched
        self._setup = setup
        self._assumptions = assumptions
        self._plans: dict[tuple[tuple[int, bool], ...], QuarterPlan] = {}

    def state(self, quarter: int) -> tuple[tuple[int, bool], ...]:
        """(position, live) of every project active in ``quarter`` (an absolute index)."""
        sched = self._schedule
        return tuple(
            (i, live is not None and live <= quarter)
            for i, (start, live) in enumerate(zip(sched.starts, sched.live, strict=True))
            if start <= quarter
        )

    def at(self, quarter: int) -> QuarterPlan:
        key = self.state(quarter)
        found = self._plans.get(key)
        if found is None:
            found = self._plan(key)
            self._plans[key] = found
        return found

    def _plan(self, key: tuple[tuple[int, bool], ...]) -> QuarterPlan:
        projects = [
            self._schedule.projects[i].model_copy(update={"lifecycle": "run", "live_from": None})
            if live
            else self._schedule.projects[i]
            for i, live in key
        ]
        scenario = self._scenario.model_copy(update={"projects": projects})
        plan = recommend(scenario, setup=self._setup, assumptions=self._assumptions)
        by_project = plan.demand.fte[: len(projects)].sum(axis=1)
        return QuarterPlan(plan, tuple(i for i, _ in key), by_project)
