"""Compare page (AppTest): the three setups side by side, findings, charts, empty state."""

from typing import Any

import pytest

from mlplanner.examples import example_scenarios
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import NO_QUALITY
from mlplanner.model.quality import DEFINITION
from mlplanner.model.roles import ROLE_COLORS, ROLES, role_label
from mlplanner.model.scenario import SETUPS, Scenario
from mlplanner.model.wording import format_usd
from mlplanner.reports.comparison import (
    TOPIC_TITLES,
    compare_setups,
    headcount_headline,
    tradeoff_headline,
)
from mlplanner.ui.chart_cache import SETUP_CHARTS_KEY
from mlplanner.ui.state import IN_FORCE, OVERRIDE, InForce, Override
from tests.app.apptest import (
    COMPARE_PAGE,
    chart_specs,
    chart_titles,
    go_to,
    open_app,
    open_expanders,
    texts,
)
from tests.support.builders import assumptions_with


def compare_page(scenario: Scenario, assumptions: Assumptions | None = None) -> Any:
    at = open_app(scenario)
    if assumptions is not None:
        at.session_state[IN_FORCE] = InForce(assumptions, "Dear data scientists")
    return go_to(at, COMPARE_PAGE)


@pytest.mark.parametrize("file_name", sorted(example_scenarios()))
def test_shows_the_three_setups_with_their_figures(file_name: str) -> None:
    scenario = example_scenarios()[file_name]
    comparison = compare_setups(scenario, Assumptions.defaults())
    at = compare_page(scenario)
    headings = texts(at.subheader)
    for setup in SETUPS:
        name = setup.capitalize()
        expected = f"{name} (your setup)" if setup == comparison.chosen else name
        assert expected in headings
    costs = [m.value for m in at.metric if m.label == "Annual cost"]
    assert costs == [format_usd(comparison.plans[s].annual_cost_usd) for s in SETUPS]
    qualities = [m.value for m in at.metric if m.label == "Quality"]
    assert qualities == [f"{comparison.plans[s].quality:.1f}" for s in SETUPS]
    helps = [m.help for m in at.metric if m.label == "Quality"]
    assert all(h.startswith(DEFINITION) and "delivery, depth, resilience and" in h for h in helps)
    people = [m.value for m in at.metric if m.label == "People"]
    assert people == [str(comparison.plans[s].total_headcount) for s in SETUPS]


def test_explains_the_differences_under_every_topic() -> None:
    scenario = example_scenarios()["seed_startup.json"]
    comparison = compare_setups(scenario, Assumptions.defaults())
    markdown = "\n".join(texts(compare_page(scenario).markdown))
    for title in TOPIC_TITLES.values():
        assert f"**{title}**" in markdown
    for finding in comparison.findings:
        assert finding.text in markdown


def test_charts_state_their_point_in_role_colours() -> None:
    scenario = example_scenarios()["seed_startup.json"]
    comparison = compare_setups(scenario, Assumptions.defaults())
    at = compare_page(scenario)
    # Drawn only once their expander is open; their points are in words above it.
    assert not chart_titles(at)
    sentence = f"{headcount_headline(comparison)}. {tradeoff_headline(comparison)}."
    assert sentence in texts(at.markdown)
    at = open_expanders(at, SETUP_CHARTS_KEY)
    assert chart_titles(at) == [headcount_headline(comparison), tradeoff_headline(comparison)]
    bars, tradeoff = chart_specs(at)
    scale = bars["encoding"]["color"]["scale"]
    staffed = [r for r in ROLES if any(comparison.plans[s].allocation[r] for s in SETUPS)]
    assert scale["domain"] == [role_label(r) for r in staffed]
    assert scale["range"] == [ROLE_COLORS[r] for r in staffed]
    assert bars["encoding"]["tooltip"]
    assert all(layer["encoding"]["tooltip"] for layer in tradeoff["layer"])
    points = tradeoff["layer"][0]["encoding"]
    assert (points["x"]["field"], points["y"]["field"]) == ("cost_usd", "quality")


def test_side_by_side_table_has_a_column_per_setup_and_money_as_people_read_it() -> None:
    scenario = example_scenarios()["fashion_retailer.json"]
    comparison = compare_setups(scenario, Assumptions.defaults())
    [table] = compare_page(scenario).dataframe
    frame = table.value
    assert list(frame.columns) == ["", "Startup", "Scaleup (your setup)", "Mature"]
    cost = frame[frame[""] == "Annual cost"].iloc[0]
    assert cost["Mature"] == format_usd(comparison.plans["mature"].annual_cost_usd)
    assert list(frame[""])[: len(ROLES)] == [role_label(r) for r in ROLES]


def test_uses_the_assumptions_in_force() -> None:
    scenario = example_scenarios()["seed_startup.json"]
    dear = assumptions_with(loaded_cost_multiplier=2.0)
    at = compare_page(scenario, dear)
    comparison = compare_setups(scenario, dear)
    costs = [m.value for m in at.metric if m.label == "Annual cost"]
    assert costs == [format_usd(comparison.plans[s].annual_cost_usd) for s in SETUPS]
    assert "Dear data scientists" in texts(at.caption)[0]


def test_a_scenario_without_projects_says_what_to_do() -> None:
    empty = example_scenarios()["seed_startup.json"].model_copy(update={"projects": []})
    at = compare_page(empty)
    assert at.info[0].value.startswith(NO_QUALITY + " Without projects every setup staffs only")
    assert not at.get("vega_lite_chart")
    assert not [m for m in at.metric if m.label == "Annual cost"]


def test_an_adopted_allocation_is_said_to_be_on_the_plan_page() -> None:
    """A review adopted the Trade-offs page's premium plan and found Compare's "your setup"
    column still showing the recommendation, without a word."""
    fashion = example_scenarios()["fashion_retailer.json"]
    at = open_app(fashion)
    at.session_state[OVERRIDE] = Override({"data_scientist": 4}, "premium plan")
    at = go_to(at, COMPARE_PAGE)
    assert (
        "Each setup shows its recommended plan; the allocation you adopted (premium plan) is on "
        "the Plan page."
    ) in texts(at.info)
    assert not any("you adopted" in text for text in texts(compare_page(fashion).info))
