"""Plan page (AppTest): metrics, role table, charts, explanations, hiring list, overrides."""

from typing import Any

import pytest

from mlplanner.examples import example_scenarios
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import NO_QUALITY, recommend
from mlplanner.model.quality import DEFINITION
from mlplanner.model.roles import ROLE_COLORS, ROLES, role_label
from mlplanner.model.scenario import Scenario, parse_scenario
from mlplanner.model.wording import format_usd
from mlplanner.reports.comparison import better_setup
from mlplanner.reports.quality_limits import quality_limits
from mlplanner.reports.timeline_texts import ADOPTED_TIMELINE
from mlplanner.ui.chart_cache import PEOPLE_CHART_KEY, QUALITY_CHARTS_KEY
from mlplanner.ui.model_help import MODEL_HELP_KEY
from mlplanner.ui.ranges_views import TORNADO_KEY
from mlplanner.ui.role_swatch import SWATCH_COLUMN, swatch
from mlplanner.ui.state import IN_FORCE, OVERRIDE, InForce, Override
from tests.app.apptest import (
    PLAN_PAGE,
    button,
    chart_specs,
    chart_titles,
    current_scenario,
    go_to,
    metric,
    open_app,
    open_expanders,
    open_why_each_head,
    run,
    subtitle,
    texts,
)
from tests.support.builders import assumptions_with, drone_vision_startup, portfolio_data

FASHION = "fashion_retailer.json"


def as_startup(scenario: Scenario) -> Scenario:
    """The scenario planned as a startup (the fashion retailer's: two full-stack data
    scientists, who carry the ML engineering and backend work)."""
    company = scenario.company.model_copy(update={"setup": "startup"})
    return scenario.model_copy(update={"company": company})


def plan_page(scenario: Scenario, override: Override | None = None) -> Any:
    at = open_app(scenario)
    if override is not None:
        at.session_state[OVERRIDE] = override
    return go_to(at, PLAN_PAGE)


@pytest.mark.parametrize("file_name", sorted(example_scenarios()))
def test_headline_metrics_come_first_and_match_the_plan(file_name: str) -> None:
    scenario = example_scenarios()[file_name]
    plan = recommend(scenario)
    at = plan_page(scenario)
    assert [m.label for m in at.metric] == ["People", "Hires", "Annual cost", "Quality"]
    assert metric(at, "People") == str(plan.total_headcount)
    assert metric(at, "Hires") == str(plan.total_hires)
    assert metric(at, "Annual cost") == format_usd(plan.annual_cost_usd)
    assert metric(at, "Quality") == f"{plan.quality:.1f} / 100"
    [quality] = [m for m in at.metric if m.label == "Quality"]
    assert quality.help.startswith(DEFINITION)
    assert f"**Setup: {plan.setup}** ({plan.setup_reason})" in texts(at.markdown)
    assert not at.error


def test_role_table_lists_every_role_in_lifecycle_order_in_display_units() -> None:
    scenario = as_startup(example_scenarios()[FASHION])  # full-stack data scientists
    plan = recommend(scenario)
    table = plan_page(scenario).dataframe[0].value
    # The role's colour dot, then what a narrow screen must show without scrolling.
    assert list(table.columns[:4]) == [SWATCH_COLUMN, "Role", "People", "Annual cost"]
    roles, total = table.iloc[:-1], table.iloc[-1]
    assert list(roles[SWATCH_COLUMN]) == [swatch(role) for role in ROLES]
    assert total[SWATCH_COLUMN] == ""
    assert list(roles["Role"]) == [role_label(role) for role in ROLES]
    assert list(roles["People"]) == [plan.allocation[role] for role in ROLES]
    assert list(roles["Annual cost"]) == [format_usd(line.annual_cost_usd) for line in plan.roles]
    # As "Why each head" says: the generalists carry other roles' demand, roles without
    # demand have no coverage figure, roles without people show what the generalists cover.
    carried = sum(fte for _, _, fte in plan.explanations["full_stack_data_scientist"].demand)
    demand = dict(zip(ROLES, roles["Demand (FTE)"], strict=True))
    assert demand["full_stack_data_scientist"] == pytest.approx(carried) and carried > 0.5
    coverage = dict(zip(ROLES, roles["Coverage"], strict=True))
    assert coverage["research_scientist"] == coverage["annotator"] == ""
    assert coverage["team_lead"] == coverage["full_stack_data_scientist"] == ""
    assert plan.allocation["ml_engineer"] == 0 and coverage["ml_engineer"] == "100%"
    assert plan.explanations["ml_engineer"].coverage.startswith("Covered 100%")
    for line in plan.roles:
        if line.role != "full_stack_data_scientist":
            assert demand[line.role] == pytest.approx(line.fte_demand)
    assert total["Role"] == "Total"
    assert total["People"] == plan.total_headcount == roles["People"].sum()
    assert total["Hires"] == plan.total_hires == roles["Hires"].sum()
    assert total["Existing"] == roles["Existing"].sum()
    assert total["Demand (FTE)"] == pytest.approx(plan.demand.total)
    assert total["Annual cost"] == format_usd(plan.staff_cost_usd)


