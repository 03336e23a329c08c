"""The Save control: store the current plan as a new plan, or as the next revision of the
saved plan it was opened from, with an optional note (what the revision is about), which the
plan's history shows.

A revision is saved only on top of the revision the plan had when it was opened; if someone
saved the plan in between, the save is refused with a message that offers to save this
version as a copy instead, so no save ever overwrites another.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Final

import streamlit as st

from mlplanner.errors import PlannerInputError
from mlplanner.exchange.plan_workbook import ExportContext, saved_plan_title
from mlplanner.model.plan import Evaluation
from mlplanner.model.wording import sentence_start
from mlplanner.storage import plans
from mlplanner.storage.database import database_url
from mlplanner.storage.errors import ConflictError, StorageError
from mlplanner.storage.models import PlanSummary
from mlplanner.storage.plans import OpenedPlan
from mlplanner.ui import widgets
from mlplanner.ui.db import db_session
from mlplanner.ui.messages import flash, render_flash
from mlplanner.ui.sharing import may_save_revision
from mlplanner.ui.state import (
    LoadedPlan,
    Slot,
    current_plan,
    get_assumption_set_name,
    get_assumptions,
    get_loaded_plan,
    get_override,
    get_scenario,
    set_loaded_plan,
)
from mlplanner.ui.text import error_text, plain

SIDEBAR: Final = "sidebar_save"  # the sidebar's save control, as a key
NAME_MATCHES: Final = 200  # plans whose name contains a new name, checked for the same name
SIDEBAR_NOTE_CHARS: Final = 80  # an opened revision's note in the sidebar, shortened to this
NOTE_LABEL: Final = "Note (optional)"
NOTE_HELP: Final = (
    f"What this revision is about (at most {plans.NOTE_MAX} characters), shown in the plan's "
    "history on the Plans page."
)
CONFLICT: Final[Slot[str]] = Slot("mlp.save.conflict")
"""Why the last save was refused as a conflict, until the user saves a copy or cancels."""
ORIGIN: Final[Slot[str]] = Slot("mlp.save.origin")
"""Which save control (its key) the last save came from: only that one shows a conflict."""
SAVES_AS_NEW: Final[Slot[int]] = Slot("mlp.save.saves_as_new")
"""How many plans the sidebar's "Save as new plan…" saved this session: part of its popover's
key, so a save closes the popover by making it a new one (a new popover starts closed). Setting
the old one's state to closed was not enough: now and then the browser still held it open and
sent that with the next run, which opened it again."""
KEPT: Final[Slot[dict[str, str]]] = Slot("mlp.save.kept")
"""What was typed in the "Save as new plan…" popover's fields, by key (kept while it is closed)."""


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
    note = note_key(key)
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
        args=(name_key, key, note),
        width="stretch",
        help="Stores the scenario, assumptions and plan figures as a new saved plan.",
    )
    if loaded is not None:
        editor = may_save_revision(loaded.plan_id)
        changed = unsaved_changes(loaded)
        revision_col.button(
            f"Save as revision {loaded.base_revision + 1}",
            key=f"mlp.{key}.revision",
            type="primary",
            on_click=_save_revision,
            args=(key, note),
            width="stretch",
            disabled=not (changed and editor),
            help=_revision_help(loaded, changed=changed, editor=editor),
        )
    note_field(note)
    _render_conflict(key)


def note_key(key: str) -> str:
    """Key of the note field of the save control ``key`` (the one a revision is saved with)."""
    return f"mlp.{key}.note"


def note_field(key: str, on_change: Callable[[str], None] | None = None) -> None:
    """The optional note a save stores with its revision (emptied after a save); ``on_change``
    is called with ``key`` when it is edited."""
    st.text_input(
        NOTE_LABEL,
        key=key,
        max_chars=plans.NOTE_MAX,
        placeholder="e.g. budget raised to $3M",
        on_change=on_change,
        args=(key,),
        help=NOTE_HELP,
    )


def _render_conflict(key: str) -> None:
    conflict = CONFLICT.get()
    if conflict is None or ORIGIN.get() != key:
        return
    st.warning(plain(conflict))
    copy_col, cancel_col, _ = st.columns([1, 1, 3])
    copy_col.button(
        "Save as a copy",
        key=f"mlp.{key}.copy",
        type="primary",
        on_click=_save_copy,
        args=(note_key(key),),
        help="Saves your version, with its note, as a new plan; the other save stays as it is.",
    )
    cancel_col.button("Cancel", key=f"mlp.{key}.cancel", on_click=_dismiss_conflict)


def _current() -> tuple[Evaluation, str | None]:
    """The plan on screen and, if it is an adopted allocation, its label."""
    override = get_override()
    label = None if override is None else (override.label or "Adopted allocation")
    return current_plan(), label


