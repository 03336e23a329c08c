"""The main flow in a real browser: load a preset, see its plan's table and chart."""

import pytest
from playwright.sync_api import Locator, Page, expect

from mlplanner.examples import example_scenarios
from mlplanner.model.plan import recommend
from mlplanner.reports.headlines import quality_headline
from mlplanner.ui.chart_cache import PEOPLE_CHART_LABEL, QUALITY_CHARTS_LABEL
from tests.support.browser import TIMEOUT_MS, app_run, drawn_title, open_app, whole_page_screenshot

ENTERPRISE = "Enterprise: a dozen mixed ML projects, six of them live"


@pytest.mark.browser
def test_load_enterprise_preset_and_see_its_plan(app_server: str, page: Page) -> None:
    open_app(page, app_server)
    expect(page.get_by_role("heading", name="Scenario")).to_be_visible()

    page.get_by_test_id("stSelectbox").filter(has_text="Example scenario").click()
    with app_run(page):
        page.get_by_role("option", name=ENTERPRISE).click()  # the box showed the fashion example
    with app_run(page):
        page.get_by_role("button", name="Load preset").click()
    expect(page.get_by_role("textbox", name="Scenario name")).to_have_value(ENTERPRISE)
    expect(page.get_by_test_id("stSidebar")).to_contain_text("13 projects")  # a row of count 2
    expect(page.get_by_test_id("stDataFrame")).to_have_count(1)
    whole_page_screenshot(page, "scenario-enterprise")

    with app_run(page):
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Plan", exact=True).click()
    expect(page.get_by_role("heading", name="Plan", exact=True)).to_be_visible()
    people = page.get_by_test_id("stMetric").filter(has_text="People")
    expect(people).to_contain_text("37")
    expect(page.get_by_role("heading", name="People by role")).to_be_visible()
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    charts = page.get_by_test_id("stVegaLiteChart")
    # Every chart is drawn only once its expander opens; the people chart's point is in words.
    expect(page.get_by_text("draws the most people: 6.4 of 37.")).to_be_visible()
    expect(charts).to_have_count(0)
    with app_run(page):
        page.get_by_text(PEOPLE_CHART_LABEL).click()
    expect(charts).to_have_count(1, timeout=TIMEOUT_MS)
    expect(charts.first.locator("canvas, svg").first).to_be_visible()
    expect(charts.first).to_contain_text(
        drawn_title("Shelf monitoring draws the most people: 6.4 of 37"), timeout=TIMEOUT_MS
    )
    quality = quality_headline(recommend(example_scenarios()["enterprise_portfolio.json"]))
    assert quality == "Quality 93 of 100, weakest: delivery at 93"
    expect(page.get_by_text(f"{quality}.")).to_be_visible()
    with app_run(page):
        page.get_by_text(QUALITY_CHARTS_LABEL).click()
    expect(charts).to_have_count(3, timeout=TIMEOUT_MS)
    expect(charts.nth(1)).to_contain_text("Quality 93 of 100", timeout=TIMEOUT_MS)
    page.get_by_text("How the model works").click()
    expect(page.get_by_text("rule of thumb, not a measurement")).to_be_visible()
    page.get_by_text("Data Scientist: 8 people").click()
    # (plain() puts a word joiner after "mature:", so the rule is matched from the figures on)
    expect(page.get_by_text("7.8 FTE becomes 8")).to_be_visible()
    expect(
        page.get_by_text("building 4.5 FTE, running live models 2.5 FTE, shared platform 0.8 FTE")
    ).to_be_visible()
    whole_page_screenshot(page, "plan-enterprise")


def number_field(page: Page, label: str) -> Locator:
    return page.get_by_test_id("stNumberInput").filter(has_text=label).locator("input")


@pytest.mark.browser
def test_company_edits_reach_the_sidebar_in_the_same_run(app_server: str, page: Page) -> None:
    open_app(page, app_server)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar).to_contain_text("$2.50M budget")

    number_field(page, "Employees").fill("20")
    with app_run(page):
        number_field(page, "Employees").press("Enter")
    expect(sidebar).to_contain_text("20 employees")
    expect(sidebar).to_contain_text("Setup: startup (auto)")

    number_field(page, "Annual budget").fill("")
    with app_run(page):
        number_field(page, "Annual budget").press("Enter")
    expect(page.get_by_text("No budget", exact=True)).to_be_visible()
    expect(sidebar).not_to_contain_text("budget")

    name = page.get_by_role("textbox", name="Scenario name")
    name.fill("")
    with app_run(page):
        name.press("Enter")
    problem = page.get_by_test_id("stAlertContentError")
    expect(problem).to_contain_text("Scenario name: must not be empty")
    expect(sidebar).to_contain_text("Fashion retailer: size recommendation")
    whole_page_screenshot(page, "scenario-invalid-name")
