"""Sentences about a hiring timeline: the first year's cost against the plan's, and the team the
timeline's last quarter needs where it is not the plan's."""

from __future__ import annotations

from mlplanner.examples import example_scenarios
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.scenario import parse_scenario
from mlplanner.model.wording import format_usd
from mlplanner.reports.timeline_texts import (
    LEFT_OUT,
    NOBODY_TO_STAFF,
    NOT_IN_HORIZON,
    NOT_ON_BUDGET,
    absorption_text,
    first_year_text,
    project_staffed,
    staffed_headline,
    staffed_quarter,
)
from mlplanner.timeline.simulation import simulate
from tests.support.builders import live_bandit, project_data, scenario
from tests.timeline.test_simulation import no_attrition, tight_retailer


def test_a_timeline_that_ends_at_the_plan_says_what_the_full_team_costs() -> None:
    s = example_scenarios()["fashion_retailer.json"]
    existing = {"data_scientist": 2, "data_analyst": 2}  # nobody kept beyond the work
    company = s.company.model_copy(update={"existing_team": existing})
    timeline = simulate(s.model_copy(update={"company": company}))
    assert sum(line.target for line in timeline.quarters[-1].roles) == sum(timeline.target.values())
    steady = format_usd(timeline.plan_cost_usd)
    assert first_year_text(timeline).endswith(
        f"the full team costs {steady} a year once everyone is in place."
    )


def test_a_timeline_with_staff_beyond_the_work_says_what_the_work_needs() -> None:
    """The fashion retailer's three analysts are one more than its work needs: a leaver among
    them is not replaced, so the timeline ends at the team the work needs, and says so
    beside the plan's full team."""
    timeline = simulate(example_scenarios()["fashion_retailer.json"])
    last = timeline.quarters[-1]
    needed = sum(line.target for line in last.roles)
    assert needed == sum(timeline.target.values()) - 1
    assert first_year_text(timeline).endswith(f"by {last.quarter} the work needs {needed} people.")


def test_a_project_going_live_says_the_last_quarter_needs_another_team_than_the_plan() -> None:
    # Read as a head of ML would: "fully staffed at 7 people" beside "the full team costs
    # $2.39M once everyone is in place", a team of 11 the timeline never reaches (the fraud
    # model goes live in its fourth quarter and needs only its run effort from then on).
    scenario = parse_scenario(
        {
            "name": "Fintech",
            "company": {"employees": 60, "region": "us", "plan_start": "2027-Q1"},
            "projects": [
                {
                    "name": "Credit",
                    "domain": "tabular",
                    "stage": "production",
                    "deployment": "online",
                },
                {
                    "name": "Fraud",
                    "domain": "tabular",
                    "stage": "production",
                    "data_readiness": "raw",
                    "deployment": "online",
                    "start": "2027-Q2",
                    "live_from": "2027-Q4",
                },
            ],
        }
    )
    timeline = simulate(scenario)
    last = timeline.quarters[-1]
    needed = sum(line.target for line in last.roles)
    planned = sum(timeline.target.values())
    assert needed < planned
    text = first_year_text(timeline)
    assert (
        f"the plan's full team ({planned} people, the projects as the scenario gives them)" in text
    )
    assert f"by {last.quarter} the work needs {needed} people" in text
    assert "once everyone is in place" not in text
    # "Fully staffed" is for the work of its quarter, which is not the plan's either.
    assert timeline.fully_staffed is not None
    then = next(q for q in timeline.quarters if q.quarter == timeline.fully_staffed)
    staffed = sum(line.target for line in then.roles)
    assert staffed < planned
    assert staffed_headline(timeline).endswith(
        f", for the work as it then stands ({staffed} people; the plan's team is for the "
        "projects as the scenario gives them)"
    )


