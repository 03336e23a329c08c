"""Sign-in, with Streamlit's own OpenID Connect support (``st.login``), when configured.

Two modes. Without an ``[auth]`` section in ``secrets.toml`` the app is single-user: no
sign-in, every action is the local user's (an administrator of every plan). With one, every
page first requires ``st.login``; the user's OIDC subject and e-mail (``st.user.sub`` and
``st.user.email``) are who acts in the data layer (:mod:`mlplanner.storage.access`), and the
sidebar shows who is signed in with a Sign out button (``st.logout``).
"""

from __future__ import annotations

import streamlit as st

from mlplanner.errors import PlannerInputError
from mlplanner.storage.access import LOCAL_USER, Actor, signed_in
from mlplanner.ui.state import Slot
from mlplanner.ui.text import plain

# Whether this session runs in team mode, read at its first run: without a secrets file,
# Streamlit looks for one on disk at every call (0.1 ms, six calls a run). A secrets file
# added or removed while the server runs counts from the next session.
_TEAM_MODE: Slot[bool] = Slot("mlp.team_mode")


def team_mode() -> bool:
    """Whether sign-in is configured: ``secrets.toml`` has an ``[auth]`` section."""
    known = _TEAM_MODE.get()
    if known is None:
        known = st.secrets.load_if_toml_exists() and "auth" in st.secrets
        _TEAM_MODE.set(known)
    return known


def current_actor() -> Actor:
    """Who acts: the signed-in user in team mode, else the local user."""
    if not team_mode():
        return LOCAL_USER
    return signed_in(str(st.user.get("sub") or ""), str(st.user.get("email") or ""))


def needs_sign_in() -> bool:
    """Whether this visitor must sign in before seeing any page."""
    return team_mode() and not st.user.is_logged_in


def require_sign_in() -> None:
    """In team mode, stop the page for anyone not signed in (or signed in without an e-mail,
    which sharing needs), offering the sign-in button instead."""
    if not team_mode():
        return
    if not needs_sign_in():
        try:
            current_actor()
            return
        except PlannerInputError:
            st.error(
                "Your sign-in provider did not send an e-mail address, which ML Team Planner "
                "needs to share plans. Ask your administrator to include the `email` scope."
            )
            st.button("Sign out", on_click=st.logout, key="mlp.auth.sign_out_no_email")
            st.stop()
    st.title("ML Team Planner")
    st.markdown(
        "Sign in to see your plans and the plans shared with you. Plans are private until "
        "their owner shares them."
    )
    st.button(
        "Sign in",
        type="primary",
        on_click=st.login,
        key="mlp.auth.sign_in",
        help="Signs in with your organisation's account (OpenID Connect).",
    )
    st.stop()


def render_account() -> None:
    """In team mode: who is signed in, and the Sign out button, in the sidebar."""
    if not team_mode():
        return
    actor = current_actor()
    with st.sidebar:
        name = str(st.user.get("name") or actor.email)
        st.caption(f"Signed in as **{plain(name)}** ({plain(actor.email)})")
        st.button(
            "Sign out",
            on_click=st.logout,
            key="mlp.auth.sign_out",
            help="Signs you out of ML Team Planner in this browser.",
        )
