"""The Save control: store the current plan as a new plan, or as the next revision of the
saved plan it was opened from.

A revision is saved only on top of the revision the plan had when it was opened; if someone
saved the plan in between, the save is refused with a message that offers to save this
version as a copy instead, so no save ever overwrites another.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import streamlit as st

from mlplanner.errors import PlannerInputError
from mlplanner.model.plan import Evaluation
from mlplanner.storage import plans
from mlplanner.storage.errors import ConflictError
from mlplanner.storage.models import PlanSummary
from mlplanner.ui import widgets
from mlplanner.ui.db import db_session
from mlplanner.ui.messages import flash
from mlplanner.ui.sharing import may_save_revision
from mlplanner.ui.state import (
    LoadedPlan,
    Slot,
    current_plan,
    get_assumption_set_name,
    get_loaded_plan,
    get_override,
    get_scenario,
    set_loaded_plan,
)
from mlplanner.ui.text import plain

CONFLICT: Final[Slot[str]] = Slot("mlp.save.conflict")
"""Why the last save was refused as a conflict, until the user saves a copy or cancels."""


def render_save_control(key: str = "save") -> None:
    """Name field and Save buttons for the current plan. ``key`` tells instances apart.

    A save's outcome is a message (:func:`mlplanner.ui.messages.flash`) the page shows.
    """
    loaded = get_loaded_plan()
    default_name = get_scenario().name
    # Keyed by the scenario's name too: a new scenario's name replaces the old default.
    name_key = f"mlp.{key}.name.{default_name}"
    if loaded is not None:
        st.caption(
            f"Working on the saved plan **{plain(loaded.name)}**, "
            f"revision {loaded.opened_revision}."
        )
    name_col, new_col, revision_col = st.columns([3, 1, 1], vertical_alignment="bottom")
    name_col.text_input(
        "Name for a new plan",
        value=default_name,
        max_chars=plans.NAME_MAX,
        key=name_key,
        help="The name a new plan is saved under (1 to 120 characters). Saving a revision "
        "keeps the plan's name.",
    )
    new_col.button(
        "Save as a new plan",
        key=f"mlp.{key}.new",
        on_click=_save_new,
        args=(name_key,),
        width="stretch",
        help="Stores the scenario, assumptions and plan figures as a new saved plan.",
    )
    if loaded is not None:
        editor = may_save_revision(loaded.plan_id)
        revision_col.button(
            f"Save as revision {loaded.base_revision + 1}",
            key=f"mlp.{key}.revision",
            type="primary",
            on_click=_save_revision,
            width="stretch",
            disabled=not editor,
            help=f"Adds a revision to {plain(loaded.name)}; its earlier revisions stay in its "
            "history."
            + ("" if editor else " You are a viewer of this plan: save it as a new plan."),
        )
    _render_conflict(key)


def _render_conflict(key: str) -> None:
    conflict = CONFLICT.get()
    if conflict is None:
        return
    st.warning(plain(conflict))
    copy_col, cancel_col, _ = st.columns([1, 1, 3])
    copy_col.button(
        "Save as a copy",
        key=f"mlp.{key}.copy",
        type="primary",
        on_click=_save_copy,
        help="Saves your version as a new plan; the other save stays as it is.",
    )
    cancel_col.button("Cancel", key=f"mlp.{key}.cancel", on_click=_dismiss_conflict)


def _current() -> tuple[Evaluation, str | None]:
    """The plan on screen and, if it is an adopted allocation, its label."""
    override = get_override()
    label = None if override is None else (override.label or "Adopted allocation")
    return current_plan(), label


def _save_new(name_key: str) -> None:
    name = str(widgets.value(name_key) or "")
    _store(lambda evaluation, label: _create(evaluation, label, name))


def _save_copy() -> None:
    loaded = get_loaded_plan()
    name = plans.copy_name(loaded.name if loaded is not None else get_scenario().name)
    _store(lambda evaluation, label: _create(evaluation, label, name))


def _save_revision() -> None:
    loaded = get_loaded_plan()
    if loaded is None:
        return

    def save(evaluation: Evaluation, label: str | None) -> PlanSummary:
        with db_session() as session:
            return plans.save_revision(
                session=session,
                plan_id=loaded.plan_id,
                evaluation=evaluation,
                base_revision=loaded.base_revision,
                assumption_set_name=get_assumption_set_name(),
                allocation_label=label,
            )

    _store(save)


def _create(evaluation: Evaluation, label: str | None, name: str) -> PlanSummary:
    with db_session() as session:
        return plans.create_plan(
            session=session,
            evaluation=evaluation,
            name=name,
            assumption_set_name=get_assumption_set_name(),
            allocation_label=label,
        )


def _store(save: Callable[[Evaluation, str | None], PlanSummary]) -> None:
    """Run a save; remember the result as the loaded plan, or the conflict, or the error."""
    CONFLICT.clear()
    try:
        evaluation, label = _current()
        saved = save(evaluation, label)
    except ConflictError as exc:
        CONFLICT.set(str(exc))
        return
    except PlannerInputError as exc:
        flash("error", plain(str(exc)))
        return
    revision = saved.latest_revision
    set_loaded_plan(LoadedPlan(saved.id, saved.name, revision, revision))
    what = "as a new plan" if revision == 1 else f"as revision {revision}"
    flash("success", f"Saved **{plain(saved.name)}** {what}.")


def _dismiss_conflict() -> None:
    CONFLICT.clear()
