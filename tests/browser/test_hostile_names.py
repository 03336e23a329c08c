"""User text is shown as plain text on every page: a scenario, project and plan name written
as Markdown (a link, bold, a formula, HTML) must never become a link, bold text or a formula.

The app runs with a database of its own: the test saves a plan under the hostile name.
"""

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import (
    PAGE_TITLES,
    app_run,
    open_app,
    upload_scenario_file,
    whole_page_screenshot,
)
from tests.support.server import app_with_own_database

HOSTILE = "[x](http://evil.example) **bold** $x^2$ <b>tag</b>"
PROJECT = "[p](http://evil.example/p) _it_"


@pytest.fixture(scope="module")
def hostile_app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with app_with_own_database(tmp_path_factory.mktemp("hostile-app-server")) as url:
        yield url


def scenario_file(folder: Path) -> Path:
    path = folder / "hostile.json"
    scenario = {
        "format": "mlplanner.scenario/1",
        "name": HOSTILE,
        "company": {"employees": 120, "setup": "auto", "region": "us", "existing_team": {}},
        "projects": [
            {
                "name": PROJECT,
                "domain": "nlp",
                "scale": "medium",
                "stage": "production",
                "data_readiness": "partial",
                "annotation": "in_house",
                "deployment": "online",
                "count": 1,
            }
        ],
    }
    path.write_text(json.dumps(scenario), encoding="utf-8")
    return path


def go_to(page: Page, link: str) -> None:
    with app_run(page):
        page.get_by_test_id("stSidebarNav").get_by_role("link", name=link, exact=True).click()


def assert_nothing_rendered(page: Page) -> None:
    """No link to the hostile target, no formula, no bold or HTML made of the names."""
    expect(page.locator("a[href*='evil.example']")).to_have_count(0)
    expect(page.locator(".katex")).to_have_count(0)
    for tag, text in [("strong", "bold"), ("b", "tag"), ("em", "it")]:
        expect(page.locator(tag, has_text=re.compile(f"^{text}$"))).to_have_count(0)


@pytest.mark.browser
def test_hostile_names_stay_plain_text_on_every_page(
    hostile_app_server: str, page: Page, tmp_path: Path
) -> None:
    open_app(page, hostile_app_server)
    upload_scenario_file(page, scenario_file(tmp_path))
    expect(page.get_by_role("textbox", name="Scenario name")).to_have_value(HOSTILE)

    go_to(page, "Plans")
    with app_run(page):
        page.get_by_role("button", name="Save as a new plan").click()

    sidebar = page.get_by_test_id("stSidebar")
    for name in PAGE_TITLES:
        go_to(page, name)
        # Shown as typed; invisible word joiners keep addresses from becoming links.
        assert HOSTILE in sidebar.inner_text().replace("\u2060", "")
        if name == "Plan":  # the project's name is in "Why each head", drawn once opened
            with app_run(page):
                page.get_by_text("FTE of demand").first.click()
            expect(page.get_by_text("Where the work comes from").first).to_be_visible()
        assert_nothing_rendered(page)
        whole_page_screenshot(page, f"hostile-{name.lower().replace(' ', '-')}")
