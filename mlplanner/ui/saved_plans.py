"""Saved plans in the app: open one into the session, act on plans, report what happened.

The actions are widget callbacks: each runs one data-layer call in its own session, then
leaves a one-off message (:func:`mlplanner.ui.messages.flash`) for the next run to show.
Failures (a conflict, a plan someone else deleted, an unreachable database) become messages
too, never tracebacks.
Plan names are user text: :func:`plain` escapes them wherever Markdown is rendered.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Final

import pandas as pd

from mlplanner.errors import PlannerInputError
from mlplanner.model.assumptions import PREVIOUS_QUALITY_NOTE, Assumptions
from mlplanner.model.scenario import Scenario
from mlplanner.model.set_names import FROM_PLAN, SHIPPED_DEFAULTS, marked
from mlplanner.model.wording import format_usd
from mlplanner.reports.revision_changes import input_changes
from mlplanner.storage import plans
from mlplanner.storage.models import PlanSummary, RevisionSummary
from mlplanner.storage.plans import OpenedPlan
from mlplanner.ui import widgets
from mlplanner.ui.db import db_session
from mlplanner.ui.messages import flash
from mlplanner.ui.state import (
    LoadedPlan,
    Slot,
    get_loaded_plan,
    set_assumptions,
    set_loaded_plan,
    set_override,
    set_scenario,
)
from mlplanner.ui.text import error_text, plain

UNDO: Final[Slot[int]] = Slot("mlp.plans.undo")
"""The plan just moved to the trash, which an Undo button can restore."""
# The Plans page's tabs for the selected plan (Sharing in team mode only) and the key of the
# open one.
MANAGE_TAB: Final = "Open and manage"
HISTORY_TAB: Final = "History and export"
SHARING_TAB: Final = "Sharing"
DETAIL_TAB: Final = "mlp.plans.detail_tab"


def from_plan_name(opened: OpenedPlan) -> str:
    """Name of the assumptions in force after opening a plan: its set, marked as the plan's
    own values (``Lean (from plan)``) unless they are today's shipped defaults."""
    name = opened.revision.assumption_set_name
    if name == SHIPPED_DEFAULTS and opened.assumptions == Assumptions.defaults():
        return name
    return marked(name, FROM_PLAN)


def open_into_state(opened: OpenedPlan) -> None:
    """Make an opened revision the app's current scenario, assumptions and allocation."""
    set_scenario(opened.scenario)
    set_assumptions(opened.assumptions, from_plan_name(opened))
    label = opened.revision.allocation_label
    set_override(None if label is None else opened.allocation, label or "")
    set_loaded_plan(
        LoadedPlan(
            plan_id=opened.plan.id,
            name=opened.plan.name,
            opened_revision=opened.revision.number,
            base_revision=opened.plan.latest_revision,
            previous_quality=opened.revision.quality if opened.revision.previous_quality else None,
        )
    )


def open_plan(plan_id: int, number: int | None = None) -> bool:
    """Open a plan (newest revision by default) into the session; False, with a message,
    if it cannot be opened."""
    try:
        with db_session() as session:
            opened = plans.open_revision(session=session, plan_id=plan_id, number=number)
    except PlannerInputError as exc:
        flash("error", error_text(exc))
        return False
    open_into_state(opened)
    return True


def _act(action: Callable[[], str]) -> bool:
    """Run an action; flash its success message or its error. True if it succeeded."""
    UNDO.clear()
    try:
        flash("success", action())
    except PlannerInputError as exc:
        flash("error", error_text(exc))
        return False
    return True


def rename_plan(plan_id: int, name_key: str) -> None:
    def action() -> str:
        with db_session() as session:
            renamed = plans.rename(
                session=session, plan_id=plan_id, name=str(widgets.value(name_key) or "")
            )
        loaded = get_loaded_plan()
        if loaded is not None and loaded.plan_id == plan_id:
            set_loaded_plan(replace(loaded, name=renamed.name))
        return f"Renamed to **{plain(renamed.name)}**."

    _act(action)


def duplicate_plan(plan_id: int, selection_key: str) -> None:
    """Copy a plan and select the copy (``selection_key`` is the plan chooser's key)."""

    def action() -> str:
        with db_session() as session:
            copy = plans.duplicate(session=session, plan_id=plan_id)
        widgets.put(selection_key, copy.id)
        return f"Copied to **{plain(copy.name)}**."

    _act(action)


def delete_plan(plan_id: int) -> None:
    def action() -> str:
        with db_session() as session:
            deleted = plans.delete(session=session, plan_id=plan_id)
        return f"Moved **{plain(deleted.name)}** to the trash."

    if _act(action):
        UNDO.set(plan_id)


def restore_plan(plan_id: int) -> None:
    def action() -> str:
        with db_session() as session:
            restored = plans.restore(session=session, plan_id=plan_id)
        return f"Restored **{plain(restored.name)}** from the trash."

    _act(action)


