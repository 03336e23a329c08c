"""ML Team Planner: entry point. Page config, sign-in (when configured), the autosaved draft,
navigation, a plan link, the shared sidebar, and the next pages' data prefetched in the
background (mlplanner/ui/prefetch.py); nothing else (but, once per server process, freezing
the imported heap: mlplanner/ui/heap.py)."""

import streamlit as st

from mlplanner.ui.auth import needs_sign_in, render_account, require_sign_in, team_mode
from mlplanner.ui.drafts import restore_draft
from mlplanner.ui.heap import freeze_imported_heap
from mlplanner.ui.links import open_linked_plan
from mlplanner.ui.page_end import after_page

st.set_page_config(page_title="ML Team Planner", page_icon=":material/groups:", layout="wide")

navigation = st.navigation(
    [
        st.Page("pages/scenario.py", title="Scenario", icon=":material/edit_note:", default=True),
        st.Page("pages/plan.py", title="Plan", icon=":material/bar_chart:"),
        st.Page("pages/timeline.py", title="Timeline", icon=":material/timeline:"),
        st.Page("pages/compare.py", title="Compare", icon=":material/compare_arrows:"),
        st.Page("pages/tradeoffs.py", title="Trade-offs", icon=":material/show_chart:"),
        st.Page("pages/plans.py", title="Plans", icon=":material/folder_open:"),
        st.Page("pages/assumptions.py", title="Assumptions", icon=":material/tune:"),
        st.Page("pages/role_guide.py", title="Role guide", icon=":material/menu_book:"),
    ],
    position="hidden" if needs_sign_in() else "sidebar",
)
freeze_imported_heap()
require_sign_in()
restore_draft()
if team_mode():
    open_linked_plan()
    render_account()
navigation.run()
# After the page, so the sidebar shows the scenario as the page's edits left it this run.
after_page()
