"""The Scenario page's help in a real browser: the setup choices and the Setup field's tooltip
state the rules and numbers in force (built by mlplanner.reports.scenario_help)."""

import pytest
from playwright.sync_api import Page, expect

from mlplanner.model.assumptions import Assumptions
from mlplanner.reports.scenario_help import setup_help, setup_label
from tests.support.browser import SCREENSHOTS, TIMEOUT_MS, open_app


@pytest.mark.browser
def test_setup_choices_and_tooltip_state_the_rules_in_force(app_server: str, page: Page) -> None:
    defaults = Assumptions.defaults()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)  # viewport shots: a full page closes menus
    open_app(page, app_server)
    setup = page.get_by_test_id("stSelectbox").filter(has_text="Setup")

    setup.get_by_test_id("stTooltipHoverTarget").hover()
    tooltip = page.get_by_test_id("stTooltipContent")
    expect(tooltip).to_contain_text("each team of up to 8 gets a lead", timeout=TIMEOUT_MS)
    expect(tooltip).to_contain_text(setup_help(defaults)[:60])
    tooltip.screenshot(path=str(SCREENSHOTS / "scenario-setup-help.png"))

    page.mouse.move(0, 0)
    setup.click()
    for choice in ("startup", "scaleup", "mature"):
        expect(page.get_by_role("option", name=setup_label(choice, defaults))).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "scenario-setup-choices.png"))  # the open menu
    page.keyboard.press("Escape")
    expect(page.get_by_role("option", name=setup_label("startup", defaults))).to_have_count(0)