def purge_plan(plan_id: int) -> None:
    def action() -> str:
        with db_session() as session:
            purged = plans.purge(session=session, plan_id=plan_id)
        loaded = get_loaded_plan()
        if loaded is not None and loaded.plan_id == plan_id:
            set_loaded_plan(None)
        return f"Deleted **{plain(purged.name)}** and its revisions for good."

    _act(action)


def restore_revision(plan_id: int, number_key: str, base_revision: int) -> None:
    def action() -> str:
        number = int(widgets.value(number_key))
        with db_session() as session:
            restored = plans.restore_revision(
                session=session, plan_id=plan_id, number=number, base_revision=base_revision
            )
        return (
            f"Revision {number} of **{plain(restored.name)}** is now its newest revision "
            f"({restored.latest_revision}). Open the plan to work on it."
        )

    _act(action)


def plans_frame(
    summaries: Sequence[PlanSummary], *, trash: bool = False, team: bool = False
) -> pd.DataFrame:
    """Plans as a table: name, when, headline figures (money as $1.24M, headcount whole);
    with ``team``, also each plan's owner, status, the reader's access and its comments."""
    when = "Deleted (UTC)" if trash else "Saved (UTC)"
    frame = pd.DataFrame(
        {
            "Name": [plan.name for plan in summaries],
            when: [_minute(plan.deleted_at if trash else plan.updated_at) for plan in summaries],
            "People": [plan.total_headcount for plan in summaries],
            "Hires": [plan.total_hires for plan in summaries],
            "Cost / year": [format_usd(plan.annual_cost_usd) for plan in summaries],
            "Quality": [round(plan.quality, 1) for plan in summaries],
            "Setup": [plan.setup for plan in summaries],
            "Revisions": [plan.latest_revision for plan in summaries],
        }
    )
    if team:
        frame["Owner"] = [plan.owner_email for plan in summaries]
        frame["Status"] = [plan.status for plan in summaries]
        frame["Your access"] = [plan.access for plan in summaries]
        frame["Comments"] = [plan.comments for plan in summaries]
    return frame


def revisions_frame(
    revisions: Sequence[RevisionSummary],
    scenarios: Mapping[int, Scenario] | None = None,
    *,
    team: bool = False,
) -> pd.DataFrame:
    """A plan's history as a table, newest first, with each revision's headline figures, what
    changed in its inputs since the revision before (from ``scenarios``, each revision's by
    number), the note it was saved with, with ``team`` who saved it, and its details (restored
    from, adopted allocation, assumption set). Notes are user text: a dataframe shows them as
    typed."""
    frame = pd.DataFrame(
        {
            "Revision": [revision.number for revision in revisions],
            "Saved (UTC)": [_minute(revision.created_at) for revision in revisions],
            "People": [revision.total_headcount for revision in revisions],
            "Hires": [revision.total_hires for revision in revisions],
            "Cost / year": [format_usd(revision.annual_cost_usd) for revision in revisions],
            "Quality": [round(revision.quality, 1) for revision in revisions],
            "Setup": [revision.setup for revision in revisions],
            "Changed": [_changed(revision, scenarios or {}) for revision in revisions],
            "Note": [revision.note or "" for revision in revisions],
            "Details": [_details(revision) for revision in revisions],
        }
    )
    if team:
        frame.insert(len(frame.columns) - 1, "Saved by", [r.saved_by for r in revisions])
    return frame


def _minute(stamp: datetime | None) -> str:
    return "" if stamp is None else stamp.strftime("%Y-%m-%d %H:%M")


def _changed(revision: RevisionSummary, scenarios: Mapping[int, Scenario]) -> str:
    """What the revision changed in the inputs since the one before (the first: "first save")."""
    if revision.number == 1:
        return "first save"
    before, after = scenarios.get(revision.number - 1), scenarios.get(revision.number)
    if before is None or after is None:
        return ""
    return input_changes(before, after) or "inputs unchanged"


def _details(revision: RevisionSummary) -> str:
    notes = []
    if revision.restored_from is not None:
        notes.append(f"restored from revision {revision.restored_from}")
    if revision.allocation_label is not None:
        notes.append(f"adopted: {revision.allocation_label}")
    if revision.assumption_set_name != SHIPPED_DEFAULTS:
        notes.append(f"assumptions: {revision.assumption_set_name}")
    if revision.previous_quality:
        notes.append(PREVIOUS_QUALITY_NOTE)
    return "; ".join(notes)


def previous_quality_text(label: str, saved: float, now: float) -> str:
    """What a plan saved under the previous quality definition says next to its figures:
    ``Acme, revision 2 was saved with quality 91.0, scored by the previous quality definition
    (before December 2026); today's definition scores it 65.2.``"""
    return (
        f"{label} was saved with quality {saved:.1f}, {PREVIOUS_QUALITY_NOTE}; today's "
        f"definition scores it {now:.1f}."
    )
