"""Trade-offs page (AppTest): the budget slider picks the plan; adopting one changes Plan."""

from __future__ import annotations

from mlplanner.frontier import affordable, frontier
from mlplanner.paths import EXAMPLES_DIR
from mlplanner.plan import format_usd
from mlplanner.scenario import load_scenario, parse_scenario
from mlplanner.tradeoffs import budget_steps
from mlplanner.ui.state import OVERRIDE
from tests.app.apptest import PLAN_PAGE, chart_titles, go_to, metric, open_app, run

TRADEOFFS_PAGE = "pages/tradeoffs.py"
FASHION = load_scenario(EXAMPLES_DIR / "fashion_retailer.json")
POINTS = frontier(FASHION)


def test_the_page_opens_on_the_best_plan_under_the_scenario_budget() -> None:
    at = go_to(open_app(FASHION), TRADEOFFS_PAGE)
    best = affordable(POINTS, 2_500_000)
    assert best is not None
    assert at.select_slider[0].value == 2_500_000
    assert metric(at, "Cost a year") == format_usd(best.annual_cost_usd)
    assert metric(at, "Quality") == f"{best.quality:.1f} / 100"
    assert chart_titles(at) == ["Quality flattens past $1.48M"]
    assert [b.label for b in at.get("download_button")] == ["Download the frontier as CSV"]


def test_the_slider_changes_the_chosen_plan() -> None:
    at = go_to(open_app(FASHION), TRADEOFFS_PAGE)
    steps = budget_steps(POINTS, 2_500_000)
    for budget in (steps[0], steps[len(steps) // 3], steps[-1]):
        at.select_slider[0].set_value(budget)
        run(at)
        chosen = affordable(POINTS, budget)
        assert chosen is not None
        assert metric(at, "Cost a year") == format_usd(chosen.annual_cost_usd)
        assert metric(at, "People") == str(chosen.headcount)
    cheapest = affordable(POINTS, steps[0])
    assert cheapest is not None and cheapest.annual_cost_usd == POINTS[0].annual_cost_usd


def test_adopting_a_plan_changes_the_plan_page() -> None:
    at = go_to(open_app(FASHION), TRADEOFFS_PAGE)
    budget = 1_300_000
    at.select_slider[0].set_value(budget)
    run(at)
    chosen = affordable(POINTS, budget)
    assert chosen is not None
    at.button(key="mlp.tradeoffs.adopt_budget").click()
    run(at)
    assert at.session_state[OVERRIDE]["allocation"] == chosen.allocation
    go_to(at, PLAN_PAGE)
    assert metric(at, "Annual cost") == format_usd(chosen.annual_cost_usd)
    assert metric(at, "People") == str(chosen.headcount)
    assert any("Showing an adopted allocation" in m.value for m in at.markdown)


def test_adopting_a_named_plan_and_any_frontier_point() -> None:
    at = go_to(open_app(FASHION), TRADEOFFS_PAGE)
    at.button(key="mlp.tradeoffs.adopt_lean").click()
    run(at)
    label = at.session_state[OVERRIDE]["label"]
    assert label == "lean plan (Trade-offs page)"
    at.selectbox(key=at.selectbox[0].key).set_value(2)
    run(at)
    at.button(key="mlp.tradeoffs.adopt_point").click()
    run(at)
    assert at.session_state[OVERRIDE]["allocation"] == POINTS[2].allocation


def test_a_team_too_large_for_the_search_says_so() -> None:
    project = {"name": "Huge", "domain": "recommender", "scale": "large", "count": 40}
    huge = parse_scenario({"name": "huge", "company": {"employees": 9000}, "projects": [project]})
    at = go_to(open_app(huge), TRADEOFFS_PAGE)
    assert "more than the exact cost/quality search handles" in at.warning[0].value
