"""Budget advice by whole projects: within the budget, the setup's own staffing, deployers
for every funded production model, and the projects left out named."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mlplanner.model.plan import recommend
from mlplanner.model.scenario import Scenario, load_scenario
from mlplanner.paths import EXAMPLES_DIR
from mlplanner.search.budget_plan import fund_projects
from tests.model.test_quality_properties import portfolios

DEPLOYERS = ("ml_engineer", "developer", "full_stack_data_scientist")


def test_a_budget_covering_the_recommended_plan_staffs_every_project() -> None:
    s = load_scenario(EXAMPLES_DIR / "fashion_retailer.json")
    advice = fund_projects(s, recommend(s).annual_cost_usd)
    assert advice.unstaffed == () and advice.message == "The budget staffs every project."


def test_a_tight_budget_names_the_projects_it_leaves_out() -> None:
    s = load_scenario(EXAMPLES_DIR / "enterprise_portfolio.json")
    advice = fund_projects(s, 0.6 * recommend(s).annual_cost_usd)
    assert advice.plan is not None and advice.unstaffed
    assert all(name in advice.message for name in advice.unstaffed)
    assert set(advice.funded) | set(advice.unstaffed) == {p.name for p in s.projects}


@settings(max_examples=25, deadline=None)
@given(
    portfolios(min_projects=2, max_projects=5),
    st.floats(0.2, 1.2),
    st.sampled_from(("startup", "scaleup", "mature")),
)
def test_advice_fits_follows_the_setup_and_keeps_deployers(
    s: Scenario, share: float, setup: str
) -> None:
    budget = share * recommend(s, setup).annual_cost_usd
    advice = fund_projects(s, budget, setup)
    if advice.plan is None:
        return
    assert advice.plan.annual_cost_usd <= budget
    funded = s.model_copy(update={"projects": [p for p in s.projects if p.name in advice.funded]})
    # The setup's own staffing of the funded projects: generalists for a startup.
    assert advice.plan.allocation == recommend(funded, setup).allocation
    if advice.funded:  # production models with deployment work get someone able to deploy
        assert sum(advice.plan.allocation[r] for r in DEPLOYERS) > 0