def test_many_outsourced_projects_are_listed_in_a_table_not_a_sentence() -> None:
    scenario = parse_scenario(portfolio_data(200))
    plan = recommend(scenario)
    at = plan_page(scenario)
    [caption] = [c for c in texts(at.caption) if "outsourced annotation" in c]
    assert caption == (
        f"People {format_usd(plan.staff_cost_usd)} + outsourced annotation "
        f"{format_usd(plan.vendor_cost_usd)} = {format_usd(plan.annual_cost_usd)} a year."
    )
    vendors = next(d.value for d in at.dataframe if "Outsourced annotation" in d.value.columns)
    assert list(vendors["Outsourced annotation"]) == [line.source for line in plan.vendor_lines]
    assert metric(at, "People") == f"{plan.total_headcount:,}"
    assert plan.total_headcount >= 1000  # so the separator shows


def test_a_few_outsourced_projects_are_named_in_the_sentence() -> None:
    scenario = example_scenarios()["enterprise_portfolio.json"]
    plan = recommend(scenario)
    at = plan_page(scenario)
    [caption] = [c for c in texts(at.caption) if "outsourced annotation" in c]
    for line in plan.vendor_lines:
        assert f"{line.source} {format_usd(line.annual_cost_usd)}" in caption
    assert not any("Outsourced annotation" in d.value.columns for d in at.dataframe)


def test_charts_state_their_point_use_role_colours_and_have_tooltips() -> None:
    scenario = example_scenarios()["enterprise_portfolio.json"]
    at = plan_page(scenario)
    # The charts are drawn only once their expanders are open; their points are in words
    # above them.
    assert not chart_titles(at)
    assert (
        "Shelf monitoring draws the most people: 6.4 of 37. Data Analyst and Data "
        "Scientist are the largest roles: 8 each of 37 people." in texts(at.markdown)
    )
    held_back = " ".join(quality_limits(recommend(scenario)).sentences)
    assert held_back.startswith("The most delivery is lost on Shelf monitoring")
    assert (
        "Quality 93 of 100, weakest: delivery at 93. Every phase of the lifecycle is fully "
        "covered. " + held_back in texts(at.markdown)
    )
    at = open_expanders(at, PEOPLE_CHART_KEY, QUALITY_CHARTS_KEY, TORNADO_KEY)
    assert chart_titles(at) == [
        "Shelf monitoring draws the most people: 6.4 of 37",
        "Quality 93 of 100, weakest: delivery at 93",
        "Every phase of the lifecycle is fully covered",
        f"Yearly cost {format_usd(recommend(scenario).annual_cost_usd)}: what moves it",
    ]
    headcount, *scores = chart_specs(at)
    assert subtitle(headcount) == (
        "Data Analyst and Data Scientist are the largest roles: 8 each of 37 people"
    )
    staffed = [role for role in ROLES if recommend(scenario).allocation[role] > 0]
    colour = headcount["encoding"]["color"]["scale"]
    assert colour["domain"] == [role_label(role) for role in staffed]
    assert colour["range"] == [ROLE_COLORS[role] for role in staffed]
    assert headcount["encoding"]["tooltip"]
    for spec in scores:
        assert all(layer["encoding"]["tooltip"] for layer in spec["layer"])


