"""Plans page: find a saved plan, open it, rename, copy or delete it (with undo from the trash),
and go back to any of its revisions."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date

import streamlit as st

from mlplanner.errors import PlannerInputError
from mlplanner.exchange.plan_workbook import ExportContext, saved_plan_title
from mlplanner.model.assumptions import PREVIOUS_QUALITY_NOTE
from mlplanner.model.wording import count, format_usd, people
from mlplanner.storage import plans
from mlplanner.storage.models import PlanSummary
from mlplanner.ui import widgets
from mlplanner.ui.auth import team_mode
from mlplanner.ui.db import db_session
from mlplanner.ui.downloads import render_plan_downloads
from mlplanner.ui.messages import render_flash
from mlplanner.ui.plan_import import render_plan_import
from mlplanner.ui.save import render_save_control, unsaved_changes
from mlplanner.ui.saved_plans import (
    DETAIL_TAB,
    HISTORY_TAB,
    MANAGE_TAB,
    SHARING_TAB,
    UNDO,
    delete_plan,
    duplicate_plan,
    open_plan,
    plans_frame,
    purge_plan,
    rename_plan,
    restore_plan,
    restore_revision,
    revisions_frame,
)
from mlplanner.ui.sharing import can, render_team_panel
from mlplanner.ui.state import get_loaded_plan, get_scenario
from mlplanner.ui.text import error_text, plain

PAGE_SIZE = 20
PLAN_PAGE = "pages/plan.py"
SELECTED = "mlp.plans.selected"


def choose_plan(found: Sequence[PlanSummary], *, key: str, label: str) -> PlanSummary:
    """A selectbox over the listed plans; keeps its choice while the plan stays listed."""
    by_id = {plan.id: plan for plan in found}
    if widgets.value(key) not in by_id:
        widgets.put(key, found[0].id)
    chosen = st.selectbox(
        label,
        list(by_id),
        key=key,
        format_func=lambda plan_id: f"{by_id[plan_id].name}  (#{plan_id})",
        help="The plan the buttons below act on.",
    )
    return by_id[chosen]


def page_number(total: int, *, key: str) -> int:
    """1 when everything fits on one page, else the page the user picks."""
    pages = math.ceil(total / PAGE_SIZE)
    if pages <= 1:
        return 1
    if (widgets.value(key) or 1) > pages:
        widgets.put(key, pages)
    return int(
        st.number_input(
            f"Page (of {pages})",
            min_value=1,
            max_value=pages,
            key=key,
            help=f"{PAGE_SIZE} plans a page.",
        )
    )


def open_and_go(plan_id: int, number: int | None = None) -> None:
    if open_plan(plan_id, number):
        st.switch_page(PLAN_PAGE)


def plan_details(plan: PlanSummary) -> None:
    team = team_mode()
    with st.container(border=True):
        st.subheader(plain(plan.name))
        st.caption(
            f"Revision {plan.latest_revision} · saved {plan.updated_at:%Y-%m-%d %H:%M} UTC · "
            f"{people(plan.total_headcount)} · {format_usd(plan.annual_cost_usd)} a year · "
            f"quality {plan.quality:.1f} / 100"
            + (f" ({PREVIOUS_QUALITY_NOTE})" if plan.previous_quality else "")
        )
        # Only the open tab is drawn (choosing another reruns the page): the history, the
        # revision controls and the export were two thirds of the elements a first opening of
        # this page drew in the browser (docs/benchmarks.md, eighth pass).
        labels = [label for label in DETAIL_VIEWS if team or label != SHARING_TAB]
        tabs = st.tabs(labels, key=DETAIL_TAB, on_change="rerun")
        for tab, label in zip(tabs, labels, strict=True):
            if tab.open:
                with tab:
                    DETAIL_VIEWS[label](plan)


def manage(plan: PlanSummary) -> None:
    """Open, duplicate, delete and rename the plan."""
    loaded = get_loaded_plan()
    if loaded is not None and unsaved_changes(loaded):
        # Open replaced the changes at once, without a word (a review lost an adopted plan)
        st.warning(
            f"{plain(loaded.name)} has unsaved changes on screen: opening a plan replaces "
            "them. Save them first (sidebar) if you need them."
        )
    open_col, copy_col, delete_col, _ = st.columns([1, 1, 1, 2])
    if open_col.button(
        "Open",
        type="primary",
        key=f"mlp.plans.open.{plan.id}",
        width="stretch",
        help="Loads the newest revision into the Scenario and Plan pages, with the "
        "assumptions it was saved with. The scenario on screen is not kept: save it first if "
        "you need it.",
    ):
        open_and_go(plan.id)
    copy_col.button(
        "Duplicate",
        key=f"mlp.plans.duplicate.{plan.id}",
        on_click=duplicate_plan,
        args=(plan.id, SELECTED),
        width="stretch",
        help="Saves a copy of the newest revision as a new plan named 'Copy of …' and selects it.",
    )
    delete_col.button(
        "Delete",
        key=f"mlp.plans.delete.{plan.id}",
        on_click=delete_plan,
        args=(plan.id,),
        width="stretch",
        disabled=not can(plan, "owner"),
        help="Moves the plan to the trash; restore it from there (or Undo) at any time."
        + ("" if can(plan, "owner") else " Only its owner deletes a plan."),
    )

    name_key = f"mlp.plans.rename.{plan.id}"
    name_col, rename_col = st.columns([3, 1], vertical_alignment="bottom")
    name_col.text_input(
        "New name",
        value=plan.name,
        key=name_key,
        max_chars=plans.NAME_MAX,
        help="Renames the plan (1 to 120 characters); its revisions are unchanged.",
    )
    rename_col.button(
        "Rename",
        key=f"mlp.plans.do_rename.{plan.id}",
        on_click=rename_plan,
        args=(plan.id, name_key),
        width="stretch",
        disabled=not can(plan, "editor"),
    )


def history_and_export(plan: PlanSummary) -> None:
    """The revision history, a revision to open or restore, and that revision's files."""
    with db_session() as session:
        history = plans.list_revisions(session=session, plan_id=plan.id)
        scenarios = plans.revision_scenarios(session=session, plan_id=plan.id)
    st.dataframe(
        revisions_frame(history, scenarios, team=team_mode()), hide_index=True, width="stretch"
    )
    number_key = f"mlp.plans.revision.{plan.id}"
    choice_col, open_rev_col, restore_col = st.columns([2, 1, 1], vertical_alignment="bottom")
    number = choice_col.selectbox(
        "Revision",
        [revision.number for revision in history],
        key=number_key,
        format_func=lambda n: f"Revision {n}",
        help="An earlier revision to open, or to make the newest again.",
    )
    if open_rev_col.button(
        "Open this revision",
        key=f"mlp.plans.open_revision.{plan.id}",
        width="stretch",
        help="Loads this revision into the Scenario and Plan pages; saving then adds a "
        "new revision.",
    ):
        open_and_go(plan.id, number)
    restore_col.button(
        "Restore as newest",
        key=f"mlp.plans.restore_revision.{plan.id}",
        on_click=restore_revision,
        args=(plan.id, number_key, plan.latest_revision),
        disabled=number == plan.latest_revision or not can(plan, "editor"),
        width="stretch",
        help="Copies this revision as the plan's newest revision; nothing is rewritten.",
    )

    st.markdown(f"**Export revision {number}**")
    with db_session() as session:
        opened = plans.open_revision(session=session, plan_id=plan.id, number=number)
    context = ExportContext(
        saved_plan_title(plan.name, number),
        opened.revision.assumption_set_name,
        date.today(),
        opened.revision.note,
    )
    render_plan_downloads(opened.evaluate(), opened.assumptions, context, key=f"plans.{plan.id}")


