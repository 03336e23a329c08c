"""Save where you are, in a real browser: save as a new plan from the sidebar (the name typed is
kept while its popover is closed), see its name and
revision, change the budget, see the unsaved-changes marker, save the next revision with a
note in Markdown, and see the note as typed in the sidebar and in the Plans page's history."""

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.support.browser import app_run, open_app, open_tab, whole_page_screenshot

NAME = "Acme lean"
FIRST_NOTE = "First cut"
NOTE = "**bold** [x](http://evil.example)"


def type_note(box: Locator, text: str) -> None:
    box.fill(text)
    with app_run(box.page):
        box.press("Enter")


@pytest.mark.browser
def test_save_from_the_sidebar(app_server: str, page: Page) -> None:
    open_app(page, app_server)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar).to_contain_text("Not saved as a plan yet.")
    popover = sidebar.get_by_role("button", name="Save as new plan…")
    with app_run(page):
        popover.click()  # its fields are drawn when it opens
    name = page.get_by_role("textbox", name="Name", exact=True)
    name.fill(NAME)
    with app_run(page):
        name.press("Enter")
    with app_run(page):
        page.keyboard.press("Escape")  # closed: the fields are not drawn
    expect(name).to_have_count(0)
    with app_run(page):
        popover.click()
    expect(name).to_have_value(NAME)  # what was typed is kept
    type_note(page.get_by_role("textbox", name="Note (optional)"), FIRST_NOTE)
    with app_run(page):
        page.get_by_role("button", name="Save as new plan", exact=True).click()
    expect(sidebar).to_contain_text(f"Plan: {NAME}, revision 1 · saved")
    expect(name).to_have_count(0)  # the popover closed
    expect(sidebar).to_contain_text(f"Note: {FIRST_NOTE}")
    expect(sidebar.get_by_role("button", name="Save", exact=True)).to_be_disabled()

    budget = page.get_by_role("spinbutton", name="Annual budget (USD)")
    budget.fill("3000000")
    with app_run(page):
        budget.press("Enter")
    expect(sidebar).to_contain_text("revision 1 · unsaved changes")
    expect(name).to_have_count(0)  # and stays closed on the next run
    type_note(sidebar.get_by_role("textbox", name="Note (optional)"), NOTE)
    whole_page_screenshot(page, "sidebar-save-unsaved")
    with app_run(page):
        sidebar.get_by_role("button", name="Save", exact=True).click()
    expect(sidebar).to_contain_text(f"Plan: {NAME}, revision 2 · saved")
    # As typed (an invisible word joiner keeps the address from becoming a link): no bold, no link.
    assert f"Note: {NOTE}" in sidebar.inner_text().replace("\u2060", "")
    expect(page.locator("a[href*='evil.example']")).to_have_count(0)
    expect(sidebar.locator("strong", has_text="bold")).to_have_count(0)
    whole_page_screenshot(page, "sidebar-save-revision-2")

    with app_run(page):
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Plans").click()
    open_tab(page, "History and export")
    history = page.get_by_test_id("stDataFrame").nth(1)
    expect(history).to_contain_text(NOTE)
    expect(history).to_contain_text(FIRST_NOTE)
    expect(page.locator("a[href*='evil.example']")).to_have_count(0)
    whole_page_screenshot(page, "plans-history-with-notes")
