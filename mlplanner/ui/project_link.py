"""The link a page without planned work shows: to add a project, or, where every project is
on hold, to take one off hold (both on the Scenario page)."""

from __future__ import annotations

import streamlit as st

from mlplanner.model.scenario import Scenario


def render_project_link(scenario: Scenario, purpose: str) -> None:
    """ "Add a project ``purpose``" ("to see a plan"), or "Take a project off hold …" where the
    scenario has projects, all on hold."""
    action = "Take a project off hold" if scenario.projects else "Add a project"
    st.page_link("pages/scenario.py", label=f"{action} {purpose}", icon=":material/add:")
