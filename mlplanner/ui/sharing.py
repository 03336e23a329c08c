"""Team use of a saved plan in the app: who has access (and, for the owner, sharing and
hand-over), its status, its comments and its link. Shown only when sign-in is configured.

Buttons a user may not use are disabled with the reason as help, but the data layer decides:
each action is a callback running one data-layer call as the signed-in user, and a refusal
comes back as a message. All text from users (e-mails, comments) is shown as plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import streamlit as st

from mlplanner.errors import PlannerInputError
from mlplanner.storage import comments, plans, sharing, status
from mlplanner.storage.access import ROLE_RANK
from mlplanner.storage.models import COMMENT_MAX, SHARE_ROLES, PlanSummary
from mlplanner.ui.auth import team_mode
from mlplanner.ui.db import db_session
from mlplanner.ui.links import render_link
from mlplanner.ui.messages import flash, render_flash
from mlplanner.ui.state import get_loaded_plan
from mlplanner.ui.text import error_text, plain

STATUS_LABELS: Final = {"draft": "Draft", "proposed": "Proposed", "approved": "Approved"}


def _act(action: Callable[[], str]) -> None:
    try:
        flash("success", action())
    except PlannerInputError as exc:
        flash("error", error_text(exc))


def can(plan: PlanSummary, role: str) -> bool:
    """Whether the reader's access on the plan is at least ``role``."""
    return ROLE_RANK[plan.access] >= ROLE_RANK[role]


def status_text(plan: PlanSummary) -> str:
    text = STATUS_LABELS[plan.status]
    if plan.approved_revision is not None:
        text += f" · revision {plan.approved_revision} approved by {plain(plan.approved_by or '')}"
    return text


def may_save_revision(plan_id: int) -> bool:
    """Whether the reader may save a revision of the plan (always, without sign-in)."""
    if not team_mode():
        return True
    try:
        with db_session() as session:
            return can(plans.get_plan(session=session, plan_id=plan_id), "editor")
    except PlannerInputError:
        return False


def render_loaded_plan_panel() -> None:
    """On the Plan page, in team mode: the saved plan it shows, with its team panel."""
    loaded = get_loaded_plan()
    if not team_mode() or loaded is None:
        return
    try:
        with db_session() as session:
            plan = plans.get_plan(session=session, plan_id=loaded.plan_id)
    except PlannerInputError as exc:
        st.warning(error_text(exc))
        return
    with st.expander(
        f"Saved plan: {plain(plan.name)} · revision {loaded.opened_revision} · "
        f"{STATUS_LABELS[plan.status].lower()} · {plan.comments} comment(s)",
        expanded=True,
    ):
        render_flash()
        if not can(plan, "editor"):
            st.info("You can view this plan; save your changes as a new plan of your own.")
        render_team_panel(plan, key="plan_page", revision=loaded.opened_revision)


def render_team_panel(plan: PlanSummary, key: str, revision: int | None = None) -> None:
    """Access, status, link (to ``revision`` if given) and comments of one plan; ``key``
    tells instances apart."""
    st.markdown(
        f"**Owner:** {plain(plan.owner_email)} · **you:** {plan.access} · "
        f"**status:** {status_text(plan)}"
    )
    access_col, status_col = st.columns(2)
    with access_col:
        _render_access(plan, key)
    with status_col:
        _render_status(plan, key)
    render_link(plan.id, revision)
    _render_comments(plan, key)


def _render_access(plan: PlanSummary, key: str) -> None:
    st.markdown("**Who has access**")
    with db_session() as session:
        grants = sharing.list_access(session=session, plan_id=plan.id)
    owner = can(plan, "owner")
    st.caption(f"{plain(plan.owner_email)}: owner")
    for grant in grants:
        who_col, remove_col = st.columns([3, 1], vertical_alignment="center")
        who_col.caption(f"{plain(sharing.describe(grant.grantee))}: {grant.role}")
        if owner:
            remove_col.button(
                "Remove",
                key=f"mlp.{key}.unshare.{plan.id}.{grant.grantee}",
                on_click=_unshare,
                args=(plan.id, grant.grantee),
                help="Takes this access back.",
            )
    if not grants:
        st.caption("Nobody else: the plan is private.")
    if not owner:
        return
    who_key, role_key = f"mlp.{key}.share_with.{plan.id}", f"mlp.{key}.share_role.{plan.id}"
    st.text_input(
        "Share with",
        key=who_key,
        placeholder="name@example.com, or everyone",
        help="An e-mail address, or 'everyone' for everyone who can sign in.",
    )
    st.radio(
        "As",
        SHARE_ROLES,
        key=role_key,
        horizontal=True,
        help="Viewers see and comment; editors also save revisions and approve.",
    )
    st.button(
        "Share",
        key=f"mlp.{key}.share.{plan.id}",
        on_click=_share,
        args=(plan.id, who_key, role_key),
        help="Gives this person (or everyone) access to the plan.",
    )
    new_owner_key = f"mlp.{key}.new_owner.{plan.id}"
    st.text_input(
        "Hand over to",
        key=new_owner_key,
        placeholder="name@example.com",
        help="Makes this person the owner; you stay an editor.",
    )
    st.button(
        "Hand over",
        key=f"mlp.{key}.hand_over.{plan.id}",
        on_click=_hand_over,
        args=(plan.id, new_owner_key),
        help="Only the owner deletes, shares and hands over a plan.",
    )


