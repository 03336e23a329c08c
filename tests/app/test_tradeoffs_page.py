"""Trade-offs page (AppTest): the budget slider picks the plan; adopting one changes Plan."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import NO_QUALITY, recommend
from mlplanner.model.quality import DEFINITION
from mlplanner.model.roles import HEAD, LEAD, ROLES, role_label
from mlplanner.model.scenario import load_scenario, parse_scenario
from mlplanner.model.wording import format_usd
from mlplanner.paths import EXAMPLES_DIR
from mlplanner.reports.tradeoffs import budget_steps, headline, scenario_step_note, search_help
from mlplanner.search.alternatives import no_premium_note
from mlplanner.search.frontier import FrontierPoint, affordable, frontier, frontier_step
from mlplanner.ui.state import OVERRIDE
from tests.app.apptest import (
    PLAN_PAGE,
    TRADEOFFS_PAGE,
    chart_titles,
    go_to,
    key_of,
    metric,
    open_app,
    open_why_each_head,
    run,
    texts,
)
from tests.support.builders import large_team_data

FASHION = load_scenario(EXAMPLES_DIR / "fashion_retailer.json")
POINTS = frontier(FASHION)
# A budget the slider offers, about halfway along the fashion frontier.
MIDDLE = min(budget_steps(POINTS, 2_500_000), key=lambda usd: abs(usd - 1_300_000))


def test_the_page_opens_on_the_best_plan_under_the_scenario_budget() -> None:
    at = go_to(open_app(FASHION), TRADEOFFS_PAGE)
    best = affordable(POINTS, 2_500_000)
    assert best is not None
    # The budget buys every frontier plan: the slider starts at the budget itself, and the
    # page says its plan is the dearest of the frontier (clamped to it, the heading had read
    # "The best plan for $1.96M a year", not the budget).
    assert POINTS[-1].annual_cost_usd == best.annual_cost_usd < 2_500_000
    assert at.select_slider[0].value == 2_500_000
    assert at.subheader[0].value == "The best plan for $2.50M a year"
    assert any("This is the dearest of them." in info.value for info in at.info)
    assert metric(at, "Cost a year") == format_usd(best.annual_cost_usd)
    assert metric(at, "Quality") == f"{best.quality:.1f} / 100"
    [quality] = [m for m in at.metric if m.label == "Quality"]
    assert quality.help.startswith(DEFINITION)
    assert chart_titles(at) == [headline(POINTS)[0]]
    assert [b.label for b in at.download_button] == ["Download the frontier as CSV"]
    assert not any("steps of" in info.value for info in at.info)  # searched person by person
    # The search's help is drawn once opened.
    [help_box] = [e for e in at.expander if e.label == "Which plans the frontier is chosen from"]
    assert not help_box.children
    at.session_state["mlp.tradeoffs.search_help"] = True
    run(at)
    [help_box] = [e for e in at.expander if e.label == "Which plans the frontier is chosen from"]
    assert help_box.markdown[0].value == search_help(Assumptions.defaults())
    # An ML engineer in place of the last generalist scores 15 points more for $35k more.
    assert no_premium_note(Assumptions.defaults()) not in [c.value for c in at.caption]
    assert [b for b in at.button if b.key == "mlp.tradeoffs.adopt_premium"]


def assert_slider_picks_what_each_budget_buys(
    at: AppTest, points: list[FrontierPoint], budgets: list[float]
) -> None:
    for budget in budgets:
        at.select_slider[0].set_value(budget)
        run(at)
        chosen = affordable(points, budget)
        assert chosen is not None
        assert metric(at, "Cost a year") == format_usd(chosen.annual_cost_usd)
        assert metric(at, "People") == str(chosen.headcount)


def test_the_slider_changes_the_chosen_plan() -> None:
    at = go_to(open_app(FASHION), TRADEOFFS_PAGE)
    steps = budget_steps(POINTS, 2_500_000)
    assert_slider_picks_what_each_budget_buys(
        at, POINTS, [steps[0], steps[len(steps) // 3], steps[-1]]
    )
    cheapest = affordable(POINTS, steps[0])
    assert cheapest is not None and cheapest.annual_cost_usd == POINTS[0].annual_cost_usd


@pytest.mark.parametrize(
    ("file_name", "setup"),
    [
        ("seed_startup.json", "startup"),
        ("fashion_retailer.json", "scaleup"),
        ("seed_startup.json", "mature"),
    ],
)
def test_the_recommended_plan_is_on_the_frontier_and_shows_no_change_against_itself(
    file_name: str, setup: str
) -> None:
    # Every setup's recommendation is a plan of its own frontier: what its cost buys there.
    shipped = load_scenario(EXAMPLES_DIR / file_name)
    scenario = shipped.model_copy(
        update={"company": shipped.company.model_copy(update={"setup": setup})}
    )
    at = go_to(open_app(scenario), TRADEOFFS_PAGE)
    plan = recommend(scenario)
    points = frontier(scenario)
    chosen = affordable(points, plan.annual_cost_usd)
    assert chosen is not None and chosen.allocation == plan.allocation
    at.select_slider[0].set_value(plan.annual_cost_usd)
    run(at)
    assert "This is the recommended plan's allocation." in [m.value for m in at.markdown]
    deltas = {m.label: m.delta for m in at.metric if m.label in ("Cost a year", "Quality")}
    assert deltas == {"Cost a year": "", "Quality": ""}  # AppTest reads no delta as ""
    # The cheapest frontier plan is another plan: its changes are against the recommended one.
    cheapest = budget_steps(points, scenario.company.annual_budget_usd)[0]
    other = affordable(points, cheapest)
    assert other is not None and other.allocation != plan.allocation
    at.select_slider[0].set_value(cheapest)
    run(at)
    deltas = {m.label: m.delta for m in at.metric if m.label in ("Cost a year", "Quality")}
    assert deltas["Cost a year"].endswith("vs recommended")


def test_adopting_a_plan_changes_the_plan_page() -> None:
    at = go_to(open_app(FASHION), TRADEOFFS_PAGE)
    budget = MIDDLE
    at.select_slider[0].set_value(budget)
    run(at)
    chosen = affordable(POINTS, budget)
    assert chosen is not None
    at.button(key="mlp.tradeoffs.adopt_budget").click()
    run(at)
    assert at.session_state[OVERRIDE].allocation == chosen.allocation
    go_to(at, PLAN_PAGE)
    assert metric(at, "Annual cost") == format_usd(chosen.annual_cost_usd)
    assert metric(at, "People") == str(chosen.headcount)
    assert any("Showing an adopted allocation" in m.value for m in at.markdown)


def test_adopting_confirms_marks_the_heading_and_explains_the_adopted_heads() -> None:
    at = go_to(open_app(FASHION), TRADEOFFS_PAGE)
    budget = MIDDLE
    at.select_slider[0].set_value(budget)
    run(at)
    chosen = affordable(POINTS, budget)
    assert chosen is not None
    at.button(key="mlp.tradeoffs.adopt_budget").click()
    run(at)
    [confirmation] = texts(at.success)
    assert confirmation.startswith(f"Adopted the best plan for {format_usd(budget)}")
    assert f"The best plan for {format_usd(budget)} a year (adopted)" in texts(at.subheader)
    adopted = at.button(key="mlp.tradeoffs.adopt_budget")
    assert (adopted.label, adopted.disabled) == ("Adopted", True)
    open_why_each_head(go_to(at, PLAN_PAGE))
    assert any(c.startswith("For the adopted allocation") for c in texts(at.caption))
    rules = [m for m in texts(at.markdown) if m.startswith("**Rule:** The adopted allocation")]
    assert len(rules) == sum(1 for n in chosen.allocation.values() if n)


def test_adopting_a_named_plan_and_any_frontier_point() -> None:
    at = go_to(open_app(FASHION), TRADEOFFS_PAGE)
    at.button(key="mlp.tradeoffs.adopt_premium").click()
    run(at)
    label = at.session_state[OVERRIDE].label
    assert label == "premium plan (Trade-offs page)"
    at.selectbox(key=key_of(at.selectbox[0])).set_value(2)
    run(at)
    at.button(key="mlp.tradeoffs.adopt_point").click()
    run(at)
    assert at.session_state[OVERRIDE].allocation == POINTS[2].allocation


def test_adopting_the_recommended_plans_allocation_goes_back_to_the_recommendation() -> None:
    """Adopted as any other plan, the recommended plan's own allocation had the Plan page say
    "It is not the recommendation" and drop its ranges."""
    at = go_to(open_app(FASHION), TRADEOFFS_PAGE)
    at.selectbox(key=key_of(at.selectbox[0])).set_value(0)  # the cheapest frontier plan
    run(at)
    at.button(key="mlp.tradeoffs.adopt_point").click()
    run(at)
    assert at.session_state[OVERRIDE].allocation == POINTS[0].allocation
    at.button(key="mlp.tradeoffs.adopt_recommended").click()
    run(at)
    assert OVERRIDE not in at.session_state or at.session_state[OVERRIDE] is None
    assert "Back to the recommended plan" in " ".join(texts(at.success))
    # the lean plan is the recommended plan's allocation here: adopting it changes nothing
    at.button(key="mlp.tradeoffs.adopt_lean").click()
    run(at)
    assert OVERRIDE not in at.session_state or at.session_state[OVERRIDE] is None


def test_the_frontier_plan_list_follows_the_slider_and_keeps_a_pick_until_it_moves() -> None:
    at = go_to(open_app(FASHION), TRADEOFFS_PAGE)
    picker = key_of(at.selectbox[0])
    at.selectbox(key=picker).set_value(1)
    run(at)
    assert at.selectbox(key=picker).value == 1
    for budget in (MIDDLE, budget_steps(POINTS, 2_500_000)[-1]):
        at.select_slider[0].set_value(budget)
        run(at)
        chosen = affordable(POINTS, budget)
        assert chosen is not None
        assert at.selectbox(key=picker).value == POINTS.index(chosen)


def test_a_large_team_is_searched_in_steps_the_page_says_so_and_its_slider_works() -> None:
    large = parse_scenario(large_team_data())
    step = frontier_step(large)
    assert step > 1
    points = frontier(large)
    at = go_to(open_app(large), TRADEOFFS_PAGE)
    [info] = at.info
    assert info.value == scenario_step_note(large, Assumptions.defaults())
    assert f"steps of {step} people" in info.value
    assert chart_titles(at) == [headline(points)[0]]
    [table] = [frame for frame in at.dataframe if "Cost a year" in frame.value]  # every point
    assert len(table.value) == len(points)
    # Quality to one decimal on every row (22.0 showed as "22" beside "7.8").
    quality = json.loads(table.proto.columns)["Quality"]
    assert quality["type_config"]["format"] == "%.1f"
    # Heads of data & ML follow each point's leads (not in steps); the other roles move in
    # steps.
    plan = recommend(large)
    recommended = plan.allocation
    assert plan.shaping is not None
    leads = table.value[role_label(LEAD)].to_numpy()
    heads = plan.shaping.space.heads.for_leads(leads)
    assert table.value[role_label(HEAD)].tolist() == heads.tolist()
    shown_roles = [
        role_label(role) for role in ROLES if role != HEAD and role_label(role) in table.value
    ]
    headcounts = table.value[shown_roles]
    off_steps = headcounts[~(headcounts % step == 0).all(axis=1)]
    # Only the recommended plan (a candidate too) may be off the steps.
    assert shown_roles and len(off_steps) <= 1
    expected = {role_label(r): recommended[r] for r in ROLES if role_label(r) in shown_roles}
    for _, row in off_steps.iterrows():
        assert row.to_dict() == expected
    # No budget in the scenario: the slider starts at the recommended plan's cost.
    steps = budget_steps(points, None)
    start = recommend(large).annual_cost_usd
    assert at.select_slider[0].value == min(steps, key=lambda s: abs(s - start))
    assert_slider_picks_what_each_budget_buys(at, points, [steps[len(steps) // 4], steps[-1]])


def test_without_projects_there_is_no_frontier_but_the_reason() -> None:
    empty = FASHION.model_copy(update={"projects": []})
    at = go_to(open_app(empty), TRADEOFFS_PAGE)
    assert [i.value for i in at.info] == [NO_QUALITY + " Trade-offs weigh cost against quality."]
    assert not at.select_slider and not chart_titles(at)
    assert [link.proto.label for link in at.get("page_link")] == [
        "Add a project on the Scenario page"
    ]
    assert not at.exception


def test_the_roles_of_the_chosen_plan_are_drawn_once_opened() -> None:
    at = go_to(open_app(FASHION), TRADEOFFS_PAGE)
    [closed] = [e for e in at.expander if e.label == "Roles of this plan"]
    assert not closed.children
    at.session_state["mlp.tradeoffs.roles"] = True
    run(at)
    [roles] = [e for e in at.expander if e.label == "Roles of this plan"]
    chosen = affordable(POINTS, 2_500_000)
    assert chosen is not None
    table = roles.dataframe[0].value
    people = dict(zip(table["Role"], table["People"], strict=True))
    assert all(people[role_label(role)] == n for role, n in chosen.allocation.items())


def test_a_budget_whose_plan_scores_nothing_says_so_and_names_the_cheapest_that_scores() -> None:
    """The seed startup's cheapest plan is its annotator alone (in-house labelling needs one),
    who scores nothing; at that budget the page says so and what the cheapest plan that
    scores costs, instead of offering the hire as a trade-off like any other."""
    seed = load_scenario(EXAMPLES_DIR / "seed_startup.json")
    points = frontier(seed)
    assert points[0].quality == 0 < points[1].quality
    company = seed.company.model_copy(update={"annual_budget_usd": points[0].annual_cost_usd})
    at = go_to(open_app(seed.model_copy(update={"company": company})), TRADEOFFS_PAGE)
    assert metric(at, "Quality") == "0.0 / 100"
    warned = [w.value for w in at.warning if w.value.startswith("This plan scores nothing")]
    assert warned == [
        "This plan scores nothing: its people cannot deliver any project on their own. The "
        "cheapest plan that scores anything (1 Data Annotator, 1 Full-Stack Data Scientist) "
        f"costs {format_usd(points[1].annual_cost_usd)} a year."
    ]
    at = go_to(open_app(seed), TRADEOFFS_PAGE)  # its own budget buys a plan that scores
    assert not [w for w in at.warning if w.value.startswith("This plan scores nothing")]


def test_a_budget_below_the_cheapest_plan_buys_none_and_the_page_says_so() -> None:
    """Clamped to the cheapest plan, a $1.00M budget had read "The best plan for $1.06M a
    year", a plan over that budget, without a word."""
    company = FASHION.company.model_copy(update={"annual_budget_usd": 1_000_000})
    at = go_to(open_app(FASHION.model_copy(update={"company": company})), TRADEOFFS_PAGE)
    assert POINTS[0].annual_cost_usd > 1_000_000
    assert at.select_slider[0].value == 1_000_000
    assert at.subheader[0].value == "The best plan for $1.00M a year"
    assert [w.value for w in at.warning] == [
        "No plan fits this budget: the cheapest plan of this setup costs "
        f"{format_usd(POINTS[0].annual_cost_usd)} a year."
    ]
    assert not [m for m in at.metric if m.label == "Cost a year"]
    assert at.selectbox[0].value == 0  # the plan list starts on the cheapest, not the dearest