Save = Callable[[Evaluation, str | None, str], PlanSummary]
"""A save of the plan on screen, its adopted allocation's label (if any) and the note."""


def _save_new(name_key: str, origin: str, note: str) -> None:
    ORIGIN.set(origin)
    name = str(widgets.value(name_key) or "")
    if _store(lambda evaluation, label, text: _create(evaluation, label, name, text), note):
        SAVES_AS_NEW.set((SAVES_AS_NEW.get() or 0) + 1)  # saved: the sidebar's popover closes


def _save_copy(note: str) -> None:
    loaded = get_loaded_plan()
    name = plans.copy_name(loaded.name if loaded is not None else get_scenario().name)
    _store(lambda evaluation, label, text: _create(evaluation, label, name, text), note)


def _save_revision(origin: str, note: str) -> None:
    ORIGIN.set(origin)
    loaded = get_loaded_plan()
    if loaded is None:
        return

    def save(evaluation: Evaluation, label: str | None, text: str) -> PlanSummary:
        with db_session() as session:
            return plans.save_revision(
                session=session,
                plan_id=loaded.plan_id,
                evaluation=evaluation,
                base_revision=loaded.base_revision,
                assumption_set_name=get_assumption_set_name(),
                allocation_label=label,
                note=text,
            )

    _store(save, note)


def _create(evaluation: Evaluation, label: str | None, name: str, note: str) -> PlanSummary:
    with db_session() as session:
        return plans.create_plan(
            session=session,
            evaluation=evaluation,
            name=name,
            assumption_set_name=get_assumption_set_name(),
            allocation_label=label,
            note=note,
        )


def _store(save: Save, note: str) -> bool:
    """Run a save with the text of the note field ``note``; remember the result as the loaded
    plan and empty the note field, or remember the conflict, or show the error. Whether it
    was saved."""
    CONFLICT.clear()
    try:
        evaluation, label = _current()
        saved = save(evaluation, label, str(widgets.value(note) or ""))
    except ConflictError as exc:
        CONFLICT.set(sentence_start(str(exc)))
        return False
    except PlannerInputError as exc:
        flash("error", error_text(exc))
        return False
    widgets.put(note, "")
    KEPT.clear()  # a new plan saved: its name and note start afresh
    revision = saved.latest_revision
    set_loaded_plan(LoadedPlan(saved.id, saved.name, revision, revision))
    what = "as a new plan" if revision == 1 else f"as revision {revision}"
    flash("success", f"Saved **{plain(saved.name)}** {what}.")
    return True


def _dismiss_conflict() -> None:
    CONFLICT.clear()


@st.cache_data(max_entries=64, show_spinner=False)
def _saved_revision(database: str, plan_id: int, number: int) -> OpenedPlan:
    """A saved revision as stored (revisions never change, so it is read once per process;
    ``database`` keeps two databases' plans apart)."""
    with db_session() as session:
        return plans.open_revision(session=session, plan_id=plan_id, number=number)


def unsaved_changes(loaded: LoadedPlan) -> bool:
    """Whether the scenario, assumptions or allocation differ from the revision opened (or
    last saved); a revision that cannot be read counts as changed."""
    try:
        saved = _saved_revision(database_url(), loaded.plan_id, loaded.opened_revision)
    except PlannerInputError:
        return True
    override = get_override()
    if override is None:
        same_allocation = saved.revision.allocation_label is None
    else:
        same_allocation = (
            saved.revision.allocation_label is not None
            and dict(override.allocation) == saved.allocation
        )
    return not (
        same_allocation
        and get_scenario() == saved.scenario
        and get_assumptions() == saved.assumptions
    )


def _revision_help(loaded: LoadedPlan, *, changed: bool, editor: bool) -> str:
    """What saving the next revision does, or why it cannot be saved (a viewer; nothing
    changed: a revision of identical inputs would only clutter the history)."""
    if not editor:
        return "You are a viewer of this plan: save it as a new plan."
    if not changed:
        return f"Nothing changed since revision {loaded.opened_revision}."
    return (
        f"Saves revision {loaded.base_revision + 1} of {plain(loaded.name)}; its earlier "
        "revisions stay in its history."
    )


def export_context(scenario_name: str, adopted: str | None) -> ExportContext:
    """What the Plan page's files say they are (the workbook's summary and the files' names):
    the opened saved plan and revision, with the revision's note, or "unsaved changes" when
    the inputs differ from it; else the scenario; and the ``adopted`` allocation's label, if
    one is adopted."""
    loaded = get_loaded_plan()
    name, note = scenario_name, None
    if loaded is not None:
        name = saved_plan_title(loaded.name, loaded.opened_revision)
        if unsaved_changes(loaded):
            name += ", unsaved changes"
        else:
            note = opened_note(loaded)
    if adopted is not None:
        name += f", adopted allocation: {adopted}"
    return ExportContext(name, get_assumption_set_name(), date.today(), note)


