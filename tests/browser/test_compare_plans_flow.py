"""Saved plans compared in a real browser: save two plans with the Save control, save an
assumption set, then compare the plans against a baseline on the Compare page.

Runs against an app server of its own (a fresh database), so the plans saved here do not
show up in the other browser tests, which start from an empty database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_compare_assumptions import go_to, load_example, metric
from tests.browser.test_plans_flow import click, type_into, whole_page_screenshot
from tests.support.browser import TIMEOUT_MS, app_run, open_app
from tests.support.server import app_with_own_database

SEED = "Seed-stage startup: support-ticket triage prototype"


@pytest.fixture(scope="module")
def own_app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Like ``app_server``, with a SQLite file for this module alone."""
    with app_with_own_database(tmp_path_factory.mktemp("compare-plans-server")) as url:
        yield url


def save_plan(page: Page, name: str) -> None:
    go_to(page, "Plans")
    type_into(page, "Name for a new plan", name)
    click(page, "Save as a new plan")
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text(f"Saved {name}")


@pytest.mark.browser
def test_two_saved_plans_compared_against_a_baseline(own_app_server: str, page: Page) -> None:
    open_app(page, own_app_server)
    save_plan(page, "Fashion as recommended")

    go_to(page, "Assumptions")
    type_into(page, "Set name", "Browser set")
    click(page, "Save set")
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("Browser set")
    expect(page.get_by_text("Assumption set in force: Browser set")).to_be_visible()
    whole_page_screenshot(page, "assumptions-set-saved")

    go_to(page, "Scenario")
    load_example(page, SEED)
    save_plan(page, "Seed startup")

    go_to(page, "Compare")
    expect(page.get_by_role("heading", name="Compare saved plans")).to_be_visible()
    chosen = page.get_by_test_id("stMultiSelect")
    expect(chosen).to_contain_text("Seed startup · r1 (newest)")
    expect(chosen).to_contain_text("Fashion as recommended · r1 (newest)")
    baseline = page.get_by_test_id("stSelectbox").filter(has_text="Baseline")
    baseline.scroll_into_view_if_needed()
    baseline.get_by_role("combobox").click()
    with app_run(page):
        page.get_by_role("option", name="Fashion as recommended · r1 (newest)").click()
    expect(page.get_by_text("Baseline: Fashion as recommended · r1 (newest)")).to_be_visible()
    expect(metric(page, "Annual cost")).to_have_count(4)  # three setups, one compared plan
    charts = page.get_by_test_id("stVegaLiteChart")
    # Two against the baseline, one of the plans' timelines side by side (the setups' two are
    # drawn only once their expander opens).
    expect(charts).to_have_count(3, timeout=TIMEOUT_MS)
    expect(page.get_by_text("Timelines side by side")).to_be_visible()
    expect(charts.first).to_contain_text(
        "againstFashion as recommended", timeout=TIMEOUT_MS
    )  # wrapped
    expect(page.get_by_test_id("stAlertContentWarning")).to_have_count(0)
    whole_page_screenshot(page, "compare-saved-plans")
