"""The Trade-offs page in a real browser: drag the budget through its range, adopt a plan;
a large team's page says it is searched in steps of people."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.scenario import load_scenario
from mlplanner.model.wording import format_usd
from mlplanner.paths import EXAMPLES_DIR
from mlplanner.reports.tradeoffs import budget_steps, headline, scenario_step_note
from mlplanner.search.frontier import affordable, frontier
from tests.browser.test_plan_flow import whole_page_screenshot
from tests.support.browser import (
    TIMEOUT_MS,
    app_run,
    drawn_title,
    open_app,
    upload_scenario_file,
    wait_until_idle,
)
from tests.support.builders import large_team_data

FASHION = load_scenario(EXAMPLES_DIR / "fashion_retailer.json")


def cost_value(page: Page) -> Locator:
    metric = page.get_by_test_id("stMetric").filter(has_text="Cost a year")
    return metric.get_by_test_id("stMetricValue")


def cost_metric(page: Page) -> str:
    return cost_value(page).inner_text()


def settled_budget(page: Page, slider: Locator, steps: list[int]) -> int:
    """The budget the slider ends at, once the page's last run has used it. The slider's
    position moves at once on a key; its value reaches the server a little later (and a run
    under way then runs again), so the heading naming the budget is the sign it arrived."""
    for _ in range(3):
        budget = steps[int(slider.input_value())]
        heading = page.get_by_text(f"The best plan for {format_usd(budget)} a year")
        expect(heading).to_be_visible(timeout=TIMEOUT_MS)
        wait_until_idle(page)
        if steps[int(slider.input_value())] == budget:
            return budget
    raise AssertionError("the budget slider kept moving after the keys stopped")


@pytest.mark.browser
def test_drag_the_budget_and_adopt_a_plan(app_server: str, page: Page) -> None:
    points = frontier(FASHION)
    steps = budget_steps(points, FASHION.company.annual_budget_usd)
    open_app(page, app_server)
    with app_run(page):
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Trade-offs").click()
    expect(page.get_by_role("heading", name="Trade-offs", exact=True)).to_be_visible()
    chart = page.get_by_test_id("stVegaLiteChart").first
    expect(chart).to_contain_text(drawn_title(headline(points)[0]), timeout=TIMEOUT_MS)
    whole_page_screenshot(page, "tradeoffs-start")

    slider = page.get_by_role("slider").first
    slider.focus()
    slider.press("End")
    # Reruns may start late on a loaded machine: expect() retries until the page shows it.
    expect(cost_value(page)).to_have_text(format_usd(points[-1].annual_cost_usd))
    slider.press("Home")
    expect(page.get_by_text(f"The best plan for {format_usd(steps[0])} a year")).to_be_visible()
    expect(cost_value(page)).to_have_text(format_usd(points[0].annual_cost_usd))
    wait_until_idle(page)

    seen = {cost_metric(page)}
    # The cheapest plan is what about the first sixth of the budgets buys: strides of a
    # quarter of the range leave it and then the next plan behind.
    stride = len(steps) // 4
    for _ in range(2):  # drag up through half the range with the arrow keys
        before = cost_metric(page)
        for _ in range(stride):
            slider.press("ArrowRight")
        # The keys cause a run or two (the budgets on the way may still buy the same plan), so
        # the new plan can take two runs to show.
        expect(cost_value(page)).not_to_have_text(before, timeout=TIMEOUT_MS)
        wait_until_idle(page)
        seen.add(cost_metric(page))
    assert len(seen) == 3, seen  # each stretch of the drag chose another plan
    # Arrow keys move one budget step each, but a key may land while a rerun is under way, so
    # the exact step is not asserted: the page settles on the budget the slider ends at, and
    # shows the frontier plan that budget buys, with its quality.
    budget = settled_budget(page, slider, steps)
    chosen = affordable(points, budget)
    assert chosen is not None
    expect(cost_value(page)).to_have_text(format_usd(chosen.annual_cost_usd))
    quality = page.get_by_test_id("stMetric").filter(has_text="Quality")
    expect(quality).to_contain_text(f"{chosen.quality:.1f} / 100")
    whole_page_screenshot(page, "tradeoffs-chosen")

    with app_run(page):
        page.get_by_role("button", name="Adopt this plan").click()
    expect(page.get_by_test_id("stSidebar")).to_contain_text("Adopted allocation")
    with app_run(page):
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Plan", exact=True).click()
    expect(page.get_by_text("Showing an adopted allocation")).to_be_visible()
    cost = page.get_by_test_id("stMetric").filter(has_text="Annual cost")
    expect(cost).to_contain_text(format_usd(chosen.annual_cost_usd))
    whole_page_screenshot(page, "tradeoffs-adopted-plan")


@pytest.mark.browser
def test_a_large_team_says_its_search_step(app_server: str, page: Page, tmp_path: Path) -> None:
    path = tmp_path / "large-team.json"
    path.write_text(json.dumps(large_team_data()))
    large = load_scenario(path)
    points = frontier(large)
    note = scenario_step_note(large, Assumptions.defaults())
    assert note is not None
    open_app(page, app_server)
    upload_scenario_file(page, path)
    expect(page.get_by_role("textbox", name="Scenario name")).to_have_value(large.name)

    with app_run(page):
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Trade-offs").click()
    expect(page.get_by_test_id("stAlertContentInfo")).to_have_text(note)
    chart = page.get_by_test_id("stVegaLiteChart").first
    expect(chart).to_contain_text(drawn_title(headline(points)[0]), timeout=TIMEOUT_MS)
    slider = page.get_by_role("slider").first
    slider.focus()
    slider.press("End")
    expect(cost_value(page)).to_have_text(format_usd(points[-1].annual_cost_usd))
    wait_until_idle(page)
    whole_page_screenshot(page, "tradeoffs-large-team")
