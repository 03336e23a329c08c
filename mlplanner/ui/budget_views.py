"""The Plan page's budget advice: when the recommended plan costs more than the scenario's
budget, what that budget buys by whole projects (:mod:`mlplanner.search.budget_plan`), with a
button to adopt it.

The advice is cached by the scenario's and the assumptions' JSON text, like the Trade-offs
page's frontier: it prices many sets of projects, and the page reruns on every widget.
"""

from __future__ import annotations

import streamlit as st

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import recommend
from mlplanner.model.scenario import Scenario, scenario_from_json
from mlplanner.model.wording import format_usd, joined, people
from mlplanner.search.budget_plan import BudgetAdvice, describe, fund_projects
from mlplanner.ui.adoption import adopt, adopt_button
from mlplanner.ui.messages import flash
from mlplanner.ui.state import is_adopted, set_scenario
from mlplanner.ui.text import plain

RULE = (
    "The recommended plan costs more than the budget. This plan weighs two ways to spend it: "
    "whole projects, and a team spread over every project: the best plan within the budget "
    "(the Trade-offs page's), or the whole projects' own team where it can deploy every "
    "production model (it need not have the annotator the work it leaves out would need). "
    "By whole projects it leaves out the "
    "projects of lowest priority "
    "first (among equal priorities, the dearest first, so that it ships as many whole "
    "projects as it can, or one more where that scores higher: the existing team may then "
    "run some of them at no cost; or, where that scores higher, it takes the projects "
    "highest priority first and skips those whose team the budget cannot pay for), staffs "
    "the rest with the setup's rules' team for their work "
    "reshaped for its cost and changed beyond it where a change is worth its cost within the "
    "budget, with someone able to deploy every production model, and gives what is left to "
    "the last project left out, in part; its quality is then scored with its people on the "
    "work it staffs, the projects left out delivering nothing. It shows whichever scores "
    "highest for the whole portfolio (whole projects on a tie). It buys the outsourced "
    "labelling of the work it staffs only. Adopting it puts the projects it leaves unstaffed "
    "on hold and plans the one in part for its share (On hold and Work % on the Scenario "
    "page), and the plan is then scored as any plan is, with everyone on that work."
)


@st.cache_data(max_entries=16, show_spinner="Choosing the projects the budget can staff…")
def budget_advice(scenario_json: str, assumptions_json: str) -> BudgetAdvice | None:
    """What the scenario's budget buys by whole projects; ``None`` when there is no budget or
    the recommended plan fits it."""
    scenario = scenario_from_json(scenario_json)
    assumptions = Assumptions.model_validate_json(assumptions_json)
    budget = scenario.company.annual_budget_usd
    if budget is None or recommend(scenario, assumptions=assumptions).annual_cost_usd <= budget:
        return None
    return fund_projects(scenario, budget, assumptions=assumptions)


def render_budget_advice(scenario: Scenario, assumptions: Assumptions) -> None:
    """The section "Within your budget of $X", when the recommended plan costs more."""
    advice = budget_advice(scenario.to_json(), assumptions.model_dump_json())
    budget = scenario.company.annual_budget_usd
    if advice is None or budget is None:
        return
    plan = advice.plan
    adopted = plan is not None and is_adopted(plan.allocation)
    heading = f"Within your budget of {format_usd(budget)}"
    st.subheader(heading + (" (adopted)" if adopted else ""))
    st.caption(RULE)
    if plan is None:
        st.warning(plain(advice.message))
        return
    st.markdown(plain(describe(advice)))
    staffed = "Spread over" if advice.thin else "Staffed"
    lists = [f"**{staffed}:** {plain(joined(advice.funded)) or 'no project whole'}"]
    if advice.part is not None:
        part = advice.part
        lists.append(f"**In part:** {plain(part.project)} ({part.percent}% of its work)")
    if advice.unstaffed:
        lists.append(f"**Left unstaffed:** {plain(joined(advice.unstaffed))}")
    for column, text in zip(st.columns(len(lists)), lists, strict=True):
        column.markdown(text)
    team = [people(n, role) for role, n in plan.allocation.items() if n]
    st.markdown(f"**Team:** {joined(team) or 'nobody'} ({people(plan.total_headcount)})")
    adopt_button(
        plan.allocation,
        key="mlp.plan.adopt_budget_advice",
        on_click=_adopt,
        args=(advice, f"{_adopted_as(advice)} within {format_usd(budget)}"),
        help="Makes this plan the current one: this page, the sidebar and saving use it. "
        + (
            "It first puts the projects it leaves unstaffed on hold and plans the one in part "
            "for its share (undo on the Scenario page: untick On hold, set Work % back); "
            "where its team is then the recommended plan, the page shows the recommendation."
            if advice.unstaffed or advice.part is not None
            else "'Back to the recommendation' at the top of the page undoes it."
        ),
    )


def _adopt(advice: BudgetAdvice, label: str) -> None:
    """Adopt the advice: its scenario (the projects it leaves unstaffed on hold and the one in
    part planned for its share, so that the labelling of the work left out is not bought),
    then its allocation, unless that is the recommended plan of that scenario (then the
    recommendation stands: the page had called the advice "not the recommendation" where it
    was)."""
    plan = advice.plan
    if plan is None:
        return
    set_scenario(plan.scenario)
    changed = [f"{joined(advice.unstaffed)} on hold"] if advice.unstaffed else []
    if advice.part is not None:
        changed.append(f"{advice.part.project} planned for {advice.part.percent}% of its work")
    scenario = f" ({joined(changed)}: the Scenario page shows it)" if changed else ""
    if adopt(plan.allocation, label):
        flash("success", plain(f"Adopted the budget advice{scenario}."))
    else:
        flash(
            "success",
            plain(f"Adopted the budget advice{scenario}; it is now the recommended plan."),
        )


def _adopted_as(advice: BudgetAdvice) -> str:
    """What the adopted advice is called elsewhere: a team spread over every project (the
    label said "whole projects" for it too), or whole projects."""
    return "a team spread over every project" if advice.thin else "whole projects"
