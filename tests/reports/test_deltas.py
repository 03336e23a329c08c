"""Evaluations against a baseline: deltas per role, cost and quality; other assumptions flagged."""

import pytest

from mlplanner.model.plan import evaluate
from mlplanner.model.quality import COMPONENTS
from mlplanner.model.roles import ROLES
from mlplanner.reports.deltas import delta, deltas, quality_change
from tests.support.builders import assumptions_with, project_data, scenario

TEAM = {"data_engineer": 1, "data_scientist": 2, "ml_engineer": 1}


def test_an_evaluation_against_itself_changes_nothing() -> None:
    s = scenario(project_data("Churn"))
    base = evaluate(s, TEAM)
    same = delta(base, base, "same")
    assert same.cost_delta_usd == 0
    assert same.headcount_delta == 0
    assert same.quality_delta == 0
    assert same.component_deltas == dict.fromkeys(COMPONENTS, 0.0)
    assert same.changed_roles == ()
    assert same.same_assumptions and same.same_scenario
    assert [line.role for line in same.roles] == list(ROLES)


def test_one_more_data_engineer_shows_in_its_role_cost_and_quality() -> None:
    s = scenario(project_data("Churn", data_readiness="raw"))
    base = evaluate(s, TEAM)
    more = evaluate(s, {**TEAM, "data_engineer": 2})
    change = delta(base, more, "one more DE")
    [line] = change.changed_roles
    loaded = next(r.loaded_rate_usd for r in more.roles if r.role == "data_engineer")
    assert (line.role, line.baseline_headcount, line.headcount) == ("data_engineer", 1, 2)
    assert line.headcount_delta == 1
    assert line.cost_delta_usd == loaded
    assert change.cost_delta_usd == loaded
    assert change.headcount_delta == 1
    # The change as the two figures read (to one decimal), not their exact difference.
    assert change.quality_delta == round(more.quality, 1) - round(base.quality, 1)
    assert change.quality_delta > 0
    assert change.cost_delta_pct == 100 * loaded / base.annual_cost_usd


def test_deltas_keep_labels_and_order() -> None:
    s = scenario(project_data("Churn"))
    base = evaluate(s, TEAM)
    others = {
        "smaller": evaluate(s, {"data_scientist": 1}),
        "larger": evaluate(s, {**TEAM, "developer": 1}),
    }
    found = deltas(base, others)
    assert [d.label for d in found] == ["smaller", "larger"]
    assert found[0].cost_delta_usd < 0 < found[1].cost_delta_usd
    assert found[0].headcount_delta == 1 - 4


def test_an_evaluation_under_other_assumptions_says_so() -> None:
    s = scenario(project_data("Churn"))
    base = evaluate(s, TEAM)
    dearer = assumptions_with(
        rates={
            **base.assumptions.model_dump()["rates"],
            "us": {**base.assumptions.rates["us"], "data_scientist": 200_000.0},
        }
    )
    other = evaluate(s, TEAM, assumptions=dearer)
    change = delta(base, other, "dearer data scientists")
    assert not change.same_assumptions
    assert change.same_scenario
    [line] = change.changed_roles
    assert line.role == "data_scientist"
    assert line.headcount_delta == 0
    multiplier = base.assumptions.loaded_cost_multiplier
    expected = 2 * (200_000 - base.assumptions.rates["us"]["data_scientist"]) * multiplier
    assert abs(line.cost_delta_usd - expected) <= 1


def test_cost_change_has_no_percentage_against_a_free_baseline() -> None:
    s = scenario(project_data("Churn"))
    empty = evaluate(s, {})
    assert empty.annual_cost_usd == 0
    assert delta(empty, evaluate(s, TEAM), "team").cost_delta_pct is None


@pytest.mark.parametrize(
    ("quality", "baseline", "shown"),
    [
        (80.0, 80.0, None),
        (80.04, 80.0, None),
        (80.01, 80.04, None),
        (80.06, 80.0, "+0.1"),
        (78.74, 80.0, "-1.3"),
        (83.0, 80.0, "+3.0"),
        # 85.64 and 82.86 read 85.6 and 82.9: 2.7 apart, not the "+2.8" a review saw.
        (85.64, 82.86, "+2.7"),
        (80.04, 79.96, None),  # 0.08 apart, both read 80.0
    ],
)
def test_a_quality_change_is_the_difference_of_the_figures_shown(
    quality: float, baseline: float, shown: str | None
) -> None:
    assert quality_change(quality, baseline) == shown