def test_every_head_is_explained_by_its_rule_and_demand() -> None:
    scenario = as_startup(example_scenarios()[FASHION])  # generalists absorb two roles
    plan = recommend(scenario)
    at = plan_page(scenario)
    staffed = [role for role in ROLES if plan.allocation[role] > 0]
    closed = [e for e in at.expander if ": " in e.label]
    assert [e.label.split(":")[0] for e in closed] == [role_label(r) for r in staffed]
    assert not any(e.children for e in closed)  # drawn only once opened
    open_why_each_head(at)
    expanders = {e.label: e for e in at.expander if ": " in e.label}
    for role in staffed:
        explanation = plan.explanations[role]
        (expander,) = [e for label, e in expanders.items() if label.startswith(role_label(role))]
        assert f"**Rule:** {explanation.rule}" in texts(expander.markdown)
        [line] = [line for line in plan.roles if line.role == role]
        if line.coverage is not None:  # the role table's figure, said the same way
            assert f"**Coverage:** Covered {line.coverage:.0f}%" in " ".join(
                texts(expander.markdown)
            )
        if explanation.demand:
            demand = expander.dataframe[0].value
            assert not demand.isna().any().any()
            total = sum(fte for _, _, fte in explanation.demand)
            assert demand["Total"].sum() == pytest.approx(total)
    absorbed = [r for r in ROLES if plan.allocation[r] == 0 and plan.explanations[r].demand]
    assert absorbed
    listed = " ".join(texts(at.markdown))
    for role in absorbed:
        [line] = [line for line in plan.roles if line.role == role]
        assert (
            f"- {role_label(role)}: {plan.explanations[role].rule}. Covered {line.coverage:.0f}% ("
            in listed
        )


def test_how_the_plan_is_shaped_names_the_rules_team_and_each_move() -> None:
    fashion = example_scenarios()[FASHION]
    scaleup = fashion.model_copy(
        update={"company": fashion.company.model_copy(update={"setup": "scaleup"})}
    )
    plan = recommend(scaleup)
    assert plan.shaping is not None and plan.shaping.moves
    at = plan_page(scaleup)
    [shown] = [m for m in texts(at.markdown) if m.startswith("**How the plan is shaped:**")]
    assert shown == f"**How the plan is shaped:** {plan.shaping.summary}"
    rules_people = sum(plan.shaping.rules_plan.values())
    assert f"The setup's rules size this team at {rules_people} people for " in shown
    assert f"quality {plan.quality:.1f} at {format_usd(plan.annual_cost_usd)} a year" in shown
    for move in plan.shaping.moves:
        assert move.text in shown and f"({move.effect})" in shown
    # The fashion retailer's scaleup space is scored whole: one change to its best plan; then
    # three changes worth their cost, each said with what it bought.
    assert plan.shaping.exact
    assert (
        "the best plan staffed this setup's way has one Data Engineer and one Backend "
        "Developer instead of two Full-Stack Data Scientists"
    ) in shown
    assert len(plan.shaping.additions) == 3
    for addition in plan.shaping.additions:
        assert addition.sentence in shown
    assert shown.startswith("**How the plan is shaped:** The setup's rules size this team")
    # Each role the moves or the additions changed says so in its rule in "Why each head".
    changed = [role for role in ROLES if plan.shaping.change(role)]
    assert "ml_engineer" in changed
    for role in changed:
        added = role in ("ml_engineer", "developer", "data_engineer")
        said = "a person more of it buys quality" if added else "moved to a dearer role"
        assert said in plan.explanations[role].rule


def test_an_adopted_allocation_has_no_shaping_to_show() -> None:
    override = Override({"data_scientist": 4, "data_analyst": 3}, "Lean team")
    at = plan_page(example_scenarios()[FASHION], override)
    assert not any(m.startswith("**How the plan is shaped:**") for m in texts(at.markdown))


def test_hiring_list_only_when_the_company_has_an_existing_team() -> None:
    with_team = plan_page(example_scenarios()[FASHION])
    assert "Hiring list" in texts(with_team.subheader)
    assert "4 hires costing" in " ".join(texts(with_team.caption))
    without = plan_page(example_scenarios()["seed_startup.json"])
    assert "Hiring list" not in texts(without.subheader)


def test_a_plan_over_budget_says_so() -> None:
    enterprise = example_scenarios()["enterprise_portfolio.json"]
    tight = enterprise.model_copy(
        update={"company": enterprise.company.model_copy(update={"annual_budget_usd": 5e6})}
    )
    at = plan_page(tight)
    assert "This plan costs $7.43M a year, $2.43M over the budget of $5.00M." in texts(at.warning)
    [cost] = [m for m in at.metric if m.label == "Annual cost"]
    assert cost.delta == "$2.43M over budget"


def test_a_plan_under_budget_says_by_how_much_without_a_minus_sign() -> None:
    fashion = example_scenarios()[FASHION]
    at = plan_page(fashion)
    under = 2_500_000 - recommend(fashion).annual_cost_usd
    [cost] = [m for m in at.metric if m.label == "Annual cost"]
    assert cost.delta == f"{format_usd(under)} under budget"


