"""Budget advice in a real browser: the enterprise example with a budget below its recommended
plan's cost shows what the budget buys by whole projects on the Plan page (the projects it
leaves unstaffed, and its quality with its people on the work it staffs); adopting it puts
those projects on hold and updates the page and the sidebar."""

import pytest
from playwright.sync_api import Page, expect

from mlplanner.examples import example_scenarios
from mlplanner.model.wording import format_usd
from mlplanner.search.budget_plan import fund_projects
from tests.browser.test_plan_flow import ENTERPRISE, number_field
from tests.support.browser import app_run, open_app, whole_page_screenshot

BUDGET = 4_200_000


@pytest.mark.browser
def test_a_budget_below_the_plan_shows_whole_projects_and_adopting_uses_them(
    app_server: str, page: Page
) -> None:
    enterprise = example_scenarios()["enterprise_portfolio.json"]
    advice = fund_projects(
        enterprise.model_copy(
            update={"company": enterprise.company.model_copy(update={"annual_budget_usd": BUDGET})}
        ),
        BUDGET,
    )
    assert advice.plan is not None and advice.unstaffed
    open_app(page, app_server)
    page.get_by_test_id("stSelectbox").filter(has_text="Example scenario").click()
    with app_run(page):
        page.get_by_role("option", name=ENTERPRISE).click()
    with app_run(page):
        page.get_by_role("button", name="Load preset").click()
    number_field(page, "Annual budget").fill(str(BUDGET))
    with app_run(page):
        number_field(page, "Annual budget").press("Enter")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar).to_contain_text("$4.20M budget")

    with app_run(page):
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Plan", exact=True).click()
    section = page.get_by_role("heading", name="Within your budget of $4.20M")
    expect(section).to_be_visible()
    left_out = page.get_by_test_id("stMarkdown").filter(has_text="Left unstaffed:")
    expect(left_out).to_contain_text(advice.unstaffed[0])
    described = page.get_by_test_id("stMarkdown").filter(has_text="once adopted")
    expect(described).to_contain_text(f"quality {advice.quality:.1f} with its people on the work")
    adopt = page.get_by_role("button", name="Adopt this plan")
    expect(adopt).to_be_visible()
    whole_page_screenshot(page, "plan-budget-advice")

    with app_run(page):
        adopt.click()
    # the projects it leaves unstaffed are on hold (their labelling not bought) and the one in
    # part is planned for its share; its team is then the recommended plan of that scenario
    expect(page.get_by_text("it is now the recommended plan")).to_be_visible()
    held = page.get_by_test_id("stAlert").filter(has_text="On hold, so not planned")
    expect(held).to_contain_text(advice.unstaffed[0])
    expect(sidebar).to_contain_text(f"({len(advice.unstaffed)} on hold)")
    cost = page.get_by_test_id("stMetric").filter(has_text="Annual cost")
    expect(cost).to_contain_text(format_usd(advice.plan.annual_cost_usd))
    expect(sidebar).not_to_contain_text("Adopted allocation")
    expect(sidebar).to_contain_text(f"{format_usd(advice.plan.annual_cost_usd)} of $4.20M budget")
    whole_page_screenshot(page, "plan-budget-advice-adopted")
