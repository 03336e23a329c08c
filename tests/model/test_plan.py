"""recommend and evaluate: they agree, every head is explained, empty and odd inputs work."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import given

from mlplanner.examples import example_scenarios
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.demand import SHARED_SOURCES
from mlplanner.model.plan import Evaluation, _fte, _fte_pair, evaluate, recommend
from mlplanner.model.rates import region_in_a_sentence, scaled_roles
from mlplanner.model.roles import GENERALIST, LEAD, ROLES, SPECIALIST_ROLES
from mlplanner.model.scenario import SETUPS, Scenario, load_scenario
from mlplanner.model.staffing import round_people
from mlplanner.model.wording import format_usd
from mlplanner.paths import EXAMPLES_DIR
from tests.support import strategies
from tests.support.builders import assumptions_with, project_data, scenario

DEFAULTS = Assumptions.defaults()


@strategies.ENGINE_SETTINGS
@given(strategies.scenarios(), strategies.setups)
def test_evaluate_reproduces_recommend_exactly(s: Scenario, setup: str) -> None:
    plan = recommend(s, setup)
    again = evaluate(s, plan.allocation, setup)
    assert again.annual_cost_usd == plan.annual_cost_usd
    assert again.quality == plan.quality
    assert again.quality_components == plan.quality_components
    assert again.roles == plan.roles
    assert again.vendor_lines == plan.vendor_lines
    plan_dict = plan.to_dict()
    del plan_dict["explanations"], plan_dict["shaping"]  # a plan's own: how it was made
    assert again.to_dict() == plan_dict


@strategies.ENGINE_SETTINGS
@given(strategies.scenarios(), strategies.setups)
def test_headcount_is_never_below_existing_staff(s: Scenario, setup: str) -> None:
    plan = recommend(s, setup)
    for line in plan.roles:
        assert line.existing == s.company.existing_team.get(line.role, 0)
        assert line.headcount >= line.existing
        assert line.hires == line.headcount - line.existing
    assert plan.total_hires == plan.total_headcount - sum(s.company.existing_team.values())


@strategies.ENGINE_SETTINGS
@given(strategies.scenarios(), strategies.setups)
def test_every_recommended_head_is_explained(s: Scenario, setup: str) -> None:
    plan = recommend(s, setup)
    assert plan.staffing is not None
    assert list(plan.explanations) == list(ROLES)
    for role, explanation in plan.explanations.items():
        assert explanation.headcount == plan.allocation[role]
        assert explanation.rule
        if explanation.headcount == 0:
            continue
        kept = "already employed" in explanation.rule
        if role in SPECIALIST_ROLES:
            assert explanation.demand or kept, role
            total = sum(fte for _, _, fte in explanation.demand)
            assert total == pytest.approx(plan.demand.by_role[role])
        elif role == GENERALIST:
            assert plan.staffing.absorbed_fte > 0 or kept
            if plan.staffing.absorbed_fte > 0:
                assert explanation.demand
        elif role == LEAD:
            assert "people the work needs" in explanation.rule or kept
        else:
            assert "team leads need someone above them" in explanation.rule or kept


@strategies.ENGINE_SETTINGS
@given(strategies.scenarios(), strategies.setups)
def test_plans_serialise_to_strict_json(s: Scenario, setup: str) -> None:
    data = recommend(s, setup).to_dict()
    assert json.loads(json.dumps(data, allow_nan=False)) == data
    assert [r["role"] for r in data["roles"]] == list(ROLES)
    assert set(data["explanations"]) == set(ROLES)


@pytest.mark.parametrize("setup", SETUPS)
def test_an_empty_project_list_gives_a_valid_plan_with_a_clear_message(setup: str) -> None:
    s = scenario(employees=3000)
    plan = recommend(s, setup)
    assert plan.messages[0] == (
        "No projects yet: the plan covers only the company analytics baseline. "
        "Add a project to see a full plan."
    )
    analysts = 3000 / DEFAULTS.baseline_employees_per_analyst
    assert plan.demand.total == pytest.approx(analysts)
    assert plan.demand.sources == ("Company analytics baseline", *SHARED_SOURCES.values())
    assert plan.annual_cost_usd == sum(line.annual_cost_usd for line in plan.roles)
    assert 0 <= plan.quality <= 100
    assert evaluate(s, plan.allocation, setup).quality == plan.quality
    json.dumps(plan.to_dict(), allow_nan=False)


def test_fashion_retailer_plan_follows_the_scaleup_rules() -> None:
    """The rules' plan as the scaleup setup sizes it; the recommended plan reshapes it
    (tests/model/test_shaping.py) but keeps the employed staff."""
    s = load_scenario(EXAMPLES_DIR / "fashion_retailer.json")
    plan = recommend(s)
    demand = plan.demand.by_role
    rule = DEFAULTS.setups["scaleup"]
    assert plan.setup == "scaleup"  # 800 employees
    assert plan.shaping is not None and plan.staffing is not None
    rules = plan.shaping.rules_plan
    for sized in (rules, plan.allocation):
        assert sized["data_scientist"] == 2  # existing staff covers the 1.5 FTE
        assert sized["data_analyst"] == 3  # three employed, more than demand needs
    # Generalists carry the first person's worth of the roles nobody is employed in.
    carried = {
        role: min(demand[role], rule.absorb_below_fte)
        for role in ("data_engineer", "ml_engineer", "developer")
    }
    assert plan.staffing.absorbed_fte == pytest.approx(sum(carried.values()))
    for role, fte in carried.items():
        rest = demand[role] - fte
        assert rules[role] == round_people(rest, rule.round_up_from)
    assert rules[GENERALIST] == round_people(
        sum(carried.values()) / DEFAULTS.generalist_capacity_fte, rule.round_up_from
    )
    assert plan.total_hires == plan.total_headcount - 5
    assert any(m.startswith("3 Data Analysts already employed for") for m in plan.messages)


def _budget_messages(plan: Evaluation) -> list[str]:
    return [m for m in plan.messages if "budget" in m]


def test_a_plan_over_budget_says_by_how_much() -> None:
    plan = recommend(scenario(project_data(), budget=100_000))
    over = plan.annual_cost_usd - 100_000
    assert _budget_messages(plan) == [
        f"This plan costs {format_usd(plan.annual_cost_usd)} a year, "
        f"{format_usd(over)} over the budget of $100k."
    ]
    assert plan.messages[0] == _budget_messages(plan)[0]


def test_a_plan_within_budget_has_no_budget_message() -> None:
    plan = recommend(scenario(project_data(), budget=50_000_000))
    assert _budget_messages(plan) == []
    assert plan.messages == recommend(scenario(project_data())).messages


def test_evaluate_notes_existing_staff_left_out_of_an_allocation() -> None:
    s = scenario(project_data(), existing={"data_engineer": 2})
    evaluation = evaluate(s, {"data_engineer": 1})
    assert "2 Data Engineer already employed, 1 in this plan." in evaluation.messages
    de = next(line for line in evaluation.roles if line.role == "data_engineer")
    assert de.hires == 0


def test_evaluate_counts_missing_roles_as_zero_and_lists_every_role() -> None:
    evaluation = evaluate(scenario(project_data()), {"data_scientist": 2})
    assert evaluation.allocation == {role: (2 if role == "data_scientist" else 0) for role in ROLES}


def test_evaluate_labels_the_setup_it_is_given() -> None:
    s = scenario(project_data(), employees=10)
    assert evaluate(s, {}).setup == "startup"
    assert evaluate(s, {}, setup="mature").setup == "mature"


@pytest.mark.parametrize(
    ("allocation", "problem"),
    [
        ({"wizard": 1}, "allocation.wizard: unknown role"),
        ({"data_scientist": -1}, "allocation.data_scientist: must be between 0 and 100,000"),
        ({"data_scientist": 100_001}, "allocation.data_scientist: must be between 0 and 100,000"),
        ({"data_scientist": 1.5}, "allocation.data_scientist: must be a whole number (got 1.5)"),
        ({"data_scientist": True}, "allocation.data_scientist: must be a whole number (got True)"),
    ],
)
def test_evaluate_rejects_bad_allocations_naming_the_role(
    allocation: dict[str, Any], problem: str
) -> None:
    with pytest.raises(ValueError) as caught:
        evaluate(scenario(project_data()), allocation)
    assert str(caught.value).startswith(problem)


def test_recommend_uses_the_scenarios_setup_unless_overridden() -> None:
    s = scenario(project_data(), employees=5000, setup="startup")
    assert recommend(s).setup == "startup"
    assert recommend(s, "mature").setup == "mature"
    assert recommend(s, "auto").setup == "startup"


def test_more_projects_never_make_a_cheaper_mature_plan() -> None:
    one = recommend(scenario(project_data(name="A")), "mature")
    two = recommend(scenario(project_data(name="A"), project_data(name="B")), "mature")
    assert two.annual_cost_usd >= one.annual_cost_usd


def test_a_plan_is_remembered_by_what_it_is_recommended_from() -> None:
    """The same scenario, setup and assumptions (equal, not the same objects) give the same
    plan object; a change to any of them gives a new plan of its own."""
    fashion = load_scenario(EXAMPLES_DIR / "fashion_retailer.json")
    plan = recommend(fashion, "scaleup", DEFAULTS)
    same = Scenario.model_validate_json(fashion.to_json())
    equal = Assumptions.model_validate_json(DEFAULTS.model_dump_json())
    assert recommend(same, "scaleup", equal) is plan
    bigger = fashion.model_copy(
        update={"company": fashion.company.model_copy(update={"employees": 99_999})}
    )
    assert recommend(bigger, "scaleup", DEFAULTS) is not plan
    assert recommend(fashion, "mature", DEFAULTS).setup == "mature"
    dearer = assumptions_with(loaded_cost_multiplier=DEFAULTS.loaded_cost_multiplier * 2)
    assert recommend(fashion, "scaleup", dearer).annual_cost_usd > plan.annual_cost_usd


def test_a_shortfall_is_never_shown_as_two_equal_figures() -> None:
    # "Covered 98% (2.0 of 2.0 FTE)" read as a contradiction.
    assert _fte_pair(1.96, 2.0) == "1.96 of 2.00"
    assert _fte_pair(1.4, 1.5) == "1.4 of 1.5"
    assert _fte_pair(2.0, 2.0) == "2.0 of 2.0"
    # A review's "Covered 96% (0.10 of 0.10 FTE)": three decimals where two tie.
    assert _fte_pair(0.096, 0.1) == "0.096 of 0.100"


def test_a_small_cover_is_not_shown_as_nobody() -> None:
    """ "Covered 44% (0.0 of 0.1 FTE): nobody is staffed for it" read beside the 44%: 0.04 FTE
    by full-stack data scientists shows with two decimals."""
    assert _fte(0.044) == "0.04"
    assert _fte(0.05) == "0.1"
    assert _fte(1.26) == "1.3"


def test_a_rule_naming_carriers_the_plan_lacks_says_so() -> None:
    """The fashion retailer as a scale-up: its rules have full-stack data scientists carry
    its ML engineering; the shaped plan has none and an ML engineer instead. The rule named
    the carriers alone."""
    plan = recommend(example_scenarios()["fashion_retailer.json"], "scaleup")
    assert plan.allocation[GENERALIST] == 0 < plan.allocation["ml_engineer"]
    explanation = plan.explanations["ml_engineer"]
    assert explanation.rule.startswith("scaleup: full-stack data scientists carry all")
    assert explanation.rule.endswith(
        "; reshaped, the plan has no full-stack data scientists, so its 1 ML Engineer does it"
    )
    assert "by its own people" in explanation.coverage
    rules_only = recommend(example_scenarios()["fashion_retailer.json"], "startup")
    assert not any(
        "reshaped, the plan has no" in e.rule for e in rules_only.explanations.values()
    ), "a plan with full-stack data scientists does not say it has none"


def test_where_the_work_comes_from_adds_up_to_the_role_s_demand() -> None:
    """Every role's parts add up, to a tenth, to the demand its title shows; a part that shows
    as 0.0 FTE is left out."""
    for example in example_scenarios().values():
        for setup in SETUPS:
            for explanation in recommend(example, setup).explanations.values():
                if not explanation.work:
                    continue
                total = sum(fte for _, _, fte in explanation.demand)
                parts = re.findall(r"(\d+\.\d) FTE", explanation.work_summary)
                assert round(sum(float(p) for p in parts), 1) == round(total, 1) or total < 0.05
                assert "0.0 FTE" not in explanation.work_summary or total < 0.05


def test_a_team_large_for_the_company_is_named_with_its_share_and_the_exception() -> None:
    """Past startup size, a team above ``warn_team_share`` of the company is named; the
    benchmark is a scale-up's, so a research lab or an AI product company is told it does not
    apply to it (a sceptical head of ML read it for a lab)."""
    defaults = Assumptions.defaults()
    lab = scenario(
        project_data("Protein model", "nlp", stage="research", scale="large", count=3),
        employees=120,
    )
    plan = recommend(lab)
    share = plan.total_headcount / 120
    assert share > defaults.warn_team_share and defaults.auto_startup_max_employees < 120
    [note] = [m for m in plan.messages if m.startswith("The ML and data team would be")]
    assert f"{share:.1%} of the company's 120 employees" in note
    assert "Unless ML is what the company sells (a research lab, an AI product company)" in note
    small = recommend(scenario(project_data("Churn"), employees=120))
    assert not [m for m in small.messages if m.startswith("The ML and data team would be")]


def test_projects_sharing_a_name_are_named_in_a_note() -> None:
    """The budget advice and the timeline say by name which projects are staffed; two projects
    with one name made "Credit scoring" both staffed and left out."""
    shared = scenario(
        project_data("Credit scoring"), project_data("Credit scoring", "nlp"), employees=60
    )
    notes = [m for m in recommend(shared).messages if "projects are named" in m]
    assert notes == [
        '2 projects are named "Credit scoring": the budget advice and the timeline say which '
        "projects are staffed by name, so rename one."
    ]
    apart = scenario(project_data("Credit scoring", count=3), project_data("Fraud"))
    assert not [m for m in recommend(apart).messages if "projects are named" in m]


def test_salaries_scaled_from_the_us_are_named_as_not_local() -> None:
    """A review read India's data scientists at $49k as two to three times local offers: the
    shipped Indian salaries are US medians times India's ratio (57 survey rows). The plan
    says so for the roles it has, priced that way; the US (its own medians) and a set whose
    salaries were edited get no note."""
    churn = project_data("Churn", "tabular", stage="production")
    india = recommend(scenario(churn, region="in"))
    [note] = [m for m in india.messages if m.startswith("Salaries in India")]
    staffed = [line for line in india.roles if line.headcount]
    scaled = scaled_roles("in")
    named = [line.label for line in staffed if line.role in scaled]
    assert named and all(label in note for label in named)
    assert "(0.312, from 57 survey rows)" in note
    assert not any(line.label in note for line in staffed if line.role not in scaled)
    assert not any(m.startswith("Salaries in") for m in recommend(scenario(churn)).messages)
    defaults = Assumptions.defaults()
    edited = {**defaults.rates, "in": {r: v * 0.5 for r, v in defaults.rates["in"].items()}}
    mine = recommend(scenario(churn, region="in"), assumptions=assumptions_with(rates=edited))
    assert not any(m.startswith("Salaries in") for m in mine.messages)
    # leads and heads priced from scaled salaries rest on them; a region named as in a sentence
    assert {"team_lead", "head_of_data"} <= set(scaled)
    assert region_in_a_sentence("nl") == "the Netherlands" and region_in_a_sentence("in") == "India"


def test_hiring_beside_people_beyond_their_work_says_moving_them_is_not_considered() -> None:
    """A review's retailer employs 34 people and adds one GenAI assistant: the plan hires
    three backend developers beside seven data engineers and seven data scientists beyond
    their roles' work. The plan says it keeps people in their roles. The fashion retailer's
    two analysts beyond their work could not take its four hires' place: no note."""
    retailer = scenario(
        project_data(
            "Shopping assistant (GenAI)",
            "generative_ai",
            scale="large",
            stage="production",
            deployment="online",
            priority=4,
        ),
        employees=8000,
        existing={
            "data_analyst": 10,
            "data_engineer": 8,
            "data_scientist": 9,
            "ml_engineer": 3,
            "team_lead": 3,
            "head_of_data": 1,
        },
    )
    plan = recommend(retailer)
    [note] = [m for m in plan.messages if "beyond their roles' work" in m]
    hired = [line for line in plan.roles if line.hires]
    assert hired and all(f"{line.hires} {line.label}" in note for line in hired)
    assert "7 Data Engineers" in note and "The planner keeps people in their roles" in note
    fashion = recommend(example_scenarios()["fashion_retailer.json"])
    assert fashion.total_hires > 0
    assert not any("beyond their roles' work" in m for m in fashion.messages)
    # annotators, leads and heads hired are not counted: surplus data scientists were told
    # they might do two annotators' labelling
    labelling = retailer.model_copy(
        update={
            "projects": [p.model_copy(update={"annotation": "in_house"}) for p in retailer.projects]
        }
    )
    labelled = recommend(labelling)
    [note] = [m for m in labelled.messages if "beyond their roles' work" in m]
    assert "Data Annotator" not in note.split(" while ")[0]
