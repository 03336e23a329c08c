"""Save where you are, in a real browser: save as a new plan from the sidebar, see its name and
revision, change the budget, see the unsaved-changes marker, save the next revision."""

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import app_run, open_app, whole_page_screenshot

NAME = "Acme lean"


@pytest.mark.browser
def test_save_from_the_sidebar(app_server: str, page: Page) -> None:
    open_app(page, app_server)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar).to_contain_text("Not saved as a plan yet.")
    sidebar.get_by_text("Save as new plan…").click()
    name = page.get_by_role("textbox", name="Name", exact=True)
    name.fill(NAME)
    with app_run(page):
        name.press("Enter")
    with app_run(page):
        page.get_by_role("button", name="Save as new plan", exact=True).click()
    expect(sidebar).to_contain_text(f"Plan: {NAME}, revision 1 · saved")
    expect(sidebar.get_by_role("button", name="Save", exact=True)).to_be_disabled()

    budget = page.get_by_role("spinbutton", name="Annual budget (USD)")
    budget.fill("3000000")
    with app_run(page):
        budget.press("Enter")
    expect(sidebar).to_contain_text("revision 1 · unsaved changes")
    whole_page_screenshot(page, "sidebar-save-unsaved")
    with app_run(page):
        sidebar.get_by_role("button", name="Save", exact=True).click()
    expect(sidebar).to_contain_text(f"Plan: {NAME}, revision 2 · saved")
    whole_page_screenshot(page, "sidebar-save-revision-2")
