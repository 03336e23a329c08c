"""Compare, Assumptions and Role guide in a real browser: three setups side by side for an
example, a salary edited in the data editor changing the plan, the responsibility heatmap."""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.support.browser import TIMEOUT_MS, app_run, open_app, screenshot

SEED = "Seed-stage startup: support-ticket triage prototype"
ENTERPRISE = "Enterprise: a dozen mixed ML projects"


def go_to(page: Page, title: str) -> None:
    with app_run(page):
        page.get_by_test_id("stSidebarNav").get_by_role("link", name=title).click()


def load_example(page: Page, name: str, shown: str) -> None:
    """Load an example; the sidebar then shows ``shown``, a part of its name (the sidebar
    shows names as plain text, with a word joiner after a colon)."""
    page.get_by_test_id("stSelectbox").filter(has_text="Example scenario").click()
    with app_run(page):
        page.get_by_role("option", name=name).click()
    with app_run(page):
        page.get_by_role("button", name="Load preset").click()
    expect(page.get_by_role("textbox", name="Scenario name")).to_have_value(name)


def metric(page: Page, label: str) -> Locator:
    return page.get_by_test_id("stMetric").filter(has_text=label)


@pytest.mark.browser
def test_compare_shows_three_setups_for_an_example(app_server: str, page: Page) -> None:
    open_app(page, app_server)
    load_example(page, SEED, shown="support-ticket triage prototype")
    go_to(page, "Compare")

    expect(page.get_by_role("heading", name="Compare setups")).to_be_visible()
    for setup in ("Startup (your setup)", "Scaleup", "Mature"):
        expect(page.get_by_role("heading", name=setup, exact=True)).to_be_visible()
    expect(metric(page, "Annual cost")).to_have_count(3)
    expect(page.get_by_text("What the generalists absorb")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Full-Stack Data Scientists cover"))).to_have_count(2)
    charts = page.get_by_test_id("stVegaLiteChart")
    expect(charts).to_have_count(2, timeout=TIMEOUT_MS)
    expect(charts.first).to_contain_text("Scaleup staffs 4 people", timeout=TIMEOUT_MS)
    expect(charts.nth(1)).to_contain_text("Scaleup: +4.4 quality for $101k", timeout=TIMEOUT_MS)
    screenshot(page, "compare-seed-startup")


@pytest.mark.browser
def test_editing_a_salary_changes_the_plan_and_survives_leaving_the_page(
    app_server: str, page: Page
) -> None:
    open_app(page, app_server)
    go_to(page, "Assumptions")
    expect(page.get_by_role("heading", name="Assumptions", exact=True)).to_be_visible()
    cost = metric(page, "Current plan: annual cost")
    expect(cost).to_contain_text("$1.48M")

    # First row of the salary table is the US Data Analyst (3 in the fashion retailer's plan):
    # select its first cell, move to the salary column, open the cell editor, type, confirm.
    editor = page.get_by_test_id("stDataFrame").first
    editor.scroll_into_view_if_needed()
    editor.click(position={"x": 60, "y": 52})
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    cell_input = page.locator(".gdg-input")
    expect(cell_input).to_be_visible()
    cell_input.fill("200000")
    with app_run(page):
        cell_input.press("Enter")

    # 3 analysts x (200,000 - 101,000) x 1.35 = +$401k.
    expect(cost).to_contain_text("$1.88M")
    expect(cost).to_contain_text("$401k")
    expect(metric(page, "Numbers changed")).to_contain_text("1")
    expect(page.get_by_test_id("stSidebar")).to_contain_text("Shipped defaults (edited)")
    screenshot(page, "assumptions-salary-edited")

    go_to(page, "Compare")
    expect(page.get_by_role("heading", name="Compare setups")).to_be_visible()
    go_to(page, "Assumptions")
    expect(metric(page, "Current plan: annual cost")).to_contain_text("$1.88M")
    expect(metric(page, "Numbers changed")).to_contain_text("1")

    with app_run(page):
        page.get_by_role("button", name="Reset to shipped defaults").click()
    expect(metric(page, "Current plan: annual cost")).to_contain_text("$1.48M")
    expect(page.get_by_test_id("stSidebar")).to_contain_text("Assumptions: Shipped defaults")


@pytest.mark.browser
def test_editing_a_regions_vendor_price_changes_the_vendor_lines(
    app_server: str, page: Page
) -> None:
    """The enterprise example buys 5.5 FTE of labelling from vendors in the US."""
    open_app(page, app_server)
    load_example(page, ENTERPRISE, shown="a dozen mixed ML projects")
    go_to(page, "Assumptions")
    cost = metric(page, "Current plan: annual cost")
    expect(cost).to_contain_text("$15.05M")
    heading = page.get_by_role("heading", name="Outsourced annotation per region")
    heading.scroll_into_view_if_needed()
    expect(heading).to_be_visible()
    expect(page.get_by_text(re.compile(r"in-house annotator salary × 1\.5"))).to_be_visible()

    # Third table of the first tab; its first row is the United States: select the region
    # cell, move to the price, open the cell editor, type, confirm.
    editor = page.get_by_test_id("stDataFrame").nth(2)
    editor.scroll_into_view_if_needed()
    editor.click(position={"x": 60, "y": 52})
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    cell_input = page.locator(".gdg-input")
    expect(cell_input).to_be_visible()
    cell_input.fill("100000")
    with app_run(page):
        cell_input.press("Enter")

    # 5.5 FTE x (100,000 - 60,000) = +$220k.
    expect(cost).to_contain_text("$15.27M")
    expect(cost).to_contain_text("$220k")
    expect(metric(page, "Numbers changed")).to_contain_text("1")
    editor.scroll_into_view_if_needed()
    screenshot(page, "assumptions-vendor-price-edited")


@pytest.mark.browser
def test_role_guide_shows_the_matrix_and_every_role(app_server: str, page: Page) -> None:
    open_app(page, app_server)
    go_to(page, "Role guide")
    expect(page.get_by_role("heading", name="Role guide")).to_be_visible()
    chart = page.get_by_test_id("stVegaLiteChart")
    expect(chart).to_have_count(1, timeout=TIMEOUT_MS)
    expect(chart).to_contain_text("responsible for", timeout=TIMEOUT_MS)
    screenshot(page, "role-guide")
    tabs = page.get_by_role("tab")
    expect(tabs).to_have_count(9)
    page.get_by_role("tab", name="ML Engineer").click()
    expect(page.get_by_text("Turns a model into a service")).to_be_visible()
    expect(page.get_by_text("full-stack data scientists cover its 0.6 FTE")).to_be_visible()
    screenshot(page, "role-guide-ml-engineer")
