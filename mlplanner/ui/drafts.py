"""Nothing is lost: the scenario being edited is autosaved and comes back after a reload.

Every run ends with :func:`autosave`: when the scenario, the adopted allocation, the saved plan
being worked on or the assumptions in force (edited, or a named set put in force) changed since
the last autosave, the draft in the database is replaced
(:mod:`mlplanner.storage.drafts`). A new session starts with :func:`restore_draft`, which
puts the owner's draft back in force; without one the app opens on the default example.

The write is handed to one background thread shared by every session, so the run ends
without waiting for the database to commit it (a synced commit, 1-15 ms of each edit here).
That thread writes drafts in the order they are handed over, so a later draft is never
overwritten by an earlier one, and a restore reads on the same thread, after every write
handed over before it. The next run collects the write's outcome (waiting for it if it is
still under way, which it rarely is): a failure shows in the sidebar, and that run writes the
draft again.

The owner is the signed-in user when sign-in is configured (the same draft in every browser),
else this browser: a random id kept in the ``mlp_browser`` cookie for a year, set by a line of
JavaScript (Streamlit can read cookies but not set them) in the run that first stores a draft
for it: a first visit that changes nothing stores none, so it sends no script either. A
database that cannot be reached never stops the app: the draft is then not kept, and the
sidebar says so.
"""

from __future__ import annotations

import re
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Final

import streamlit as st
from sqlalchemy import Engine

from mlplanner.storage.access import Actor
from mlplanner.storage.drafts import (
    Draft,
    DraftPlan,
    browser_owner,
    load_draft,
    save_draft,
    user_owner,
)
from mlplanner.storage.errors import StorageError
from mlplanner.ui.auth import current_actor, team_mode
from mlplanner.ui.db import engine, session_on
from mlplanner.ui.state import (
    LoadedPlan,
    Slot,
    assumptions_chosen,
    default_scenario,
    get_loaded_plan,
    get_override,
    get_scenario,
    set_assumptions,
    set_loaded_plan,
    set_override,
    set_scenario,
)
from mlplanner.ui.text import plain

COOKIE: Final = "mlp_browser"
COOKIE_MAX_AGE_S: Final = 365 * 24 * 3600
_ID: Final = re.compile(r"[0-9a-f]{32}")

BROWSER_ID: Final[Slot[str]] = Slot("mlp.drafts.browser_id")
"""This browser's id: from its cookie, or made up in this session (then the cookie is set)."""
RESTORED: Final[Slot[bool]] = Slot("mlp.drafts.restored")
LAST_SAVED: Final[Slot[Draft]] = Slot("mlp.drafts.last_saved")
FAILED: Final[Slot[str]] = Slot("mlp.drafts.failed")

# Every session's draft writes and restores, one at a time in the order handed over.
_WRITER: Final = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mlp-drafts")


@dataclass(frozen=True)
class _Write:
    """A draft write handed over, and the draft stored before it (in force again if it fails)."""

    done: Future[None]
    before: Draft | None


WRITING: Final[Slot[_Write]] = Slot("mlp.drafts.writing")


def _cookie() -> str:
    """The ``mlp_browser`` cookie the browser sent ("" if none; outside a browser, such as in
    Streamlit's AppTest, there are no cookies)."""
    value = st.context.cookies.get(COOKIE)
    return value if isinstance(value, str) else ""


def browser_id() -> str:
    """This browser's id (its cookie's, or a new one for this session)."""
    known = BROWSER_ID.get()
    if known is not None:
        return known
    cookie = _cookie()
    found = cookie if _ID.fullmatch(cookie) else uuid.uuid4().hex
    BROWSER_ID.set(found)
    return found


def owner() -> str:
    """Whose draft this session edits: the signed-in user's, else this browser's."""
    if team_mode():
        actor = current_actor()
        return user_owner(actor.subject or actor.email)
    return browser_owner(browser_id())


