"""Large and small screens: a portfolio of 200 projects stays readable, and every page is usable
on a phone (390 px wide): the sidebar closes after navigating, charts fit the width, the role
table shows each role's people and cost without scrolling sideways."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from mlplanner.model.plan import recommend
from mlplanner.model.scenario import parse_scenario
from mlplanner.reports.attribution import attribution_frame
from mlplanner.reports.top_sources import top_sources
from mlplanner.ui.chart_cache import PEOPLE_CHART_LABEL, SETUP_CHARTS_LABEL
from mlplanner.ui.ranges_views import TIMELINE_BANDS_LABEL
from mlplanner.ui.timeline_views import FLOW_CHARTS_LABEL
from tests.support.browser import (
    PAGE_TITLES,
    TIMEOUT_MS,
    app_run,
    open_app,
    screenshot,
    upload_scenario_file,
    whole_page_screenshot,
)
from tests.support.builders import portfolio_data

PHONE: ViewportSize = {"width": 390, "height": 844}
# Streamlit closes the sidebar after a page is chosen only on a phone, which it recognises by
# the user agent (a narrow desktop window keeps it open): a phone's Chrome, then.
PHONE_BROWSER = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
# The charts each page draws only once their expander opens: opened on a phone to see them fit.
CHART_EXPANDERS = {
    "Plan": (PEOPLE_CHART_LABEL,),
    "Timeline": (FLOW_CHARTS_LABEL, TIMELINE_BANDS_LABEL),
    "Compare": (SETUP_CHARTS_LABEL,),
}
# The people chart's most: 16 bars of 30 px, title, axis and legend, one role a line (7,000 px
# before the cap).
MAX_CHART_PX = 1_000


def go_to(page: Page, link: str) -> None:
    with app_run(page):
        page.get_by_test_id("stSidebarNav").get_by_role("link", name=link, exact=True).click()


def upload_portfolio(page: Page, folder: Path) -> None:
    path = folder / "portfolio.json"
    path.write_text(json.dumps(portfolio_data(200)), encoding="utf-8")
    upload_scenario_file(page, path)
    expect(page.get_by_role("textbox", name="Scenario name")).to_have_value(
        "Portfolio of 200 projects"
    )


@pytest.mark.browser
def test_a_portfolio_of_200_projects_stays_readable(
    app_server: str, page: Page, tmp_path: Path
) -> None:
    open_app(page, app_server)
    upload_portfolio(page, tmp_path)
    editor = page.get_by_test_id("stDataFrame").first
    expect(editor).to_be_visible()  # drawn again after the upload's run: wait, then measure
    box = editor.bounding_box()
    assert box is not None and box["height"] < 700  # scrolls inside itself
    whole_page_screenshot(page, "screens-200-scenario")

    go_to(page, "Plan")
    plan = recommend(parse_scenario(portfolio_data(200)))
    people = page.get_by_test_id("stMetric").filter(has_text="People")
    expect(people).to_contain_text(f"{plan.total_headcount:,}")
    assert plan.total_headcount >= 1000
    expect(page.get_by_test_id("stSidebar")).to_contain_text(f"{plan.total_headcount:,} people")
    with app_run(page):
        page.get_by_text(PEOPLE_CHART_LABEL).click()
    chart = page.get_by_test_id("stVegaLiteChart").first
    others = top_sources(attribution_frame(plan))["source"].iloc[-1]
    assert others.endswith("other projects")
    expect(chart).to_contain_text(others, timeout=TIMEOUT_MS)
    box = chart.bounding_box()
    assert box is not None and box["height"] < MAX_CHART_PX
    expect(page.locator("th", has_text="Outsourced annotation")).to_have_count(1)
    whole_page_screenshot(page, "screens-200-plan")


@pytest.mark.browser
def test_every_page_is_usable_on_a_phone(app_server: str, browser: Browser) -> None:
    context = browser.new_context(
        viewport=PHONE, user_agent=PHONE_BROWSER, is_mobile=True, has_touch=True
    )
    try:
        page = context.new_page()
        open_app(page, app_server)
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar).to_have_attribute("data-collapsed", "true")  # closed on a phone
        for name in PAGE_TITLES:
            page.get_by_test_id("stExpandSidebarButton").click()
            expect(sidebar).to_have_attribute("data-collapsed", "false")
            go_to(page, name)
            expect(sidebar).to_have_attribute("data-collapsed", "true")  # closed again
            for label in CHART_EXPANDERS.get(name, ()):
                with app_run(page):
                    page.get_by_text(label).click()
                charts = page.get_by_test_id("stVegaLiteChart")
                expect(charts.first.locator("canvas, svg").first).to_be_visible()
            page_width = page.evaluate("document.documentElement.scrollWidth")
            assert page_width <= PHONE["width"], name  # nothing sticks out sideways
            charts = page.get_by_test_id("stVegaLiteChart")
            for i in range(charts.count()):
                box = charts.nth(i).bounding_box()
                assert box is not None and box["width"] <= PHONE["width"], name
            slug = name.lower().replace(" ", "-")
            screenshot(page, f"screens-phone-{slug}")
            whole_page_screenshot(page, f"screens-phone-{slug}-whole")
    finally:
        context.close()