def opened_note(loaded: LoadedPlan) -> str | None:
    """The note of the revision opened (or last saved), if it has one and can be read."""
    try:
        saved = _saved_revision(database_url(), loaded.plan_id, loaded.opened_revision)
    except PlannerInputError:
        return None
    return saved.revision.note


def _shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _taken(name: str) -> bool:
    """Whether a plan the user can see already has this name (case and spaces ignored); no
    when the database cannot be read (saving then says why)."""
    wanted = name.strip().casefold()
    if not wanted:
        return False
    try:
        with db_session() as session:
            found = plans.list_plans(session=session, search=name.strip(), limit=NAME_MATCHES)
    except StorageError:
        return False
    return any(plan.name.casefold() == wanted for plan in found)


def render_sidebar_save() -> None:
    """Save where you are, in the sidebar of every page: the opened plan's name, revision and
    the revision's note, an unsaved-changes marker, Save (the next revision, only when
    something changed, with a note) and Save as new plan… (asks the name and a note, warns
    when a plan has the name already)."""
    loaded = get_loaded_plan()
    if loaded is None:
        st.caption("Not saved as a plan yet.")
    else:
        changed = unsaved_changes(loaded)
        marker = " · **unsaved changes**" if changed else " · saved"
        st.caption(f"Plan: **{plain(loaded.name)}**, revision {loaded.opened_revision}{marker}")
        note = opened_note(loaded)
        if note is not None:
            st.caption(f"Note: {plain(_shortened(note, SIDEBAR_NOTE_CHARS))}")
        editor = may_save_revision(loaded.plan_id)
        if changed and editor:
            note_field(note_key(SIDEBAR))
        st.button(
            "Save",
            key=f"mlp.{SIDEBAR}.revision",
            type="primary",
            on_click=_save_revision,
            args=(SIDEBAR, note_key(SIDEBAR)),
            disabled=not (changed and editor),
            width="stretch",
            help=_revision_help(loaded, changed=changed, editor=editor),
        )
    popover = st.popover(
        "Save as new plan…",
        width="stretch",
        key=save_as_new_key(SAVES_AS_NEW.get() or 0),
        on_change="rerun",
    )
    if popover.open:
        with popover:
            _render_save_as_new(loaded)
    _render_conflict(SIDEBAR)
    render_flash()  # a save's outcome, unless the page showed it already


def save_as_new_key(saves: int) -> str:
    """Key of the sidebar's "Save as new plan…" popover (open or not) after ``saves`` saves."""
    return f"mlp.{SIDEBAR}.popover.{saves}"


def _render_save_as_new(loaded: LoadedPlan | None) -> None:
    """The "Save as new plan…" popover's fields: drawn only while it is open (no database look-up
    of the name on other runs); what was typed in them is kept while it is closed."""
    default = get_scenario().name if loaded is None else plans.copy_name(loaded.name)
    name_key = f"mlp.{SIDEBAR}.name.{default}"
    _seed_kept(name_key, default)
    name = st.text_input(
        "Name",
        max_chars=plans.NAME_MAX,
        key=name_key,
        on_change=_keep,
        args=(name_key,),
        help="The new plan's name (1 to 120 characters); a name another plan has is "
        "allowed, with a warning.",
    )
    if _taken(str(name)):
        st.warning(
            f"A plan named “{plain(str(name).strip())}” exists already: saving makes a "
            "second plan of that name. Choose another name to tell them apart."
        )
    new_note = f"mlp.{SIDEBAR}.new_note"
    _seed_kept(new_note, "")
    note_field(new_note, on_change=_keep)
    st.button(
        "Save as new plan",
        key=f"mlp.{SIDEBAR}.new",
        type="primary",
        on_click=_save_new,
        args=(name_key, SIDEBAR, new_note),
        help="Stores the scenario, assumptions and plan figures as a new saved plan.",
    )


def _keep(key: str) -> None:
    """Keep what was typed in the popover's field ``key``: Streamlit forgets a widget's value
    when it is not drawn, as when the popover closes."""
    KEPT.set({**(KEPT.get() or {}), key: str(widgets.value(key) or "")})


def _seed_kept(key: str, default: str) -> None:
    """Start the popover's field ``key`` from what was typed in it, else ``default``."""
    widgets.seed(key, (KEPT.get() or {}).get(key, default))