def _render_status(plan: PlanSummary, key: str) -> None:
    st.markdown("**Status**")
    st.caption(
        "The owner proposes a draft; an editor other than the owner approves it. Saving a new "
        "revision makes the plan a draft again."
    )
    moves = {
        "proposed": ("Propose", plan.status == "draft" and can(plan, "owner")),
        "approved": (
            "Approve",
            plan.status == "proposed" and can(plan, "editor") and plan.access != "owner",
        ),
        "draft": ("Back to draft", plan.status != "draft" and can(plan, "editor")),
    }
    for target, (label, allowed) in moves.items():
        st.button(
            label,
            key=f"mlp.{key}.status.{target}.{plan.id}",
            on_click=_set_status,
            args=(plan.id, target),
            disabled=not allowed,
            help=f"Makes the plan {target}.",
        )


def _render_comments(plan: PlanSummary, key: str) -> None:
    st.markdown(f"**Comments ({plan.comments})**")
    with db_session() as session:
        said = comments.list_comments(session=session, plan_id=plan.id)
    for comment in said:
        st.caption(f"{plain(comment.author)} · {comment.created_at:%Y-%m-%d %H:%M} UTC")
        st.text(comment.body)
    text_key = f"mlp.{key}.comment.{plan.id}"
    st.text_area(
        "Add a comment",
        key=text_key,
        max_chars=COMMENT_MAX,
        help="Everyone who can see the plan can read and add comments (plain text).",
    )
    st.button(
        "Comment",
        key=f"mlp.{key}.add_comment.{plan.id}",
        on_click=_comment,
        args=(plan.id, text_key),
        help="Adds your comment, with your e-mail and the time.",
    )


def _share(plan_id: int, who_key: str, role_key: str) -> None:
    def action() -> str:
        who = str(st.session_state.get(who_key, ""))
        with db_session() as session:
            granted = sharing.share(
                session=session,
                plan_id=plan_id,
                grantee=who,
                role=str(st.session_state.get(role_key) or "viewer"),
            )
        st.session_state[who_key] = ""
        return f"Shared with {plain(sharing.describe(granted.grantee))} as {granted.role}."

    _act(action)


def _unshare(plan_id: int, grantee: str) -> None:
    def action() -> str:
        with db_session() as session:
            removed = sharing.unshare(session=session, plan_id=plan_id, grantee=grantee)
        return f"No longer shared with {plain(sharing.describe(removed.grantee))}."

    _act(action)


def _hand_over(plan_id: int, new_owner_key: str) -> None:
    def action() -> str:
        email = str(st.session_state.get(new_owner_key, ""))
        with db_session() as session:
            owner = sharing.hand_over(session=session, plan_id=plan_id, email=email)
        st.session_state[new_owner_key] = ""
        return f"Handed over to {plain(owner)}; you can still edit it."

    _act(action)


def _set_status(plan_id: int, target: str) -> None:
    def action() -> str:
        with db_session() as session:
            moved = status.set_status(session=session, plan_id=plan_id, status=target)
        return f"**{plain(moved.name)}** is now {STATUS_LABELS[moved.status].lower()}."

    _act(action)


def _comment(plan_id: int, text_key: str) -> None:
    def action() -> str:
        with db_session() as session:
            comments.add_comment(
                session=session, plan_id=plan_id, text=str(st.session_state.get(text_key, ""))
            )
        st.session_state[text_key] = ""
        return "Comment added."

    _act(action)