def test_no_projects_says_what_to_do_and_still_shows_the_baseline() -> None:
    scenario = example_scenarios()[FASHION].model_copy(update={"projects": []})
    at = plan_page(scenario)
    links = at.get("page_link")
    assert [link.proto.label for link in links] == ["Add a project to see a plan"]
    assert any(w.startswith("No projects yet") for w in texts(at.warning))
    assert not chart_specs(at)  # every chart drawn only once its expander is open
    at = open_expanders(at, PEOPLE_CHART_KEY, QUALITY_CHARTS_KEY)
    assert len(chart_specs(at)) == 1  # where the people go; no quality, no coverage chart
    assert int(metric(at, "People")) == recommend(scenario).total_headcount
    assert metric(at, "Quality") == "No score"
    [quality] = [m for m in at.metric if m.label == "Quality"]
    assert quality.help == NO_QUALITY
    assert NO_QUALITY in texts(at.info)
    assert not any("What would raise quality most" in text for text in texts(at.markdown))
    # AppTest shows the sidebar of an app with st.navigation on its first run only.
    assert texts(open_app(scenario).sidebar.markdown)[-1].endswith("  \nNo quality score yet")


def test_an_adopted_allocation_is_flagged_and_can_be_dropped() -> None:
    scenario = example_scenarios()[FASHION]
    override = Override({"data_scientist": 4, "data_analyst": 3}, "Lean team")
    at = plan_page(scenario, override)
    assert metric(at, "People") == "7"
    assert any("Showing an adopted allocation: Lean team" in m for m in texts(at.markdown))
    assert any(c.startswith("For the adopted allocation") for c in texts(at.caption))
    # The timeline box staffs the recommendation: it says so before its team's cost.
    assert ADOPTED_TIMELINE in texts(at.caption)
    recommended = recommend(scenario)
    explained = [e.label.split(":")[0] for e in at.expander if ": " in e.label]
    assert explained == [role_label(r) for r in ROLES if override.allocation.get(r)]

    button(at, "Back to the recommendation").click()
    run(at)
    assert OVERRIDE not in at.session_state
    assert metric(at, "People") == str(recommended.total_headcount)
    assert not any("adopted allocation" in m for m in texts(at.markdown))
    assert ADOPTED_TIMELINE not in texts(at.caption)
    assert current_scenario(at) == scenario


def test_how_the_model_works_uses_the_numbers_in_force() -> None:
    at = plan_page(example_scenarios()[FASHION])
    (closed,) = [e for e in at.expander if e.label == "How the model works"]
    assert not closed.children  # drawn only once opened
    at.session_state[MODEL_HELP_KEY] = True
    run(at)
    (help_box,) = [e for e in at.expander if e.label == "How the model works"]
    text = " ".join(texts(help_box.markdown))
    assert DEFINITION in text
    assert "Staffed exactly to demand a role delivers 90%" in text
    assert "rule of thumb, not a measurement" in text
    # How the recommended plan is chosen: the rules' cost, then moves in the setup's own way.
    words = " ".join(text.split())
    assert "the recommended plan is the best plan staffed the setup's way that costs no" in words
    assert "data science and specialists come only for the work they leave (past 1 FTE" in words
    assert "**mature**, no new full-stack data scientists" in words
    assert texts(help_box.caption) == [
        "Numbers from the assumption set in force: Shipped defaults."
    ]
    # A startup whose generalists leave data science to specialists is described so.
    setups = Assumptions.defaults().model_dump()["setups"]
    setups["startup"] |= {"generalists_absorb_data_science": False, "absorb_below_fte": 0.5}
    at.session_state[IN_FORCE] = InForce(assumptions_with(setups=setups), "Lean generalists")
    run(at)
    (help_box,) = [e for e in at.expander if e.label == "How the model works"]
    words = " ".join(" ".join(texts(help_box.markdown)).split())
    assert (
        "**startup**, specialists come only for the work full-stack data scientists leave "
        "(past 0.5 FTE of a role" in words
    )
    assert "do the data science" not in words


def test_where_the_people_go_says_an_empty_team_once() -> None:
    scenario = example_scenarios()["seed_startup.json"]
    at = plan_page(scenario, Override({}, "Nobody"))
    assert metric(at, "People") == "0"
    assert "Nobody is staffed in this plan." in texts(at.markdown)


def test_the_plan_says_when_another_setup_is_the_better_buy() -> None:
    """Under the setup line, the Compare page's sentence where another setup's plan costs less
    and scores more (a review's vision startup: scaleup); nothing where none does."""
    s = drone_vision_startup()
    sentence = better_setup(recommend(s))
    assert sentence is not None
    infos = texts(plan_page(s).info)
    assert any(t.startswith(sentence) and "Compare page" in t for t in infos)
    fashion = texts(plan_page(example_scenarios()[FASHION]).info)
    assert not any("better buy" in t for t in fashion)