def current_draft() -> Draft:
    """What an autosave stores now."""
    override = get_override()
    loaded = get_loaded_plan()
    chosen = assumptions_chosen()
    return Draft(
        scenario=get_scenario(),
        allocation=None if override is None else dict(override.allocation),
        allocation_label="" if override is None else override.label,
        plan=None
        if loaded is None
        else DraftPlan(loaded.plan_id, loaded.name, loaded.opened_revision, loaded.base_revision),
        assumptions=None if chosen is None else chosen.assumptions,
        assumption_set_name="" if chosen is None else chosen.name,
    )


def restore_draft() -> None:
    """At a session's first run: put the owner's draft in force, if there is one."""
    if RESTORED.get():
        return
    RESTORED.set(True)
    try:
        current, actor = engine(), current_actor()
        draft = _WRITER.submit(_read, current, actor, owner()).result()
    except StorageError as exc:
        FAILED.set(str(exc))
        return
    if draft is None:
        return
    set_scenario(draft.scenario)
    if draft.assumptions is not None:
        set_assumptions(draft.assumptions, draft.assumption_set_name)
    if draft.allocation is not None:
        set_override(draft.allocation, draft.allocation_label)
    plan = draft.plan
    if plan is not None:
        set_loaded_plan(
            LoadedPlan(plan.plan_id, plan.name, plan.opened_revision, plan.base_revision)
        )
    LAST_SAVED.set(current_draft())


def _untouched(draft: Draft) -> bool:
    """Whether ``draft`` is what a first visit opens on (the default example, nothing adopted,
    no saved plan): storing it would keep nothing a reload does not give back anyway."""
    return draft == Draft(scenario=default_scenario(), allocation=None, plan=None)


def autosave() -> None:
    """At the end of a run: store the draft if it changed since the last autosave (a session
    that has changed nothing yet, and had no draft, stores none: no database write on a first
    visit), then make sure the browser keeps the id its draft is stored under."""
    _store_draft()
    _keep_browser_id()


def _store_draft() -> None:
    _collect_write()
    draft = current_draft()
    last = LAST_SAVED.get()
    if draft == last or (last is None and _untouched(draft)):
        return
    try:
        current = engine()
    except StorageError as exc:
        FAILED.set(str(exc))
        return
    done = _WRITER.submit(_write, current, current_actor(), owner(), draft)
    WRITING.set(_Write(done, last))
    LAST_SAVED.set(draft)


def _collect_write() -> None:
    """The outcome of the draft write an earlier run handed over (waited for if it is still
    under way): a failure is shown, and the draft stored before it is the last saved again, so
    the next autosave writes the draft anew."""
    writing = WRITING.pop()
    if writing is None:
        return
    try:
        writing.done.result()
    except StorageError as exc:
        FAILED.set(str(exc))
        if writing.before is None:
            LAST_SAVED.clear()
        else:
            LAST_SAVED.set(writing.before)
        return
    FAILED.clear()


def flush() -> None:
    """Wait until every draft write handed over so far is done (what a reader outside the
    app, such as a test, needs before it looks in the database)."""
    _WRITER.submit(lambda: None).result()


def _read(current: Engine, actor: Actor, owner: str) -> Draft | None:
    with session_on(current, actor) as session:
        return load_draft(session=session, owner=owner)


def _write(current: Engine, actor: Actor, owner: str, draft: Draft) -> None:
    with session_on(current, actor) as session:
        save_draft(session=session, owner=owner, draft=draft)


def _keep_browser_id() -> None:
    """Once this browser has a draft and its cookie does not hold the id, set the cookie (at
    the end of the sidebar, in every run of the session from the one that stored the draft:
    the cookie the browser sent stays what it was for the whole session)."""
    if team_mode() or LAST_SAVED.get() is None or _cookie() == browser_id():
        return
    with st.sidebar:
        st.html(
            f"<script>document.cookie = '{COOKIE}={browser_id()}; max-age={COOKIE_MAX_AGE_S}; "
            "path=/; SameSite=Lax';</script>",
            unsafe_allow_javascript=True,
        )


def render_draft_status() -> None:
    """In the sidebar: why the draft could not be kept, if it could not (the outcome of the
    last run's write, collected first)."""
    _collect_write()
    failed = FAILED.get()
    if failed is not None:
        st.caption(f"Your work is not autosaved: {plain(failed)}")
