"""Links to a saved plan: ``…/plan?plan=ID`` (and ``&revision=N``) opens that plan on the
Plan page for anyone allowed to see it. Everyone else reads the data layer's one message for
a missing plan and a plan not shared with them, so a link tells them nothing."""

from __future__ import annotations

from typing import Final
from urllib.parse import urlencode, urljoin

import streamlit as st

from mlplanner.errors import PlannerInputError
from mlplanner.storage import plans
from mlplanner.ui.db import db_session
from mlplanner.ui.saved_plans import open_into_state
from mlplanner.ui.text import error_text, plain

PLAN_PARAM: Final = "plan"
REVISION_PARAM: Final = "revision"
PLAN_PAGE_PATH: Final = "plan"
OPENED: Final = "mlp.link.opened"


def plan_link(plan_id: int, revision: int | None = None) -> str:
    """The absolute link to the plan (or one revision) on the Plan page."""
    params = {PLAN_PARAM: plan_id} | ({} if revision is None else {REVISION_PARAM: revision})
    here = st.context.url or "/"
    return urljoin(here, f"{PLAN_PAGE_PATH}?{urlencode(params)}")


def open_linked_plan() -> None:
    """Open the plan the page's link names, once per link and session; say why if it cannot
    be opened (not visible, missing revision, unreadable id)."""
    raw_plan = st.query_params.get(PLAN_PARAM)
    if raw_plan is None:
        return
    raw_revision = st.query_params.get(REVISION_PARAM)
    if st.session_state.get(OPENED) == (raw_plan, raw_revision):
        return
    st.session_state[OPENED] = (raw_plan, raw_revision)
    try:
        plan_id = int(raw_plan)
        number = None if raw_revision is None else int(raw_revision)
    except ValueError:
        st.error(f"plan {plain(raw_plan)!r} does not exist or is not shared with you")
        return
    try:
        with db_session() as session:
            opened = plans.open_revision(session=session, plan_id=plan_id, number=number)
    except PlannerInputError as exc:
        st.error(error_text(exc))
        return
    open_into_state(opened)


def render_link(plan_id: int, revision: int | None = None) -> None:
    """The link, ready to copy, and who it works for."""
    what = "this plan" if revision is None else f"revision {revision} of this plan"
    st.caption(
        f"Link to {what} (opens for the people it is shared with; others read that it does "
        "not exist or is not shared with them):"
    )
    st.code(plan_link(plan_id, revision), language=None)
