"""Saved plans in a real browser: save a plan, find it, open it, rename, delete and restore it."""

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.support.browser import (
    app_run,
    open_app,
    open_tab,
    wait_until_idle,
    whole_page_screenshot,
)

NAME = "Browser <b>plan</b> **Q3**"
NEW_NAME = "Renamed in the browser"


def go_to_plans(page: Page) -> None:
    with app_run(page):
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Plans").click()
    expect(page.get_by_role("heading", name="Plans", exact=True)).to_be_visible()


def type_into(page: Page, label: str, text: str) -> None:
    box = page.get_by_role("textbox", name=label)
    box.fill(text)
    with app_run(page):
        box.press("Enter")


def click(page: Page, name: str) -> None:
    """Click a button (not a selectbox's "Open" arrow) and wait for the rerun."""
    with app_run(page):
        page.get_by_test_id("stButton").get_by_role("button", name=name, exact=True).click()


def plans_table(page: Page) -> Locator:
    return page.get_by_test_id("stDataFrame").first


@pytest.mark.browser
def test_save_find_open_rename_delete_and_restore_a_plan(app_server: str, page: Page) -> None:
    open_app(page, app_server)
    go_to_plans(page)
    expect(page.get_by_text("No saved plans yet")).to_be_visible()

    type_into(page, "Name for a new plan", NAME)
    click(page, "Save as a new plan")
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text(f"Saved {NAME}")
    type_into(page, "Search by name", "browser")
    expect(plans_table(page)).to_contain_text(NAME)
    expect(page.get_by_role("heading", name=NAME)).to_be_visible()  # markup shown as text
    whole_page_screenshot(page, "plans-saved-and-found")
    open_tab(page, "History and export")
    expect(page.get_by_test_id("stDataFrame").nth(1)).to_contain_text("first save")
    expect(page.get_by_role("button", name="Workbook (.xlsx)")).to_be_visible()
    whole_page_screenshot(page, "plans-history-and-export")

    open_tab(page, "Open and manage")
    click(page, "Open")  # a run on Plans, then st.switch_page's run on Plan
    expect(page.get_by_role("heading", name="Plan", exact=True)).to_be_visible()
    wait_until_idle(page)
    expect(page.get_by_test_id("stSidebar")).to_contain_text("Fashion retailer")
    whole_page_screenshot(page, "plans-opened-on-plan-page")

    go_to_plans(page)
    expect(page.get_by_text(f"Working on the saved plan {NAME}")).to_be_visible()
    type_into(page, "New name", NEW_NAME)
    click(page, "Rename")
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text(f"Renamed to {NEW_NAME}")
    type_into(page, "Search by name", "renamed")
    expect(plans_table(page)).to_contain_text(NEW_NAME)

    click(page, "Delete")
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("to the trash")
    expect(page.get_by_role("button", name="Undo delete")).to_be_visible()
    expect(page.get_by_text("No plan's name contains")).to_be_visible()
    whole_page_screenshot(page, "plans-deleted")

    with app_run(page):
        page.get_by_test_id("stRadio").get_by_text("Trash").click()
    expect(plans_table(page)).to_contain_text(NEW_NAME)
    whole_page_screenshot(page, "plans-trash")
    click(page, "Restore")
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text(
        f"Restored {NEW_NAME} from the trash"
    )
    with app_run(page):
        page.get_by_test_id("stRadio").get_by_text("Saved plans").click()
    expect(plans_table(page)).to_contain_text(NEW_NAME)
    whole_page_screenshot(page, "plans-restored")