def sharing(plan: PlanSummary) -> None:
    render_team_panel(plan, key="plans")


DETAIL_VIEWS: dict[str, Callable[[PlanSummary], None]] = {
    MANAGE_TAB: manage,
    HISTORY_TAB: history_and_export,
    SHARING_TAB: sharing,
}


def saved_plans() -> None:
    team = team_mode()
    scope = "all"
    if team:
        scope = st.radio(
            "Plans",
            list(plans.SCOPES),
            key="mlp.plans.scope",
            horizontal=True,
            format_func=plans.SCOPES.__getitem__,
            help="Every plan you can see, only yours, or only those others shared with you.",
        )
    search_col, sort_col = st.columns([2, 1])
    search = search_col.text_input(
        "Search by name",
        key="mlp.plans.search",
        placeholder="Part of a plan's name",
        help="Lists only the plans whose name contains this text (case does not matter).",
    )
    sort = sort_col.selectbox(
        "Sort",
        list(plans.SORTS),
        key="mlp.plans.sort",
        format_func=lambda key: plans.SORTS[key].capitalize(),
        help="The order of the list below.",
    )
    with db_session() as session:
        total = plans.count_plans(session=session, search=search, scope=scope)
        trashed = plans.count_plans(session=session, trash=True)
    if total == 0:
        if search.strip():
            st.info(f"No plan's name contains “{plain(search.strip())}”. Clear the search box.")
        elif scope == "shared":
            st.info("Nobody has shared a plan with you yet.")
        elif trashed:
            st.info(f"No saved plans here: {trashed:,} in the trash (choose Show: Trash).")
        else:
            st.info(
                "No saved plans yet. Save the current plan above or from the sidebar, or "
                "import a scenario file as a new plan."
            )
        return
    page = page_number(total, key="mlp.plans.page")
    offset = (page - 1) * PAGE_SIZE
    with db_session() as session:
        found = plans.list_plans(
            session=session, search=search, sort=sort, limit=PAGE_SIZE, offset=offset, scope=scope
        )
    st.dataframe(plans_frame(found, team=team), hide_index=True, width="stretch")
    st.caption(f"Plans {count(offset + 1)}–{count(offset + len(found))} of {count(total)}.")
    plan_details(choose_plan(found, key=SELECTED, label="Plan"))


