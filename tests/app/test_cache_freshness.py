"""Cached figures follow every edit (AppTest): after the scenario or the assumptions change in
the same session, each page shows what the new ones give, never a cached answer for the old.

The caches are keyed by the scenario's and the assumptions' JSON text (the frontier, the
Trade-offs chart, the Plan page's charts and tornado); each test opens a page, changes one of
them as the Scenario or Assumptions page would, and opens the page again.
"""

from __future__ import annotations

import io
from typing import Any

import pandas as pd
import pyarrow as pa

from mlplanner.examples import example_scenarios
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import recommend
from mlplanner.model.scenario import Scenario
from mlplanner.model.wording import format_usd
from mlplanner.ranges.sensitivity import sensitivity
from mlplanner.reports.headlines import largest_role_headline
from mlplanner.reports.raise_quality import raise_quality
from mlplanner.reports.tradeoffs import budget_steps, headline
from mlplanner.search.frontier import affordable, frontier
from mlplanner.ui.chart_cache import PEOPLE_CHART_KEY
from mlplanner.ui.ranges_views import TORNADO_KEY
from mlplanner.ui.state import IN_FORCE, SCENARIO, InForce
from mlplanner.ui.tradeoff_chart import BUDGET_DATA, CHOSEN_DATA
from tests.app.apptest import (
    PLAN_PAGE,
    SCENARIO_PAGE,
    TRADEOFFS_PAGE,
    chart_specs,
    chart_titles,
    go_to,
    metric,
    open_app,
    open_expanders,
    run,
    subtitle,
    texts,
)
from tests.support.builders import assumptions_with

FASHION = example_scenarios()["fashion_retailer.json"]
DEARER = assumptions_with(loaded_cost_multiplier=1.6)
BUDGET = 2_500_000  # the fashion retailer's


def with_employees(scenario: Scenario, employees: int) -> Scenario:
    company = scenario.company.model_copy(update={"employees": employees})
    return scenario.model_copy(update={"company": company})


def edit_scenario(at: Any, scenario: Scenario, page: str) -> Any:
    """Make ``scenario`` the one in force (as a valid edit on the Scenario page does) and open
    ``page`` again."""
    go_to(at, SCENARIO_PAGE)
    at.session_state[SCENARIO] = scenario
    return go_to(at, page)


def edit_assumptions(at: Any, assumptions: Assumptions, page: str) -> Any:
    go_to(at, SCENARIO_PAGE)
    at.session_state[IN_FORCE] = InForce(assumptions, "Dearer")
    return go_to(at, page)


def chart_dataset(at: Any, name: str) -> pd.DataFrame:
    """A named dataset of the page's first chart, as the browser receives it (Arrow)."""
    chart = at.get("vega_lite_chart")[0]
    [data] = [d.data.data for d in chart.proto.datasets if d.name == name]
    return pa.ipc.open_stream(io.BytesIO(data)).read_pandas()


def tradeoffs_shown(at: Any) -> tuple[str, str]:
    return chart_titles(at)[0], metric(at, "Cost a year")


def tradeoffs_expected(scenario: Scenario, assumptions: Assumptions) -> tuple[str, str]:
    points = frontier(scenario, assumptions=assumptions)
    chosen = affordable(points, BUDGET)
    assert chosen is not None
    return headline(points)[0], format_usd(chosen.annual_cost_usd)


def test_tradeoffs_follow_an_assumption_edit() -> None:
    at = go_to(open_app(FASHION), TRADEOFFS_PAGE)
    assert tradeoffs_shown(at) == tradeoffs_expected(FASHION, Assumptions.defaults())
    edit_assumptions(at, DEARER, TRADEOFFS_PAGE)
    assert tradeoffs_shown(at) == tradeoffs_expected(FASHION, DEARER)
    assert tradeoffs_expected(FASHION, DEARER) != tradeoffs_expected(
        FASHION, Assumptions.defaults()
    )


def test_tradeoffs_follow_a_scenario_edit() -> None:
    bigger = with_employees(FASHION, 40_000)  # a larger analytics baseline
    at = go_to(open_app(FASHION), TRADEOFFS_PAGE)
    edit_scenario(at, bigger, TRADEOFFS_PAGE)
    assert tradeoffs_shown(at) == tradeoffs_expected(bigger, Assumptions.defaults())
    assert tradeoffs_expected(bigger, Assumptions.defaults()) != tradeoffs_expected(
        FASHION, Assumptions.defaults()
    )


def test_the_budget_marker_follows_the_slider_and_the_assumptions() -> None:
    at = go_to(open_app(FASHION), TRADEOFFS_PAGE)
    points = frontier(FASHION)
    # The slider starts at the budget, even past the dearest frontier plan.
    assert chart_dataset(at, BUDGET_DATA)["cost"].tolist() == [BUDGET / 1e6]
    lowest = budget_steps(points, BUDGET)[0]
    at.select_slider[0].set_value(lowest)
    run(at)
    assert chart_dataset(at, BUDGET_DATA)["cost"].tolist() == [lowest / 1e6]
    cheapest = format_usd(points[0].annual_cost_usd)
    assert chart_dataset(at, CHOSEN_DATA)["cost_label"].tolist() == [cheapest]
    edit_assumptions(at, DEARER, TRADEOFFS_PAGE)
    chosen = affordable(frontier(FASHION, assumptions=DEARER), BUDGET)
    assert chosen is not None
    assert chart_dataset(at, CHOSEN_DATA)["cost_label"].tolist() == [
        format_usd(chosen.annual_cost_usd)
    ]


RAISE = "**What would raise quality most**, each person added to those above"


def plan_shown(at: Any) -> tuple[str, str, str, str]:
    # The people chart and the tornado are drawn only while open.
    at = open_expanders(at, PEOPLE_CHART_KEY, TORNADO_KEY)
    headcount, *_ = chart_specs(at)
    [tornado] = [t for t in chart_titles(at) if t.endswith("what moves it")]
    [raise_quality_text] = [t for t in texts(at.markdown) if t.startswith(RAISE)]
    return metric(at, "Annual cost"), subtitle(headcount), tornado, raise_quality_text


def plan_expected(scenario: Scenario, assumptions: Assumptions) -> tuple[str, str, str, str]:
    plan = recommend(scenario, assumptions=assumptions)
    cost = sensitivity(scenario, assumptions).cost_usd
    suggestions = "\n".join(f"- {s.sentence()}" for s in raise_quality(plan))
    return (
        format_usd(plan.annual_cost_usd),
        largest_role_headline(plan),
        f"Yearly cost ${cost / 1e6:.2f}M: what moves it",
        f"{RAISE}\n\n{suggestions}",
    )


def test_plan_page_charts_follow_scenario_and_assumption_edits() -> None:
    bigger = with_employees(FASHION, 40_000)
    stages = [
        (FASHION, Assumptions.defaults()),
        (bigger, Assumptions.defaults()),
        (bigger, DEARER),
    ]
    expected = [plan_expected(scenario, assumptions) for scenario, assumptions in stages]
    # Each edit changes the headline cost and the tornado's; the scenario's, the largest role.
    assert expected[0][1] != expected[1][1]
    assert all(len({e[i] for e in expected}) == 3 for i in (0, 2))
    assert expected[1][3] != expected[2][3]  # what another person costs (cached per plan)
    at = go_to(open_app(FASHION), PLAN_PAGE)
    assert plan_shown(at) == expected[0]
    edit_scenario(at, bigger, PLAN_PAGE)
    assert plan_shown(at) == expected[1]
    edit_assumptions(at, DEARER, PLAN_PAGE)
    assert plan_shown(at) == expected[2]
