"""Ranges in a real browser: the Plan page says how firm the plan is and draws the tornado."""

import pytest
from playwright.sync_api import Page, expect

from mlplanner.ui.ranges_views import TORNADO_LABEL
from tests.support.browser import (
    SCREENSHOTS,
    TIMEOUT_MS,
    app_run,
    open_app,
    whole_page_screenshot,
)


@pytest.mark.browser
def test_plan_page_shows_how_firm_the_plan_is_and_the_tornado(app_server: str, page: Page) -> None:
    open_app(page, app_server)
    with app_run(page):
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Plan", exact=True).click()
    expect(page.get_by_text("How firm:")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text("80% of the time").first).to_be_visible()
    expect(page.get_by_role("heading", name="What moves the cost")).to_be_visible()
    expect(page.get_by_text("moves the yearly cost most")).to_be_visible()
    tornado = page.get_by_test_id("stVegaLiteChart").filter(has_text="what moves it")
    expect(tornado).to_have_count(0)  # below the fold: drawn only once its expander opens
    with app_run(page):
        page.get_by_test_id("stExpander").filter(has_text=TORNADO_LABEL).get_by_text(
            TORNADO_LABEL
        ).click()
    expect(tornado).to_have_count(1, timeout=TIMEOUT_MS)
    tornado.scroll_into_view_if_needed()
    expect(tornado.locator("canvas, svg").first).to_be_visible()
    tornado.screenshot(path=str(SCREENSHOTS / "plan-tornado-chart.png"))
    whole_page_screenshot(page, "plan-ranges")
