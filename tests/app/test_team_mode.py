"""The app with sign-in configured (an ``[auth]`` secrets section), in AppTest.

AppTest cannot run an OpenID Connect sign-in; it seeds ``st.user`` instead (``AppTest.user``),
which is what the app reads after a real sign-in (the browser test in
tests/browser/test_team_servers.py signs in for real). Each user has an AppTest of their own
on one database, as two browsers would."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from mlplanner.storage import plans, sharing
from mlplanner.storage.access import session_for, signed_in
from mlplanner.ui.state import LOADED_PLAN
from tests.app.apptest import (
    APP,
    PLAN_PAGE,
    PLANS_PAGE,
    TIMEOUT_S,
    button,
    open_plan_tab,
    run,
    texts,
)
from tests.storage.support import recommended

AUTH: dict[str, Any] = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-test-cookie-secret-of-enough-length",
    "client_id": "planner",
    "client_secret": "secret",
    "server_metadata_url": "http://localhost:9400/.well-known/openid-configuration",
}
ANN = {"is_logged_in": True, "sub": "sub-ann", "email": "ann@example.com", "name": "Ann"}
BOB = {"is_logged_in": True, "sub": "sub-bob", "email": "bob@example.com", "name": "Bob"}
CAT = {"is_logged_in": True, "sub": "sub-cat", "email": "cat@example.com", "name": "Cat"}
NOT_SHARED = "does not exist or is not shared with you"


def app_as(user: dict[str, Any], page: str | None = None, **query: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    at.secrets["auth"] = AUTH
    at.user = user
    at.query_params.update(query)
    run(at)
    if page is not None:
        at.switch_page(page)
        run(at)
    return at


def click(at: AppTest, label: str, index: int = 0) -> AppTest:
    [b for b in at.button if b.label == label][index].click()
    return run(at)


def anns_plan(engine: Engine, name: str = "Ann's plan") -> int:
    with session_for(Session(engine), signed_in("sub-ann", "ann@example.com")) as session:
        return plans.create_plan(session=session, evaluation=recommended(), name=name).id


def share(engine: Engine, plan_id: int, who: str, role: str) -> None:
    with session_for(Session(engine), signed_in("sub-ann", "ann@example.com")) as session:
        sharing.share(session=session, plan_id=plan_id, grantee=who, role=role)


def test_without_auth_secrets_there_is_no_sign_in_and_no_team_controls(engine: Engine) -> None:
    anns_plan(engine)  # someone else's plan: the local user administers every plan
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    at.user = {}
    run(at)
    at.switch_page(PLANS_PAGE)
    run(at)
    assert "Sign in" not in [b.label for b in at.button]
    assert "Sign out" not in [b.label for b in at.sidebar.button]
    assert [r.label for r in at.radio] == ["Show"]
    assert "Owner" not in at.dataframe[0].value.columns
    assert not at.code and "Share" not in [b.label for b in at.button]
    assert not button(at, "Delete").disabled


def test_signed_out_visitors_see_only_the_sign_in_button(engine: Engine) -> None:
    anns_plan(engine)
    at = app_as({"is_logged_in": False})
    assert [t.value for t in at.title] == ["ML Team Planner"]
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.dataframe and not at.metric


def test_the_sidebar_says_who_is_signed_in(engine: Engine) -> None:
    at = app_as(ANN)
    assert any("Signed in as **Ann** (ann@example.com)" in c for c in texts(at.sidebar.caption))
    assert "Sign out" in [b.label for b in at.sidebar.button]


def test_a_private_plan_is_invisible_to_others_and_shared_opens_read_only(
    engine: Engine,
) -> None:
    plan_id = anns_plan(engine)
    bob = app_as(BOB, PLANS_PAGE)
    assert any("No saved plans yet" in info for info in texts(bob.info))
    share(engine, plan_id, "bob@example.com", "viewer")
    bob = app_as(BOB, PLANS_PAGE)
    bob.radio(key="mlp.plans.scope").set_value("shared")
    run(bob)
    table = bob.dataframe[0].value
    assert list(table["Name"]) == ["Ann's plan"]
    assert list(table["Owner"]) == ["ann@example.com"]
    assert list(table["Your access"]) == ["viewer"]
    assert button(bob, "Delete").disabled and button(bob, "Rename").disabled
    open_plan_tab(bob, "Sharing")
    assert any("**you:** viewer" in md for md in texts(bob.markdown))
    assert "Share" not in [b.label for b in bob.button]  # only the owner shares
    button(open_plan_tab(bob, "Open and manage"), "Open").click()
    run(bob)
    assert bob.session_state[LOADED_PLAN].plan_id == plan_id
    assert "You can view this plan; save your changes as a new plan of your own." in texts(bob.info)
    bob.switch_page(PLANS_PAGE)
    run(bob)
    assert button(bob, "Save as revision 2").disabled  # the Save control is read-only too
    assert not button(bob, "Save as a new plan").disabled


@pytest.mark.parametrize(("user", "opens"), [(ANN, True), (BOB, True), (CAT, False)])
def test_a_link_opens_the_plan_for_those_it_is_shared_with_only(
    engine: Engine, user: dict[str, Any], opens: bool
) -> None:
    plan_id = anns_plan(engine, "Linked plan")
    share(engine, plan_id, "bob@example.com", "editor")
    at = app_as(user, plan=str(plan_id))
    if opens:
        assert at.session_state[LOADED_PLAN].plan_id == plan_id
        assert not at.error
    else:
        assert LOADED_PLAN not in at.session_state
        assert texts(at.error) == [f"Plan {plan_id} {NOT_SHARED}"]
    missing = app_as(user, plan=str(plan_id + 50))
    assert texts(missing.error) == [f"Plan {plan_id + 50} {NOT_SHARED}"]


def test_the_owner_shares_from_the_plans_page_and_the_editor_approves_and_comments(
    engine: Engine,
) -> None:
    plan_id = anns_plan(engine)
    ann = open_plan_tab(app_as(ANN, PLANS_PAGE), "Sharing")
    ann.text_input(key=f"mlp.plans.share_with.{plan_id}").set_value("Bob@Example.com")
    ann.radio(key=f"mlp.plans.share_role.{plan_id}").set_value("editor")
    click(ann, "Share")
    assert texts(ann.success) == ["Shared with bob@example.com as editor."]
    assert any("bob@example.com: editor" in c for c in texts(ann.caption))
    assert button(ann, "Approve").disabled  # a draft; and the owner never approves
    click(ann, "Propose")
    assert texts(ann.success) == ["**Ann's plan** is now proposed."]

    bob = open_plan_tab(app_as(BOB, PLANS_PAGE), "Sharing")
    assert button(bob, "Propose").disabled  # only the owner proposes
    click(bob, "Approve")
    assert texts(bob.success) == ["**Ann's plan** is now approved."]
    bob.text_area(key=f"mlp.plans.comment.{plan_id}").set_value("Approved: *two* leads is right")
    click(bob, "Comment")
    assert [t.value for t in bob.text] == ["Approved: *two* leads is right"]
    assert any("Comments (1)" in md for md in texts(bob.markdown))
    assert list(bob.dataframe[0].value["Status"]) == ["approved"]
    assert "Hand over" not in [b.label for b in bob.button]

    ann = open_plan_tab(app_as(ANN, PLANS_PAGE), "Sharing")
    ann.text_input(key=f"mlp.plans.new_owner.{plan_id}").set_value("cat@example.com")
    click(ann, "Hand over")
    assert texts(ann.success) == ["Handed over to cat@example.com; you can still edit it."]
    assert list(ann.dataframe[0].value["Your access"]) == ["editor"]
    assert button(open_plan_tab(ann, "Open and manage"), "Delete").disabled


def test_the_plan_page_shows_the_opened_plans_status_link_and_comments(engine: Engine) -> None:
    plan_id = anns_plan(engine)
    at = app_as(ANN, plan=str(plan_id), revision="1")
    at.switch_page(PLAN_PAGE)
    run(at)
    assert at.expander[0].label.startswith("Saved plan: Ann's plan · revision 1 · draft")
    assert any(code.value.endswith(f"plan?plan={plan_id}&revision=1") for code in at.code)
