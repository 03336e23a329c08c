"""The quality score's pages in a real browser: the Plan page's budget gap and role table as
"Why each head" says them, how the plan was shaped (with the Trade-offs page showing it on the
frontier), Compare naming a setup another beats, the Trade-offs page's changes without a false
cause, and a scenario without projects that has no score but a message."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from mlplanner.examples import example_scenarios
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import NO_QUALITY, recommend
from mlplanner.model.wording import format_usd
from mlplanner.reports.comparison import compare_setups
from tests.browser.test_screens import go_to
from tests.support.browser import (
    TIMEOUT_MS,
    open_app,
    screenshot,
    upload_scenario_file,
    whole_page_screenshot,
)

EXAMPLES = example_scenarios()
FASHION = EXAMPLES["fashion_retailer.json"]  # the scenario a new session starts with
SEED = EXAMPLES["seed_startup.json"]


@pytest.mark.browser
def test_plan_page_budget_gap_and_role_table_agree_with_why_each_head(
    app_server: str, page: Page
) -> None:
    plan = recommend(FASHION)
    open_app(page, app_server)
    go_to(page, "Plan")
    under = 2_500_000 - plan.annual_cost_usd
    cost = page.get_by_test_id("stMetric").filter(has_text="Annual cost")
    expect(cost).to_contain_text(f"{format_usd(under)} under budget")
    expect(cost).not_to_contain_text("-$")
    # The reshaped plan: data engineers and a backend developer in place of the rules' three
    # generalists, and an ML engineer worth their cost (plan.shaping).
    assert plan.allocation["full_stack_data_scientist"] == 0
    assert plan.allocation["ml_engineer"] == 1
    page.get_by_text("ML Engineer: 1 person").click()
    engineer = page.get_by_test_id("stExpander").filter(has_text="ML Engineer: 1 person")
    expect(engineer).to_contain_text("a person more of it buys quality at least as cheaply")
    expect(engineer).to_contain_text("Covered 100%")
    whole_page_screenshot(page, "quality-plan-fashion")


@pytest.mark.browser
def test_plan_page_says_how_the_plan_was_shaped_and_trade_offs_show_it_on_the_frontier(
    app_server: str, page: Page
) -> None:
    plan = recommend(FASHION)  # scaleup (auto: 800 employees)
    assert plan.setup == "scaleup" and plan.shaping is not None and plan.shaping.moves
    open_app(page, app_server)
    go_to(page, "Plan")
    shaped = page.get_by_test_id("stMarkdown").filter(has_text="How the plan is shaped:")
    expect(shaped).to_contain_text(f"size this team at {sum(plan.shaping.rules_plan.values())}")
    for move in plan.shaping.moves:
        expect(shaped).to_contain_text(move.text)
        expect(shaped).to_contain_text(f"({move.effect})")
    screenshot(page, "quality-plan-shaping-fashion")
    go_to(page, "Trade-offs")
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible(timeout=TIMEOUT_MS)
    screenshot(page, "quality-tradeoffs-recommended-fashion")


@pytest.mark.browser
def test_compare_says_which_setup_another_beats(
    app_server: str, page: Page, tmp_path: Path
) -> None:
    """The seed startup's triage model in production: the scaleup setup's data engineer beside
    one full-stack data scientist is a little cheaper than the startup's two generalists and
    scores higher (as a prototype, which feels less of their depth gap, both setups staff the
    same team)."""
    live = SEED.model_copy(
        update={
            "name": "Seed startup, triage model in production",
            "projects": [SEED.projects[0].model_copy(update={"stage": "production"})],
        }
    )
    comparison = compare_setups(live, Assumptions.defaults())
    startup, scaleup = comparison.plans["startup"], comparison.plans["scaleup"]
    assert startup.annual_cost_usd > scaleup.annual_cost_usd and startup.quality < scaleup.quality
    path = tmp_path / "live.json"
    path.write_text(live.model_dump_json())
    open_app(page, app_server)
    upload_scenario_file(page, path)
    expect(page.get_by_role("textbox", name="Scenario name")).to_have_value(live.name)
    go_to(page, "Compare")
    extra = format_usd(startup.annual_cost_usd - scaleup.annual_cost_usd)
    expect(
        page.get_by_text(f"The startup setup costs {extra} more and scores", exact=False)
    ).to_contain_text("scaleup is the better buy.", timeout=TIMEOUT_MS)
    whole_page_screenshot(page, "quality-compare-seed")


@pytest.mark.browser
def test_tradeoffs_changes_compare_the_plans(app_server: str, page: Page) -> None:
    open_app(page, app_server)
    go_to(page, "Trade-offs")
    expect(page.get_by_role("heading", name="Trade-offs", exact=True)).to_be_visible()
    expect(page.get_by_text("points more (quality", exact=False).first).to_be_visible(
        timeout=TIMEOUT_MS
    )
    expect(page.get_by_text("coverage drops to")).to_have_count(0)
    whole_page_screenshot(page, "quality-tradeoffs-fashion")


@pytest.mark.browser
def test_a_scenario_without_projects_has_no_quality_score(
    app_server: str, page: Page, tmp_path: Path
) -> None:
    path = tmp_path / "empty.json"
    path.write_text(json.dumps({"name": "Nothing yet", "company": {"employees": 4000}}))
    open_app(page, app_server)
    upload_scenario_file(page, path)
    expect(page.get_by_role("textbox", name="Scenario name")).to_have_value("Nothing yet")
    go_to(page, "Plan")
    quality = page.get_by_test_id("stMetric").filter(has_text="Quality")
    expect(quality).to_contain_text("No score")
    expect(page.get_by_text(NO_QUALITY)).to_be_visible()
    expect(page.get_by_test_id("stSidebar")).to_contain_text("No quality score yet")
    whole_page_screenshot(page, "quality-plan-no-projects")
