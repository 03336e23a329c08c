"""Setups side by side: the three plans, and findings worked out from their figures."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given

from mlplanner.examples import example_scenarios
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import evaluate, recommend
from mlplanner.model.quality import portfolio, shown_difference
from mlplanner.model.scenario import SETUPS, Scenario
from mlplanner.model.staffing import choose_setup, individual_contributors
from mlplanner.model.wording import format_usd, people
from mlplanner.reports.comparison import (
    TOPIC_TITLES,
    WORK_NAMES,
    SetupComparison,
    absorbed_work,
    better_setup,
    compare_setups,
    dominated_sentence,
    dominating,
    headcount_headline,
    single_points,
    tradeoff_headline,
    worth_more,
)
from tests.support import strategies
from tests.support.builders import (
    assumptions_with,
    drone_vision_startup,
    project_data,
    robotics_research_startup,
    scenario,
)

DEFAULTS = Assumptions.defaults()
# One small live tabular model: startup and scaleup both staff two full-stack data scientists.
CHURN = scenario(project_data("Churn", "tabular", scale="small", stage="production"), employees=300)
# Three small and one large analytics research project: 8.1 FTE of contributors' work, two
# teams' worth (9 people, rounded up); the mature plan staffs 8 (data engineering's 1.09 and
# research's 2.12 FTE round down) with one lead, so one of the two teams is unled. Its budget
# ($1.9M) stops the second lead, which would be worth its cost (``mlplanner/model/shaping.py``).
UNLED = scenario(
    project_data("P0", "analytics", scale="small", stage="research", count=3),
    project_data("P1", "analytics", scale="large", stage="research"),
    employees=500,
    budget=1_900_000,
)


# The seed startup's prototype feeling the generalists' whole depth gap, as production work
# does, and capped at half its delivery when nobody serves its demo: its three setups then
# staff three different teams (startup two full-stack data scientists, scaleup a data engineer
# and one, mature a data engineer and a data scientist), which the findings below are about.
# With the shipped ``depth_need`` (a prototype feels half the gap) the startup and scaleup
# setups staff the same team; with the shipped weakest link of a prototype's deployment (0.2)
# the scaleup setup staffs the mature team.
FULL_GAP = assumptions_with(
    depth_need={"prototype": 1.0},
    weakest_link={**DEFAULTS.weakest_link, "prototype.deployment": 0.5},
)


def compared(file_name: str, assumptions: Assumptions = DEFAULTS) -> SetupComparison:
    return compare_setups(example_scenarios()[file_name], assumptions)


def texts(c: SetupComparison, topic: str) -> list[str]:
    return [f.text for f in c.findings if f.topic == topic]


def test_the_three_plans_are_the_recommendations_under_each_setup() -> None:
    s = example_scenarios()["seed_startup.json"]
    c = compare_setups(s, DEFAULTS)
    assert c.setups == SETUPS
    for setup in SETUPS:
        assert c.plans[setup].allocation == recommend(s, setup).allocation
        assert c.plans[setup].setup == setup
    assert c.chosen == choose_setup(s.company, DEFAULTS, None).setup == "startup"


@strategies.ENGINE_SETTINGS
@given(strategies.scenarios(min_projects=1))
def test_findings_cover_every_topic_and_name_the_cheapest_and_best(s: Scenario) -> None:
    c = compare_setups(s, DEFAULTS)
    costs = {setup: c.plans[setup].annual_cost_usd for setup in c.setups}
    assert costs[c.cheapest] == min(costs.values())
    top = max(c.plans[setup].quality for setup in c.setups)
    assert c.plans[c.best].quality >= top - 0.05
    for topic in TOPIC_TITLES:
        assert texts(c, topic), topic
    for finding in c.findings:
        assert finding.text.strip()
        assert "nan" not in finding.text.lower().split()
    assert format_usd(costs[c.cheapest]) in " ".join(texts(c, "summary"))


def test_setups_giving_the_same_team_are_named_together() -> None:
    c = compare_setups(CHURN, DEFAULTS)
    assert c.teams == (("startup", "scaleup"), ("mature",))
    assert c.name("scaleup") == "Startup and Scaleup"
    summary = texts(c, "summary")
    assert any(t.startswith("Startup and Scaleup give the same team") for t in summary)
    assert len(texts(c, "generalists")) == 1


def test_a_dearer_setup_that_scores_lower_is_called_out() -> None:
    """The seed startup's scaleup plan has a data engineer where the startup plan has a second
    full-stack data scientist: a little cheaper, and it scores higher."""
    c = compared("seed_startup.json", FULL_GAP)
    startup, scaleup = c.plans["startup"], c.plans["scaleup"]
    assert startup.annual_cost_usd > scaleup.annual_cost_usd
    assert startup.quality < scaleup.quality
    extra = format_usd(startup.annual_cost_usd - scaleup.annual_cost_usd)
    gap = shown_difference(scaleup.quality, startup.quality)  # as the figures read
    assert (
        f"The startup setup costs {extra} more and scores {gap:.1f} lower than scaleup for this "
        "portfolio: scaleup is the better buy." in texts(c, "summary")
    )
    assert sum("better buy" in t for t in texts(c, "summary")) == 1  # mature is cheaper
    [cost] = [t for t in texts(c, "cost") if t.startswith("The Startup team")]
    assert "That buys" in cost  # against the cheapest setup, mature


def test_no_setup_is_called_the_better_buy_when_none_beats_another() -> None:
    c = compared("fashion_retailer.json")
    startup, mature = c.plans["startup"], c.plans["mature"]
    assert startup.annual_cost_usd < mature.annual_cost_usd
    assert startup.quality < mature.quality
    assert not [t for t in texts(c, "summary") if "better buy" in t]


def test_a_team_two_setups_share_is_named_as_both_when_it_is_beaten() -> None:
    s = example_scenarios()["fashion_retailer.json"]
    c = compare_setups(s, DEFAULTS)
    mature = c.plans["mature"]
    shared = c.plans["startup"]
    dearer = replace(
        shared,
        roles=tuple(
            replace(line, annual_cost_usd=line.annual_cost_usd + 50_000) if line.headcount else line
            for line in shared.roles
        ),
    )
    beaten = SetupComparison(
        plans={"startup": dearer, "scaleup": dearer, "mature": mature},
        chosen=c.chosen,
        chosen_reason=c.chosen_reason,
    )
    extra = format_usd(dearer.annual_cost_usd - mature.annual_cost_usd)
    assert dearer.annual_cost_usd > mature.annual_cost_usd
    [sentence] = [t for t in texts(beaten, "summary") if "better buy" in t]
    assert sentence.startswith(f"The startup and scaleup setups cost {extra} more and score ")
    assert sentence.endswith("lower than mature for this portfolio: mature is the better buy.")


def test_generalist_finding_names_the_absorbed_work_and_what_mature_hires() -> None:
    c = compared("seed_startup.json", FULL_GAP)
    startup = c.plans["startup"]
    work = absorbed_work(startup)
    assert set(work) >= {"data_engineer", "data_scientist"}
    [text] = [t for t in texts(c, "generalists") if t.startswith("Startup:")]
    assert text.startswith("Startup: 2 Full-Stack Data Scientists cover ")
    assert f"{work['data_engineer']:.1f} FTE of data engineering" in text
    assert "with no specialist for that work" in text  # the startup plan has none
    assert "60% in data engineering" in text
    assert "; prototype work feels" not in text
    assert (
        "The mature setup staffs more specialists in those roles: 1 Data Engineer instead of "
        "none and 1 Data Scientist instead of none." in text
    )


def test_a_prototype_staffed_by_generalists_is_said_to_feel_less_of_their_depth_gap() -> None:
    c = compared("seed_startup.json")
    assert c.teams == (("startup", "scaleup"), ("mature",))
    [text] = [t for t in texts(c, "generalists") if t.startswith("Startup and Scaleup:")]
    assert "60% in data engineering" in text
    assert "(editable assumptions); prototype work feels 50% of that gap. " in text


def test_generalists_beside_specialists_are_not_said_to_work_alone() -> None:
    """The fashion retailer's reshaped startup plan has a data engineer: the full-stack data
    scientists top up data engineering beside him and do deployment and integration alone."""
    c = compared("fashion_retailer.json")
    startup = c.plans["startup"]
    assert startup.allocation["data_engineer"] == 1
    [text] = [t for t in texts(c, "generalists") if t.startswith("Startup:")]
    work = absorbed_work(startup)
    assert f"{work['data_engineer']:.1f} FTE of data engineering beside 1 Data Engineer" in text
    assert "with no specialist for that work" not in text
    assert "; no specialist does deployment and serving and backend integration." in text
    assert "1 ML Engineer instead of none and 1 Backend Developer instead of none." in text


@strategies.ENGINE_SETTINGS
@given(strategies.scenarios(min_projects=1))
def test_generalist_findings_say_which_specialists_work_beside_them(s: Scenario) -> None:
    """Every work the generalists carry is named beside the plan's own specialists of that role,
    or as work no specialist does; what the mature setup staffs more is its real headcount."""
    c = compare_setups(s, DEFAULTS)
    for group in c.teams:
        plan = c.plans[group[0]]
        work = absorbed_work(plan)
        found = [t for t in texts(c, "generalists") if t.startswith(f"{c.name(group[0])}: ")]
        if not plan.allocation["full_stack_data_scientist"] or not work:
            assert not found
            continue
        [text] = found
        for role, fte in work.items():
            part = f"{fte:.1f} FTE of {WORK_NAMES[role]}"
            if plan.allocation[role]:
                assert f"{part} beside {people(plan.allocation[role], role)}" in text
            else:
                assert f"{part} beside" not in text
                assert "no specialist" in text
        mature = c.plans["mature"]
        for role in work:
            if "mature" not in group and mature.allocation[role] > plan.allocation[role]:
                assert f"{people(mature.allocation[role], role)} instead of " in text


def test_quality_finding_explains_the_components_that_drop() -> None:
    c = compared("seed_startup.json", FULL_GAP)
    assert c.best == "scaleup"  # a data engineer and a full-stack data scientist
    [mature] = [t for t in texts(c, "quality") if t.startswith("The Mature team")]
    plan, best = c.plans["mature"], c.plans["scaleup"]
    resilience = plan.quality_components["resilience"]
    assert f"Resilience {resilience:.0f} vs {best.quality_components['resilience']:.0f}" in mature
    assert "Data Engineer" in mature and "rest on one person" in mature
    deployment = best.quality_detail.coverage_by_phase["deployment"]
    assert 0 < deployment < 100  # the one full-stack data scientist covers part of it
    assert f"deployment (0% covered vs {deployment:.0f}%)" in mature
    assert "It does better on depth" in mature


def test_cost_finding_lists_every_role_change_with_its_cost() -> None:
    c = compared("seed_startup.json", FULL_GAP)
    assert c.cheapest == "mature"
    [startup] = [t for t in texts(c, "cost") if t.startswith("The Startup team")]
    step = c.plans["startup"].annual_cost_usd - c.plans["mature"].annual_cost_usd
    assert f"costs {format_usd(step)} more a year than the Mature team" in startup
    assert "-1 Data Engineer (-$" in startup and "+2 Full-Stack Data Scientists (+" in startup
    assert "quality points" in startup and "a year per point" in startup


def test_single_points_are_roles_one_person_can_do() -> None:
    s = scenario(project_data("Churn"))
    lone = evaluate(s, {"data_engineer": 1, "data_scientist": 2, "developer": 1})
    assert single_points(lone) == ["data_engineer", "developer"]
    helped = evaluate(s, {"data_engineer": 1, "developer": 1, "full_stack_data_scientist": 1})
    assert single_points(helped) == ["data_analyst", "data_scientist", "ml_engineer"]


def test_headlines_state_the_differences() -> None:
    c = compared("seed_startup.json", FULL_GAP)
    assert headcount_headline(c) == "All three setups staff 3 people; they differ in which roles"
    step = c.plans["scaleup"].annual_cost_usd - c.plans["mature"].annual_cost_usd
    gain = shown_difference(c.plans["scaleup"].quality, c.plans["mature"].quality)
    assert (
        tradeoff_headline(c) == f"Scaleup: +{gain:.1f} quality for {format_usd(step)} more a year"
    )
    fashion = compared("fashion_retailer.json")
    # The scaleup plan adds an ML engineer worth their cost (``mlplanner/model/shaping.py``).
    assert headcount_headline(fashion) == "Scaleup staffs 9 people, startup 8"
    # Under the delivery score the scaleup retailer's specialists deliver visibly more than the
    # startup's generalists, for a little more money.
    step = fashion.plans["scaleup"].annual_cost_usd - fashion.plans["startup"].annual_cost_usd
    gain = shown_difference(fashion.plans["scaleup"].quality, fashion.plans["startup"].quality)
    assert gain >= 20
    assert tradeoff_headline(fashion) == (
        f"Scaleup: +{gain:.1f} quality for {format_usd(step)} more a year"
    )


def test_coordination_losses_count_the_teams_the_work_needs() -> None:
    c = compare_setups(UNLED, DEFAULTS)
    mature = c.plans["mature"]
    teams = portfolio(mature.demand, DEFAULTS).teams
    assert individual_contributors(mature.allocation) == 8 and teams == 2
    missing = teams - mature.allocation["team_lead"]
    coordination = mature.quality_components["coordination"]
    assert missing == 1 and coordination < 100
    assert c.best != "mature" and c.plans[c.best].quality_components["coordination"] == 100
    [text] = [t for t in texts(c, "quality") if t.startswith("The Mature team")]
    assert (
        f"Coordination {coordination:.0f} vs 100: 1 of the {teams} teams the work needs has no "
        "lead." in text
    )


def test_kinds_of_work_feeling_the_same_share_of_the_gap_are_named_together() -> None:
    s = scenario(
        project_data("Churn", scale="small"),
        project_data("Lab", stage="prototype"),
        project_data("Search", deployment="online"),
        employees=30,
    )
    c = compare_setups(s, DEFAULTS)
    text = " ".join(t for t in texts(c, "generalists") if "Full-Stack" in t)
    assert "; prototype and batch-scored production work feel 50% of that gap." in text
    lab_only = assumptions_with(depth_need={"prototype": 0.25, "batch_production": 1.0})
    edited = compare_setups(s, lab_only)
    text = " ".join(t for t in texts(edited, "generalists") if "Full-Stack" in t)
    assert "; prototype work feels 25% of that gap." in text


def test_a_plan_another_setup_beats_says_so_for_the_plan_page_and_the_cli() -> None:
    """A review's 12-person vision startup, planned as a startup by its size: the scaleup
    plan costs less and scores more, and the plan says so in the Compare page's sentence. A
    plan no other setup beats says nothing."""
    s = drone_vision_startup()
    plan = recommend(s)
    c = compare_setups(s, DEFAULTS)
    assert plan.setup == "startup" and dominating(c, "startup") == "scaleup"
    assert c.plans["scaleup"].annual_cost_usd < plan.annual_cost_usd
    assert c.plans["scaleup"].quality > plan.quality
    sentence = better_setup(plan)
    assert sentence == dominated_sentence(c, "startup", "scaleup")
    assert sentence is not None and sentence.endswith("scaleup is the better buy.")
    assert better_setup(recommend(s, "scaleup")) is None
    assert better_setup(recommend(example_scenarios()["fashion_retailer.json"])) is None


def test_a_dearer_setup_buying_its_points_more_cheaply_is_named_for_a_setup_chosen_by_size() -> (
    None
):
    """A review's robotics startup, planned as a startup by its size: its generalists score
    63.5 on RL research, the scaleup plan's specialists 85.7 for 2% more, buying their extra
    points far more cheaply than the startup plan buys its own. The plan says so; not where
    the user chose the startup setup, and not where the extra costs more per point."""
    s = robotics_research_startup()
    plan = recommend(s)
    c = compare_setups(s, DEFAULTS)
    assert plan.setup == "startup" and dominating(c, "startup") is None
    scaleup = c.plans["scaleup"]
    extra = scaleup.annual_cost_usd - plan.annual_cost_usd
    assert 0 < extra < 0.05 * plan.annual_cost_usd
    assert worth_more(c, "startup") == "scaleup"
    gap = shown_difference(scaleup.quality, plan.quality)
    own = plan.quality / plan.annual_cost_usd * 1_000_000
    assert better_setup(plan) == (
        f"The scaleup setup's plan scores {gap:.1f} more for {format_usd(extra)} more a year: "
        f"{(scaleup.quality - plan.quality) / extra * 1_000_000:.0f} points per $1M, against "
        f"{own:.0f} for this plan's own people, so the extra buys quality more cheaply than "
        "the plan does."
    )
    assert better_setup(recommend(robotics_research_startup("startup"))) is None  # chosen
    # a budget the scaleup plan is past: not suggested, whether the startup plan fits it or
    # is past it too (it read beside "the plan already costs more than the budget")
    for budget in (1_710_000, 1_500_000):
        tight = robotics_research_startup(budget=budget)
        assert budget < recommend(tight, "scaleup").annual_cost_usd
        assert better_setup(recommend(tight)) is None
    roomy = robotics_research_startup(budget=2_000_000)
    assert better_setup(recommend(roomy)) == better_setup(plan)
    fashion = example_scenarios()["fashion_retailer.json"]
    assert worth_more(compare_setups(fashion, DEFAULTS), recommend(fashion).setup) is None
