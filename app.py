"""ML Team Planner: entry point. Page config, navigation and the shared sidebar; nothing else."""

import streamlit as st
from mlplanner.ui.sidebar import render_sidebar

st.set_page_config(page_title="ML Team Planner", page_icon="🧭", layout="wide")

navigation = st.navigation(
    [
        st.Page("pages/scenario.py", title="Scenario", icon="📝", default=True),
        st.Page("pages/plan.py", title="Plan", icon="📊"),
    ]
)
render_sidebar()
navigation.run()
