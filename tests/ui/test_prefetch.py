"""Prefetching (mlplanner/ui/prefetch.py): once the scenario changes, the Plan, Timeline,
Trade-offs, Compare and Role guide pages' slowest parts are worked out in the background, into
the caches the pages read."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from mlplanner.examples import example_scenarios
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import recommend
from mlplanner.model.scenario import Project, Scenario
from mlplanner.reports.comparison import better_setup
from mlplanner.ui import (
    budget_views,
    chart_cache,
    plan_views,
    prefetch,
    ranges_data,
    timeline_specs,
    timeline_views,
    tradeoff_data,
)
from mlplanner.ui.timeline_views import FLOW_CHARTS_KEY
from tests.app.apptest import (
    COMPARE_PAGE,
    PLAN_PAGE,
    ROLE_GUIDE_PAGE,
    TIMELINE_PAGE,
    TRADEOFFS_PAGE,
    go_to,
    open_app,
    open_expanders,
    texts,
)

FASHION = example_scenarios()["fashion_retailer.json"]
TIMEOUT_S = 60
# What each prefetched part computes on a cache miss (module, name).
COMPUTATIONS = (
    (budget_views, "fund_projects"),
    (ranges_data, "scenario_draws"),
    (ranges_data, "plan_ranges"),
    (ranges_data, "sensitivity"),
    (plan_views, "raise_quality"),
    (timeline_specs, "headcount_chart"),
    (timeline_views, "simulate"),
    (tradeoff_data, "frontier"),
    (tradeoff_data, "tradeoff_chart"),
    (tradeoff_data, "frontier_display"),
    (chart_cache, "responsibility_chart"),
)


def _edited(employees: int) -> Scenario:
    """The fashion example with its own head count (a scenario no other test caches) and a
    budget below the recommended plan's cost (so the budget advice is computed)."""
    company = FASHION.company.model_copy(update={"employees": employees})
    cost = recommend(FASHION.model_copy(update={"company": company})).annual_cost_usd
    company = company.model_copy(update={"annual_budget_usd": cost * 0.6})
    return FASHION.model_copy(update={"company": company})


def _forbid_computing(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, every prefetched part can only be answered from its cache."""

    def computed(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("worked out again instead of read from the cache")

    for module, name in COMPUTATIONS:
        monkeypatch.setattr(module, name, computed)


def _wait_for_the_worker() -> None:
    prefetch._WORKER.submit(lambda: None).result(timeout=TIMEOUT_S)


def test_the_job_fills_every_cache_the_plan_and_trade_offs_pages_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scenario, assumptions = _edited(1_311), Assumptions.defaults()
    plan = recommend(scenario, assumptions=assumptions)
    key = prefetch.job_key(scenario, assumptions, plan)
    parts = prefetch.job(scenario, assumptions, plan, key)
    # the Plan page's "better buy" sentence recommends the other setups: the job does first
    first = parts[0]
    assert isinstance(first, partial) and first.func is better_setup and first.args == (plan,)
    for part in parts:
        part()
    _forbid_computing(monkeypatch)
    for part in parts:
        part()


def test_after_an_edit_the_pages_open_on_what_was_prefetched(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(prefetch.PREFETCH_ENV, "on")
    scenario = _edited(1_312)
    at = open_app(scenario)  # the run that ends with the edit prefetches for it
    _wait_for_the_worker()
    _forbid_computing(monkeypatch)
    at = go_to(at, PLAN_PAGE)
    assert any(text.startswith("**How firm:**") for text in texts(at.markdown))
    assert any("budget" in s.value for s in at.subheader), [s.value for s in at.subheader]
    at = go_to(at, TIMELINE_PAGE)
    at = open_expanders(at, FLOW_CHARTS_KEY)
    assert len(at.get("vega_lite_chart")) == 4, "the Timeline page draws its four charts"
    go_to(at, TRADEOFFS_PAGE)
    go_to(at, COMPARE_PAGE)
    at = go_to(at, ROLE_GUIDE_PAGE)
    assert at.get("vega_lite_chart"), "the Role guide draws its responsibility chart"


def test_a_stale_job_stops_before_its_next_part() -> None:
    done: list[str] = []
    latest = prefetch._Latest(("a", "b", "c"))

    def first() -> None:
        done.append("first")
        latest.key = ("a", "b", "d")  # the session moved on meanwhile

    parts: list[Callable[[], object]] = [first, lambda: done.append("second")]
    prefetch._run(parts, latest, ("a", "b", "c"))
    assert done == ["first"]


def _schedule_script() -> None:
    import streamlit as st

    from mlplanner.model.assumptions import Assumptions
    from mlplanner.model.plan import recommend
    from mlplanner.ui.prefetch import prefetch

    scenario = st.session_state["scenario"]
    assumptions = Assumptions.defaults()
    plan = recommend(scenario, assumptions=assumptions)
    st.session_state["scheduled"] = prefetch(scenario, assumptions, plan) is not None


def _scheduled(at: AppTest, scenario: Scenario) -> bool:
    at.session_state["scenario"] = scenario
    at.run()
    assert not at.exception
    scheduled: bool = at.session_state["scheduled"]
    return scheduled


def test_a_job_is_scheduled_once_per_change_and_not_for_large_portfolios(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(prefetch.PREFETCH_ENV, "on")
    at = AppTest.from_function(_schedule_script, default_timeout=TIMEOUT_S)
    assert _scheduled(at, _edited(1_313))
    assert not _scheduled(at, _edited(1_313))  # nothing changed since
    assert _scheduled(at, _edited(1_314))
    many = [Project(name=f"Project {i}", domain="nlp") for i in range(prefetch.MOST_PROJECTS + 1)]
    assert not _scheduled(at, _edited(1_315).model_copy(update={"projects": many}))
    monkeypatch.setenv(prefetch.PREFETCH_ENV, "off")
    assert not _scheduled(at, _edited(1_316))
    _wait_for_the_worker()