def test_staff_beyond_the_work_do_not_make_fully_staffed_a_work_of_another_shape() -> None:
    """A live model run by twelve people employed, more than its work needs: the work never
    changes, so "Fully staffed" says nothing of the work as it then stands (a review read
    "3 people, where the plan's 13 are for the projects as the scenario gives them")."""
    s = scenario(
        project_data("Churn", lifecycle="run"),
        employees=400,
        existing={"data_analyst": 6, "data_scientist": 3, "data_engineer": 3},
    )
    s = s.model_copy(update={"company": s.company.model_copy(update={"plan_start": "2027-Q1"})})
    timeline = simulate(s)
    last = timeline.quarters[-1]
    assert sum(line.target for line in last.roles) < sum(timeline.target.values())
    assert staffed_headline(timeline) == "Fully staffed in 2027-Q2 (the plan starts 2027-Q1)"


def test_a_budget_below_the_plan_is_named_in_the_figures_and_sentences() -> None:
    scenario = tight_retailer(1_500_000)
    timeline = simulate(scenario, assumptions=no_attrition())
    advice = timeline.budget_advice
    assert advice is not None and advice.part is not None
    assert staffed_quarter(timeline) == NOT_ON_BUDGET
    assert timeline.budget_team_from is not None
    assert staffed_headline(timeline) == (
        f"The team the budget buys is in place from {timeline.budget_team_from}. "
        f"{timeline.why_not_staffed}"
    )
    dates = {p.name: p for p in timeline.projects}
    assert project_staffed(dates["Recs"]) == LEFT_OUT
    part = dates[advice.part.project]
    assert project_staffed(part) == f"{part.staffed}, {advice.part.percent}% of its work"
    assert project_staffed(dates["Churn"]) == dates["Churn"].staffed
    steady = format_usd(timeline.plan_cost_usd)
    assert first_year_text(timeline).endswith(
        f"the team the budget buys costs {steady} a year once everyone is in place."
    )
    # Without a budget the horizon is what ends the count.
    unbounded = simulate(
        scenario.model_copy(
            update={"company": scenario.company.model_copy(update={"annual_budget_usd": None})}
        ),
        quarters=1,
    )
    assert staffed_quarter(unbounded) == NOT_IN_HORIZON


def test_the_absorption_limit_is_said_with_the_plan_warning_s_figures() -> None:
    defaults = Assumptions.defaults()
    assert absorption_text(defaults) == (
        "no more hires in a year than the team absorbs: one per person in it at the "
        "year's start, at least 6"
    )
    faster = defaults.model_copy(update={"warn_hire_growth": 1.5, "warn_min_hires": 8})
    assert "1.5 per person in it" in absorption_text(faster)
    assert absorption_text(faster).endswith("at least 8")


def test_a_budget_below_the_team_staffing_no_project_hires_nobody_and_says_so() -> None:
    """A "team the budget buys" dearer than the budget was printed: $438k on $400k, the
    existing team and the outsourced annotation of projects it leaves out."""
    scenario = tight_retailer(100_000)
    timeline = simulate(scenario, assumptions=no_attrition())
    advice = timeline.budget_advice
    assert advice is not None and advice.plan is None
    assert timeline.budget_team_from is None and sum(q.hires for q in timeline.quarters) == 0
    assert first_year_text(timeline).endswith(
        "the budget does not cover even the cheapest team it can advise "
        f"({format_usd(advice.smallest_cost_usd)} a year), so the timeline hires nobody."
    )
    assert all(project_staffed(p) == LEFT_OUT for p in timeline.projects)


def test_a_project_not_staffed_in_the_horizon_is_not_said_to_be_outside_it() -> None:
    """ "Not in the horizon" was printed for projects starting inside it that the horizon
    ends before staffing."""
    timeline = simulate(tight_retailer(10_000_000), quarters=2)
    unstaffed = [p for p in timeline.projects if p.staffed is None]
    assert unstaffed and all(project_staffed(p) == "Not staffed in the horizon" for p in unstaffed)


def test_a_plan_of_nobody_is_not_fully_staffed_but_has_nobody_to_staff() -> None:
    """A mature company's one small live bandit, below the rules' cut: its plan under a
    $100k budget is nobody, which read "Fully staffed from the plan start"."""
    bandit = scenario(
        live_bandit(),
        employees=40,
        setup="mature",
        region="au",
        budget=100_000,
    )
    timeline = simulate(bandit)
    assert not any(timeline.target.values())
    assert staffed_quarter(timeline) == NOBODY_TO_STAFF
    assert staffed_headline(timeline) == "Nobody to staff: the plan has no one"
