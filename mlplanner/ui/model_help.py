"""The 'How the model works' expander of the Plan page."""

from __future__ import annotations

import streamlit as st

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.quality import DEFINITION
from mlplanner.reports.model_help import model_explanation
from mlplanner.ui.on_demand import opened
from mlplanner.ui.text import plain

MODEL_HELP_KEY = "mlp.plan.model_help"


def render_model_help(assumptions: Assumptions, assumption_set: str, region: str) -> None:
    """An expander with :func:`model_explanation`, naming the assumption set in force; drawn
    only while it is open (opening it reruns the page)."""
    expander = opened("How the model works", MODEL_HELP_KEY)
    if expander is None:
        return
    with expander:
        st.markdown(f"**{plain(DEFINITION)}**")
        st.caption(f"Numbers from the assumption set in force: {plain(assumption_set)}.")
        st.markdown(model_explanation(assumptions, region))
