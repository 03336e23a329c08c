"""The Timeline page in a real browser: its charts draw (four once their expanders open),
and a smaller hiring capacity written on the page moves the staffing date at once."""

import pytest
from playwright.sync_api import Page, expect

from mlplanner.ui.ranges_views import TIMELINE_BANDS_LABEL
from mlplanner.ui.timeline_views import FLOW_CHARTS_LABEL
from tests.support.browser import TIMEOUT_MS, app_run, open_app, whole_page_screenshot


@pytest.mark.browser
def test_timeline_page_shows_the_quarters_and_follows_the_capacity(
    app_server: str, page: Page
) -> None:
    open_app(page, app_server)
    with app_run(page):
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Timeline").click()
    expect(page.get_by_role("heading", name="Timeline", exact=True)).to_be_visible()
    staffed = page.get_by_test_id("stMetric").filter(has_text="Fully staffed")
    expect(staffed).to_contain_text("-Q")
    before = staffed.inner_text()
    charts = page.get_by_test_id("stVegaLiteChart")
    expect(charts).to_have_count(2, timeout=TIMEOUT_MS)  # the rest wait for their expanders
    for label in (FLOW_CHARTS_LABEL, TIMELINE_BANDS_LABEL):
        with app_run(page):
            page.get_by_text(label).click()
    expect(charts).to_have_count(6, timeout=TIMEOUT_MS)  # four charts, two bands
    for i in range(6):
        expect(charts.nth(i).locator("canvas, svg").first).to_be_visible()
    expect(page.get_by_role("heading", name="Positions to open")).to_be_visible()
    expect(page.get_by_text("derived from 800 employees")).to_be_visible()
    whole_page_screenshot(page, "timeline-fashion")

    capacity = page.get_by_test_id("stNumberInput").filter(has_text="Hiring capacity")
    capacity.locator("input").fill("1")
    with app_run(page):
        capacity.locator("input").press("Enter")
    expect(page.get_by_text("1 hire a quarter, set in the scenario")).to_be_visible()
    expect(staffed).not_to_have_text(before)
    whole_page_screenshot(page, "timeline-fashion-capacity-1")
