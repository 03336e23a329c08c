"""Nothing is lost, in a real browser: an edited scenario and an adopted allocation survive a
reload and a browser restart (the draft is kept per browser, by its cookie); another browser
starts on the default example; "New scenario" starts blank and is kept too."""

import pytest
from playwright.sync_api import Browser, Page, expect

from mlplanner.model.scenario import load_scenario
from mlplanner.model.wording import format_usd
from mlplanner.paths import EXAMPLES_DIR
from mlplanner.search.frontier import frontier
from mlplanner.ui.drafts import COOKIE
from tests.support.browser import VIEWPORT, app_run, open_app, whole_page_screenshot

SEED = "Seed-stage startup: support-ticket triage prototype"
FASHION = "Fashion retailer: size recommendation"
DRAFT = "Acme draft"


def go_to(page: Page, title: str) -> None:
    with app_run(page):
        page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click()


def scenario_name(page: Page) -> str:
    return page.get_by_role("textbox", name="Scenario name").input_value()


@pytest.mark.browser
def test_a_draft_survives_a_reload_and_a_browser_restart(app_server: str, browser: Browser) -> None:
    first = browser.new_context(viewport=VIEWPORT)
    page = first.new_page()
    open_app(page, app_server)
    box = page.get_by_role("combobox", name="Example scenario")
    expect(box).to_have_value(FASHION)  # the example on screen
    box.click()
    with app_run(page):
        page.get_by_role("option", name=SEED).click()
    with app_run(page):
        page.get_by_role("button", name="Load preset").click()
    name = page.get_by_role("textbox", name="Scenario name")
    name.fill(DRAFT)
    with app_run(page):
        name.press("Enter")
    go_to(page, "Trade-offs")
    # the seed's named plans are all its recommended plan: the cheapest frontier plan is not
    cheapest = frontier(load_scenario(EXAMPLES_DIR / "seed_startup.json"))[0]
    slider = page.get_by_role("slider").first
    slider.focus()
    with app_run(page):
        slider.press("Home")
    budget = f"The best plan for {format_usd(cheapest.annual_cost_usd)} a year"
    expect(page.get_by_text(budget)).to_be_visible()
    with app_run(page):
        page.get_by_role("button", name="Adopt this plan").click()
    expect(page.get_by_test_id("stSidebar")).to_contain_text("Adopted allocation")
    adopted = f"Adopted allocation: best plan for {format_usd(cheapest.annual_cost_usd)}"

    open_app(page, app_server)  # a reload: a new session of the same browser
    assert scenario_name(page) == DRAFT
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar).to_contain_text(DRAFT)
    expect(sidebar).to_contain_text(adopted)
    expect(box).to_have_value("")  # renamed: no longer an example, the box does not claim one
    whole_page_screenshot(page, "drafts-after-reload")

    cookies = first.storage_state()
    first.close()  # the browser is closed; its cookies stay on disk
    restarted = browser.new_context(viewport=VIEWPORT, storage_state=cookies)
    try:
        page = restarted.new_page()
        open_app(page, app_server)
        assert scenario_name(page) == DRAFT
        expect(page.get_by_test_id("stSidebar")).to_contain_text("Adopted allocation")

        with app_run(page):
            page.get_by_role("button", name="New scenario").click()
        assert scenario_name(page) == "New scenario"
        example = page.get_by_role("combobox", name="Example scenario")
        expect(example).to_have_value("")
        expect(example).to_have_attribute("placeholder", "Choose an example…")
        open_app(page, app_server)
        assert scenario_name(page) == "New scenario"
        whole_page_screenshot(page, "drafts-new-scenario-after-reload")
        # A page with nothing to show still ends with the shared sidebar (the Trade-offs
        # page of a scenario without projects had shown the page links alone).
        go_to(page, "Trade-offs")
        expect(page.get_by_text("Add a project on the Scenario page")).to_be_visible()
        expect(page.get_by_test_id("stSidebar")).to_contain_text("New scenario")
        expect(page.get_by_test_id("stSidebar")).to_contain_text("No quality score yet")
        whole_page_screenshot(page, "tradeoffs-without-projects")
    finally:
        restarted.close()


@pytest.mark.browser
def test_another_browser_starts_on_the_default_example(app_server: str, page: Page) -> None:
    open_app(page, app_server)
    assert scenario_name(page) == FASHION


@pytest.mark.browser
def test_the_first_change_survives_an_immediate_reload(app_server: str, page: Page) -> None:
    """The browser's id cookie is set by the run that stores its first draft, not later: a
    first visit sets none, and a reload right after the first change finds the draft."""
    open_app(page, app_server)
    assert not [c for c in page.context.cookies() if c["name"] == COOKIE]
    name = page.get_by_role("textbox", name="Scenario name")
    name.fill(DRAFT)
    with app_run(page):
        name.press("Enter")
    # The run's script tag sets it when the browser draws it, which can be just after the run.
    page.wait_for_function(f"document.cookie.split('; ').some(c => c.startsWith('{COOKIE}='))")
    [cookie] = [c for c in page.context.cookies() if c["name"] == COOKIE]
    open_app(page, app_server)  # a reload: a new session of the same browser
    assert scenario_name(page) == DRAFT
    assert [c["value"] for c in page.context.cookies() if c["name"] == COOKIE] == [cookie["value"]]