def trash() -> None:
    with db_session() as session:
        total = plans.count_plans(session=session, trash=True)
    if total == 0:
        st.info(
            "The trash is empty. Deleted plans wait here until you restore them or delete "
            "them for good."
        )
        return
    page = page_number(total, key="mlp.plans.trash_page")
    offset = (page - 1) * PAGE_SIZE
    with db_session() as session:
        found = plans.list_plans(session=session, trash=True, limit=PAGE_SIZE, offset=offset)
    st.dataframe(plans_frame(found, trash=True), hide_index=True, width="stretch")
    plan = choose_plan(found, key="mlp.plans.trash_selected", label="Plan in the trash")
    with st.container(border=True):
        st.button(
            "Restore",
            type="primary",
            key=f"mlp.plans.restore.{plan.id}",
            on_click=restore_plan,
            args=(plan.id,),
            help="Takes the plan out of the trash, with all its revisions.",
        )
        confirmed = st.checkbox(
            f"Delete **{plain(plan.name)}** and its {plan.latest_revision} revision(s) for good",
            key=f"mlp.plans.confirm_purge.{plan.id}",
            help="Purging cannot be undone; tick this to enable the button.",
        )
        st.button(
            "Delete for good",
            key=f"mlp.plans.purge.{plan.id}",
            on_click=purge_plan,
            args=(plan.id,),
            disabled=not confirmed,
            help="Removes the plan and every revision from the database.",
        )


st.title("Plans")
st.caption(
    "Every saved plan and its history. Saving never overwrites: each save adds a revision, "
    "and deleted plans go to the trash first."
)
with st.container(border=True):
    st.markdown(f"**Save the current plan** · {plain(get_scenario().name)}")
    render_save_control(key="plans_save")
    render_plan_import(SELECTED)

render_flash()
undo_id = UNDO.get()
if undo_id is not None:
    st.button(
        "Undo delete",
        key="mlp.plans.undo_button",
        on_click=restore_plan,
        args=(undo_id,),
        help="Takes the plan just deleted out of the trash again.",
    )

view = st.radio(
    "Show",
    ["Saved plans", "Trash"],
    key="mlp.plans.view",
    horizontal=True,
    help="Saved plans, or the plans you deleted (restore or purge them there).",
)
try:
    if view == "Trash":
        trash()
    else:
        saved_plans()
except PlannerInputError as exc:
    st.error(error_text(exc))
