"""Ownership, sharing, status and comments, checked in the data layer (SQLite and PostgreSQL):
each user acts through a session of their own, as the app and the CLI do."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from mlplanner.storage import comments, plans, sharing, status
from mlplanner.storage.access import LOCAL_USER, AccessDeniedError, Actor, session_for, signed_in
from mlplanner.storage.errors import PlanNotFoundError, StorageError
from mlplanner.storage.models import PlanSummary
from mlplanner.storage.revisions import revision_choices
from tests.storage.support import recommended, seed_startup

ANN = signed_in("sub-ann", "Ann@Example.com")
BOB = signed_in("sub-bob", "bob@example.com")
CAT = signed_in("sub-cat", "cat@example.com")

As = Callable[[Actor], Session]


@pytest.fixture
def as_(engine: Engine) -> As:
    """A fresh session acting as the given user."""
    return lambda actor: session_for(Session(engine), actor)


@pytest.fixture
def anns(as_: As) -> PlanSummary:
    return plans.create_plan(session=as_(ANN), evaluation=recommended(), name="Ann's plan")


def not_shared(plan_id: int) -> str:
    return f"plan {plan_id} does not exist or is not shared with you"


def test_a_new_plan_is_its_creators_own_and_private(as_: As, anns: PlanSummary) -> None:
    assert (anns.owner_email, anns.access, anns.status) == ("ann@example.com", "owner", "draft")
    assert plans.list_plans(session=as_(BOB)) == []
    assert plans.count_plans(session=as_(BOB)) == 0
    with pytest.raises(PlanNotFoundError) as hidden:
        plans.open_revision(session=as_(BOB), plan_id=anns.id)
    with pytest.raises(PlanNotFoundError) as missing:
        plans.open_revision(session=as_(BOB), plan_id=anns.id + 100)
    assert str(hidden.value) == not_shared(anns.id)
    assert str(missing.value) == not_shared(anns.id + 100)
    assert revision_choices(session=as_(BOB)) == []


def test_a_viewer_reads_but_every_change_is_refused_naming_the_right(
    as_: As, anns: PlanSummary
) -> None:
    sharing.share(session=as_(ANN), plan_id=anns.id, grantee="BOB@example.com", role="viewer")
    [seen] = plans.list_plans(session=as_(BOB))
    assert (seen.id, seen.access) == (anns.id, "viewer")
    assert plans.open_revision(session=as_(BOB), plan_id=anns.id).plan.name == "Ann's plan"
    refused = {
        "saving a revision needs the editor right": lambda s: plans.save_revision(
            session=s, plan_id=anns.id, evaluation=recommended(), base_revision=1
        ),
        "renaming needs the editor right": lambda s: plans.rename(
            session=s, plan_id=anns.id, name="Mine now"
        ),
        "restoring a revision needs the editor right": lambda s: plans.restore_revision(
            session=s, plan_id=anns.id, number=1, base_revision=1
        ),
        "deleting needs the owner right": lambda s: plans.delete(session=s, plan_id=anns.id),
        "sharing needs the owner right": lambda s: sharing.share(
            session=s, plan_id=anns.id, grantee="cat@example.com", role="viewer"
        ),
        "handing it over needs the owner right": lambda s: sharing.hand_over(
            session=s, plan_id=anns.id, email="bob@example.com"
        ),
    }
    for message, action in refused.items():
        with pytest.raises(AccessDeniedError, match=message) as denied:
            action(as_(BOB))
        assert "you are a viewer of this plan" in str(denied.value)
    after = plans.get_plan(session=as_(ANN), plan_id=anns.id)
    assert (after.name, after.latest_revision, after.in_trash) == ("Ann's plan", 1, False)


def test_an_editor_saves_revisions_recorded_as_theirs_but_only_the_owner_deletes(
    as_: As, anns: PlanSummary
) -> None:
    sharing.share(session=as_(ANN), plan_id=anns.id, grantee="bob@example.com", role="editor")
    saved = plans.save_revision(
        session=as_(BOB),
        plan_id=anns.id,
        evaluation=recommended(seed_startup()),
        base_revision=1,
    )
    assert (saved.latest_revision, saved.access) == (2, "editor")
    history = plans.list_revisions(session=as_(ANN), plan_id=anns.id)
    assert [(r.number, r.saved_by) for r in history] == [
        (2, "bob@example.com"),
        (1, "ann@example.com"),
    ]
    plans.rename(session=as_(BOB), plan_id=anns.id, name="Renamed by Bob")
    with pytest.raises(AccessDeniedError, match="deleting needs the owner right"):
        plans.delete(session=as_(BOB), plan_id=anns.id)
    plans.delete(session=as_(ANN), plan_id=anns.id)
    # In the trash the plan is its owner's alone.
    with pytest.raises(PlanNotFoundError, match=not_shared(anns.id)):
        plans.get_plan(session=as_(BOB), plan_id=anns.id, include_trash=True)
    assert plans.list_plans(session=as_(BOB), trash=True) == []
    with pytest.raises(PlanNotFoundError, match=not_shared(anns.id)):
        plans.purge(session=as_(BOB), plan_id=anns.id)
    plans.purge(session=as_(ANN), plan_id=anns.id)
    assert plans.count_plans(session=as_(ANN), trash=True) == 0


def test_sharing_with_everyone_signed_in_and_taking_it_back(as_: As, anns: PlanSummary) -> None:
    sharing.share(session=as_(ANN), plan_id=anns.id, grantee="everyone", role="viewer")
    sharing.share(session=as_(ANN), plan_id=anns.id, grantee="cat@example.com", role="editor")
    assert [p.access for p in plans.list_plans(session=as_(BOB))] == ["viewer"]
    assert [p.access for p in plans.list_plans(session=as_(CAT))] == ["editor"]
    assert [
        (s.grantee, s.role) for s in sharing.list_access(session=as_(BOB), plan_id=anns.id)
    ] == [
        ("*", "viewer"),
        ("cat@example.com", "editor"),
    ]
    sharing.unshare(session=as_(ANN), plan_id=anns.id, grantee="everyone")
    assert plans.list_plans(session=as_(BOB)) == []
    with pytest.raises(StorageError, match="not shared with everyone signed in"):
        sharing.unshare(session=as_(ANN), plan_id=anns.id, grantee="*")
    with pytest.raises(StorageError, match="share with: 'not-an-address' is not an e-mail"):
        sharing.share(session=as_(ANN), plan_id=anns.id, grantee="not-an-address", role="viewer")
    with pytest.raises(StorageError, match="role: 'admin' is not one of viewer, editor"):
        sharing.share(session=as_(ANN), plan_id=anns.id, grantee="bob@example.com", role="admin")


def test_mine_and_shared_with_me(as_: As, anns: PlanSummary) -> None:
    bobs = plans.create_plan(session=as_(BOB), evaluation=recommended(), name="Bob's plan")
    sharing.share(session=as_(ANN), plan_id=anns.id, grantee="bob@example.com", role="viewer")
    names = {
        scope: [p.name for p in plans.list_plans(session=as_(BOB), scope=scope, sort="name")]
        for scope in plans.SCOPES
    }
    assert names == {
        "all": ["Ann's plan", "Bob's plan"],
        "mine": ["Bob's plan"],
        "shared": ["Ann's plan"],
    }
    assert plans.count_plans(session=as_(BOB), scope="shared") == 1
    assert [c.plan_id for c in revision_choices(session=as_(BOB))] == [bobs.id, anns.id]


def test_handing_over_makes_the_new_owner_owner_and_keeps_the_old_one_an_editor(
    as_: As, anns: PlanSummary
) -> None:
    sharing.hand_over(session=as_(ANN), plan_id=anns.id, email="Bob@example.com")
    summary = plans.get_plan(session=as_(BOB), plan_id=anns.id)
    assert (summary.owner_email, summary.access) == ("bob@example.com", "owner")
    assert plans.get_plan(session=as_(ANN), plan_id=anns.id).access == "editor"
    sharing.share(session=as_(BOB), plan_id=anns.id, grantee="cat@example.com", role="viewer")
    with pytest.raises(AccessDeniedError, match="sharing needs the owner right"):
        sharing.share(session=as_(ANN), plan_id=anns.id, grantee="cat@example.com", role="editor")


def test_status_owner_proposes_another_editor_approves_a_new_revision_is_a_draft(
    as_: As, anns: PlanSummary
) -> None:
    sharing.share(session=as_(ANN), plan_id=anns.id, grantee="bob@example.com", role="editor")
    with pytest.raises(StorageError, match="only a proposed plan can become approved"):
        status.set_status(session=as_(BOB), plan_id=anns.id, status="approved")
    with pytest.raises(AccessDeniedError, match="proposing needs the owner right"):
        status.set_status(session=as_(BOB), plan_id=anns.id, status="proposed")
    status.set_status(session=as_(ANN), plan_id=anns.id, status="proposed")
    with pytest.raises(StorageError, match="an editor other than the owner approves"):
        status.set_status(session=as_(ANN), plan_id=anns.id, status="approved")
    approved = status.set_status(session=as_(BOB), plan_id=anns.id, status="approved")
    assert (approved.status, approved.approved_revision, approved.approved_by) == (
        "approved",
        1,
        "bob@example.com",
    )
    saved = plans.save_revision(
        session=as_(ANN), plan_id=anns.id, evaluation=recommended(), base_revision=1
    )
    assert (saved.status, saved.latest_revision, saved.approved_revision) == ("draft", 2, 1)
    with pytest.raises(StorageError, match="status: 'done' is not one of draft, proposed"):
        status.set_status(session=as_(ANN), plan_id=anns.id, status="done")


def test_a_viewer_cannot_approve(as_: As, anns: PlanSummary) -> None:
    sharing.share(session=as_(ANN), plan_id=anns.id, grantee="bob@example.com", role="viewer")
    status.set_status(session=as_(ANN), plan_id=anns.id, status="proposed")
    with pytest.raises(AccessDeniedError, match="approving needs the editor right"):
        status.set_status(session=as_(BOB), plan_id=anns.id, status="approved")


def test_comments_with_author_and_count_from_viewers_too(as_: As, anns: PlanSummary) -> None:
    sharing.share(session=as_(ANN), plan_id=anns.id, grantee="bob@example.com", role="viewer")
    comments.add_comment(session=as_(ANN), plan_id=anns.id, text="  Ready for review  ")
    comments.add_comment(session=as_(BOB), plan_id=anns.id, text="Why two leads?\n**Really?**")
    listed = comments.list_comments(session=as_(BOB), plan_id=anns.id)
    assert [(c.author, c.body) for c in listed] == [
        ("ann@example.com", "Ready for review"),
        ("bob@example.com", "Why two leads?\n**Really?**"),
    ]
    assert plans.get_plan(session=as_(ANN), plan_id=anns.id).comments == 2
    with pytest.raises(PlanNotFoundError, match=not_shared(anns.id)):
        comments.add_comment(session=as_(CAT), plan_id=anns.id, text="Let me in")
    problems = {"   ": "must not be empty", "a\tb": "must not contain control characters"}
    for text, problem in problems.items():
        with pytest.raises(StorageError, match=f"comment: {problem}"):
            comments.add_comment(session=as_(ANN), plan_id=anns.id, text=text)
    with pytest.raises(StorageError, match="at most 2,000 characters"):
        comments.add_comment(session=as_(ANN), plan_id=anns.id, text="x" * 2001)


def test_the_local_user_is_an_administrator_of_every_plan(as_: As, anns: PlanSummary) -> None:
    local = plans.create_plan(session=as_(LOCAL_USER), evaluation=recommended(), name="Local")
    listed = plans.list_plans(session=as_(LOCAL_USER), sort="name")
    assert [(p.name, p.access) for p in listed] == [
        ("Ann's plan", "administrator"),
        ("Local", "owner"),
    ]
    plans.rename(session=as_(LOCAL_USER), plan_id=anns.id, name="Tidied")
    assert plans.list_plans(session=as_(ANN)) == [plans.get_plan(session=as_(ANN), plan_id=anns.id)]
    with pytest.raises(PlanNotFoundError, match=f"^plan {local.id + 9} does not exist$"):
        plans.get_plan(session=as_(LOCAL_USER), plan_id=local.id + 9)
