"""Plan page (AppTest): what the budget buys by whole projects when the recommended plan
costs more than the budget, and adopting it."""

from typing import Any

from mlplanner.examples import example_scenarios
from mlplanner.model.plan import recommend
from mlplanner.model.roles import ROLES, role_label
from mlplanner.model.scenario import Scenario
from mlplanner.model.wording import format_usd, joined, people
from mlplanner.search.budget_plan import describe, fund_projects
from mlplanner.ui.state import OVERRIDE, SCENARIO
from tests.app.apptest import PLAN_PAGE, button, go_to, metric, open_app, run, texts
from tests.support.builders import insurer

HEADING = "Within your budget of $4.20M"


def with_budget(name: str, budget: float | None) -> Scenario:
    s = example_scenarios()[name]
    return s.model_copy(
        update={"company": s.company.model_copy(update={"annual_budget_usd": budget})}
    )


def plan_page(scenario: Scenario) -> Any:
    return go_to(open_app(scenario), PLAN_PAGE)


def test_a_budget_below_the_recommended_cost_shows_what_it_buys_and_adopting_uses_it() -> None:
    scenario = with_budget("enterprise_portfolio.json", 4.2e6)
    advice = fund_projects(scenario, 4.2e6)
    assert advice.plan is not None and advice.funded and advice.unstaffed
    at = plan_page(scenario)
    assert HEADING in texts(at.subheader)
    # The rule says how it weighs whole projects against the Trade-offs page's best plan.
    rule = "It shows whichever scores highest for the whole portfolio"
    assert any(rule in caption for caption in texts(at.caption))
    markdown = texts(at.markdown)
    assert describe(advice) in markdown
    assert f"**Staffed:** {joined(advice.funded)}" in markdown
    assert f"**Left unstaffed:** {joined(advice.unstaffed)}" in markdown
    team = joined([people(n, role) for role, n in advice.plan.allocation.items() if n])
    assert f"**Team:** {team} ({people(advice.plan.total_headcount)})" in markdown

    button(at, "Adopt this plan").click()
    run(at)
    # The projects it leaves unstaffed go on hold and the one in part is planned for its
    # share: the labelling of the work left out is not bought, so the page prices and scores
    # what the advice said. Its team is then the recommended plan of that scenario, so the
    # page shows the recommendation (it had said "not the recommendation").
    held = [p.name for p in at.session_state[SCENARIO].projects if p.on_hold]
    assert held == list(advice.unstaffed)
    assert advice.part is not None
    [part] = [p for p in at.session_state[SCENARIO].projects if p.name == advice.part.project]
    assert part.work_percent == advice.part.percent
    assert OVERRIDE not in at.session_state
    assert any(
        t.startswith("Adopted the budget advice") and t.endswith("it is now the recommended plan.")
        for t in texts(at.success)
    )
    assert metric(at, "People") == str(advice.plan.total_headcount)
    assert metric(at, "Annual cost") == format_usd(advice.plan.annual_cost_usd)
    assert metric(at, "Quality") == f"{advice.plan.quality:.1f} / 100"
    warnings = " ".join(texts(at.warning))
    assert f"On hold, so not planned: {joined(advice.unstaffed)}" in warnings
    assert f"Planned in part: {advice.part.project} ({advice.part.percent}% of its work)" in (
        warnings
    )
    # "Why each head" explains the team, role by role.
    explained = [e.label.split(":")[0] for e in at.expander if ": " in e.label]
    assert explained == [role_label(r) for r in ROLES if advice.plan.allocation[r]]
    # (AppTest draws the sidebar on a session's first run only: the browser test checks it.)


def test_a_budget_the_recommended_plan_fits_shows_no_advice() -> None:
    scenario = with_budget("enterprise_portfolio.json", 10e6)
    assert recommend(scenario).annual_cost_usd <= 10e6
    at = plan_page(scenario)
    assert not any(s.startswith("Within your budget") for s in texts(at.subheader))
    assert not any(b.label == "Adopt this plan" for b in at.button)


def test_no_budget_shows_no_advice() -> None:
    at = plan_page(with_budget("enterprise_portfolio.json", None))
    assert not any(s.startswith("Within your budget") for s in texts(at.subheader))


def test_a_budget_below_the_team_staffing_no_project_says_so_without_a_button() -> None:
    scenario = with_budget("enterprise_portfolio.json", 1e6)
    advice = fund_projects(scenario, 1e6)
    assert advice.plan is None
    at = plan_page(scenario)
    assert "Within your budget of $1.00M" in texts(at.subheader)
    assert advice.message in texts(at.warning)
    assert not any(b.label == "Adopt this plan" for b in at.button)


def test_a_project_staffed_in_part_is_named_with_its_share() -> None:
    scenario = with_budget("enterprise_portfolio.json", 7e6)
    advice = fund_projects(scenario, 7e6)
    assert advice.part is not None and not advice.unstaffed
    at = plan_page(scenario)
    assert "Within your budget of $7.00M" in texts(at.subheader)
    markdown = texts(at.markdown)
    assert f"**Staffed:** {joined(advice.funded)}" in markdown
    assert f"**In part:** Customer-support chatbot ({advice.part.percent}% of its work)" in markdown
    # Its quality with its people on the work it staffs, and once adopted.
    assert describe(advice) in markdown and "once adopted" in describe(advice)
    assert not any(m.startswith("**Left unstaffed:**") for m in markdown)


def test_a_team_spread_thinly_over_every_project_says_so() -> None:
    """A review's insurer at $1.004M: the budget spreads six people over its three projects,
    which the page listed as "Staffed", as if each had its plan."""
    s = insurer()
    scenario = s.model_copy(
        update={"company": s.company.model_copy(update={"annual_budget_usd": 1_004_000})}
    )
    advice = fund_projects(scenario, 1_004_000)
    assert advice.plan is not None and advice.thin
    at = plan_page(scenario)
    markdown = texts(at.markdown)
    assert describe(advice) in markdown
    assert f"**Spread over:** {joined(advice.funded)}" in markdown
    assert not any(text.startswith("**Staffed:**") for text in markdown)
    # Adopted, it is not called "whole projects" (the Timeline and Compare name it too).
    button(at, "Adopt this plan").click()
    run(at)
    assert at.session_state[OVERRIDE].label == "a team spread over every project within $1.00M"
    assert "Adopted the budget advice." in texts(at.success)
