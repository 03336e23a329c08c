"""Export and import in a real browser: download a scenario CSV, upload it back on the
Scenario page (the scenario returns) and on the Plans page (a new plan is saved).

The app runs with a database of its own: the import saves a plan, and other browser tests
expect the shared ``app_server``'s database to start empty.
"""

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from mlplanner.exchange.plan_workbook import SHEETS
from tests.support.browser import (
    app_run,
    open_app,
    open_tab,
    upload_scenario_file,
    whole_page_screenshot,
)
from tests.support.server import app_with_own_database

# A name a spreadsheet would run as a formula, with accents and non-Latin script.
NAME = "=Round trip Zürich 東京"


@pytest.fixture(scope="module")
def import_app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Like ``app_server``, with a SQLite file for this module alone."""
    with app_with_own_database(tmp_path_factory.mktemp("import-app-server")) as url:
        yield url


def go_to(page: Page, link: str, heading: str) -> None:
    with app_run(page):
        page.get_by_test_id("stSidebarNav").get_by_role("link", name=link, exact=True).click()
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()


def set_scenario_name(page: Page, name: str) -> None:
    box = page.get_by_role("textbox", name="Scenario name")
    box.fill(name)
    with app_run(page):
        box.press("Enter")


def download(page: Page, label: str, folder: Path) -> Path:
    with page.expect_download() as info:
        page.get_by_test_id("stDownloadButton").get_by_role("button", name=label).click()
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return path


@pytest.mark.browser
def test_download_a_scenario_csv_and_upload_it_back(
    import_app_server: str, page: Page, tmp_path: Path
) -> None:
    open_app(page, import_app_server)
    go_to(page, "Scenario", "Scenario")
    set_scenario_name(page, NAME)

    go_to(page, "Plan", "Plan")
    exported = download(page, "Scenario (CSV)", tmp_path)
    assert exported.name == "round-trip-z-rich-scenario.csv"
    text = exported.read_bytes().decode("utf-8")
    assert text.startswith("\ufeffproject_name,")
    assert f",'{NAME}," in text  # neutralised for spreadsheets, accents intact

    workbook = openpyxl.load_workbook(download(page, "Workbook (.xlsx)", tmp_path))  # on click
    assert workbook.sheetnames == list(SHEETS)
    assert workbook["Summary"]["B2"].value == NAME

    go_to(page, "Scenario", "Scenario")
    set_scenario_name(page, "Changed before the upload")
    upload_scenario_file(page, exported)
    expect(page.get_by_role("textbox", name="Scenario name")).to_have_value(NAME)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
    whole_page_screenshot(page, "export-import-scenario-restored")

    go_to(page, "Plans", "Plans")
    with app_run(page):
        page.get_by_test_id("stFileUploader").locator("input[type=file]").set_input_files(exported)
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("as the new plan")
    box = page.get_by_role("textbox", name="Search by name")
    box.fill("Round trip")
    with app_run(page):
        box.press("Enter")
    expect(page.get_by_role("heading", name=NAME)).to_be_visible()
    whole_page_screenshot(page, "export-import-plan-imported")
    open_tab(page, "History and export")
    again = download(page, "Scenario (CSV)", tmp_path / "again")
    assert again.read_bytes() == exported.read_bytes()
