"""The sidebar every page shares: the scenario, setup, plan headline and assumptions in force,
and saving where you are."""

from __future__ import annotations

import streamlit as st

from mlplanner.model.wording import count, format_usd, people, projects
from mlplanner.ui.drafts import render_draft_status
from mlplanner.ui.save import render_sidebar_save
from mlplanner.ui.state import current_plan, get_assumption_set_name, get_override, get_scenario
from mlplanner.ui.text import plain


def render_sidebar() -> None:
    """A compact summary of what every page is working on.

    Rendered after the page (see ``app.py``), so it shows the scenario as the page left it.
    """
    scenario = get_scenario()
    plan = current_plan()
    override = get_override()
    chosen = scenario.company.setup
    setup = plan.setup if chosen != "auto" else f"{plan.setup} (auto)"
    budget = scenario.company.annual_budget_usd
    cost = format_usd(plan.annual_cost_usd)
    if budget is not None:
        cost += f" of {format_usd(budget)} budget"
    with st.sidebar:
        st.markdown(f"**{plain(scenario.name)}**")
        employees = count(scenario.company.employees)
        # counted as the work counts them: a row with count 4 is four projects
        total = sum(project.count for project in scenario.planned)
        held = sum(project.count for project in scenario.projects if project.on_hold)
        on_hold = f" ({held} on hold)" if held else ""
        st.caption(f"{projects(total)}{on_hold} · {employees} employees  \nSetup: {setup}")
        if override is not None:
            st.caption(f"Adopted allocation: {plain(override.label or 'your own')}")
        quality = f"Quality {plan.quality:.1f} / 100" if plan.scored else "No quality score yet"
        st.markdown(f"{people(plan.total_headcount)} · {cost}  \n{quality}")
        st.caption(f"Assumptions: {plain(get_assumption_set_name())}")
        render_sidebar_save()
        render_draft_status()
