"""``plans … --as EMAIL`` and the team commands: share, unshare, hand-over, status, comment.

The CLI acts as the named user under the app's rules; without ``--as`` as the local user, an
administrator, and it says so once the database holds other people's plans."""

from __future__ import annotations

import json

import pytest

from mlplanner.cli.main import main
from tests.storage.test_cli_plans import FASHION, SEED, cli_database, fails, ok, saved_id

__all__ = ["cli_database"]  # the fixture, used through pytest.mark.usefixtures
ANN = ("--as", "ann@example.com")
BOB = ("--as", "bob@example.com")
NOTE = "note: acting as the local user, an administrator of every plan"


def not_shared(plan_id: int) -> str:
    return f"plan {plan_id} does not exist or is not shared with you"


@pytest.mark.usefixtures("cli_database")
def test_a_users_plan_is_private_until_shared(capsys: pytest.CaptureFixture[str]) -> None:
    plan_id = saved_id(ok(capsys, "save", str(FASHION), *ANN))
    assert json.loads(ok(capsys, "list", "--format", "json", *BOB)) == []
    assert fails(capsys, "show", str(plan_id), *BOB) == not_shared(plan_id)
    assert fails(capsys, "show", str(plan_id + 1), *BOB) == not_shared(plan_id + 1)
    assert ok(capsys, "share", str(plan_id), "bob@example.com", "--role", "viewer", *ANN) == (
        f"Shared plan {plan_id} with bob@example.com as viewer\n"
    )
    [listed] = json.loads(ok(capsys, "list", "--format", "json", *BOB))
    assert (listed["id"], listed["owner_email"], listed["access"]) == (
        plan_id,
        "ann@example.com",
        "viewer",
    )
    header, row = ok(capsys, "list", *BOB).splitlines()[:2]
    assert header.split()[-5:] == ["status", "owner", "access", "comments", "name"]
    assert row.split()[7:11] == ["draft", "ann@example.com", "viewer", "0"]
    shown = ok(capsys, "show", str(plan_id), *BOB)
    assert "Owner: ann@example.com · status: draft · you: viewer" in shown
    assert "Shared with: bob@example.com (viewer)" in shown
    refused = fails(capsys, "save", str(SEED), "--plan", str(plan_id), "--base-revision", "1", *BOB)
    assert "saving a revision needs the editor right; you are a viewer" in refused
    ok(capsys, "unshare", str(plan_id), "bob@example.com", *ANN)
    assert fails(capsys, "show", str(plan_id), *BOB) == not_shared(plan_id)


@pytest.mark.usefixtures("cli_database")
def test_an_editor_saves_proposal_approval_and_comments(
    capsys: pytest.CaptureFixture[str],
) -> None:
    plan_id = saved_id(ok(capsys, "save", str(FASHION), *ANN))
    ok(capsys, "share", str(plan_id), "everyone", "--role", "editor", *ANN)
    ok(capsys, "save", str(SEED), "--plan", str(plan_id), "--base-revision", "1", *BOB)
    assert ok(capsys, "status", str(plan_id), "proposed", *ANN).endswith("is now proposed\n")
    assert "an editor other than the owner approves" in fails(
        capsys, "status", str(plan_id), "approved", *ANN
    )
    assert ok(capsys, "status", str(plan_id), "approved", *BOB).endswith(
        "is now approved (revision 2 approved by bob@example.com)\n"
    )
    assert ok(capsys, "comment", str(plan_id), "Looks right", *BOB) == (
        f"Commented on plan {plan_id} as bob@example.com\n"
    )
    shown = json.loads(ok(capsys, "show", str(plan_id), "--format", "json", *ANN))
    assert shown["status"] == "approved" and shown["saved_by"] == "bob@example.com"
    assert shown["shared_with"] == [{"grantee": "*", "role": "editor"}]
    assert [(c["author"], c["body"]) for c in shown["comment_list"]] == [
        ("bob@example.com", "Looks right")
    ]
    assert "deleting needs the owner right" in fails(capsys, "delete", str(plan_id), *BOB)


@pytest.mark.usefixtures("cli_database")
def test_without_as_the_local_administrator_acts_and_says_so(
    capsys: pytest.CaptureFixture[str],
) -> None:
    plan_id = saved_id(ok(capsys, "save", str(FASHION)))  # no note: only local plans so far
    ok(capsys, "hand-over", str(plan_id), "ann@example.com")
    assert main(["plans", "list", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert err.startswith(NOTE)
    [listed] = json.loads(out)
    assert (listed["owner_email"], listed["access"]) == ("ann@example.com", "administrator")
    [mine] = json.loads(ok(capsys, "list", "--format", "json", "--scope", "mine", *ANN))
    assert mine["access"] == "owner"
    assert fails(capsys, "list", "--as", "nobody") == "--as: 'nobody' is not an e-mail address"
