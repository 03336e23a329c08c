"""The next pages' data, worked out in the background once the scenario or the assumptions
change, so opening the Plan, Timeline, Trade-offs, Compare or Role guide page right after an
edit finds it ready.

A run that leaves a scenario (or assumptions, or an adopted allocation) this session has not
prefetched for hands a job to one background worker shared by every session. The job fills
the same caches the pages read: first the Plan page's slowest parts (whether another setup's
plan is the better buy, which recommends the other two setups, the ranges' 1,000 draws,
the tornado's rows, the budget advice, "what would raise quality most"), then the Timeline
page's four charts (its bands are drawn on demand), then the Trade-offs page's frontier, chart
and table, then the Compare page's plan and ranges for each setup, then the Role guide's
responsibility chart. Before each part it checks that the session has not
moved on to another scenario since: a part already under way finishes, the rest of a stale job
is dropped. A page opened while its part is being worked out waits for it (Streamlit computes
one cached value once, whoever asks) instead of starting it again. A job takes about 0.14 s of
processor time on the fashion example, 0.17 s on the enterprise one and 0.21 s on 40 projects
(the enterprise example's, repeated); the responsibility chart is some 35 ms of each, the
Timeline page's charts some 30 ms.

Portfolios of more than :data:`MOST_PROJECTS` projects are not prefetched: their parts take
seconds of CPU that every edit would spend again, and the edits themselves would wait for
the worker's share of the processor; their pages compute on opening, with a spinner. Setting
the environment variable ``MLPLANNER_PREFETCH`` to ``off`` turns prefetching off altogether
(a server short of processor time; the app's own AppTests, which count computations).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Final

from streamlit.runtime.scriptrunner_utils.script_run_context import in_cached_function

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import Evaluation, Plan
from mlplanner.model.scenario import SETUPS, Scenario
from mlplanner.reports.comparison import better_setup
from mlplanner.ui import chart_cache
from mlplanner.ui.budget_views import budget_advice
from mlplanner.ui.plan_views import raise_quality_of
from mlplanner.ui.ranges_data import ranges_of, sensitivity_of
from mlplanner.ui.state import Slot
from mlplanner.ui.timeline_specs import timeline_specs
from mlplanner.ui.timeline_views import timeline_of
from mlplanner.ui.tradeoff_data import chart_spec, frontier_files, frontier_points

PREFETCH_ENV: Final = "MLPLANNER_PREFETCH"
MOST_PROJECTS: Final = 40
# The worker waits this long before starting, so the run that scheduled it sends its last
# messages to the browser without sharing the interpreter with the worker.
START_DELAY_S: Final = 0.05

_WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mlp-prefetch")


Key = tuple[str, str, str]  # the scenario's, the assumptions' and the current allocation's JSON


@dataclass
class _Latest:
    """What this session last asked to prefetch (the worker reads it to spot a stale job)."""

    key: Key


_LATEST: Slot[_Latest] = Slot("mlp.prefetch")


def prefetch(scenario: Scenario, assumptions: Assumptions, plan: Evaluation) -> Future[None] | None:
    """Schedule the job for the session's ``scenario``, ``assumptions`` and current ``plan``
    (the recommendation or an adopted allocation) unless it was scheduled already; the job's
    future, or ``None`` when nothing was scheduled."""
    if os.environ.get(PREFETCH_ENV, "").strip().lower() == "off":
        return None
    key = job_key(scenario, assumptions, plan)
    latest = _LATEST.get()
    if latest is not None and latest.key == key:
        return None
    if latest is None:
        latest = _Latest(key)
        _LATEST.set(latest)
    latest.key = key
    if len(scenario.projects) > MOST_PROJECTS:
        return None
    return _WORKER.submit(_run, job(scenario, assumptions, plan, key), latest, key)


def job_key(scenario: Scenario, assumptions: Assumptions, plan: Evaluation) -> Key:
    """What a job is for: the JSON text the pages' caches are keyed by."""
    allocation = json.dumps(plan.allocation, sort_keys=True)  # as the Trade-offs page keys it
    return scenario.to_json(), assumptions.model_dump_json(), allocation


def job(
    scenario: Scenario, assumptions: Assumptions, plan: Evaluation, key: Key
) -> list[Callable[[], object]]:
    """The parts to prefetch, in the order the pages are most likely to be opened."""
    scenario_json, assumptions_json, current_json = key
    parts: list[Callable[[], object]] = []
    if isinstance(plan, Plan):  # whether another setup is the better buy: two plans more
        parts.append(partial(better_setup, plan))
    parts.append(lambda: budget_advice(scenario_json, assumptions_json))
    if scenario.planned:
        parts += [
            lambda: ranges_of(scenario, assumptions),
            lambda: sensitivity_of(scenario, assumptions),
        ]
    if plan.scored:
        parts.append(lambda: raise_quality_of(plan))
    parts.append(lambda: timeline_specs(scenario, assumptions, timeline_of(scenario, assumptions)))
    parts += [
        lambda: frontier_points(scenario_json, assumptions_json),
        lambda: chart_spec(scenario_json, assumptions_json, current_json),
        lambda: frontier_files(scenario_json, assumptions_json),
    ]
    if scenario.planned:  # the Compare page: each setup's plan and ranges
        parts += [partial(ranges_of, scenario, assumptions, setup) for setup in SETUPS]
    parts.append(partial(chart_cache.chart_spec, "responsibility", plan))  # the Role guide's
    return parts


def _run(parts: list[Callable[[], object]], latest: _Latest, key: Key) -> None:
    # Streamlit shows a cached function's spinner unless it is called from another cached
    # function; the worker has no page to show one in (it would log a missing-context warning
    # per part), so it raises the flag Streamlit raises for such nested calls.
    in_cached_function.set(True)
    time.sleep(START_DELAY_S)
    for part in parts:
        if latest.key != key:  # the session has moved on: the rest would be thrown away
            return
        part()
