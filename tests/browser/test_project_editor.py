"""The project editor in a real browser: a row added with a name but no domain starts on
"choose…" and is reported at its row, not held back without a word (the browser turns an
empty default into a missing value, which a required column holds back)."""

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import app_run, open_app, screenshot

# The editor's geometry in pixels (Streamlit's data grid draws on a canvas: cells have no
# elements to click).
HEADER_PX = 36
ROW_PX = 35
NAME_X_PX = 100


@pytest.mark.browser
def test_a_new_row_without_a_domain_reads_choose_and_is_reported(
    app_server: str, page: Page
) -> None:
    open_app(page, app_server)
    grid = page.get_by_test_id("stDataFrame").first  # the project editor
    grid.hover()
    with app_run(page):
        grid.get_by_role("button", name="Add row").click()
    errors = page.get_by_test_id("stAlertContentError")
    expect(errors.filter(has_text="Project 2, domain: is required")).to_be_visible()
    expect(errors.filter(has_text="Project 2, name: is required")).to_be_visible()
    box = grid.bounding_box()
    assert box is not None
    page.mouse.dblclick(box["x"] + NAME_X_PX, box["y"] + HEADER_PX + ROW_PX * 1.5)
    editor = page.locator("textarea").last  # the cell's editor
    editor.fill("Fraud scoring")
    with app_run(page):
        editor.press("Enter")
    expect(errors).to_have_text(["Project 2 (Fraud scoring), domain: is required"])
    expect(page.get_by_test_id("stSidebar")).to_contain_text("1 project")  # the last valid one
    # The new row reads "choose…" in Domain and an empty name, never a grey "None".
    screenshot(page, "scenario-new-row-choose")
